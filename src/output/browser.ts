// The browser view's files and opener: a private directory, files of mode 0600 that a later run
// removes after an hour, and the user's opener (pager.ts linkOpener, as for less's ^O^O) run with
// the file's path as its one argument.
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

/** Run `opener` (a program, no shell) with `path` as its one argument and wait for it: a terminal browser runs in the terminal. */
export function openView(path: string, opener: string, env: Env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(opener, [path], { env, stdio: 'inherit' });
    child.on('error', (err) => reject(new MailviewError(ExitCode.unavailable, 'browser', `cannot start '${opener}': ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else if (code !== null || signal !== null) reject(new MailviewError(ExitCode.unavailable, 'browser', `'${opener}' failed (${code === null ? signal : `exit ${code}`})`));
    });
  });
}
