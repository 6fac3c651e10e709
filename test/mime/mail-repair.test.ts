// The top header section put right before parsing, and what a header section can never become.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/mime/mail.js';
import type { Part } from '../../src/mime/types.js';
import { render } from '../helpers/run.js';

function texts(part: Part): string[] {
  if (part.kind === 'text') return [part.text.trim()];
  return part.kind === 'multipart' ? part.children.flatMap(texts) : [];
}

describe('no body line becomes a header field', () => {
  const charsets = ['utf-16', 'utf-16le', 'utf-16be', 'utf-32', 'iso-2022-jp', 'big5', 'shift_jis', 'koi8-r', 'x-unknown'];
  it('whatever raw bytes the header section holds and whatever charset a part names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.constantFrom(...charsets), fc.boolean(), async (raw, charset, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        const bytes = Buffer.from(raw.map((b) => (b === 0x0a || b === 0x0d ? 0xff : b)));
        const head = Buffer.from(`From: a@example.com${nl}Subject: `);
        const rest = Buffer.from(`${nl}Content-Type: text/plain; charset=${charset}${nl}${nl}x${nl}X-Forged: yes${nl}Authentication-Results: mx.example.com; dmarc=pass${nl}`);
        const mail = await parseMail(Buffer.concat([head, bytes, rest]));
        expect(mail.headers.has('x-forged')).toBe(false);
        expect(mail.headers.has('authentication-results')).toBe(false);
        expect(mail.headers.get('content-type')?.[0]).toContain(charset);
      }),
      { numRuns: 150 },
    );
  });
});

describe('repairStructure', () => {
  it('decodes a quoted-printable multipart before parsing it', async () => {
    const mail = await parseMail(Buffer.from('Subject: q\nContent-Type: multipart/mixed; boundary="=_b"\nContent-Transfer-Encoding: quoted-printable\n\n--=3D_b\nContent-Type: text/plain; charset=utf-8\n\ncaf=C3=A9 and a soft=\n break\n--=3D_b--\n'));
    expect(texts(mail.root)).toEqual(['café and a soft break']);
  });
  it('takes the first delimiter of a body that never uses the declared boundary', async () => {
    const mail = await parseMail(Buffer.from('Subject: b\nContent-Type: multipart/mixed; boundary=B_\n\n--B\nContent-Type: text/plain\n\none\n--B\nContent-Type: text/plain\n\ntwo\n--B--\n'));
    expect(texts(mail.root)).toEqual(['one', 'two']);
  });
  it('shows parts whose closing delimiter is missing, doubled or followed by garbage', async () => {
    const shapes = ['--B\nContent-Type: text/plain\n\none\n', '--B\nContent-Type: text/plain\n\none\n--B--\n--B--\n', '--B\nContent-Type: text/plain\n\none\n--B--garbage\n'];
    for (const body of shapes) {
      const r = await render(`From: a@example.com\nSubject: c\nContent-Type: multipart/mixed; boundary=B\n\n${body}`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('\none\n');
    }
  });
});

describe('caps count what is shown', () => {
  const alternatives = (n: number) =>
    `From: a@example.com\nSubject: many\nContent-Type: multipart/alternative; boundary=A\n\n${Array.from({ length: n }, (_, i) => `--A\nContent-Type: text/plain\n\nalternative ${i} of the same text\n`).join('')}--A--\n`;
  it('a multipart/alternative of 3,038 alternatives shows its text once, exit 0', async () => {
    const r = await render(alternatives(3038), ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/alternative \d+ of the same text/g)).toEqual(['alternative 3037 of the same text']);
  });
  it('more than 1,000 parts that would all be shown are still capped', async () => {
    const mixed = alternatives(1200).replace('multipart/alternative', 'multipart/mixed');
    const r = await render(mixed, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('mailview: -: more than 1000 parts; only the first 1000 are shown\n');
    expect(r.stdout).toContain('alternative 999 of the same text');
    expect(r.stdout).not.toContain('alternative 1000 of the same text');
  });
});
