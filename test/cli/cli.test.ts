// The real bin/mailview.js, spawned as a user runs it (stdout is a pipe here, so no pager).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { osc8Handler, osc8OpenHandler } from '../../src/output/pager.js';
import { render, root, runBin } from '../helpers/run.js';
import { invariantErrors, stripEscapes } from '../helpers/terminal.js';

const fixture = (name: string) => readFileSync(`${root}test/fixtures/${name}`);
const message = fixture('alternative.eml');
const linkOpen = /\x1b\]8;id=([^;]+);([^\x1b]+)\x1b\\/g;

describe('mailview binary', () => {
  it('prints header block, hyperlinked anchor text and attachment list at width 60', () => {
    const r = runBin(['--no-pager', '--hyperlinks', 'always', '--color', 'never', '--width', '60'], fixture('mixed-attachments.eml'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^From: Report Bot <\x1b\]8;id=[^;]+;mailto:bot@reports\.example\x1b\\bot@reports\.example\x1b\]8;;\x1b\\>$/m);
    expect(r.stdout).toContain('Subject: Weekly report');
    expect(r.stdout).toMatch(/^ 1\. report\.pdf {2}application\/pdf {2}78 B$/m);
    expect(invariantErrors(r.stdout, 60)).toEqual([]);
  });

  it('closes and reopens a wrapped link on every line with the same id', () => {
    const r = runBin(['--no-pager', '--hyperlinks', 'always', '--color', 'never', '--width', '60'], message);
    const lines = r.stdout.split('\n').filter((l) => l.includes('https://example.com/docs'));
    expect(lines.length).toBe(2);
    const ids = lines.map((l) => [...l.matchAll(linkOpen)].map((m) => m[1]));
    expect(ids[0]).toEqual(ids[1]);
    for (const line of lines) expect(line.split('\x1b]8;;\x1b\\').length - 1).toBe([...line.matchAll(linkOpen)].length);
    expect(lines[0]!.endsWith('\x1b]8;;\x1b\\')).toBe(true);
    expect(stripEscapes(lines.join('\n'))).toBe('Please read the documentation about everything you will ever\nneed to know and then click.');
    expect(invariantErrors(r.stdout, 60)).toEqual([]);
  });

  it('uses a different id prefix in every run', () => {
    const args = ['--no-pager', '--hyperlinks', 'always'];
    const a = runBin(args, message).stdout.match(linkOpen)?.[0];
    const b = runBin(args, message).stdout.match(linkOpen)?.[0];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it('reads FILE arguments, with - for stdin, in order', () => {
    const r = runBin(['--no-pager', '--headers', 'subject', `${root}test/fixtures/koi8r.eml`, '-'], fixture('no-text.eml'));
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('Subject: Привет')).toBeLessThan(r.stdout.indexOf('Subject: Scan'));
  });

  it('writes plain text with footnotes when piped (auto profile)', () => {
    const r = runBin([], message);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('From: Alice Example <alice@example.com>\n');
    expect(r.stdout).toContain('the documentation about everything you will ever need to know[4] and\nthen click[5].');
    expect(r.stdout).toMatch(/^\[5\] javascript:alert\(1\) \(not followed\)$/m);
    expect(r.stdout).toMatch(/^\[4\] https:\/\/example\.com\/docs\?x=1&y=2$/m);
  });

  it('honours FORCE_HYPERLINK and NO_COLOR in auto mode', () => {
    const r = runBin(['--color', 'auto'], message, { FORCE_HYPERLINK: '1', FORCE_COLOR: '1' });
    expect(r.stdout).toContain('\x1b]8;id=');
    expect(r.stdout).toContain('\x1b[1m');
    const n = runBin(['--color', 'auto', '--hyperlinks', 'always'], message, { NO_COLOR: '1' });
    expect(n.stdout).not.toContain('\x1b[');
  });

  it('renders a bare HTML document, detected or forced with --html', () => {
    const html = fixture('bare.html');
    const r = runBin(['--hyperlinks', 'always'], html);
    expect(r.stdout).toContain('\x1b]8;id=');
    expect(r.stdout).toContain(';https://news.example/issue/7/lead.html\x1b\\lead story');
    const forced = runBin(['--html', '--hyperlinks', 'never'], 'Just <b>text</b> &amp; more');
    expect(forced.stdout).toBe('Just text & more\n');
  });

  it('prints help and version', () => {
    expect(runBin(['--help']).stdout).toContain('Usage: mailview');
    expect(runBin(['-V']).stdout).toMatch(/^mailview \d+\.\d+\.\d+\n$/);
  });

  it('--list-links prints number, URL and text, tab-separated, without escapes', () => {
    const r = runBin(['--list-links', '--hyperlinks', 'always'], message);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout.split('\n')).toContain('4\thttps://example.com/docs?x=1&y=2\tthe documentation about everything you will ever need to know');
  });
});

