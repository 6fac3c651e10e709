import { parseArgs } from 'node:util';
import { ExitCode, MailviewError } from '../document/errors.js';

import type { LinkStyle, Terminator, When } from '../document/terminal.js';
import { kindOfType, type StatedKind } from '../input/input.js';

export type { LinkStyle, Terminator, When } from '../document/terminal.js';

/** Everything the command line says, typed. Environment is read by capabilities.ts and cli.ts. */
export interface Options {
  readonly files: readonly string[];
  readonly html: boolean;
  /** --type TYPE: what headerless input is (mailcap's %t). */
  readonly type?: StatedKind;
  readonly prefer: 'html' | 'plain';
  readonly headers: readonly string[];
  readonly width?: number;
  readonly maxWidth: number;
  readonly hyperlinks: When;
  readonly color: When;
  readonly footnotes: When;
  readonly linkStyle: LinkStyle;
  /** Undefined when not given: capabilities.ts picks one (BEL under aerc). */
  readonly osc8Terminator?: Terminator;
  readonly pager?: string;
  readonly noPager: boolean;
  readonly unwrap: boolean;
  readonly keepTracking: boolean;
  readonly trustAuthserv: readonly string[];
  readonly trackingNotice: boolean;
  /** A `View in browser` link in the header block when paging (src/browser-view.ts). */
  readonly viewLink: boolean;
  readonly listLinks: boolean;
  /** FILE arguments name bundled samples (src/samples.ts) instead of files. */
  readonly sample: boolean;
  /** Write the HTML to a private file and open it with the user's opener (src/browser.ts). */
  readonly browser: boolean;
  /** --config FILE: the config file to read instead of the default one. */
  readonly config?: string;
  readonly noConfig: boolean;
  /** Flags whose value came from the config file, not the command line (environment sits between). */
  readonly fromFile: ReadonlySet<string>;
  readonly debug: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** The header fields shown when --headers is not given. */
export const defaultHeaders = ['from', 'to', 'cc', 'date', 'subject'];

/** The text of --help. */
export const usage = `Usage: mailview [OPTION]... [FILE]...
Show an e-mail message in the terminal with clickable (OSC 8) links.
Reads one RFC 5322 message (or an mbox stream, a bare HTML file, plain text) from FILE or stdin.

Options:
      --html               treat the input as a bare HTML document
      --type TYPE          what headerless input is, as mailcap's %t gives it: text/plain,
                           text/html, text/calendar, message/rfc822, multipart/* (its boundary
                           is the first line's)
      --prefer html|plain  which multipart/alternative part to show (default html)
      --headers LIST       comma-separated header fields to show (default from,to,cc,date,subject;
                           all shows every field, '' shows none)
  -w, --width N            wrap at N columns (default: terminal width capped by --max-width, else 80)
      --max-width N        widest the default width may be (default 100)
      --hyperlinks WHEN    OSC 8 hyperlinks: always, auto (on a terminal, or AERC_OSC8_URLS=1), never
      --color WHEN         styles and colour: always, auto (NO_COLOR: styles only), never (no SGR)
      --footnotes WHEN     [n] markers and a link list: always, auto (when hyperlinks are off), never
      --link-style STYLE   how link text looks: underline, color, both (default), none
      --osc8-terminator T  end OSC 8 with st (ESC \\, default) or bel (default under aerc)
      --no-unwrap          keep security-redirector URLs (SafeLinks, URL Defense ...) as they are
      --keep-tracking      keep tracking parameters (utm_*, fbclid ...) in link targets
      --trust-authserv ID  show the Authentication-Results that your own server ID wrote
                           (repeatable, or a comma-separated list)
      --no-tracking-notice
                           leave out the "Tracking:" line about open-tracking images
      --no-view-link       no 'View in browser' link (and no file for it) when paging HTML
      --list-links         print every link as "number<TAB>URL<TAB>text" and exit
      --sample [NAME]...   show the bundled sample messages NAME (default newsletter; also
                           hostile, invitation, receipt, reply) instead of reading input
      --pager CMD          pager command (default: $MAILVIEW_PAGER, $PAGER, less)
      --no-pager           write to stdout even when it is a terminal
      --browser            open the HTML in your browser as a private file that loads nothing
      --config FILE        read FILE instead of ~/.config/mailview/config.toml
      --no-config          read no config file
      --debug              show stack traces for internal errors
  -h, --help               show this help and exit
  -V, --version            show the version and exit

Every long option can also be set in the config file, one key per option: width = 72,
pager = false for --no-pager (see man mailview).

Exit status: 0 ok, 64 usage, 65 bad input (or HTML shown as text), 66 no input, 69 pager or opener
unavailable, 70 internal error, 74 write error, 78 bad config file.
`;

/** Every flag, as node:util parseArgs takes them; config.ts derives the config file's keys from it. */
export const flags = {
  html: { type: 'boolean' },
  type: { type: 'string' },
  prefer: { type: 'string' },
  headers: { type: 'string' },
  width: { type: 'string', short: 'w' },
  'max-width': { type: 'string' },
  hyperlinks: { type: 'string' },
  color: { type: 'string' },
  colour: { type: 'string' },
  footnotes: { type: 'string' },
  'link-style': { type: 'string' },
  'osc8-terminator': { type: 'string' },
  pager: { type: 'string' },
  'no-pager': { type: 'boolean' },
  'no-unwrap': { type: 'boolean' },
  'keep-tracking': { type: 'boolean' },
  'trust-authserv': { type: 'string', multiple: true },
  'no-tracking-notice': { type: 'boolean' },
  'no-view-link': { type: 'boolean' },
  'list-links': { type: 'boolean' },
  sample: { type: 'boolean' },
  browser: { type: 'boolean' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/**
 * Flags that have no key in the config file: actions and modes of one run, the input's kind, the
 * file itself, and `colour` (the file's key is `color`).
 */
export const notInConfig: ReadonlySet<string> = new Set(['help', 'version', 'list-links', 'browser', 'sample', 'html', 'type', 'config', 'no-config', 'debug', 'colour']);

type Values = ReturnType<typeof parseFlags>['values'];

/**
 * Parse argv (without node and script) into Options; `fileArgs` are the config file's settings
 * as flags (config.ts), which the command line overrides. Throws MailviewError(64) on bad usage.
 */
export function parseOptions(argv: readonly string[], fileArgs: readonly string[] = []): Options {
  const parsed = parseFlags(argv);
  const file = fileArgs.length ? parseFlags(fileArgs).values : {};
  const fromFile = new Set(Object.keys(file).filter((name) => !(name in parsed.values)));
  const v: Values = { ...file, ...parsed.values };
  const width = v.width === undefined ? undefined : number('--width', v.width, 10, 1000);
  return {
    files: parsed.positionals,
    html: v.html === true,
    ...(v.type === undefined ? {} : { type: statedType(v.type) }),
    prefer: choice('--prefer', v.prefer ?? 'html', ['html', 'plain'] as const),
    headers: v.headers === undefined ? defaultHeaders : capped('--headers', headerList(v.headers)),
    ...(width === undefined ? {} : { width }),
    maxWidth: number('--max-width', v['max-width'] ?? '100', 10, 1000),
    hyperlinks: when('--hyperlinks', v.hyperlinks),
    color: when('--color', v.color),
    footnotes: when('--footnotes', v.footnotes),
    linkStyle: choice('--link-style', v['link-style'] ?? 'both', ['underline', 'color', 'both', 'none'] as const),
    ...(v['osc8-terminator'] === undefined ? {} : { osc8Terminator: choice('--osc8-terminator', v['osc8-terminator'], ['st', 'bel'] as const) }),
    ...(v.pager === undefined ? {} : { pager: v.pager }),
    // `pager = false` in the file, `--pager CMD` given: the command line asks for a pager.
    noPager: v['no-pager'] === true && !(fromFile.has('no-pager') && parsed.values.pager !== undefined),
    unwrap: v['no-unwrap'] !== true,
    keepTracking: v['keep-tracking'] === true,
    trustAuthserv: capped('--trust-authserv', [...new Set((v['trust-authserv'] ?? []).flatMap(headerList))]),
    trackingNotice: v['no-tracking-notice'] !== true,
    viewLink: v['no-view-link'] !== true,
    listLinks: v['list-links'] === true,
    sample: v.sample === true,
    browser: v.browser === true,
    ...(v.config === undefined ? {} : { config: v.config }),
    noConfig: v['no-config'] === true,
    fromFile,
    debug: v.debug === true,
    help: v.help === true,
    version: v.version === true,
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    const parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
    // --colour is --color: one name, so that the command line's overrides the file's.
    if (parsed.values.colour !== undefined) parsed.values.color = parsed.values.colour;
    delete parsed.values.colour;
    return parsed;
  } catch (err) {
    throw usageError(err as Error & { code?: string });
  }
}

// parseArgs words its errors for programmers (with advice about positional arguments and
// unbalanced quotes); the reader gets the option, and for a misspelt long one the nearest name.
function usageError(err: Error & { code?: string }): MailviewError {
  const message = err.message.split('\n')[0] ?? '';
  const unknown = /^Unknown option '([^']*)'/.exec(message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
    const near = unknown.startsWith('--') ? nearestFlag(unknown.slice(2).split('=')[0]!) : undefined;
    const hint = near === undefined ? 'see mailview --help' : `did you mean --${near}? see mailview --help`;
    return new MailviewError(ExitCode.usage, `unknown option '${unknown}' (${hint})`, '');
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message)?.[1];
  if (missing !== undefined) return new MailviewError(ExitCode.usage, `option '${missing}' needs a value (see mailview --help)`, '');
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message)?.[1];
  if (noValue !== undefined) return new MailviewError(ExitCode.usage, `option '${noValue}' takes no value (see mailview --help)`, '');
  return new MailviewError(ExitCode.usage, 'usage', `${message} (see mailview --help)`);
}

