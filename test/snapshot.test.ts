// The start-up snapshot (bin/mailview.js as a command, src/snapshot.ts): made in the background
// after a run, used by the runs after it with the same output, and never used when it is missing,
// damaged or made for another Node binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers/run.js';
import { stableIds } from './helpers/terminal.js';

const args = ['--no-pager', '--width', '72', '--hyperlinks', 'always', '--color', 'always'];
const inputs = ['alternative.eml', 'deceptive.eml', 'hidden.html'].map((f) => readFileSync(`${root}test/fixtures/${f}`));
const home = mkdtempSync(join(tmpdir(), 'mailview-snapshot-'));
const xdg = join(home, 'cache');
const dir = join(xdg, 'mailview');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const gnuStat = spawnSync('stat', ['-L', '--printf', '%s', '/']).status === 0;

// As mutt runs it: the file itself, through its #!/bin/sh line; `trace` shows what the shell ran.
function command(input: Buffer, env: Record<string, string> = {}, trace = false): { out: string; err: string } {
  const bin = `${root}bin/mailview.js`;
  const r = spawnSync(trace ? 'sh' : bin, trace ? ['-x', bin, ...args] : args, {
    input,
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, XDG_CACHE_HOME: xdg, ...env },
  });
  expect(r.status).toBe(0);
  return { out: stableIds(r.stdout.toString()), err: r.stderr.toString() };
}

const usesSnapshot = (input: Buffer) => command(input, {}, true).err.includes('--snapshot-blob');
const reference = inputs.map((input) => command(input, { MAILVIEW_SNAPSHOT: '0', XDG_CACHE_HOME: join(home, 'unused') }).out);
const index = () => readdirSync(dir).find((f) => /^snapshot-[0-9a-f]+$/.test(f));

// Ready as the launcher sees it: the index names this Node and a snapshot file as it was made.
function ready(): boolean {
  const name = index();
  if (!name || readdirSync(dir).some((f) => f.endsWith('.lock'))) return false;
  const [node, stamp, blob] = readFileSync(join(dir, name), 'utf8').trim().split(' ');
  const ids = spawnSync('stat', ['-L', '--printf', '%s-%Y-%i ', process.execPath, join(dir, blob!)], { encoding: 'utf8' }).stdout;
  return ids === `${node} ${stamp} `;
}

async function waitForSnapshot(): Promise<string> {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((r) => setTimeout(r, 100));
  return join(dir, index()!);
}

describe.skipIf(!gnuStat)('start-up snapshot', () => {
  it('is asked for by the second run, made after it, and gives the same output', async () => {
    expect(command(inputs[0]!)).toEqual({ out: reference[0], err: '' });
    expect(index()).toBeUndefined();
    expect(command(inputs[0]!)).toEqual({ out: reference[0], err: '' });
    const file = await waitForSnapshot();
    expect(readFileSync(file, 'utf8')).toMatch(/^\d+-\d+-\d+ \d+-\d+-\d+ snapshot-[0-9a-f]+-[\d-]+\.blob( --[a-z-]+(=\d+)?)*\n$/);
    expect(usesSnapshot(inputs[0]!)).toBe(true);
    inputs.forEach((input, i) => expect(command(input)).toEqual({ out: reference[i], err: '' }));
  }, 90_000);

  it('is not used, silently, when damaged or made for another Node, and is made again', async () => {
    const file = await waitForSnapshot();
    const [node, stamp, name] = readFileSync(file, 'utf8').trim().split(' ');
    const blob = join(dir, name!);
    for (const damage of [() => writeFileSync(blob, 'not a snapshot'), () => rmSync(blob), () => writeFileSync(file, `1-2-3 ${stamp} ${name}\n`)]) {
      damage();
      expect(usesSnapshot(inputs[1]!)).toBe(false);
      expect(command(inputs[1]!)).toEqual({ out: reference[1], err: '' });
      await waitForSnapshot();
      expect(readFileSync(file, 'utf8').startsWith(`${node} `)).toBe(true);
      expect(existsSync(join(dir, readFileSync(file, 'utf8').trim().split(' ')[2]!))).toBe(true);
      expect(command(inputs[1]!)).toEqual({ out: reference[1], err: '' });
    }
    expect(usesSnapshot(inputs[1]!)).toBe(true);
  }, 180_000);

  it('is not used under NODE_OPTIONS, whose V8 flags would make Node refuse it', () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=4096' };
    expect(command(inputs[2]!, env)).toEqual({ out: reference[2], err: '' });
    expect(command(inputs[2]!, env, true).err).not.toContain('--snapshot-blob');
  });

  it('starts Node without NODE_EXTRA_CA_CERTS, which it would read (and warn about) at start-up', () => {
    for (const env of [{}, { MAILVIEW_SNAPSHOT: '0' }]) {
      expect(command(inputs[2]!, { ...env, NODE_EXTRA_CA_CERTS: join(home, 'missing.pem') })).toEqual({ out: reference[2], err: '' });
    }
  });

  it("starts Node from it with glibc's malloc asking for huge pages, keeping the user's own tunables", async () => {
    await waitForSnapshot();
    expect(command(inputs[2]!, {}, true).err).toMatch(/GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1 exec .*--snapshot-blob/);
    const env = { GLIBC_TUNABLES: 'glibc.malloc.check=0' };
    expect(command(inputs[2]!, env, true).err).toMatch(/GLIBC_TUNABLES=glibc\.malloc\.check=0:glibc\.malloc\.hugetlb=1 exec .*--snapshot-blob/);
    expect(command(inputs[2]!, env)).toEqual({ out: reference[2], err: '' });
  });

  it('is neither used nor asked for with MAILVIEW_SNAPSHOT=0', () => {
    expect(command(inputs[2]!, { MAILVIEW_SNAPSHOT: '0' })).toEqual({ out: reference[2], err: '' });
    expect(command(inputs[2]!, { MAILVIEW_SNAPSHOT: '0' }, true).err).not.toMatch(/--snapshot-blob|MAILVIEW_SNAPSHOT_BUILD/);
  });
});
