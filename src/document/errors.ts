/** sysexits(3) codes that mailview exits with. */
export const ExitCode = {
  ok: 0,
  usage: 64,
  data: 65,
  noInput: 66,
  unavailable: 69,
  software: 70,
  io: 74,
  /** EX_CONFIG: the config file cannot be read or is wrong. */
  config: 78,
} as const;

/** One of the sysexits codes above. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: cli.ts prints `mailview: <what>: <why>` and exits with `code`. */
export class MailviewError extends Error {
  constructor(
    readonly code: ExitCodeValue,
    readonly what: string,
    readonly why: string,
  ) {
    super(`${what}: ${why}`);
    this.name = 'MailviewError';
  }
}
