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
 * command line, then FORCE_HYPERLINK and FORCE_COLOR, then the config file, then NO_COLOR and
 * TERM=dumb (no-color.org: a program's own config may turn colour back on), aerc and the terminal.
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

// https://no-color.org: NO_COLOR (any non-empty value) removes colour only, not bold or underline,
// and only under `auto`: a config file's `color = "always"` turns it back on. FORCE_COLOR=0 turns all
// SGR off (chalk's level 0), other values force it on; TERM=dumb has none.
function decideSgr(flag: When, fromFile: boolean, env: Surroundings['env'], auto: boolean): { styles: boolean; color: boolean } {
  const force = forced(env.FORCE_COLOR);
  const styles = decide(flag, fromFile, force, () => auto && env.TERM !== 'dumb');
  const noColor = flag === 'auto' && force === undefined && env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { styles, color: styles && !noColor };
}

function decideWidth(options: Options, s: Surroundings): number {
  if (options.width !== undefined) return options.width;
  // COLUMNS first: aerc 0.20 sets it for filters, whose output is a pipe.
  const fromEnv = Number(s.env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : s.columns;
  if (columns === undefined || columns <= 0) return Math.min(80, options.maxWidth);
  return Math.max(10, Math.min(columns, options.maxWidth));
}
