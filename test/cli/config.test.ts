import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { configArgs, configKeys, configPath, readConfig } from '../../src/cli/config.js';
import { MailviewError } from '../../src/document/errors.js';
import { flags, maxListNames, notInConfig, parseOptions, usage } from '../../src/cli/options.js';
import { render, root, runBin } from '../helpers/run.js';

const message = readFileSync(`${root}test/fixtures/alternative.eml`);

/** A fresh XDG_CONFIG_HOME holding `text` as mailview/config.toml. */
function configHome(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'mailview-config-'));
  mkdirSync(join(home, 'mailview'));
  writeFileSync(join(home, 'mailview', 'config.toml'), text);
  return home;
}

function configError(text: string): string {
  try {
    configArgs(text, 'config.toml');
  } catch (err) {
    if (err instanceof MailviewError) return `${err.code} ${err.what}: ${err.why}`;
    throw err;
  }
  throw new Error('no error');
}

describe('config keys', () => {
  it('every flag has a key or is in the table of exceptions', () => {
    const keyed = new Set([...configKeys().values()].flatMap((k) => [k.value, k.on, k.off]));
    for (const name of Object.keys(flags)) expect(keyed.has(name) || notInConfig.has(name), name).toBe(true);
  });

  it('are named as the option; no-X switches are X = false', () => {
    const keys = configKeys();
    expect(keys.get('width')).toEqual({ value: 'width' });
    expect(keys.get('pager')).toEqual({ value: 'pager', off: 'no-pager' });
    expect(keys.get('unwrap')).toEqual({ off: 'no-unwrap' });
    for (const name of ['help', 'version', 'config', 'no-config', 'colour', 'list-links', 'browser', 'html']) expect(keys.has(name)).toBe(false);
  });

  it('are listed by docs/configuration.md, the man page and --help alike', () => {
    const keys = [...configKeys().keys()].sort();
    const doc = readFileSync(`${root}docs/configuration.md`, 'utf8');
    expect(doc).toContain('\n## Config file\n');
    const section = doc.slice(doc.indexOf('\n## Config file\n'), doc.indexOf('\n## ', doc.indexOf('\n## Config file\n') + 1));
    expect([...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).sort()).toEqual(keys);
    const roff = readFileSync(`${root}man/mailview.1`, 'utf8');
    const man = roff.slice(roff.indexOf('.SH CONFIG FILE'), roff.indexOf('.SH', roff.indexOf('.SH CONFIG FILE') + 1));
    // The tags of the .TP entries, as man.test.ts reads the options.
    const manKeys = [...man.matchAll(/^\.TP\n\.B (\S+)$/gm)].map((m) => m[1]!.replace(/\\-/g, '-')).sort();
    expect(manKeys).toEqual(keys);
    // --help names every flag that has a key (under its command-line name).
    for (const key of configKeys().values()) for (const name of [key.value, key.on, key.off]) if (name) expect(usage).toContain(`--${name}`);
  });
});

