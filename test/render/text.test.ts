// render/text.ts hands a line to linkify-it only when it may hold a link: no line it passes over
// can hold one that linkify-it would find.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLinks, mayHoldLink } from '../../src/render/text.js';

// Letters, digits and the characters links are made of and stopped by, ASCII and beyond.
const pieces = ['a', 'Z', 'x', 'n', 'ac', 'ag', 'io', 'me', 'co', 'com', 'Org', 'xn--', 'рф', 'РФ', 'é', '0', '9', '.', '..', ':', '/', '//', '@', '-', '_', ' ', '\t', '(', ')', '<', '>', '"', "'", '|', '｜', '。', '．', '\u00a0', '\u200b', 'www', 'http', 'mailto', 'ftp', 'localhost', '?', '#', '&', '=', '%', '[', ']', '!'];
const line = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join(''));

describe('links in text/plain', () => {
  it('finds none in a line the pre-check passes over', () => {
    fc.assert(
      fc.property(line, (text) => {
        if (!mayHoldLink.test(text)) expect(findLinks(text)).toBeNull();
      }),
      { numRuns: 20000 },
    );
  });

  it('still hands on the lines that hold links', () => {
    for (const text of ['see example.com now', 'a@b.org', 'http://x', 'go to //example.org/x', 'пример.рф', 'mailto:someone@example.net']) {
      expect(mayHoldLink.test(text), text).toBe(true);
      expect(findLinks(text), text).not.toBeNull();
    }
    for (const text of ['0000123 word ok', 'It has two lines.', 'This is message 1 of the mbox.']) expect(mayHoldLink.test(text), text).toBe(false);
  });
});
