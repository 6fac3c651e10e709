import { describe, expect, it } from 'vitest';
import { startsWithReplyHeader } from '../../../src/render/html/reply.js';

describe('startsWithReplyHeader', () => {
  it.each([
    ['From: Ann [mailto:a@x]\nSent: Monday\nTo: Bob\nSubject: Hi', true, true],
    ['Von: Ann\nGesendet: Montag\nAn: Bob\nBetreff: Hallo', true, true],
    ['Date: Monday\nSubject: Hi\nFrom: Ann\nTo: Bob', true, false],
    ['From: me\nthe rest of a letter', true, false],
    ['Subject: Hi\nFrom: Ann\nTo: Bob', true, false],
  ])('%j (from first: %s)', (text, fromFirst, want) => {
    expect(startsWithReplyHeader(text, fromFirst)).toBe(want);
  });
  it('takes any header first after a rule', () => expect(startsWithReplyHeader('Date: Monday\nSubject: Hi\nFrom: Ann', false)).toBe(true));
});
