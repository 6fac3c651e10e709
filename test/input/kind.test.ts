import { describe, expect, it } from 'vitest';
import { detectKind, isHeaderSection, kindOfType, splitMbox } from '../../src/input/input.js';

describe('detectKind: a header section only when it is one', () => {
  it.each([
    ['TODO: buy milk\nand eggs\n', 'text'],
    ['Re: your question\nyes\n', 'text'],
    ['Agenda: Monday\nNote: bring coffee\n\nlater\n', 'text'],
    ['https://example.com/x\nhello\n', 'text'],
    ['https://example.com/x\n', 'text'],
    ['Subject: hi\nthis line is no field\n\nbody\n', 'text'],
    ['Subject: hi\nX-Anything: 1\n\nbody\n', 'message'],
    ['X-Mailer: foo\n\nbody\n', 'message'],
    ['Received: from a\n  by b\nSubject: x\n\nbody\n', 'message'],
    ['From  : Old <old@example.com>\nSubject: x\n\nbody\n', 'message'],
    ['Subject: a section with no body', 'message'],
    ['BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', 'calendar'],
    ['--b\nContent-Type: text/plain\n\none\n--b--\n', 'multipart'],
    ['--b\n\none\n--b--\n', 'multipart'],
    ['-- \nA signature, not a boundary\n', 'text'],
    ['--\nJust dashes\n', 'text'],
    ['From someone@example.com\nSubject: x\n\nbody\n', 'mbox'],
    ['From what I understand\nit works\n', 'text'],
  ])('%j is %s', (text, kind) => expect(detectKind(Buffer.from(text))).toBe(kind));
});

describe('isHeaderSection', () => {
  it('needs a field that mail carries', () => {
    expect(isHeaderSection('Word: one\nOther: two\n\n')).toBe(false);
    expect(isHeaderSection('Word: one\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n\n')).toBe(true);
  });
  it('does not take a continuation for the first line', () => expect(isHeaderSection(' Subject: x\n\n')).toBe(false));
});

describe('splitMbox: From lines without a date still separate messages', () => {
  it('splits at a From line without a date and at one with an odd date', () => {
    const mbox = 'From a@x\nSubject: 1\n\none\n\nFrom b@x  Tue, 1 Dec 2026 10:00:00 +0100\nSubject: 2\n\ntwo\n';
    expect(splitMbox(Buffer.from(mbox)).map((b) => b.toString())).toEqual(['Subject: 1\n\none\n\n', 'Subject: 2\n\ntwo\n']);
  });
  it('leaves a body line "From the desk" followed by text alone', () => {
    const mbox = 'From a@x\nSubject: 1\n\nHello.\n\nFrom the desk of the editor\nSubject: still text, for no field follows on the next line\nplain words\n';
    expect(splitMbox(Buffer.from(mbox))).toHaveLength(1);
  });
});

describe('kindOfType: what --type and mailcap %t may name', () => {
  it.each([
    ['text/plain', { kind: 'text' }],
    ['TEXT/X-DIFF', { kind: 'text' }],
    ['text/html', { kind: 'html' }],
    ['text/calendar; method=REQUEST', { kind: 'calendar' }],
    ['application/ics', { kind: 'calendar' }],
    ['message/rfc822', { kind: 'message' }],
    ['multipart/alternative', { kind: 'multipart', subtype: 'alternative' }],
    ['image/png', undefined],
    ['text', undefined],
    ['', undefined],
  ])('%j', (type, kind) => expect(kindOfType(type)).toEqual(kind));
});
