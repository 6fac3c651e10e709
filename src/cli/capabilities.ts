import type { LinkStyle, Options, Terminator, When } from './options.js';

/** What the output may contain, decided once in cli.ts and passed down. */
export interface Capabilities {
  readonly hyperlinks: boolean;
  /** Any SGR at all: bold, italic, underline, dim (`--color never` writes none). */
  readonly styles: boolean;
  /** Colour SGR on top of the styles; NO_COLOR turns this off but keeps the styles (no-color.org). */
  readonly color: boolean;
  readonly footnotes: boolean;
  readonly width: number;
  readonly linkStyle: LinkStyle;
  readonly terminator: Terminator;
  /** The pager is less 661+ started by mailview: `#id` links jump within the text (^O^O). */
  readonly lessNavigation: boolean;
}

/** The parts of the environment that decide capabilities. */
export interface Surroundings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** The terminal's columns when stdout is a terminal. */
  readonly columns?: number;
  /** mailview will start less 661+ as its pager (pager.ts lessNavigates). */
  readonly lessNavigates?: boolean;
}

/**
 * Decide hyperlinks, colour, footnotes and width from flags, environment and the terminal: the
 * command line, then FORCE_HYPERLINK, FORCE_COLOR, NO_COLOR and TERM=dumb, then the config file,
 * then aerc and the terminal.
 */
export function decideCapabilities(options: Options, s: Surroundings): Capabilities {
  const aerc = underAerc(s.env);
  const file = options.fromFile;
  const hyperlinks = decide(options.hyperlinks, file.has('hyperlinks'), forced(s.env.FORCE_HYPERLINK), () => (aerc ? s.env.AERC_OSC8_URLS === '1' : s.stdoutIsTTY));
  const { styles, color } = decideSgr(options.color, file.has('color'), s.env, s.stdoutIsTTY || aerc);
  const footnotes = options.footnotes === 'auto' ? !hyperlinks : options.footnotes === 'always';
  return {
    hyperlinks,
    styles,
    color,
    footnotes,
    width: decideWidth(options, s),
    linkStyle: options.linkStyle,
    // aerc 0.14 reads the ESC of `ESC \` into the URI; BEL passes every aerc unharmed.
    terminator: options.osc8Terminator ?? (aerc ? 'bel' : 'st'),
    lessNavigation: hyperlinks && s.lessNavigates === true,
  };
}

// aerc sets AERC_MIME_TYPE for every filter it runs (aerc-config(5), FILTERS); its viewer shows SGR.
function underAerc(env: Surroundings['env']): boolean {
  return env.AERC_MIME_TYPE !== undefined && env.AERC_MIME_TYPE !== '';
}

// The command line's value, then the forcing variable, then the config file's value, then `auto`.
function decide(flag: When, fromFile: boolean, force: boolean | undefined, auto: () => boolean): boolean {
  if (flag !== 'auto' && !fromFile) return flag === 'always';
  if (force !== undefined) return force;
  return flag === 'auto' ? auto() : flag === 'always';
}

// FORCE_HYPERLINK=1 / =0, as supports-hyperlinks reads it; FORCE_COLOR the same way (0 or false: off).
function forced(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value !== '0' && value !== 'false';
}

// https://no-color.org: NO_COLOR (any non-empty value) removes colour only, not bold or underline.
// FORCE_COLOR=0 turns all SGR off (chalk's level 0), other values force it on; TERM=dumb has none.
// Both sit above the config file (command line > environment > file > default).
const noSgr = { styles: false, color: false } as const;
function decideSgr(flag: When, fromFile: boolean, env: Surroundings['env'], auto: boolean): { styles: boolean; color: boolean } {
  if (flag !== 'auto' && !fromFile) return flag === 'always' ? { styles: true, color: true } : noSgr;
  const force = forced(env.FORCE_COLOR);
  if (force !== undefined) return force ? { styles: true, color: true } : noSgr;
  if (env.TERM === 'dumb') return noSgr;
  const styles = flag === 'auto' ? auto : flag === 'always';
  return { styles, color: styles && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') };
}

function decideWidth(options: Options, s: Surroundings): number {
  if (options.width !== undefined) return options.width;
  // COLUMNS first: aerc 0.20 sets it for filters, whose output is a pipe.
  const fromEnv = Number(s.env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : s.columns;
  if (columns === undefined || columns <= 0) return Math.min(80, options.maxWidth);
  return Math.max(10, Math.min(columns, options.maxWidth));
}
