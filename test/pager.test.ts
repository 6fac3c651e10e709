import { describe, expect, it } from 'vitest';
import { lessFlags, runPager } from '../src/pager.js';

describe('lessFlags', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'FRX'],
    ['', 'FRX'],
    ['FRX', 'FRX'],
    ['-R', '-R'],
    ['-i', '-i -R'],
    ['-r', '-r -R'],
    ['--quit-if-one-screen', '--quit-if-one-screen -R'],
  ];
  for (const [given, expected] of cases) it(`${JSON.stringify(given)} → ${expected}`, () => expect(lessFlags(given)).toBe(expected));
});

describe('runPager', () => {
  it('streams the text into the command', async () => {
    const env = { PATH: process.env.PATH, OUT: `/tmp/mailview-pager-${process.pid}` };
    await runPager('hello\n', { command: 'cat > "$OUT"', env });
    const { readFileSync, rmSync } = await import('node:fs');
    expect(readFileSync(env.OUT, 'utf8')).toBe('hello\n');
    rmSync(env.OUT);
  });

  it('streams pieces into the command as they are made', async () => {
    const env = { PATH: process.env.PATH, OUT: `/tmp/mailview-pieces-${process.pid}` };
    function* pieces() {
      for (let i = 0; i < 1000; i++) yield `${'x'.repeat(1000)}${i}\n`;
    }
    await runPager(pieces(), { command: 'cat > "$OUT"', env });
    const { readFileSync, rmSync } = await import('node:fs');
    const lines = readFileSync(env.OUT, 'utf8').split('\n');
    expect(lines.at(-2)).toBe(`${'x'.repeat(1000)}999`);
    rmSync(env.OUT);
  });

  it('is success when the reader quits early in a stream of pieces', async () => {
    function* endless() {
      for (let i = 0; i < 100_000; i++) yield 'y'.repeat(1 << 16);
    }
    await expect(runPager(endless(), { command: 'head -c 10 > /dev/null', env: { PATH: process.env.PATH } })).resolves.toBeUndefined();
  });

  it('passes LESS with R ensured', async () => {
    const env = { PATH: process.env.PATH, LESS: '-i', OUT: `/tmp/mailview-less-${process.pid}` };
    await runPager('', { command: 'echo "$LESS" > "$OUT"', env });
    const { readFileSync, rmSync } = await import('node:fs');
    expect(readFileSync(env.OUT, 'utf8')).toBe('-i -R\n');
    rmSync(env.OUT);
  });

  it('is success when the reader quits early', async () => {
    await expect(runPager('x'.repeat(4 << 20), { command: 'head -c 10 > /dev/null', env: { PATH: process.env.PATH } })).resolves.toBeUndefined();
  });

  it('fails with 69 when the pager cannot start', async () => {
    await expect(runPager('x', { command: 'no-such-pager-anywhere', env: { PATH: process.env.PATH } })).rejects.toMatchObject({ code: 69 });
  });
});