describe('--headers all', () => {
  it("shows every header field of the message, in the message's order", () => {
    const mail = 'From: A <a@example.com>\nTo: b@example.com\nSubject: Hi\nX-Mailer: Thing 1.0\nX-Clacks-Overhead: GNU\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nBody\n';
    const r = runBin(['--headers', 'all', '--no-pager', '--color', 'never', '--footnotes', 'never'], mail);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual(['From: A <a@example.com>', 'To: b@example.com', 'Subject: Hi', 'X-Mailer: Thing 1.0', 'X-Clacks-Overhead: GNU', 'Date: Mon, 1 Jan 2024 10:00:00 +0000']);
  });
});

describe('errors: one line, sysexits code, no stack trace', () => {
  const cases: Array<[string, string[], string | Buffer, number, RegExp]> = [
    ['unknown flag', ['--bogus'], '', 64, /^mailview: unknown option '--bogus' \(see mailview --help\)\n$/],
    ['misspelt flag', ['--widht', '72'], '', 64, /^mailview: unknown option '--widht' \(did you mean --width\? see mailview --help\)\n$/],
    ['misspelt flag with a value', ['--hyperlink=always'], '', 64, /^mailview: unknown option '--hyperlink' \(did you mean --hyperlinks\? see mailview --help\)\n$/],
    ['unknown short flag', ['-x'], '', 64, /^mailview: unknown option '-x' \(see mailview --help\)\n$/],
    ['flag without its value', ['--width'], '', 64, /^mailview: option '--width' needs a value \(see mailview --help\)\n$/],
    ['bad value', ['--width', 'wide'], '', 64, /^mailview: usage: --width expects a whole number from 10 to 1000, not 'wide'\n$/],
    ['bad choice', ['--hyperlinks', 'maybe'], '', 64, /--hyperlinks expects always, auto, never, not 'maybe'/],
    ['unknown --type', ['--type', 'image/png'], 'x\n', 64, /^mailview: usage: --type expects text\/plain, text\/html, text\/calendar, message\/rfc822 or multipart\/\*, not 'image\/png'\n$/],
    ['--type multipart/* without a boundary line', ['--type', 'multipart/mixed'], 'no boundary here\n', 65, /^mailview: -: a multipart body must start with its boundary line \(--BOUNDARY\)\n$/],
    ['empty stdin', [], '', 66, /^mailview: no input: stdin is empty\n$/],
    ['missing file', ['/nonexistent/x.eml'], '', 66, /^mailview: \/nonexistent\/x\.eml: no such file\n$/],
    ['binary garbage', [], Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0x1b, 0x5b]), 65, /^mailview: -: binary data, not a message, HTML or text\n$/],
  ];
  for (const [name, args, input, code, message] of cases) {
    it(name, () => {
      const r = runBin(args, input);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }
});

