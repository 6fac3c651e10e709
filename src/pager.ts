import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { ExitCode, MailviewError } from './errors.js';

/** How to start the pager. */
export interface PagerSpec {
  /** A shell command line, as $PAGER is. */
  readonly command: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** LESS for the pager: FRX when unset (git's convention), and R ensured so OSC 8 and SGR pass. */
export function lessFlags(current: string | undefined): string {
  if (current === undefined || current.trim() === '') return 'FRX';
  // -r passes everything raw, which we never want; -R passes only SGR and OSC 8.
  if (/(^|\s)-?[A-Za-z]*R/.test(current)) return current;
  return `${current} -R`;
}

/** Pipe text (a string or its pieces, taken as the pager reads) into the pager and wait for it; the user quitting early is success. */
export function runPager(text: string | Iterable<string>, spec: PagerSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...spec.env, LESS: lessFlags(spec.env.LESS), LESSCHARSET: spec.env.LESSCHARSET ?? 'utf-8' };
    const child = spawn('/bin/sh', ['-c', spec.command], { env, stdio: ['pipe', 'inherit', 'inherit'] });
    child.on('error', (err) => reject(new MailviewError(ExitCode.unavailable, 'pager', `cannot start '${spec.command}': ${err.message}`)));
    // EPIPE when the reader quits before the end: nothing to report.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      // 126/127: the shell could not run the command at all.
      if (code === 126 || code === 127) reject(new MailviewError(ExitCode.unavailable, 'pager', `cannot start '${spec.command}'`));
      else resolve();
    });
    if (typeof text === 'string') child.stdin.end(text);
    else Readable.from(text, { objectMode: false }).on('error', () => undefined).pipe(child.stdin);
  });
}
