// Programs of a newer Debian suite that scripts/debian-next.sh unpacked (from the next release:
// less 668, aerc 0.20; from sid: aerc 0.22, neomutt 20260616), found and checked to run here, or
// the reason a test using them is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What scripts/debian-next.sh provides. */
export type NextProgram = 'less' | 'aerc' | 'neomutt';

/** The suite a program comes from: Debian's next release, or unstable. */
export type Suite = 'next' | 'sid';

/** A runnable program (with the environment it needs), or why it cannot be used. */
export type NextBinary = { readonly path: string; readonly env?: Record<string, string> } | { readonly skip: string };

/** The root the script unpacks a suite into: $MAILVIEW_DEBIAN_NEXT or _SID, else ~/.cache/mailview-tests/debian-SUITE. */
export function nextRoot(suite: Suite = 'next'): string {
  const set = suite === 'sid' ? process.env.MAILVIEW_DEBIAN_SID : process.env.MAILVIEW_DEBIAN_NEXT;
  return set || join(homedir(), `.cache/mailview-tests/debian-${suite}`);
}

// How each program tells its version, and the oldest one its tests are about.
const programs: Record<NextProgram, { readonly flag: string; readonly pattern: RegExp; readonly least: readonly number[] }> = {
  less: { flag: '--version', pattern: /^less (\d+)/, least: [661] },
  aerc: { flag: '-v', pattern: /^aerc (\d+)\.(\d+)/, least: [0, 15] },
  neomutt: { flag: '-v', pattern: /^NeoMutt (\d+)/, least: [20230000] },
};

function atLeast(have: readonly number[], least: readonly number[]): boolean {
  for (let i = 0; i < least.length; i++) if ((have[i] ?? 0) !== least[i]) return (have[i] ?? 0) > least[i]!;
  return true;
}

/**
 * `name` from Debian's next release or sid, run once to check that it starts on this system. sid's
 * programs start through the script's run/NAME, which uses sid's own loader and libraries.
 */
export function nextBinary(name: NextProgram, suite: Suite = 'next'): NextBinary {
  const root = nextRoot(suite);
  const path = join(root, suite === 'sid' ? 'run' : 'usr/bin', name);
  const from = suite === 'sid' ? "Debian's sid" : "Debian's next release";
  const hint = `run: bash scripts/debian-next.sh ${suite === 'sid' ? '--suite sid ' : ''}${name}`;
  if (!existsSync(path)) return { skip: `${name} from ${from} is not unpacked in ${root} (${hint})` };
  const libs = join(root, 'usr/lib/x86_64-linux-gnu');
  const env = suite === 'next' && existsSync(libs) ? { LD_LIBRARY_PATH: libs } : undefined;
  const spec = programs[name];
  const r = spawnSync(path, [spec.flag], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, ...env } });
  const m = spec.pattern.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    const why = (r.stderr || r.error?.message || r.stdout || `exit ${r.status}`).trim().split('\n')[0];
    return { skip: `${path} does not run here: ${why}` };
  }
  const version = m.slice(1).map(Number);
  if (!atLeast(version, spec.least)) return { skip: `${path} is ${name} ${m.slice(1).join('.')}, older than ${spec.least.join('.')}` };
  return env ? { path, env } : { path };
}
