// emit.ts is the only producer of escapes: what it neutralises and what it writes.
import { describe, expect, it } from 'vitest';
import type { Line } from '../src/document.js';
import { emitLines, hasUnsafe, neutralise, replacement } from '../src/emit.js';
import { render } from './helpers/run.js';
import { invariantErrors, stripEscapes } from './helpers/terminal.js';

const rich = { hyperlinks: true, color: true };

describe('neutralise', () => {
  it.each([
    ['ESC', '\x1b[2J', '\uFFFD[2J'],
    ['BEL', 'a\x07b', 'a\uFFFDb'],
    ['NUL and CR', 'a\x00b\rc', 'a\uFFFDb\uFFFDc'],
    ['DEL', 'a\x7fb', 'a\uFFFDb'],
    ['8-bit CSI and OSC', '\x9b2J\x9d0;t\x9c', '\uFFFD2J\uFFFD0;t\uFFFD'],
    ['every C1', '\x80\x85\x9f', '\uFFFD\uFFFD\uFFFD'],
    ['bidi override', 'invoice\u202Efdp.exe', 'invoice\uFFFDfdp.exe'],
    ['bidi isolates and marks', '\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D', '\uFFFD'.repeat(11)],
    ['tab and newline', 'a\tb\nc', 'a b c'],
    ['soft hyphen, drawn by terminals though string-width counts it 0', 'Ge\u00adschwin\u00addig', 'Geschwindig'],
    ['printable text', 'Grüße, 日本, 🙂 ~!', 'Grüße, 日本, 🙂 ~!'],
  ])('%s', (_name, input, want) => {
    expect(neutralise(input)).toBe(want);
    expect(hasUnsafe(input)).toBe(input !== want);
  });
  it('uses U+FFFD as its one stand-in', () => expect(replacement).toBe('\uFFFD'));
});

describe('emitLines', () => {
  const line = (spans: Line['spans']): Line[] => [{ spans }];
  it('writes forged escapes in span text as stand-ins', () => {
    const out = emitLines(line([{ text: '\x1b]8;;https://evil.example/\x1b\\x', style: { bold: true } }]), rich);
    expect(out).toBe('\x1b[1m\uFFFD]8;;https://evil.example/\uFFFD\\x\x1b[0m\n');
  });
  it('opens and closes a link on its line, with a clean id and URI', () => {
    const link = { href: 'https://example.com/\x1b\\é', id: 'a;b:c', followed: true };
    expect(emitLines(line([{ text: 'go', link }]), rich)).toBe('\x1b]8;id=a_b_c;https://example.com/%1B\\%C3%A9\x1b\\go\x1b]8;;\x1b\\\n');
  });
  it('never links what the policy did not follow', () => {
    const link = { href: 'javascript:alert(1)', id: 'x', followed: false };
    expect(emitLines(line([{ text: 'go', link }]), rich)).toBe('go\n');
  });
  it('writes no escape at all without hyperlinks and colour', () => {
    const link = { href: 'https://example.com/', id: 'x', followed: true };
    expect(emitLines(line([{ text: 'a\x1bb', style: { warn: true }, link }]), { hyperlinks: false, color: false })).toBe('a\uFFFDb\n');
  });
});

// After every decoding step (quoted-printable, base64, RFC 2047, RFC 2231, HTML entities), nothing
// the sender wrote reaches the terminal as a control character.
describe('neutralised after decoding', () => {
  const mail = (headers: string, body: string, subject = 's') => `From: a@example.com\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\n${headers}\r\n\r\n${body}\r\n`;
  it.each([
    ['quoted-printable', mail('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable', 'a=1B]0;t=07b'), 'a\uFFFD]0;t\uFFFDb'],
    ['base64', mail('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64', Buffer.from('a\x1b[2Jb').toString('base64')), 'a\uFFFD[2Jb'],
    ['HTML entities', mail('Content-Type: text/html; charset=utf-8', '<p>a&#27;[2J&#x1B;]52;c;eA==&#7;b</p>'), 'a\uFFFD[2J\uFFFD]52;c;eA==\uFFFDb'],
    ['RFC 2047 header', mail('Content-Type: text/plain', 'body', '=?utf-8?q?a=1B]0;t=07b?='), 'Subject: a\uFFFD]0;t\uFFFDb'],
    ['RFC 2231 file name', mail('Content-Type: multipart/mixed; boundary=b', "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''a%1B%5B2Jb.pdf\r\n\r\nx\r\n--b--"), 'a\uFFFD[2Jb.pdf'],
  ])('%s', async (_name, input, want) => {
    for (const profile of [['always', 'always'], ['never', 'never']]) {
      const r = await render(input, ['--no-pager', '--width', '80', '--hyperlinks', profile[0]!, '--color', profile[1]!]);
      expect(r.code).toBe(0);
      expect(stripEscapes(r.stdout)).toContain(want);
      expect(invariantErrors(r.stdout, 80)).toEqual([]);
    }
  });
});
