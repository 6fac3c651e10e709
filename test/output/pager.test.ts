import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLink } from '../../src/links/links.js';
import { root } from '../helpers/run.js';
import { commandArgv, openCommands, openerScript } from '../../src/output/browser.js';
import { lessBinary, lessFlags, lessNavigates, lessVersion, osc8Handler, osc8HandlerVariables, osc8OpenHandler, pagerEnv, runPager } from '../../src/output/pager.js';

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
  const handlers = { LESS_OSC8_ANY: osc8Handler, LESS_OSC8_file: '-', LESS_OSC8_OPEN_ANY: osc8OpenHandler, LESS_OSC8_OPEN_file: osc8OpenHandler };
  it("sets both sets of ^O^O handlers, less 661's and less 702's, and the opener for less 661 and later", () => {
    for (const lessVersion of [661, 668, 702, 709]) {
      expect(pagerEnv({ command: 'less', env, lessVersion })).toEqual({ ...env, LESS: 'FRX', LESSCHARSET: 'utf-8', ...handlers, MAILVIEW_OPENER: `'xdg-open' "$1"` });
    }
  });
  it('sets nothing of the kind for older less or another pager', () => {
    for (const spec of [{ command: 'less', env, lessVersion: 590 }, { command: 'more', env }]) {
      const out = pagerEnv(spec);
      expect(out.LESS_OSC8_ANY).toBeUndefined();
      expect(out.LESS_OSC8_OPEN_ANY).toBeUndefined();
      expect(out.MAILVIEW_OPENER).toBeUndefined();
    }
  });
  it('knows the names less 702 reads', () => {
    expect(osc8HandlerVariables).toEqual(expect.arrayContaining(['LESS_OSC8_OPEN_ANY', 'LESS_OSC8_OPEN_NONE', 'LESS_OSC8_OPEN_https', 'LESS_OSC8_OPEN_file']));
  });
  it.each(osc8HandlerVariables)("leaves the user's %s in charge", (name) => {
    const out = pagerEnv({ command: 'less', env: { ...env, [name]: 'my-opener' }, lessVersion: 704 });
    expect(out[name]).toBe('my-opener');
    for (const ours of Object.keys(handlers)) if (ours !== name) expect(out[ours]).toBeUndefined();
    expect(out.MAILVIEW_OPENER).toBeUndefined();
  });
  it("turns less 709's own link underline off when mailview does not underline links", () => {
    expect(pagerEnv({ command: 'less', env, lessVersion: 709, underlinesLinks: false }).LESS).toBe('FRX -Du-');
    expect(pagerEnv({ command: 'less', env: { ...env, LESS: '-i' }, lessVersion: 712, underlinesLinks: false }).LESS).toBe('-i -R -Du-');
    expect(pagerEnv({ command: 'less', env, lessVersion: 709, underlinesLinks: true }).LESS).toBe('FRX');
    // Before 709 less underlines nothing itself: LESS is left as it was.
    expect(pagerEnv({ command: 'less', env, lessVersion: 708, underlinesLinks: false }).LESS).toBe('FRX');
  });
  it('opens with MAILVIEW_OPEN, else every command of BROWSER in turn, else xdg-open, or open on macOS', () => {
    const opener = (e: Record<string, string>, platform?: string) => pagerEnv({ command: 'less', env: e, lessVersion: 668, ...(platform ? { platform } : {}) }).MAILVIEW_OPENER;
    expect(opener({ MAILVIEW_OPEN: '/opt/open link', BROWSER: 'firefox' })).toBe(`'/opt/open link' "$1"`);
    expect(opener({ MAILVIEW_OPEN: ' ', BROWSER: 'firefox' })).toBe(`'firefox' "$1"`);
    expect(opener({ BROWSER: ':w3m:lynx -dump %s' })).toBe(`'w3m' "$1" || 'lynx' '-dump' "$1"`);
    expect(opener({})).toBe(`'xdg-open' "$1"`);
    expect(opener({}, 'darwin')).toBe(`'open' "$1"`);
  });
});

