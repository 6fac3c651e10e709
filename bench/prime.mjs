// A cache directory made ready for timing: two runs of mailview make its code cache and ask for
// the start-up snapshot, which is made in the background after the second; this waits for it, so
// that no timed run goes without it or shares the CPU with its making.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Prime `cacheHome` by running `bin args < input` twice with `env`; whether a snapshot is there to start from. */
export function primeSnapshot(bin, args, input, env) {
  for (let i = 0; i < 2; i++) {
    const stdin = openSync(input, 'r');
    spawnSync(bin, args, { stdio: [stdin, 'ignore', 'ignore'], env });
    closeSync(stdin);
  }
  const dir = join(env.XDG_CACHE_HOME, 'mailview');
  // No cache directory (MAILVIEW_CODE_CACHE=0) means no snapshot is asked for.
  if (env.MAILVIEW_SNAPSHOT === '0' || !existsSync(dir)) return false;
  const made = () => readdirSync(dir).some((f) => /^snapshot-[0-9a-f]+$/.test(f)) && !readdirSync(dir).some((f) => f.endsWith('.lock'));
  for (let waited = 0; waited < 120_000 && !made(); waited += 200) spawnSync('sleep', ['0.2']);
  return made() && !/ - -$/.test(readFileSync(join(dir, readdirSync(dir).find((f) => /^snapshot-[0-9a-f]+$/.test(f))), 'utf8').trim());
}
