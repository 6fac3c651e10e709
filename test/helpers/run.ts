import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/cli.js';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The shared corpus beside the checkout, when present. */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Every file under `dir` (ending in `/`), in name order, except the `.md` notes beside them. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = `${dir}${name}`;
      if (statSync(path).isDirectory()) return filesUnder(`${path}/`);
      return name.endsWith('.md') ? [] : [path];
    });
}

/** What a run printed and returned. */
export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the pipeline in-process, stdout not a terminal; fast enough for hundreds of inputs. */
export async function render(input: Buffer | string, args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  const stdin = Readable.from([Buffer.from(input)]);
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  err.on('data', (c: Buffer) => errs.push(c));
  const code = await main({ argv: args, env, stdin, stdout: out, stderr: err, pid: 4242 });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') };
}

/** Spawn the real bin/mailview.js (built by `npm run build`). */
export function runBin(args: readonly string[], input?: Buffer | string, env: Record<string, string> = {}): Result {
  const r = spawnSync(process.execPath, [`${root}bin/mailview.js`, ...args], {
    input: input ?? '',
    // No config file unless a test gives one: the developer's own must not change the output.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_CONFIG_HOME: '/nonexistent/mailview-tests', ...env },
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}