describe('configArgs', () => {
  it('turns each key into its flag', () => {
    const text = 'width = 72\nheaders = "from,subject"\nhyperlinks = "always"\npager = false\nunwrap = false\nfootnotes = "never"\n';
    expect(configArgs(text, 'c')).toEqual(['--width=72', '--headers=from,subject', '--hyperlinks=always', '--no-pager', '--no-unwrap', '--footnotes=never']);
    expect(configArgs('pager = "-less"\nunwrap = true\n', 'c')).toEqual(['--pager=-less']);
    expect(configArgs('# nothing\n', 'c')).toEqual([]);
  });

  it("parses docs/configuration.md's example file", () => {
    const doc = readFileSync(`${root}docs/configuration.md`, 'utf8');
    const example = /^ {4}# ~\/\.config\/mailview\/config\.toml\n((?: {4}.*\n)+)/m.exec(doc)?.[1];
    expect(example).toBeDefined();
    const args = configArgs(example!.replace(/^ {4}/gm, ''), 'docs/configuration.md');
    expect(args).toContain('--width=72');
    expect(args).toContain('--no-unwrap');
  });

  it('reports a bad file in one line naming file, line and key, exit 78', () => {
    expect(configError('width = 72\ncolor = "pink"\n')).toBe("78 config.toml:2: color: expects always, auto, never, not 'pink'");
    expect(configError('\n\ncolr = "never"\n')).toBe('78 config.toml:3: colr: unknown key; did you mean color? (see mailview(1), CONFIG FILE)');
    expect(configError('width = "wide"')).toBe("78 config.toml:1: width: expects a whole number from 10 to 1000, not 'wide'");
    expect(configError('width = 72.5')).toBe('78 config.toml:1: width: expects a string or a whole number, not 72.5');
    expect(configError('unwrap = "no"')).toBe("78 config.toml:1: unwrap: expects true or false, not 'no'");
    expect(configError('x = 1\n[display]\nwidth = 3')).toMatch(/^78 config\.toml:1: x: unknown key/);
    expect(configError('a = 1\n[display]\n')).toMatch(/^78 config\.toml:1: a: /);
    expect(configError('\n[display]\nwidth = 3')).toBe('78 config.toml:2: display: unknown key (see mailview(1), CONFIG FILE)');
    expect(configError('headers = ["from"]')).toBe('78 config.toml:1: headers: expects a string or a whole number, not an array');
    expect(configError('help = true')).toMatch(/^78 config\.toml:1: help: unknown key/);
  });

  it("points a command-line switch written as a key to the file's form of it", () => {
    expect(configError('no-pager = true')).toBe('78 config.toml:1: no-pager: unknown key; write pager = false (see mailview(1), CONFIG FILE)');
    expect(configError('no-unwrap = true')).toBe('78 config.toml:1: no-unwrap: unknown key; write unwrap = false (see mailview(1), CONFIG FILE)');
    expect(configError('colour = "never"')).toBe('78 config.toml:1: colour: unknown key; write color (see mailview(1), CONFIG FILE)');
    expect(configError('list-links = true')).toBe('78 config.toml:1: list-links: unknown key: --list-links is for the command line only (see mailview(1), CONFIG FILE)');
  });

  it('shows a header field named many times once, and refuses a list longer than the cap', async () => {
    const many = `From: a@example.com\r\nTo: ${Array.from({ length: 3000 }, (_, i) => `r${i}@example.org`).join(', ')}\r\nSubject: s\r\n\r\nHi\r\n`;
    const home = configHome(`headers = "${Array.from({ length: 300 }, () => 'To').join(', ')}"\n`);
    const r = await render(many, ['--no-pager', '--width', '80', '--footnotes', 'never'], { XDG_CONFIG_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^To:/gm)).toHaveLength(1);
    const names = Array.from({ length: maxListNames + 1 }, (_, i) => `x-field-${i}`).join(',');
    expect(configError(`headers = "${names}"`)).toBe(`78 config.toml:1: headers: expects at most ${maxListNames} different names, not ${maxListNames + 1}`);
    expect(parseOptions([`--trust-authserv=mx.example.com,${'MX.example.com,'.repeat(500)}`]).trustAuthserv).toEqual(['mx.example.com']);
  });

  it('gives the line of a TOML syntax error', () => {
    expect(configError('width = 72\n\nhyperlinks = always\n')).toMatch(/^78 config\.toml:3: not valid TOML: /);
    expect(configError('width = 72\nwidth = 80\n')).toMatch(/^78 config\.toml:2: not valid TOML: /);
  });
});

describe('config file location', () => {
  it('is $XDG_CONFIG_HOME/mailview/config.toml, else ~/.config; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/mailview/config.toml');
    expect(configPath({ XDG_CONFIG_HOME: 'rel', HOME: '/h' })).toBe('/h/.config/mailview/config.toml');
    expect(configPath({})).toBeUndefined();
  });

  it('a missing default file is no settings; a missing --config file is an error', () => {
    expect(readConfig('/nonexistent/mailview/config.toml', false)).toEqual([]);
    expect(() => readConfig('/nonexistent/config.toml', true)).toThrow(/no such file/);
  });
});

