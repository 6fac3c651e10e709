import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLink } from '../../src/links/links.js';
import { root } from '../helpers/run.js';
import { lessBinary, lessFlags, lessNavigates, lessVersion, linkOpener, osc8Handler, osc8HandlerVariables, pagerEnv, runPager } from '../../src/output/pager.js';

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

describe('lessBinary and lessVersion', () => {
  it.each([
    ['less', 'less'],
    ['less -R', 'less'],
    ['  /usr/local/bin/less -i  ', '/usr/local/bin/less'],
    ['more', undefined],
    ['lesser', undefined],
    ['LESS=R less', undefined],
    ['cat', undefined],
  ])('%j → %j', (command, binary) => expect(lessBinary(command)).toBe(binary));

  const dir = mkdtempSync(join(tmpdir(), 'mailview-less-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fakeLess = (name: string, output: string) => {
    const path = join(dir, name, 'less');
    mkdirSync(join(dir, name));
    writeFileSync(path, `#!/bin/sh\n[ "$1" = --version ] && printf '%s\\n' '${output}'\n`, { mode: 0o755 });
    return path;
  };
  it('reads the number from `less --version`', () => {
    expect(lessVersion(`${fakeLess('668', 'less 668 (GNU regular expressions)')} -R`, { PATH: process.env.PATH })).toBe(668);
    expect(lessVersion(fakeLess('590', 'less 590 (GNU regular expressions)\nCopyright (C) 1984-2021'), {})).toBe(590);
  });
  it('finds less on the PATH', () => {
    const path = fakeLess('path', 'less 661x');
    expect(lessVersion('less', { PATH: `${join(path, '..')}:${process.env.PATH}` })).toBe(661);
  });
  it('is undefined for other pagers, other output and a missing binary', () => {
    expect(lessVersion('cat', {})).toBeUndefined();
    expect(lessVersion(fakeLess('busybox', 'BusyBox v1.36 multi-call binary'), {})).toBeUndefined();
    expect(lessVersion(join(dir, 'none/less'), {})).toBeUndefined();
  });
  it('tells a navigating less by its version', () => {
    expect([undefined, 590, 660, 661, 668].map(lessNavigates)).toEqual([false, false, false, true, true]);
  });
});

describe('pagerEnv', () => {
  const env = { PATH: '/bin', HOME: '/home/u' };
  it('sets the ^O^O handler and the opener for less 661 and later', () => {
    expect(pagerEnv({ command: 'less', env, lessVersion: 668 })).toEqual({ ...env, LESS: 'FRX', LESSCHARSET: 'utf-8', LESS_OSC8_ANY: osc8Handler, LESS_OSC8_file: '-', MAILVIEW_OPEN: 'xdg-open' });
  });
  it('sets nothing of the kind for older less or another pager', () => {
    for (const spec of [{ command: 'less', env, lessVersion: 590 }, { command: 'more', env }]) {
      const out = pagerEnv(spec);
      expect(out.LESS_OSC8_ANY).toBeUndefined();
      expect(out.MAILVIEW_OPEN).toBeUndefined();
    }
  });
  it.each(osc8HandlerVariables)("leaves the user's %s in charge", (name) => {
    const out = pagerEnv({ command: 'less', env: { ...env, [name]: "echo mine '%o'" }, lessVersion: 668 });
    expect(out[name]).toBe("echo mine '%o'");
    if (name !== 'LESS_OSC8_ANY') expect(out.LESS_OSC8_ANY).toBeUndefined();
    expect(out.MAILVIEW_OPEN).toBeUndefined();
  });
  it('picks MAILVIEW_OPEN, else BROWSER (its first entry), else xdg-open, or open on macOS', () => {
    expect(linkOpener({ MAILVIEW_OPEN: '/opt/open-link', BROWSER: 'firefox' })).toBe('/opt/open-link');
    expect(linkOpener({ MAILVIEW_OPEN: ' ', BROWSER: 'firefox' })).toBe('firefox');
    expect(linkOpener({ BROWSER: ':w3m:lynx' })).toBe('w3m');
    expect(linkOpener({})).toBe('xdg-open');
    expect(linkOpener({}, 'darwin')).toBe('open');
    expect(pagerEnv({ command: 'less', env: { BROWSER: 'firefox' }, lessVersion: 661, platform: 'darwin' }).MAILVIEW_OPEN).toBe('firefox');
  });
});

// What less 661+ does with LESS_OSC8_ANY on ^O^O (less(1), ^O^O): expand it like a prompt, %o
// becoming the URI; run that with sh and read what it prints; run the printed opener with $SHELL.
describe('the ^O^O handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailview-osc8-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const record = join(dir, 'record');
  writeFileSync(record, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" >> '${dir}/calls'\n`, { mode: 0o755 });

  function open(uri: string): { calls: string; sideEffects: string[] } {
    rmSync(join(dir, 'calls'), { force: true });
    const env = { PATH: process.env.PATH, MAILVIEW_OPEN: record, SIDE: dir };
    const handler = spawnSync('/bin/sh', ['-c', osc8Handler.replace('%o', uri)], { env, encoding: 'utf8', cwd: dir });
    expect(handler.status).toBe(0);
    const opener = spawnSync('/bin/sh', ['-c', handler.stdout], { env, encoding: 'utf8', cwd: dir });
    expect(opener.status).toBe(0);
    const calls = existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8') : '';
    return { calls, sideEffects: readdirSync(dir).filter((f) => f !== 'record' && f !== 'calls') };
  }

  it('has nothing prompt expansion would change but %o (less(1): . : ? \\ % are special)', () => {
    expect(osc8Handler.split('%o')).toHaveLength(2);
    expect(osc8Handler.replace('%o', '')).not.toMatch(/[.:?\\%]/);
  });

  it.each([
    ['$(…) in quotes', `https://e.example/'$(touch "$SIDE/pwned")'`],
    ['backticks', 'https://e.example/`touch pwned`'],
    ['a semicolon', 'https://e.example/a;touch pwned;b'],
    ['a newline', 'https://e.example/a\ntouch pwned\n'],
    ['double quotes and a backslash', 'https://e.example/"$(touch pwned)"\\'],
    ['& | < > and $VAR', 'https://e.example/?a=1&b=2|touch${IFS}pwned>x<y&$HOME'],
    ['a mailto with a quoted local part', `mailto:"o'brien;touch pwned"@example.com`],
  ])('opens exactly the encoded URL and runs nothing else: %s', (_name, raw) => {
    const target = resolveLink(raw);
    expect(target).toBeDefined();
    const uri = target!.href;
    expect(uri).not.toMatch(/['"\\`\s]/);
    const { calls, sideEffects } = open(uri);
    expect(calls).toBe(`1\n${uri}\n`);
    expect(sideEffects).toEqual([]);
  });
});

describe('docs/clients.md', () => {
  it('shows the handler mailview sets, as it is', () => {
    expect(readFileSync(join(root, 'docs/clients.md'), 'utf8')).toContain(`    LESS_OSC8_ANY=${osc8Handler}\n`);
  });
});

describe('runPager when the text fails while it is made', () => {
  it('ends the pager input and rejects with the failure once the pager has quit', async () => {
    function* pieces(): Generator<string> {
      yield 'first piece\n';
      throw new Error('render failed');
    }
    await expect(runPager(pieces(), { command: 'cat > /dev/null', env: { PATH: process.env.PATH ?? '' } })).rejects.toThrow('render failed');
  });
});
