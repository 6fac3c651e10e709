// The start-up code cache (src/boot.ts) through the real binary: the same output with or without
// it, and a missing, corrupt, stale or unwritable cache is silently replaced or skipped.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runBin } from './helpers/run.js';
import { stableIds } from './helpers/terminal.js';

const args = ['--no-pager', '--width', '72', '--hyperlinks', 'always', '--color', 'always'];
const input = readFileSync(`${root}test/fixtures/alternative.eml`);
const home = mkdtempSync(join(tmpdir(), 'mailview-cache-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(env: Record<string, string>): string {
  const r = runBin(args, input, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return stableIds(r.stdout);
}

function cacheFiles(dir: string): string[] {
  return readdirSync(join(dir, 'mailview')).filter((f) => f.endsWith('.v8')).map((f) => join(dir, 'mailview', f));
}

describe('code cache', () => {
  const reference = run({ MAILVIEW_CODE_CACHE: '0', XDG_CACHE_HOME: join(home, 'unused') });

  it('is made on the first run and used, unchanged, by the next, with the same output', () => {
    const xdg = join(home, 'fresh');
    expect(run({ XDG_CACHE_HOME: xdg })).toBe(reference);
    const [file] = cacheFiles(xdg);
    expect(file).toMatch(/code-[\d.]+-v\d+\.\d+\.\d+-[0-9a-f]{16}\.v8$/);
    const before = readFileSync(file!);
    const mtime = statSync(file!).mtimeMs;
    expect(run({ XDG_CACHE_HOME: xdg })).toBe(reference);
    expect(statSync(file!).mtimeMs).toBe(mtime);
    expect(readFileSync(file!).equals(before)).toBe(true);
  });

  it('falls back and rewrites a corrupt or truncated cache', () => {
    const xdg = join(home, 'corrupt');
    run({ XDG_CACHE_HOME: xdg });
    const [file] = cacheFiles(xdg);
    const good = readFileSync(file!);
    const flipped = Buffer.from(good);
    for (let i = 64; i < flipped.length - 8; i += 997) flipped[i]! ^= 0x5a;
    for (const bad of [flipped, good.subarray(0, good.length >> 1), Buffer.from('not a cache')]) {
      writeFileSync(file!, bad);
      expect(run({ XDG_CACHE_HOME: xdg })).toBe(reference);
      expect(readFileSync(file!).equals(bad)).toBe(false);
      expect(run({ XDG_CACHE_HOME: xdg })).toBe(reference);
    }
  });

  it('keeps the newest four caches, its own among them', () => {
    const xdg = join(home, 'stale');
    run({ XDG_CACHE_HOME: xdg });
    const own = cacheFiles(xdg)[0]!;
    const stale = [1, 2, 3, 4, 5].map((n) => join(xdg, 'mailview', `code-0.0.${n}-v20.0.0-0123456789abcdef.v8`));
    stale.forEach((file, i) => {
      writeFileSync(file, 'left by another mailview');
      utimesSync(file, 1_000_000 + i, 1_000_000 + i);
    });
    rmSync(own);
    expect(run({ XDG_CACHE_HOME: xdg })).toBe(reference);
    expect(cacheFiles(xdg).sort()).toEqual([own, ...stale.slice(2)].sort());
  });

  it('runs without one when the cache directory cannot be made', () => {
    const blocker = join(home, 'a-file');
    writeFileSync(blocker, '');
    expect(run({ XDG_CACHE_HOME: blocker })).toBe(reference);
    expect(run({ XDG_CACHE_HOME: join(blocker, 'below') })).toBe(reference);
  });
});
