// Programs of Debian's next release that scripts/debian-next.sh unpacked (less 668, aerc 0.20),
// found and checked to run here, or the reason a test using them is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What scripts/debian-next.sh provides. */
export type NextProgram = 'less' | 'aerc';

/** A runnable program (with the environment it needs), or why it cannot be used. */
export type NextBinary = { readonly path: string; readonly env?: Record<string, string> } | { readonly skip: string };

/** The root the script unpacks into: $MAILVIEW_DEBIAN_NEXT, else ~/.cache/mailview-tests/debian-next. */
export function nextRoot(): string {
  return process.env.MAILVIEW_DEBIAN_NEXT || join(homedir(), '.cache/mailview-tests/debian-next');
}

// How each program tells its version, and the oldest one its tests are about.
const programs: Record<NextProgram, { readonly flag: string; readonly pattern: RegExp; readonly least: readonly number[] }> = {
  less: { flag: '--version', pattern: /^less (\d+)/, least: [661] },
  aerc: { flag: '-v', pattern: /^aerc (\d+)\.(\d+)/, least: [0, 15] },
};

function atLeast(have: readonly number[], least: readonly number[]): boolean {
  for (let i = 0; i < least.length; i++) if ((have[i] ?? 0) !== least[i]) return (have[i] ?? 0) > least[i]!;
  return true;
}

/** `name` from Debian's next release, run once to check that it starts on this system. */
export function nextBinary(name: NextProgram): NextBinary {
  const root = nextRoot();
  const path = join(root, 'usr/bin', name);
  const hint = `run: bash scripts/debian-next.sh ${name}`;
  if (!existsSync(path)) return { skip: `${name} from Debian's next release is not unpacked in ${root} (${hint})` };
  const libs = join(root, 'usr/lib/x86_64-linux-gnu');
  const env = existsSync(libs) ? { LD_LIBRARY_PATH: libs } : undefined;
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