describe('precedence: command line > MAILVIEW_PAGER, FORCE_* > file > NO_COLOR, PAGER, COLUMNS > default', () => {
  const run = (file: string, args: string[], env: Record<string, string> = {}) => render(message, args, { XDG_CONFIG_HOME: configHome(file), ...env });

  it('the file sets defaults; the command line overrides them', async () => {
    expect((await run('width = 40\nfootnotes = "never"\n', [])).stdout).not.toMatch(/^.{41,}$/m);
    expect((await run('footnotes = "never"\n', [])).stdout).not.toContain('[1]');
    expect((await run('footnotes = "never"\n', ['--footnotes', 'always'])).stdout).toContain('[1]');
    const wide = (await run('width = 40\n', ['--width', '100'])).stdout;
    expect(wide).toMatch(/^.{41,}$/m);
  });

  it('FORCE_HYPERLINK and FORCE_COLOR beat the file, the command line beats them', async () => {
    expect((await run('hyperlinks = "never"\n', [], { FORCE_HYPERLINK: '1' })).stdout).toContain('\x1b]8;id=');
    expect((await run('', ['--hyperlinks', 'never'], { FORCE_HYPERLINK: '1' })).stdout).not.toContain('\x1b]8;');
    expect((await run('color = "always"\n', [], { FORCE_COLOR: '0' })).stdout).not.toContain('\x1b[');
  });

  it('the file beats NO_COLOR (no-color.org) and COLUMNS', async () => {
    expect((await run('color = "always"\n', [], { NO_COLOR: '1' })).stdout).toContain('\x1b[1m');
    expect((await run('', [], { NO_COLOR: '1', FORCE_COLOR: '1' })).stdout).toContain('\x1b[1m');
    expect((await run('width = 40\n', [], { COLUMNS: '120' })).stdout).not.toMatch(/^.{41,}$/m);
  });

  it('--no-config reads none; --config FILE reads that one', async () => {
    const home = configHome('width = 40\nfootnotes = "never"\n');
    expect((await render(message, ['--no-config'], { XDG_CONFIG_HOME: home })).stdout).toContain('[1]');
    const other = join(configHome(''), 'mailview', 'config.toml');
    writeFileSync(other, 'footnotes = "always"\nhyperlinks = "never"\n');
    expect((await render(message, ['--config', other], { XDG_CONFIG_HOME: home })).stdout).toContain('[1]');
    const missing = await render(message, ['--config', '/nonexistent/c.toml']);
    expect(missing).toEqual({ code: 78, stdout: '', stderr: 'mailview: /nonexistent/c.toml: no such file\n' });
  });

  it('pager: --pager, then MAILVIEW_PAGER, then the file, then PAGER', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailview-pager-'));
    const pager = (name: string) => `cat > ${dir}/${name}`;
    const page = async (file: string, args: string[], env: Record<string, string>) => {
      const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
      const stdin = Readable.from([message]);
      const io = { argv: args, env: { XDG_CONFIG_HOME: configHome(file), ...env }, stdin, stdout, stderr: new PassThrough(), pid: 1 };
      expect(await main(io)).toBe(0);
    };
    await page(`pager = "${pager('file')}"\n`, [], { PAGER: pager('env') });
    await page(`pager = "${pager('no')}"\n`, [], { MAILVIEW_PAGER: pager('mailview') });
    await page(`pager = "${pager('no')}"\n`, ['--pager', pager('flag')], { MAILVIEW_PAGER: pager('no') });
    for (const name of ['file', 'mailview', 'flag']) expect(readFileSync(`${dir}/${name}`, 'utf8')).toContain('Alice Example');
    expect(() => readFileSync(`${dir}/no`)).toThrow();
    expect(() => readFileSync(`${dir}/env`)).toThrow();
  });

  it('the binary reports a bad file in one line and exits 78', () => {
    const r = runBin([], message, { XDG_CONFIG_HOME: configHome('width = 72\nmax-width = 5\n') });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mailview: \/\S+\/mailview\/config\.toml:2: max-width: expects a whole number from 10 to 1000, not '5'\n$/);
  });
});