describe('as a pager-starting command: less 661+ gets handlers and #id footnote markers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailview-cli-less-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in for less: reports a version, records what it was given and its environment.
  const fakeLess = (version: number) => {
    mkdirSync(join(dir, String(version)), { recursive: true });
    const path = join(dir, String(version), 'less');
    writeFileSync(path, `#!/bin/sh\n[ "$1" = --version ] && { echo 'less ${version} (POSIX regular expressions)'; exit 0; }\ncat > '${path}.in'\nenv > '${path}.env'\n`, { mode: 0o755 });
    return path;
  };
  async function viaPager(less: string, args: string[], env: Record<string, string> = {}): Promise<{ text: string; env: string }> {
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    const code = await main({ argv: ['--pager', less, ...args], env: { PATH: process.env.PATH ?? '', ...env }, stdin: Readable.from([message]), stdout, stderr: new PassThrough(), pid: 7 });
    expect(code).toBe(0);
    return { text: readFileSync(`${less}.in`, 'utf8'), env: readFileSync(`${less}.env`, 'utf8') };
  }

  it('less 668: both sets of handlers and the opener set, footnote markers link to their entries', async () => {
    const r = await viaPager(fakeLess(668), ['--footnotes', 'always'], { BROWSER: 'firefox' });
    expect(r.env).toMatch(/^MAILVIEW_OPENER='firefox' "\$1"$/m);
    expect(r.env).toContain(`LESS_OSC8_ANY=${osc8Handler}\n`);
    expect(r.env).toContain(`LESS_OSC8_OPEN_ANY=${osc8OpenHandler}\n`);
    const markers = [...r.text.matchAll(/\x1b\]8;id=([^;]+);#([^\x1b]+)\x1b\\/g)];
    expect(markers.length).toBeGreaterThan(0);
    for (const [, , target] of markers) expect(r.text).toContain(`\x1b]8;id=${target};http`);
    expect(invariantErrors(r.text, 80)).toEqual([]);
  });
  it('less 709: -Du- in LESS only when mailview does not underline links itself', async () => {
    expect((await viaPager(fakeLess(709), ['--link-style', 'color'])).env).toMatch(/^LESS=FRX -Du-$/m);
    expect((await viaPager(fakeLess(709), ['--color', 'never'])).env).toMatch(/^LESS=FRX -Du-$/m);
    expect((await viaPager(fakeLess(709), ['--color', 'always'])).env).toMatch(/^LESS=FRX$/m);
  });
  it("a user's own LESS_OSC8_OPEN_ANY is left alone", async () => {
    const r = await viaPager(fakeLess(704), [], { LESS_OSC8_OPEN_ANY: 'my-opener' });
    expect(r.env).toContain('LESS_OSC8_OPEN_ANY=my-opener\n');
    expect(r.env).not.toContain('LESS_OSC8_ANY');
    expect(r.env).not.toContain('MAILVIEW_OPENER');
  });
  it('less 590: no handler, no # URI', async () => {
    const r = await viaPager(fakeLess(590), ['--footnotes', 'always']);
    expect(r.env).not.toContain('LESS_OSC8_ANY');
    expect(r.text).not.toContain(';#');
    expect(r.text).toContain('\x1b]8;id=');
  });
  it("a user's own LESS_OSC8_https is left alone, the markers still jump", async () => {
    const r = await viaPager(fakeLess(661), ['--footnotes', 'always'], { LESS_OSC8_https: "echo mine '%o'" });
    expect(r.env).not.toContain('LESS_OSC8_ANY');
    expect(r.env).toContain("LESS_OSC8_https=echo mine '%o'");
    expect(r.text).toMatch(/\x1b\]8;id=[^;]+;#/);
  });
});

