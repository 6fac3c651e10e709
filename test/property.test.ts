// Property tests: whatever a mail contains, the output holds the terminal invariants (only our own
// SGR and OSC 8, allowed schemes, 0x21-0x7E URIs, balanced links per line, nothing wider than --width).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';
import { invariantErrors, stripEscapes } from './helpers/terminal.js';

const profiles = [
  ['--hyperlinks', 'always', '--color', 'always'],
  ['--hyperlinks', 'always', '--color', 'always', '--osc8-terminator', 'bel', '--link-style', 'color'],
  ['--hyperlinks', 'always', '--color', 'never'],
  ['--hyperlinks', 'never', '--color', 'always', '--link-style', 'underline'],
  ['--hyperlinks', 'never', '--color', 'never'],
] as const;

const piece = fc.constantFrom(
  'word', 'Grüße', '日本語', '🙂', 'e\u0301', ' ', ' ', '\n', '\t', '<', '>', '&', '=', '"', "'", '`', '$(id)', ';', '\\',
  '\x1b', '\x1b[2J', '\x1b]0;title\x07', '\x1b]52;c;eA==\x1b\\', '\x1b]8;;https://evil.example/\x1b\\', '\x07', '\x00', '\r', '\x7f',
  '\x9b', '\x9d', '\x85', '\u202e', '\u2066', '\u200f', '\u061c', '&#27;', '&#x9b;', '&#155;', '&#x202E;', '&#0;', '&#xDC01;',
  'https://example.com/x', 'www.example.org', 'paypal.com', 'a@example.com',
);
const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

const hrefs = fc.oneof(
  fc.constantFrom(
    'https://example.com/', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', 'foo:bar', '#top', '//cdn.example/a', '',
    'https://eur01.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)&data=x',
    'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2F&data=x',
    'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fe.example%2F%27%24(id)%27%60x%60%22&data=x',
    'https://urldefense.com/v3/__https://example.com/a*b__;Kw!!x$', 'https://urldefense.com/v3/__https://x.example/**__;!!x$',
    'https://www.google.com/url?q=data:text/html,x', `https://example.com/${'a'.repeat(2100)}`,
  ),
  text.map((t) => `https://example.com/${t}`),
  text,
);

const tags = ['p', 'div', 'b', 'i', 'u', 'span', 'blockquote', 'pre', 'li', 'ul', 'ol', 'h1', 'table', 'td', 'tr', 'br', 'hr', 'img'];
const attr = (s: string) => s.replace(/"/g, '&quot;');
const html: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.tuple(hrefs, fc.array(tie('node'), { maxLength: 3 })).map(([h, kids]) => `<a href="${attr(h)}">${kids.join('')}</a>`),
    fc.tuple(fc.constantFrom(...tags), fc.array(tie('node'), { maxLength: 4 })).map(([t, kids]) => `<${t}>${kids.join('')}</${t}>`),
    fc.tuple(text, hrefs).map(([alt, src]) => `<img alt="${attr(alt)}" src="${attr(src)}">`),
    // A data table (header row of <th>, short cells), so the column layout is exercised too.
    fc
      .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 3 }), fc.array(fc.array(tie('node'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }))
      .map(([head, rows]) => `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`),
  ),
})).node;

const encodings = ['7bit', '8bit', 'quoted-printable', 'base64'] as const;
const charsets = ['utf-8', 'iso-8859-1', 'windows-1252', 'x-bogus', 'utf-16'];

function encode(body: string, enc: (typeof encodings)[number], charset: string): string {
  const bytes = Buffer.from(body, charset === 'iso-8859-1' || charset === 'windows-1252' ? 'latin1' : 'utf8');
  if (enc === 'base64') return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  if (enc === 'quoted-printable') return [...bytes].map((b) => (b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('').replace(/.{72}/g, '$&=\r\n');
  return bytes.toString('latin1');
}

let boundaries = 0;
const mime: fc.Arbitrary<string> = fc.letrec<{ part: string }>((tie) => ({
  part: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom('plain', 'html'), fc.oneof(text, html), fc.constantFrom(...encodings), fc.constantFrom(...charsets)).map(
      ([sub, body, enc, cs]) => `Content-Type: text/${sub}; charset=${cs}\r\nContent-Transfer-Encoding: ${enc}\r\n\r\n${encode(body, enc, cs)}`,
    ),
    fc.tuple(text, fc.constantFrom(...encodings)).map(
      ([name, enc]) => `Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="=?utf-8?b?${Buffer.from(name).toString('base64')}?="\r\nContent-Transfer-Encoding: ${enc}\r\n\r\n${encode('data', enc, 'utf-8')}`,
    ),
    fc.tuple(fc.constantFrom('mixed', 'alternative', 'related'), fc.array(tie('part'), { maxLength: 3 })).map(([sub, kids]) => {
      const b = `b${boundaries++}`;
      return `Content-Type: multipart/${sub}; boundary="${b}"\r\n\r\n${kids.map((k) => `--${b}\r\n${k}\r\n`).join('')}--${b}--`;
    }),
    fc.tuple(text, tie('part')).map(([subject, inner]) => `Content-Type: message/rfc822\r\n\r\nSubject: =?utf-8?b?${Buffer.from(subject).toString('base64')}?=\r\nMIME-Version: 1.0\r\n${inner}`),
  ),
})).part;

const message = fc.tuple(text, text, mime).map(
  ([subject, name, part]) => `From: =?utf-8?b?${Buffer.from(name).toString('base64')}?= <a@example.com>\r\nTo: b@example.com\r\nSubject: =?utf-8?q?${encode(subject, 'quoted-printable', 'utf-8').replace(/=\r\n/g, '').replace(/ /g, '_').replace(/\?/g, '=3F')}?=\r\nMIME-Version: 1.0\r\n${part}\r\n`,
);

const width = fc.integer({ min: 20, max: 200 });

async function check(input: string | Uint8Array, extra: readonly string[], w: number): Promise<void> {
  const outputs: string[] = [];
  for (const profile of profiles) {
    const r = await render(Buffer.from(input), ['--no-pager', '--width', String(w), ...profile, '--footnotes', 'always', ...extra]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect([0, 65, 66]).toContain(r.code);
    expect(invariantErrors(r.stdout, w)).toEqual([]);
    outputs.push(stripEscapes(r.stdout));
  }
  // Escapes are only decoration: stripped, every profile shows the same text.
  expect(new Set(outputs).size).toBe(1);
}

describe('properties', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 1500 }), width, (bytes, w) => check(bytes, [], w)), { numRuns: 40 });
  });
  it('random bytes after a header', async () => {
    const input = fc.uint8Array({ maxLength: 1500 }).map((b) => Buffer.concat([Buffer.from('Subject: x\r\n\r\n'), b]));
    await fc.assert(fc.asyncProperty(input, width, (bytes, w) => check(bytes, [], w)), { numRuns: 40 });
  });
  it('random MIME trees', async () => {
    await fc.assert(fc.asyncProperty(message, width, (m, w) => check(m, [], w)), { numRuns: 60 });
  });
  it('random HTML with injected controls', async () => {
    await fc.assert(fc.asyncProperty(fc.array(html, { minLength: 1, maxLength: 5 }), width, (nodes, w) => check(`<html><body>${nodes.join('')}</body></html>`, ['--html'], w)), { numRuns: 60 });
  });
});
