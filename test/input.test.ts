import { describe, expect, it } from 'vitest';
import { detectKind, splitMbox } from '../src/input.js';

describe('splitMbox', () => {
  it('splits at From_ lines after a blank line and unquotes >From', () => {
    const mbox = 'From a@x Mon Nov 23 10:00:00 2026\nSubject: 1\n\nbody\n>From me\nFrom inside a paragraph\n\nFrom b@x Mon Nov 23 11:00:00 2026\nSubject: 2\n\nsecond\n';
    const parts = splitMbox(Buffer.from(mbox)).map((b) => b.toString());
    expect(parts).toEqual(['Subject: 1\n\nbody\nFrom me\nFrom inside a paragraph\n\n', 'Subject: 2\n\nsecond\n']);
  });
});

describe('detectKind', () => {
  it.each([
    ['From a@x Mon Nov 23 10:00:00 2026\nSubject: x\n\nb', 'mbox'],
    ['   \nSubject: x\n\nbody', 'message'],
    ['<!DOCTYPE html><p>x', 'html'],
    ['just some words\n', 'text'],
    ['\x00\x01\x02binary\xff', null],
  ])('%j is %s', (text, kind) => expect(detectKind(Buffer.from(text))).toBe(kind));
});
