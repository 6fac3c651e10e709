import type { Options, When } from './options.js';

/** What the output may contain, decided once in cli.ts and passed down. */
export interface Capabilities {
  readonly hyperlinks: boolean;
  readonly color: boolean;
  readonly footnotes: boolean;
  readonly width: number;
}

/** The parts of the environment that decide capabilities. */
export interface Surroundings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** The terminal's columns when stdout is a terminal. */
  readonly columns?: number;
}

/**
 * Decide hyperlinks, colour, footnotes and width from flags, environment and the terminal: the
 * command line, then FORCE_HYPERLINK and FORCE_COLOR, then the config file, then NO_COLOR and
 * TERM=dumb (no-color.org: a program's own config may turn colour back on), then the terminal.
 */
export function decideCapabilities(options: Options, s: Surroundings): Capabilities {
  const file = options.fromFile;
  const hyperlinks = decide(options.hyperlinks, file.has('hyperlinks'), s.stdoutIsTTY, forced(s.env.FORCE_HYPERLINK), undefined);
  const color = decide(options.color, file.has('color'), s.stdoutIsTTY, forced(s.env.FORCE_COLOR), colorOff(s.env));
  const footnotes = options.footnotes === 'auto' ? !hyperlinks : options.footnotes === 'always';
  return { hyperlinks, color, footnotes, width: decideWidth(options, s) };
}

function decide(flag: When, fromFile: boolean, tty: boolean, force: boolean | undefined, off: false | undefined): boolean {
  if (flag !== 'auto' && !fromFile) return flag === 'always';
  if (force !== undefined) return force;
  if (flag !== 'auto') return flag === 'always';
  return off ?? tty;
}

// FORCE_HYPERLINK=1 / =0, as supports-hyperlinks reads it; FORCE_COLOR the same way (0 or false: off).
function forced(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value !== '0' && value !== 'false';
}

// https://no-color.org: NO_COLOR (any non-empty value) turns colour off, as a dumb terminal does.
function colorOff(env: Surroundings['env']): false | undefined {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return undefined;
}

function decideWidth(options: Options, s: Surroundings): number {
  if (options.width !== undefined) return options.width;
  const fromEnv = Number(s.env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : s.columns;
  if (columns === undefined || columns <= 0) return Math.min(80, options.maxWidth);
  return Math.max(10, Math.min(columns, options.maxWidth));
}
