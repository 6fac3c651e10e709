// A message of one text part is read without the parser's streams (mail.ts singleTextPart). Read
// both ways, every message must give the same Mail: each message of the corpus and of the fixtures,
// and generated ones of every shape near the line between the two ways (charsets, transfer
// encodings, types, dispositions, flowed text, CR LF and 8-bit bytes in the body and the headers).
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectKind, lineEnds, splitMbox } from '../../src/input/input.js';
import { parseMail, parseMailAtOnce, singleTextPart } from '../../src/mime/mail.js';
import { corpusDir, filesUnder, root } from '../helpers/run.js';


// The messages of a file, as parseInput would hand them to parseMail.
function messagesOf(path: string): Buffer[] {
  const bytes = lineEnds(readFileSync(path));
  const kind = detectKind(bytes);
  if (kind === 'message') return [bytes];
  return kind === 'mbox' ? splitMbox(bytes) : [];
}

async function bothWays(bytes: Buffer): Promise<void> {
  const read = async (wholeParser: boolean) => {
    try {
      return await parseMail(bytes, { wholeParser });
    } catch (err) {
      return { failed: String(err) };
    }
  };
  expect(await read(false)).toEqual(await read(true));
}

const corpus = existsSync(corpusDir) ? filesUnder(corpusDir) : [];
const fixtures = filesUnder(`${root}test/fixtures/`).filter((f) => f.endsWith('.eml'));

describe('a message of one text part', () => {
  it.skipIf(corpus.length === 0)('gives the same Mail both ways for every message of the corpus', async () => {
    let messages = 0;
    for (const file of corpus) {
      for (const message of messagesOf(file)) {
        messages++;
        await bothWays(message);
      }
    }
    expect(messages).toBeGreaterThan(400);
  }, 120_000);

  it('gives the same Mail both ways for every fixture', async () => {
    for (const file of fixtures) for (const message of messagesOf(file)) await bothWays(message);
  });

  const pick = <T>(...items: T[]) => fc.constantFrom(...items);
  const bodyBytes = fc
    .array(
      fc.oneof(
        pick('plain words', 'caf\u00e9', '\u65e5\u672c', '=C3=A9', '=\n', 'a=', '--B', 'From x', '\ufeff', ' \t', 'Y2Fm', 'w6k=', '====', '+ADw-'),
        fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b).toString('latin1')),
      ),
      { maxLength: 12 },
    )
    .chain((pieces) => fc.array(pick('\n', '\r\n', '\r', ''), { minLength: pieces.length, maxLength: pieces.length }).map((ends) => pieces.map((p, i) => p + ends[i]).join('')));
  const message = fc
    .record({
      type: pick(undefined, 'text/plain', 'TEXT/PLAIN', 'text/html', 'text/enriched', 'text/calendar', 'message/delivery-status', 'application/pdf', 'multipart/mixed', 'multipart/mixed; boundary=B', 'message/rfc822'),
      charset: pick(undefined, 'utf-8', 'UTF8', 'us-ascii', 'ascii', 'iso-8859-1', 'windows-1252', 'x-unknown', 'utf-16', 'utf-7', 'shift_jis', 'iso-2022-jp', 'gb2312', 'koi8-r'),
      format: pick(undefined, 'flowed', 'flowed; delsp=yes', 'fixed'),
      encoding: pick(undefined, '7bit', '8bit', 'binary', 'quoted-printable', 'base64', 'x-uuencode'),
      disposition: pick(undefined, 'inline', 'attachment', 'attachment; filename=a.txt', 'INLINE', 'weird'),
      subject: pick('Hello', '=?utf-8?q?caf=C3=A9?=', 'caf\u00e9 raw', 'two\n  lines'),
      from: pick('Ann <ann@example.com>', 'ann@example.com, bob@example.org', 'bob at example.org (Bob)', '"A" <a@b.c>\nFrom: Evil <e@x.y>'),
      crlf: fc.boolean(),
      body: bodyBytes,
    })
    .map((m) => {
      const type = m.type === undefined ? undefined : [m.type, m.charset && `charset=${m.charset}`, m.format && `format=${m.format}`].filter(Boolean).join('; ');
      const head = `From: ${m.from}\nTo: reader@example.org\nSubject: ${m.subject}\nDate: Tue, 04 Mar 2025 09:30:00 +0000\n${type ? `Content-Type: ${type}\n` : ''}${m.encoding ? `Content-Transfer-Encoding: ${m.encoding}\n` : ''}${m.disposition ? `Content-Disposition: ${m.disposition}\n` : ''}\n`;
      const text = m.crlf ? head.replace(/\n/g, '\r\n') : head;
      return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(m.body, 'latin1')]);
    });

  it('gives the same Mail both ways for generated messages', async () => {
    await fc.assert(fc.asyncProperty(message, bothWays), { numRuns: 400 });
  }, 60_000);

  it('is taken for the shapes it covers and for no other', async () => {
    // Without this, both ways could agree only because neither ever took the short one.
    const taken = async (text: string) => (await singleTextPart(Buffer.from(text))) !== undefined;
    expect(await taken('From: a@example.com\nSubject: s\n\nline one\r\nline two\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n<p>x</p>\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Type: text/plain; charset=us-ascii\nContent-Disposition: inline\n\nx\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Transfer-Encoding: quoted-printable\n\ncaf=C3=A9 =\nx\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Transfer-Encoding: base64\n\nY2Fm\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n\nx\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Type: text/plain; charset=iso-2022-jp\n\nx\n')).toBe(true);
    expect(await taken('From: a@example.com\nContent-Type: text/plain; format=flowed\n\nx \ny\n')).toBe(false);
    expect(await taken('From: a@example.com\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\nx\n--B--\n')).toBe(false);
    expect(await taken('From: a@example.com\nContent-Disposition: attachment\n\nx\n')).toBe(false);
  });

  it('is read at once only as the whole parser reads it', async () => {
    // The sources' splitter always goes on on a later turn, so here parseMailAtOnce can only say
    // so; the bundle's starts at once, and bundle.test.ts renders mboxes both ways.
    const short = Buffer.from('From: a@example.com\nSubject: s\n\nline one\r\nline two\n');
    const now = parseMailAtOnce(short);
    if (now !== undefined) expect(now).toEqual(await parseMail(short, { wholeParser: true }));
    expect(parseMailAtOnce(short, { wholeParser: true })).toBe(false);
    // A header section over 1 MiB is cut, with a notice, by parseMail alone.
    expect(parseMailAtOnce(Buffer.from(`From: a@example.com\nX-Long: ${'x'.repeat(1100 * 1024)}\n\nbody\n`))).toBe(undefined);
  });

  it('gives each message its own addresses when many share some and the rest differ', async () => {
    // Address fields are parsed once per text and shared (scripts/library-patches.mjs), and the
    // memo is emptied when full: the 3,000 Froms fill it several times over.
    for (let i = 0; i < 3000; i++) {
      const mail = await parseMail(Buffer.from(`From: "Sender ${i}" <s${i}@example.com>\nTo: reader@example.org\nCc: =?utf-8?q?Caf=C3=A9?= <c@example.net>\n\nx\n`));
      expect(mail.from).toEqual([{ name: `Sender ${i}`, address: `s${i}@example.com` }]);
      expect(mail.to).toEqual([{ name: '', address: 'reader@example.org' }]);
      expect(mail.cc).toEqual([{ name: 'Café', address: 'c@example.net' }]);
    }
  });
});