describe('as an aerc filter', () => {
  const html = Buffer.from('Hello <b>there</b>, read <a href="https://news.example/a">the news</a>. <meta charset="iso-8859-1"> Grüße\n');
  const aerc = { AERC_MIME_TYPE: 'text/html', AERC_SUBJECT: 'Hi', AERC_FROM: 'a@example.com', COLUMNS: '60' };
  it('reads the part as HTML in UTF-8, links ended by BEL when AERC_OSC8_URLS=1', async () => {
    const r = await render(html, [], { ...aerc, AERC_OSC8_URLS: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b]8;id=');
    expect(r.stdout).toContain(';https://news.example/a\x07');
    expect(r.stdout).not.toContain('\x1b\\');
    expect(r.stdout).toContain('\x1b[1mthere');
    expect(stripEscapes(r.stdout)).toContain('Hello there, read the news. Grüße');
    expect(invariantErrors(r.stdout, 60)).toEqual([]);
  });
  it('without AERC_OSC8_URLS (aerc 0.14, or enable-osc8 off): no links, footnotes instead', async () => {
    const r = await render(html, [], aerc);
    expect(r.stdout).not.toContain('\x1b]8;');
    expect(r.stdout).toMatch(/the news\x1b\[0m\[1\]/);
    expect(r.stdout).toContain('[1] https://news.example/a');
  });
  it('--hyperlinks always (aerc 0.14) writes BEL-terminated links', async () => {
    const r = await render(html, ['--hyperlinks', 'always'], aerc);
    expect(r.stdout).toContain(';https://news.example/a\x07');
  });
});

describe('styles and colour on a terminal', () => {
  const html = Buffer.from('<p><b>Bold</b> and <a href="https://x.example/">a link</a></p>');
  async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
    const chunks: Buffer[] = [];
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    stdout.on('data', (c: Buffer) => chunks.push(c));
    expect(await main({ argv: ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never', ...args], env, stdin: Readable.from([html]), stdout, stderr: new PassThrough(), pid: 7 })).toBe(0);
    return Buffer.concat(chunks).toString('utf8');
  }
  it('underline and blue links, bold text by default', async () => {
    expect(await onTerminal([], {})).toBe('\x1b[1mBold\x1b[0m and \x1b[4;38;5;63ma link\x1b[0m\n');
  });
  it('NO_COLOR keeps bold and underline, drops the colour', async () => {
    expect(await onTerminal([], { NO_COLOR: '1' })).toBe('\x1b[1mBold\x1b[0m and \x1b[4ma link\x1b[0m\n');
  });
  it('--color never writes no SGR at all; --link-style none leaves links unstyled', async () => {
    expect(await onTerminal(['--color', 'never'], {})).toBe('Bold and a link\n');
    expect(await onTerminal(['--link-style', 'none'], {})).toBe('\x1b[1mBold\x1b[0m and a link\n');
  });
});

describe('write errors', () => {
  it.skipIf(!existsSync('/dev/full'))('exits 74 with one line on stderr when stdout is full', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${root}bin/mailview.js" --no-pager > /dev/full`], { input: message });
    expect(r.status).toBe(74);
    expect(r.stderr.toString()).toMatch(/^mailview: write error: ENOSPC: no space left on device[^\n]*\n$/);
  });
});

describe('an internal error', () => {
  async function failing(argv: string[]) {
    const stdin = new Readable({
      read() {
        this.destroy(new TypeError("Cannot read properties of undefined (reading 'x')"));
      },
    });
    const err = new PassThrough();
    const errs: Buffer[] = [];
    err.on('data', (c: Buffer) => errs.push(c));
    const code = await main({ argv, env: {}, stdin, stdout: new PassThrough(), stderr: err, pid: 1 });
    return { code, stderr: Buffer.concat(errs).toString('utf8') };
  }
  it('is one line and exit 70, in no JavaScript words', async () => {
    const r = await failing(['--no-pager']);
    expect(r).toEqual({ code: 70, stderr: 'mailview: internal error (run with --debug for details)\n' });
  });
  it('says what JavaScript said with --debug', async () => {
    const r = await failing(['--no-pager', '--debug']);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^mailview: internal error: Cannot read properties of undefined \(reading 'x'\)\n/);
  });
});
