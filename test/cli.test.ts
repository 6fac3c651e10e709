// The real bin/mailview.js, spawned as a user runs it (stdout is a pipe here, so no pager).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root, runBin } from './helpers/run.js';
import { invariantErrors, stripEscapes } from './helpers/terminal.js';

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

describe('errors: one line, sysexits code, no stack trace', () => {
  const cases: Array<[string, string[], string | Buffer, number, RegExp]> = [
    ['unknown flag', ['--bogus'], '', 64, /^mailview: usage: Unknown option '--bogus'/],
    ['bad value', ['--width', 'wide'], '', 64, /^mailview: usage: --width expects a whole number from 10 to 1000, not 'wide'\n$/],
    ['bad choice', ['--hyperlinks', 'maybe'], '', 64, /--hyperlinks expects always, auto, never, not 'maybe'/],
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

describe('write errors', () => {
  it.skipIf(!existsSync('/dev/full'))('exits 74 with one line on stderr when stdout is full', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${root}bin/mailview.js" --no-pager > /dev/full`], { input: message });
    expect(r.status).toBe(74);
    expect(r.stderr.toString()).toMatch(/^mailview: write error: ENOSPC: no space left on device[^\n]*\n$/);
  });
});
