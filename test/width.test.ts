import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../src/emit.js';
import { displayWidth, graphemes } from '../src/width.js';

// The ranges width.ts measures without string-width, and their neighbours, which it must not.
const ranges: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0xa0, 0x2ff], [0x300, 0x36f], [0x370, 0x52f], [0x1100, 0x11ff], [0x200b, 0x206f],
  [0x20a0, 0x20c0], [0x2190, 0x21ff], [0x3000, 0x30ff], [0x4e00, 0x4e80], [0x9f00, 0x9fff],
  [0xac00, 0xac80], [0xd700, 0xd7ff], [0xfe00, 0xfe0f], [0xff00, 0xffef], [0x2300, 0x23ff], [0x2500, 0x25ff], [0x2600, 0x27bf], [0x1f1e0, 0x1f3ff], [0x1f600, 0x1f64f], [0x1f900, 0x1f9ff], [0xe0020, 0xe007f],
];
const codePoint = fc.oneof(...ranges.map(([lo, hi]) => fc.integer({ min: lo, max: hi }))).map((n) => String.fromCodePoint(n));
const text = fc.array(codePoint, { maxLength: 12 }).map((cs) => cs.join(''));

describe('displayWidth', () => {
  it.each([
    ['plain', 5, 'plain'],
    ['café ‘quoted’ — 10 €', 20, 'Latin, punctuation, currency'],
    ['東京データ', 10, 'CJK and kana are two columns'],
    ['한국어', 6, 'Hangul syllables'],
    ['e\u0301', 1, 'a combining mark adds nothing'],
    ['😀', 2, 'emoji'],
    ['👍🏽', 2, 'emoji with a skin tone'],
    ['🇩🇪', 2, 'a flag'],
    ['🇩', 1, 'a lone regional indicator'],
    ['❤️', 2, 'text-style emoji with VS16'],
    ['ＡＢ', 4, 'fullwidth forms'],
    ['\u200e\u{1f3fb}', 1, 'a bidi mark, shown as U+FFFD, takes the skin tone after it into its cluster'],
  ])('%j is %i columns (%s)', (input, width) => {
    expect(displayWidth(input)).toBe(width);
  });

  it('agrees with string-width on every text', () => {
    fc.assert(fc.property(text, (s) => displayWidth(s) === stringWidth(neutralise(s), { countAnsiEscapeCodes: true })), { numRuns: 3000 });
  });

  it('splits into graphemes whose widths add up', () => {
    fc.assert(
      fc.property(text, (s) => {
        const gs = graphemes(s);
        return gs.map((g) => g.text).join('') === neutralise(s) && gs.reduce((n, g) => n + g.width, 0) === displayWidth(s);
      }),
      { numRuns: 1000 },
    );
  });
});
