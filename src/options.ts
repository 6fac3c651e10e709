import { parseArgs } from 'node:util';
import { ExitCode, MailviewError } from './errors.js';

/** always / auto / never switches. */
export type When = 'always' | 'auto' | 'never';

/** How link text looks whenever SGR is written. */
export type LinkStyle = 'underline' | 'color' | 'both' | 'none';

/** What ends an OSC 8 sequence: ST (`ESC \\`) or BEL. */
export type Terminator = 'st' | 'bel';

/** Everything the command line says, typed. Environment is read by capabilities.ts and cli.ts. */
export interface Options {
  readonly files: readonly string[];
  readonly html: boolean;
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
  readonly listLinks: boolean;
  /** FILE arguments name bundled samples (src/samples.ts) instead of files. */
  readonly sample: boolean;
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
      --prefer html|plain  which multipart/alternative part to show (default html)
      --headers LIST       comma-separated header fields to show (default from,to,cc,date,subject;
                           '' shows none)
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
      --list-links         print every link as "number<TAB>URL<TAB>text" and exit
      --sample [NAME]...   show the bundled sample messages NAME (default newsletter; also
                           hostile, invitation, receipt, reply) instead of reading input
      --pager CMD          pager command (default: $MAILVIEW_PAGER, $PAGER, less)
      --no-pager           write to stdout even when it is a terminal
      --debug              show stack traces for internal errors
  -h, --help               show this help and exit
  -V, --version            show the version and exit

Exit status: 0 ok, 64 usage, 65 bad input (or HTML shown as text), 66 no input, 69 pager unavailable,
70 internal error, 74 write error.
`;

const flags = {
  html: { type: 'boolean' },
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
  'list-links': { type: 'boolean' },
  sample: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Parse argv (without node and script) into Options; throws MailviewError(64) on bad usage. */
export function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
  } catch (err) {
    throw new MailviewError(ExitCode.usage, 'usage', `${(err as Error).message.split('\n')[0]} (see mailview --help)`);
  }
  const v = parsed.values;
  const width = v.width === undefined ? undefined : number('--width', v.width, 10, 1000);
  return {
    files: parsed.positionals,
    html: v.html === true,
    prefer: choice('--prefer', v.prefer ?? 'html', ['html', 'plain'] as const),
    headers: v.headers === undefined ? defaultHeaders : headerList(v.headers),
    ...(width === undefined ? {} : { width }),
    maxWidth: number('--max-width', v['max-width'] ?? '100', 10, 1000),
    hyperlinks: when('--hyperlinks', v.hyperlinks),
    color: when('--color', v.color ?? v.colour),
    footnotes: when('--footnotes', v.footnotes),
    linkStyle: choice('--link-style', v['link-style'] ?? 'both', ['underline', 'color', 'both', 'none'] as const),
    ...(v['osc8-terminator'] === undefined ? {} : { osc8Terminator: choice('--osc8-terminator', v['osc8-terminator'], ['st', 'bel'] as const) }),
    ...(v.pager === undefined ? {} : { pager: v.pager }),
    noPager: v['no-pager'] === true,
    unwrap: v['no-unwrap'] !== true,
    keepTracking: v['keep-tracking'] === true,
    trustAuthserv: (v['trust-authserv'] ?? []).flatMap(headerList),
    trackingNotice: v['no-tracking-notice'] !== true,
    listLinks: v['list-links'] === true,
    sample: v.sample === true,
    debug: v.debug === true,
    help: v.help === true,
    version: v.version === true,
  };
}

function headerList(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
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
