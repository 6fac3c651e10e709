// emit.ts is the only producer of escapes: what it neutralises and what it writes.
import { describe, expect, it } from 'vitest';
import type { Line } from '../../src/document/document.js';
import { hasUnsafe, neutralise, replacement } from '../../src/document/terminal.js';
import { emitLines } from '../../src/output/emit.js';
import { render } from '../helpers/run.js';
import { invariantErrors, stripEscapes } from '../helpers/terminal.js';

const rich = { hyperlinks: true, styles: true, color: true };
const links = { hyperlinks: true, styles: false, color: false };

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
    ['printable text', 'Grüße, 日本, 🙂 ~!', 'Grüße, 日本, 🙂 ~!'],
  ])('%s', (_name, input, want) => {
    expect(neutralise(input)).toBe(want);
    expect(hasUnsafe(input)).toBe(input !== want);
  });
  it('uses U+FFFD as its one stand-in', () => expect(replacement).toBe('\uFFFD'));
});

const line = (spans: Line['spans']): Line[] => [{ spans }];

describe('emitLines', () => {
  it('writes forged escapes in span text as stand-ins', () => {
    const out = emitLines(line([{ text: '\x1b]8;;https://evil.example/\x1b\\x', style: { bold: true } }]), rich);
    expect(out).toBe('\x1b[1m\uFFFD]8;;https://evil.example/\uFFFD\\x\x1b[0m\n');
  });
  it('opens and closes a link on its line, with a clean id and URI', () => {
    const link = { href: 'https://example.com/\x1b\\é', id: 'a;b:c', followed: true };
    expect(emitLines(line([{ text: 'go', link }]), links)).toBe('\x1b]8;id=a_b_c;https://example.com/%1B%5C%C3%A9\x1b\\go\x1b]8;;\x1b\\\n');
  });
  it('never links what the policy did not follow', () => {
    const link = { href: 'javascript:alert(1)', id: 'x', followed: false };
    expect(emitLines(line([{ text: 'go', link }]), rich)).toBe('go\n');
  });
  it('writes no escape at all without hyperlinks and colour', () => {
    const link = { href: 'https://example.com/', id: 'x', followed: true };
    expect(emitLines(line([{ text: 'a\x1bb', style: { warn: true }, link }]), { hyperlinks: false, styles: false, color: false })).toBe('a\uFFFDb\n');
  });
});

describe('link style and OSC 8 terminator', () => {
  const link = { href: 'https://example.com/', id: 'x', followed: true };
  const open = '\x1b]8;id=x;https://example.com/';
  const blue = '38;5;63';
  it.each([
    ['both, with colour', { linkStyle: 'both', color: true }, `\x1b[4;${blue}mgo\x1b[0m`],
    ['both, NO_COLOR: underline only', { linkStyle: 'both', color: false }, '\x1b[4mgo\x1b[0m'],
    ['underline', { linkStyle: 'underline', color: true }, '\x1b[4mgo\x1b[0m'],
    ['color', { linkStyle: 'color', color: true }, `\x1b[${blue}mgo\x1b[0m`],
    ['color, NO_COLOR: nothing', { linkStyle: 'color', color: false }, 'go'],
    ['none', { linkStyle: 'none', color: true }, 'go'],
  ] as const)('%s', (_name, caps, text) => {
    expect(emitLines(line([{ text: 'go', link }]), { hyperlinks: true, styles: true, ...caps })).toBe(`${open}\x1b\\${text}\x1b]8;;\x1b\\\n`);
  });
  it('styles link text without hyperlinks too, and never with --color never', () => {
    expect(emitLines(line([{ text: 'go', link }]), { hyperlinks: false, styles: true, color: true })).toBe(`\x1b[4;${blue}mgo\x1b[0m\n`);
    expect(emitLines(line([{ text: 'go', link }]), { hyperlinks: true, styles: false, color: false })).toBe(`${open}\x1b\\go\x1b]8;;\x1b\\\n`);
  });
  it("adds the link's style to the span's own, one underline only", () => {
    expect(emitLines(line([{ text: 'go', link, style: { bold: true, underline: true } }]), rich)).toContain(`\x1b[1;4;${blue}mgo`);
  });
  it('leaves links that are not followed and deceptive-link warnings in their own style', () => {
    const js = { href: 'javascript:x', id: 'j', followed: false };
    expect(emitLines(line([{ text: '[image: Logo]', link: js }]), rich)).toBe('[image: Logo]\n');
    expect(emitLines(line([{ text: ' [→ evil.example]', style: { warn: true }, link }]), rich)).toContain('\x1b[33m [→');
  });
  it('keeps bold, underline and dim without colour (NO_COLOR), the warning bold', () => {
    const styles = { hyperlinks: false, styles: true, color: false };
    expect(emitLines(line([{ text: '>', style: { dim: true, quote: 2 } }]), styles)).toBe('\x1b[2m>\x1b[0m\n');
    expect(emitLines(line([{ text: '>', style: { dim: true, quote: 2 } }]), rich)).toBe('\x1b[2;32m>\x1b[0m\n');
    expect(emitLines(line([{ text: '!', style: { warn: true } }]), styles)).toBe('\x1b[1m!\x1b[0m\n');
  });
  it('ends OSC 8 with BEL when asked, ST otherwise', () => {
    expect(emitLines(line([{ text: 'go', link }]), { ...links, terminator: 'bel' })).toBe(`${open}\x07go\x1b]8;;\x07\n`);
    expect(emitLines(line([{ text: 'go', link }]), { ...links, terminator: 'st' })).toBe(`${open}\x1b\\go\x1b]8;;\x1b\\\n`);
  });
  it('writes a URI without shell quotes, whatever reaches it', () => {
    const hostile = { href: `https://e.example/'$(id)'"\`x\``, id: 'h', followed: true };
    expect(emitLines(line([{ text: 'go', link: hostile }]), links)).toContain(';https://e.example/%27$(id)%27%22%60x%60\x1b\\');
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
