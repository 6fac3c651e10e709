import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { decodeHtml, detectKind, inputLineEnds, isSeparator, lineEnds, mbox as readMbox, readInputs, splitMbox, wholeInput, wholeLimit } from '../../src/input/input.js';

describe('splitMbox', () => {
  it('splits at From_ lines after a blank line and unquotes >From', () => {
    const mbox = 'From a@x Mon Nov 23 10:00:00 2026\nSubject: 1\n\nbody\n>From me\nFrom inside a paragraph\n\nFrom b@x Mon Nov 23 11:00:00 2026\nSubject: 2\n\nsecond\n';
    const parts = splitMbox(Buffer.from(mbox)).map((b) => b.toString());
    expect(parts).toEqual(['Subject: 1\n\nbody\nFrom me\nFrom inside a paragraph\n\n', 'Subject: 2\n\nsecond\n']);
  });

  it('finds the first message after a BOM and blank lines', () => {
    const mbox = '\ufeff\n\r\nFrom - Mon Nov 23 10:00:00 2026\nSubject: 1\n\nbody\n';
    expect(splitMbox(Buffer.from(mbox)).map((b) => b.toString())).toEqual(['Subject: 1\n\nbody\n']);
  });

  it('takes a body line "From what I understand" after a blank line for text', () => {
    const mbox = 'From a@x Mon Nov 23 10:00:00 2026\nSubject: 1\n\nHello.\n\nFrom what I understand, it works.\nThe rest.\n';
    expect(splitMbox(Buffer.from(mbox)).map((b) => b.toString())).toEqual(['Subject: 1\n\nHello.\n\nFrom what I understand, it works.\nThe rest.\n']);
  });
});

describe('isSeparator', () => {
  it.each([
    ['From a@x Mon Nov 23 10:00:00 2026', true],
    ['From - Tue Dec  1 09:00:00 2026', true],
    ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011', true],
    ['From a@x Mon Nov 23 10:00 +0100 2026', true],
    ['From a@x Mon Nov 23 10:00:00 PST 2026', true],
    ['From what I understand, Mon Nov 23 is fine', false],
    ['From the desk of the editor', false],
  ])('%j: %s', (line, ok) => expect(isSeparator(line)).toBe(ok));
});

describe('lineEnds', () => {
  it('makes every lone CR a line end when the first line ends with one', () => {
    expect(lineEnds(Buffer.from('Subject: a\rFrom: b\r\rbody\r\nmore\r')).toString()).toBe('Subject: a\nFrom: b\n\nbody\r\nmore\n');
  });
  it('leaves CRLF and LF mail alone', () => {
    const crlf = Buffer.from('Subject: a\r\n\r\nprogress\rdone\r\n');
    expect(lineEnds(crlf)).toBe(crlf);
  });
});

describe('detectKind', () => {
  it.each([
    ['From a@x Mon Nov 23 10:00:00 2026\nSubject: x\n\nb', 'mbox'],
    ['   \nSubject: x\n\nbody', 'message'],
    ['<!DOCTYPE html><p>x', 'html'],
    ['just some words\n', 'text'],
    ['\x00\x01\x02binary\xff', null],
    ['From the desk of the editor:\nhello\n', 'text'],
    ['\ufeff\nFrom - Mon Nov 23 10:00:00 2026\nSubject: x\n\nb', 'mbox'],
    ['Subject: x\nContent-Transfer-Encoding: binary\n\n\x00\x01\x02\x03\x04\x05\x06\x07', 'message'],
    ['Subject: x\n\n=ybegin line=128 size=6 name=a.bin\n\x00\x01\x02\x03\x04\x05\n=yend size=6\n', 'message'],
  ])('%j is %s', (text, kind) => expect(detectKind(Buffer.from(text))).toBe(kind));
});

describe('decodeHtml', () => {
  const page = (charset: string, body: number[]) =>
    Buffer.concat([Buffer.from(`<html><head><meta charset="${charset}"></head><body><p>`), Buffer.from(body), Buffer.from('</p></body></html>')]);
  it.each([
    ['shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], '日本語'],
    ['windows-1251', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], 'Привет'],
    ['no-such-charset', [0x63, 0x61, 0x66, 0xe9], 'café'],
  ])('honours <meta charset="%s">', (charset, body, text) => expect(decodeHtml(page(charset, body))).toContain(`<p>${text}</p>`));
  it('reads http-equiv Content-Type too', () => {
    const bytes = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4])]);
    expect(decodeHtml(bytes)).toContain('Привет');
  });
});

describe('reading large input', () => {
  it('holds at most the first 16 MiB of a larger stream and gives the rest as it is read', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const [input] = await readInputs([], Readable.from(Array.from({ length: 20 }, () => chunk)));
    expect(input!.bytes.length).toBeLessThanOrEqual(wholeLimit);
    expect(input!.more).toBeDefined();
    expect((await wholeInput(input!)).length).toBe(20 * chunk.length);
  });

  it('turns lone CRs into LFs across the parts of a streamed input, a CRLF split between parts kept', async () => {
    const parts = [Buffer.from('a\rb\r'), Buffer.from('\nc\r'), Buffer.from('d\r')];
    const input = inputLineEnds({ name: '-', bytes: parts[0]!, more: Readable.from(parts.slice(1)) });
    expect((await wholeInput(input)).toString()).toBe('a\nb\r\nc\nd\n');
  });

  it('splits an mbox lazily: a message is copied out only when asked for, and counted first', () => {
    const mbox = Buffer.from('From a@b Tue Mar  4 09:30:00 2025\nSubject: 1\n\nx\n\nFrom a@b Tue Mar  4 09:30:00 2025\nSubject: 2\n\ny\n');
    const { count, messages } = readMbox(mbox);
    expect(count).toBe(2);
    expect(messages.next().value?.toString()).toBe('Subject: 1\n\nx\n\n');
    expect([...messages].map(String)).toEqual(['Subject: 2\n\ny\n']);
  });
});