/**
 * The flag (or config key, given `names`) nearest to a misspelt `name`: the one it begins, or
 * the one fewest edits away (a swap of two neighbours is one edit), when that is at most a third
 * of the name, so that a guess is only offered when it is a likely one.
 */
export function nearestFlag(name: string, names: readonly string[] = Object.keys(flags)): string | undefined {
  const lower = name.toLowerCase();
  if (lower.length >= 3) {
    const begun = names.filter((n) => n.startsWith(lower));
    if (begun.length === 1) return begun[0];
  }
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(lower.length / 3)) + 1;
  for (const n of names) {
    const d = editDistance(lower, n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function statedType(value: string): StatedKind {
  const kind = kindOfType(value);
  if (kind) return kind;
  throw new MailviewError(ExitCode.usage, 'usage', `--type expects text/plain, text/html, text/calendar, message/rfc822 or multipart/*, not '${value}'`);
}

// A name given twice is one name: each is looked up in the message once, and shown once.
function headerList(value: string): string[] {
  const names = value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  return [...new Set(names)];
}

/** The most names a list option takes: every header field of a message is looked up for each. */
export const maxListNames = 100;

function capped(flag: string, names: string[]): string[] {
  if (names.length <= maxListNames) return names;
  throw new MailviewError(ExitCode.usage, 'usage', `${flag} expects at most ${maxListNames} different names, not ${names.length}`);
}

function when(flag: string, value: string | undefined): When {
  return choice(flag, value ?? 'auto', ['always', 'auto', 'never'] as const);
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MailviewError(ExitCode.usage, 'usage', `${flag} expects ${allowed.join(', ')}, not '${value}'`);
}

function number(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (/^\d+$/.test(value) && n >= min && n <= max) return n;
  throw new MailviewError(ExitCode.usage, 'usage', `${flag} expects a whole number from ${min} to ${max}, not '${value}'`);
}
