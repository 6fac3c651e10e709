import { spawn, spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { ExitCode, MailviewError } from '../document/errors.js';
import { openCommands, openerScript } from './browser.js';

/** How to start the pager. */
export interface PagerSpec {
  /** A shell command line, as $PAGER is. */
  readonly command: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The version of less when the command is less (from lessVersion); sets ^O^O handlers from 661. */
  readonly lessVersion?: number;
  /** process.platform: the default opener is `open` on macOS, `xdg-open` elsewhere. */
  readonly platform?: string;
  /** mailview underlines link text itself (--link-style underline or both, with styles on). */
  readonly underlinesLinks?: boolean;
}

/** LESS for the pager: FRX when unset (git's convention), and R ensured so OSC 8 and SGR pass. */
export function lessFlags(current: string | undefined): string {
  if (current === undefined || current.trim() === '') return 'FRX';
  // -r passes everything raw, which we never want; -R passes only SGR and OSC 8.
  if (/(^|\s)-?[A-Za-z]*R/.test(current)) return current;
  return `${current} -R`;
}

/** The less binary a pager command runs: its first word when that is `less` or a path ending in /less. */
export function lessBinary(command: string): string | undefined {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first === 'less' || first.endsWith('/less') ? first : undefined;
}

/** The version of the less a pager command runs (`less --version` once), or undefined when it is not less. */
export function lessVersion(command: string, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const binary = lessBinary(command);
  if (binary === undefined) return undefined;
  // A second at most: a wrong binary under that name must not hang a key press.
  const r = spawnSync(binary, ['--version'], { env, encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], timeout: 1000 });
  const m = /^less (\d+)/m.exec(r.stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

/** True for a less version that moves between OSC 8 links (^O^N ^O^P ^O^O, `#id` jumps): 661 and later. */
export function lessNavigates(version: number | undefined): boolean {
  return version !== undefined && version >= 661;
}

/**
 * The variables with which less looks up its ^O^O handler: 661 to 701 read LESS_OSC8_<scheme> and
 * LESS_OSC8_ANY; 702 renamed them, with no alias, to LESS_OSC8_OPEN_<scheme> (scheme in lower
 * case), LESS_OSC8_OPEN_NONE (no scheme) and LESS_OSC8_OPEN_ANY. A user who sets any has a handler
 * of their own, and mailview sets none.
 */
export const osc8HandlerVariables = [
  'LESS_OSC8_http',
  'LESS_OSC8_https',
  'LESS_OSC8_mailto',
  'LESS_OSC8_file',
  'LESS_OSC8_ANY',
  'LESS_OSC8_OPEN_http',
  'LESS_OSC8_OPEN_https',
  'LESS_OSC8_OPEN_mailto',
  'LESS_OSC8_OPEN_file',
  'LESS_OSC8_OPEN_NONE',
  'LESS_OSC8_OPEN_ANY',
];

/**
 * The command both handlers run: sh with the opener script (browser.ts openerScript, in
 * MAILVIEW_OPENER) and the URI as its one argument, so the URI is data and never shell syntax. It
 * holds none of the characters less 661's prompt expansion treats specially (. : ? \ %), and reads
 * the same in any $SHELL that less may use (sh, bash, zsh, fish, csh).
 */
const openerCall = 'sh -c "$MAILVIEW_OPENER" sh';

/**
 * less 661 to 701, ^O^O: LESS_OSC8_xxx is expanded like a prompt (%o is the URI) and run by sh;
 * what it prints is the opener command, run by $SHELL. Printed here: the opener call and the URI in
 * single quotes, which links.ts keeps free of ' " \ `.
 */
export const osc8Handler = `echo '${openerCall}' "'"'%o'"'"`;

/**
 * less 702 and later, ^O^O: LESS_OSC8_OPEN_xxx is not expanded; less appends a space and the URI,
 * shell-escaped, and runs it with `$SHELL -c`.
 */
export const osc8OpenHandler = openerCall;

/** The pager's environment: LESS and LESSCHARSET, and for less 661+ the ^O^O handlers unless the user has one. */
export function pagerEnv(spec: PagerSpec): Record<string, string | undefined> {
  const env = { ...spec.env, LESS: lessFlags(spec.env.LESS), LESSCHARSET: spec.env.LESSCHARSET ?? 'utf-8' };
  // less 709 underlines OSC 8 link text itself; -Du- turns that off (every less from 590 takes it),
  // so that --link-style color or none means what it says there too.
  if ((spec.lessVersion ?? 0) >= 709 && spec.underlinesLinks === false) env.LESS = `${env.LESS} -Du-`;
  // Set means non-empty, as less reads them.
  if (!lessNavigates(spec.lessVersion) || osc8HandlerVariables.some((name) => spec.env[name])) return env;
  // Both sets: each less reads only its own names. file: links, of which mailview writes only its
  // own `View in browser`, go to the opener too: less's own file: handler would show the page's
  // HTML in less itself (661: LESS_OSC8_file=- sends them to LESS_OSC8_ANY; 702: its default
  // less-osc8-open would, so LESS_OSC8_OPEN_file names the opener as well).
  return {
    ...env,
    LESS_OSC8_ANY: osc8Handler,
    LESS_OSC8_file: '-',
    LESS_OSC8_OPEN_ANY: osc8OpenHandler,
    LESS_OSC8_OPEN_file: osc8OpenHandler,
    MAILVIEW_OPENER: openerScript(openCommands(spec.env, spec.platform)),
  };
}

/** Pipe text (a string, or its pieces as they are made) into the pager and wait for it; the user quitting early is success. */
export function runPager(text: string | Iterable<string> | AsyncIterable<string>, spec: PagerSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', spec.command], { env: pagerEnv(spec), stdio: ['pipe', 'inherit', 'inherit'] });
    child.on('error', (err) => reject(new MailviewError(ExitCode.unavailable, 'pager', `cannot start '${spec.command}': ${err.message}`)));
    // EPIPE when the reader quits before the end: nothing to report.
    child.stdin.on('error', () => undefined);
    // A failure while the text is still being made ends the pager's input (it shows what came) and
    // is reported once the reader has quit, not swallowed.
    let failure: unknown;
    child.on('close', (code) => {
      // 126/127: the shell could not run the command at all.
      if (code === 126 || code === 127) reject(new MailviewError(ExitCode.unavailable, 'pager', `cannot start '${spec.command}'`));
      else if (failure !== undefined) reject(failure);
      else resolve();
    });
    // Pieces are taken as the pager reads them: a long mail is never one string.
    if (typeof text === 'string') child.stdin.end(text);
    else {
      const source = Readable.from(text, { objectMode: false });
      source.on('error', (err) => {
        failure = err;
        child.stdin.end();
      });
      source.pipe(child.stdin);
    }
  });
}