describe('BROWSER', () => {
  it('is a colon-separated list of commands; %s is the target, %% a percent sign, else the target comes last', () => {
    const argv = (browser: string) => openCommands({ BROWSER: browser }).map((c) => commandArgv(c, 'https://e.example/a%20b'));
    expect(argv('firefox')).toEqual([['firefox', 'https://e.example/a%20b']]);
    expect(argv('w3m:firefox %s')).toEqual([['w3m', 'https://e.example/a%20b'], ['firefox', 'https://e.example/a%20b']]);
    expect(argv('open-it --url=%s --zoom=90%%')).toEqual([['open-it', '--url=https://e.example/a%20b', '--zoom=90%']]);
    expect(argv('show 100%% %%s')).toEqual([['show', '100%', '%s', 'https://e.example/a%20b']]);
    expect(argv(' : ')).toEqual([['xdg-open', 'https://e.example/a%20b']]);
  });
  it('becomes a script that tries each in turn and takes the target only as "$1"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailview-browser-'));
    try {
      writeFileSync(join(dir, 'rec'), `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > '${dir}/calls'\n`, { mode: 0o755 });
      const script = openerScript(openCommands({ BROWSER: `no-such-browser-x:false:${dir}/rec --a='%s' 50%%` }));
      const target = `https://e.example/'$(touch ${dir}/pwned)'`;
      const r = spawnSync('/bin/sh', ['-c', script, 'sh', target], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(r.status).toBe(0);
      expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe(`2\n--a='${target}'\n50%\n`);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// What less does on ^O^O with the handlers mailview sets, the URI full of shell syntax each time.
// 661 to 701 (less(1), ^O^O): LESS_OSC8_ANY is expanded like a prompt, %o becoming the URI; that
// runs with sh and what it prints runs with $SHELL. 702 and later: LESS_OSC8_OPEN_ANY is not
// expanded; less appends a space and the URI, shell-escaped, and runs that with `$SHELL -c`.
describe('the ^O^O handlers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailview-osc8-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const record = join(dir, 'record');
  writeFileSync(record, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" >> '${dir}/calls'\n`, { mode: 0o755 });

  // less's shell_quote with its default LESSMETACHARS and LESSMETAESCAPE (a backslash): each
  // metacharacter escaped; a URI with a character it cannot escape is refused.
  const lessMetachars = '; *?\t\n\'"()<>[]|&^`#\\$%=~{},';
  const lessEscape = (uri: string) => [...uri].map((c) => (lessMetachars.includes(c) ? `\\${c}` : c)).join('');

  function outcome(run: () => void): { calls: string; sideEffects: string[] } {
    rmSync(join(dir, 'calls'), { force: true });
    run();
    const calls = existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8') : '';
    return { calls, sideEffects: readdirSync(dir).filter((f) => f !== 'record' && f !== 'calls') };
  }
  const envFor = (shell: string) => pagerEnv({ command: 'less', env: { PATH: process.env.PATH, MAILVIEW_OPEN: record, SHELL: shell, SIDE: dir }, lessVersion: 702 });

  function open661(uri: string) {
    return outcome(() => {
      const env = envFor('/bin/sh');
      const handler = spawnSync('/bin/sh', ['-c', env.LESS_OSC8_ANY!.replace('%o', uri)], { env, encoding: 'utf8', cwd: dir });
      expect(handler.status).toBe(0);
      const opener = spawnSync(env.SHELL!, ['-c', handler.stdout], { env, encoding: 'utf8', cwd: dir });
      expect(opener.status).toBe(0);
    });
  }
  function open702(uri: string, shell: string, name = 'LESS_OSC8_OPEN_ANY') {
    return outcome(() => {
      const env = envFor(shell);
      const r = spawnSync(shell, ['-c', `${env[name]!} ${lessEscape(uri)}`], { env, encoding: 'utf8', cwd: dir });
      expect(r.status).toBe(0);
    });
  }

  it('has nothing prompt expansion would change but %o (less(1): . : ? \\ % are special)', () => {
    expect(osc8Handler.split('%o')).toHaveLength(2);
    expect(osc8Handler.replace('%o', '')).not.toMatch(/[.:?\\%]/);
  });

  const hostile = [
    ['$(…) in quotes', `https://e.example/'$(touch "$SIDE/pwned")'`],
    ['backticks', 'https://e.example/`touch pwned`'],
    ['a semicolon', 'https://e.example/a;touch pwned;b'],
    ['a newline', 'https://e.example/a\ntouch pwned\n'],
    ['double quotes and a backslash', 'https://e.example/"$(touch pwned)"\\'],
    ['& | < > and $VAR', 'https://e.example/?a=1&b=2|touch${IFS}pwned>x<y&$HOME'],
    ['a mailto with a quoted local part', `mailto:"o'brien;touch pwned"@example.com`],
  ];

  it.each(hostile)('661: opens exactly the encoded URL and runs nothing else: %s', (_name, raw) => {
    const uri = resolveLink(raw)!.href;
    expect(uri).not.toMatch(/['"\\`\s]/);
    expect(open661(uri)).toEqual({ calls: `1\n${uri}\n`, sideEffects: [] });
  });

  it.each(hostile)('702: opens exactly the encoded URL and runs nothing else: %s', (_name, raw) => {
    const uri = resolveLink(raw)!.href;
    expect(open702(uri, '/bin/sh')).toEqual({ calls: `1\n${uri}\n`, sideEffects: [] });
    expect(open702(uri, '/bin/bash', 'LESS_OSC8_OPEN_file')).toEqual({ calls: `1\n${uri}\n`, sideEffects: [] });
  });

  // The handler takes any URI less escapes as one argument, not only those mailview writes.
  it.each([
    `https://e.example/$(touch pwned)`,
    'https://e.example/`touch pwned`;touch pwned2',
    'https://e.example/a b|touch pwned&{x,y}~=%41#frag',
  ])('702: a raw URI full of shell syntax arrives as one argument: %s', (uri) => {
    expect(open702(uri, '/bin/sh')).toEqual({ calls: `1\n${uri}\n`, sideEffects: [] });
  });
});

describe('docs/clients.md', () => {
  it('shows the handlers mailview sets, as they are', () => {
    const doc = readFileSync(join(root, 'docs/clients.md'), 'utf8');
    expect(doc).toContain(`    LESS_OSC8_ANY=${osc8Handler}\n`);
    expect(doc).toContain(`    LESS_OSC8_OPEN_ANY=${osc8OpenHandler}\n`);
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
