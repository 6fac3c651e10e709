// adaptParser changes each parser with functions shared by all of them: a closure made per parser
// and stored on it kept every message's parser alive through V8's young-generation collections.
import { MailParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { adaptParser, type ParserInternals } from '../../src/mime/mail-adapt.js';
import { parseMail } from '../../src/mime/mail.js';

describe('adaptParser', () => {
  it('gives every parser the same functions, none made for one parser', () => {
    const [a, b] = [new MailParser(), new MailParser()].map((p) => {
      const internals = p as unknown as ParserInternals;
      adaptParser(internals);
      return internals;
    }) as [ParserInternals, ParserInternals];
    expect(a.processHeaders).toBe(b.processHeaders);
    expect(a.createNode).toBe(b.createNode);
    expect(a.decoder.decodeStream).toBe(b.decoder.decodeStream);
    expect(a.splitter.push).toBe(b.splitter.push);
    expect(Object.hasOwn(a, 'processHeaders')).toBe(true);
  });

  it('still keeps every From, guesses a charset and reads a boundaryless multipart as text, parser after parser', async () => {
    for (let i = 0; i < 3; i++) {
      const mail = await parseMail(Buffer.from(`From: a${i}@example.com\nFrom: b${i}@example.org\nSubject: s\n\nCaf\xe9 ${i}\n`, 'latin1'));
      expect(mail.from.map((f) => f.address)).toEqual([`a${i}@example.com`, `b${i}@example.org`]);
      expect(mail.root).toMatchObject({ kind: 'text', text: `Café ${i}\n` });
      const multipart = await parseMail(Buffer.from(`From: a@example.com\nContent-Type: multipart/mixed\n\nbody ${i}\n`));
      expect(multipart.root).toMatchObject({ kind: 'text', text: `body ${i}\n` });
    }
  });
});
