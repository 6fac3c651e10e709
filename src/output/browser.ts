// The browser view's files and the user's openers: a private directory, files of mode 0600 that a
// later run removes after an hour, and the commands that open a link or a file (MAILVIEW_OPEN, else
// BROWSER, else xdg-open), tried in turn, as for less's ^O^O (pager.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode, MailviewError } from '../document/errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How long a view file is kept: long enough to read a mail and click its link, then removed. */
export const keptMinutes = 60;

/** A new file name in `$XDG_RUNTIME_DIR/mailview`, else `$TMPDIR/mailview-UID` (/tmp when unset). */
export function viewPath(env: Env, uid: number): string {
  const runtime = env.XDG_RUNTIME_DIR;
  const dir = runtime?.startsWith('/') ? join(runtime, 'mailview') : join(env.TMPDIR?.startsWith('/') ? env.TMPDIR : '/tmp', `mailview-${uid}`);
  return join(dir, `view-${randomBytes(8).toString('hex')}.html`);
}

/** Write the page at `path` (a new file, mode 0600) after removing this directory's old views. */
export function writeView(path: string, page: string, uid: number, now = Date.now()): void {
  const dir = dirname(path);
  privateDirectory(dir, uid);
  removeOld(dir, now);
  try {
    writeFileSync(path, page, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    throw new MailviewError(ExitCode.io, path, `cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

// In a shared /tmp another user could have made the directory first, or a link in its place.
function privateDirectory(dir: string, uid: number): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new MailviewError(ExitCode.io, dir, `cannot create: ${code ?? (err as Error).message}`);
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || (uid >= 0 && st.uid !== uid) || (st.mode & 0o077) !== 0) {
    throw new MailviewError(ExitCode.io, dir, 'not a private directory (it must be yours, mode 0700, and not a link)');
  }
}

function removeOld(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (!/^view-[0-9a-f]{16}\.html$/.test(name)) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile() && now - st.mtimeMs > keptMinutes * 60_000) unlinkSync(join(dir, name));
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

/** The `file://HOST/PATH` URL of a view file, for the OSC 8 link mailview itself makes. */
export function viewLink(path: string, hostname: string): string {
  // RFC 8089: the host names the machine the path is on; terminals compare it with their own.
  const host = /^[A-Za-z0-9.-]+$/.test(hostname) ? hostname : '';
  return `file://${host}${pathToFileURL(path).pathname}`;
}

/**
 * One command that opens a link or a file: its words as the user wrote them, where `%s` stands for
 * the target and `%%` for a percent sign; without a `%s` the target is its last argument.
 */
export interface OpenCommand {
  /** The entry as written, for messages. */
  readonly text: string;
  readonly words: readonly string[];
}

/**
 * The commands to try in turn: MAILVIEW_OPEN (one program name or path), else BROWSER, else
 * xdg-open (open on macOS). BROWSER is read as xdg-utils, Python's webbrowser and most tools read
 * it: a colon-separated list of commands, each split into words at white space.
 */
export function openCommands(env: Env, platform?: string): OpenCommand[] {
  const own = env.MAILVIEW_OPEN?.trim();
  if (own) return [{ text: own, words: [own] }];
  const browser = (env.BROWSER ?? '')
    .split(':')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({ text: entry, words: entry.split(/\s+/) }));
  if (browser.length) return browser;
  const fallback = platform === 'darwin' ? 'open' : 'xdg-open';
  return [{ text: fallback, words: [fallback] }];
}

// `%s` → the target, `%%` → `%`, any other `%` kept; read left to right, so `%%s` is a literal `%s`.
function substitute(word: string, target: string): string {
  return word.replace(/%([%s])/g, (_m, c: string) => (c === '%' ? '%' : target));
}

/** The argv that opens `target` with `command`: the target is always one argument of its own words, never re-split. */
export function commandArgv(command: OpenCommand, target: string): string[] {
  const placed = command.words.some((w) => /%s/.test(w.replace(/%%/g, '')));
  const words = command.words.map((w) => substitute(w, target));
  return placed ? words : [...words, target];
}

/**
 * The commands as one line of POSIX sh that opens its first argument ($1), trying each in turn
 * until one succeeds. The target is never part of the script's text, only `"$1"`, so no URI can
 * be read as shell syntax; every word of the user's is single-quoted.
 */
export function openerScript(commands: readonly OpenCommand[]): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const word = (w: string) => w.split(/(%[%s])/).map((piece) => (piece === '%s' ? '"$1"' : piece === '%%' ? quote('%') : piece === '' ? '' : quote(piece))).join('');
  const line = (c: OpenCommand) => {
    const placed = c.words.some((w) => /%s/.test(w.replace(/%%/g, '')));
    const words = c.words.map(word);
    return (placed ? words : [...words, '"$1"']).join(' ');
  };
  return commands.map(line).join(' || ');
}

/**
 * Open `path` with each command in turn (no shell) until one succeeds, waiting for each: a
 * terminal browser runs in the terminal. When none does, the error names every command and why.
 */
export async function openView(path: string, commands: readonly OpenCommand[], env: Env): Promise<void> {
  const failures: string[] = [];
  for (const command of commands) {
    const why = await runOnce(commandArgv(command, path), env);
    if (why === undefined) return;
    failures.push(`'${command.text}' ${why}`);
  }
  const tried = commands.length > 1 ? `none of ${commands.length} commands worked (BROWSER is a colon-separated list): ` : '';
  throw new MailviewError(ExitCode.unavailable, 'browser', `${tried}${failures.join('; ')}`);
}

// Undefined on success, else why the command failed.
function runOnce(argv: readonly string[], env: Env): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: 'inherit' });
    child.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      resolve(code === 'ENOENT' ? 'not found' : `cannot start: ${code ?? err.message}`);
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve(undefined);
      else if (code !== null || signal !== null) resolve(`failed (${code === null ? signal : `exit ${code}`})`);
    });
  });
}
