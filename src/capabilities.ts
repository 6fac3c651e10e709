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

/** Decide hyperlinks, colour, footnotes and width from flags, environment and the terminal. */
export function decideCapabilities(options: Options, s: Surroundings): Capabilities {
  const hyperlinks = decide(options.hyperlinks, s.stdoutIsTTY, forced(s.env.FORCE_HYPERLINK));
  const color = decide(options.color, s.stdoutIsTTY, colorFromEnv(s.env));
  const footnotes = options.footnotes === 'auto' ? !hyperlinks : options.footnotes === 'always';
  return { hyperlinks, color, footnotes, width: decideWidth(options, s) };
}

function decide(flag: When, tty: boolean, env: boolean | undefined): boolean {
  if (flag !== 'auto') return flag === 'always';
  return env ?? tty;
}

// FORCE_HYPERLINK=1 / =0, as supports-hyperlinks reads it.
function forced(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value !== '0' && value !== 'false';
}

// https://no-color.org: NO_COLOR (any non-empty value) turns colour off; FORCE_COLOR=0 off, other values on.
function colorFromEnv(env: Surroundings['env']): boolean | undefined {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
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
