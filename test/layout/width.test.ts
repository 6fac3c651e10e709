import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../src/document/terminal.js';
import { displayWidth, graphemes, hasJoining } from '../../src/layout/width.js';

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
    ['👍🏽', 4, 'emoji with a skin tone: 2 + 2 where the terminal draws them apart'],
    ['🇩🇪', 2, 'a flag'],
    ['🇩', 2, 'a lone regional indicator'],
    ['🇦🇦', 2, 'a pair of regional indicators that is no flag'],
    ['❤️', 2, 'text-style emoji with VS16'],
    ['ＡＢ', 4, 'fullwidth forms'],
    ['\u200e\u{1f3fb}', 3, 'a bidi mark, shown as U+FFFD, takes the skin tone after it into its cluster'],
  ])('%j is %i columns (%s)', (input, width) => {
    expect(displayWidth(input)).toBe(width);
  });

  it('is never narrower than string-width', () => {
    fc.assert(fc.property(text, (s) => displayWidth(s) >= stringWidth(neutralise(s), { countAnsiEscapeCodes: true })), { numRuns: 3000 });
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

  it('measures a 64 000-flag token and a 65 KB token with one combining mark', () => {
    // Node 20's segmenter is quadratic on such runs (32 s and 5 s before the text was cut into windows); their widths show the cut is right.
    expect(displayWidth('\u{1f1e9}\u{1f1ea}'.repeat(32_000))).toBe(64_000);
    expect(displayWidth('x\u{1f1e9}'.repeat(1000))).toBe(3000);
    expect(displayWidth(`${'a'.repeat(32_000)}e\u0301${'b'.repeat(33_000)}`)).toBe(65_001);
    expect(graphemes(`${'a'.repeat(300)}e\u0301`).at(-1)).toEqual({ text: 'e\u0301', width: 1 });
  });
});

// Terminals that draw code point by code point count with wcwidth: a line may be narrower than
// they draw it (string-width clusters), never wider. glibc's own wcwidth is asked through python3.
const tricky = [
  0xad, 0x300, 0x600, 0x605, 0x6dd, 0x70f, 0x8e2, 0x110bd, 0x1100, 0x115f, 0x1160, 0x11a8, 0x200b, 0x200d, 0x2028, 0x2064, 0x3164, 0x3248, 0x324f,
  0x4e00, 0xac00, 0xfe0f, 0xff01, 0xffa0, 0xfffd, 0x1f1e6, 0x1f3fb, 0x1f468, 0x1f600, 0x2764, 0x231a, 0xe0041, 0x1f9d1, 0x30000,
];
const glibc = wcwidths(tricky);

function wcwidths(codes: readonly number[]): number[] | string {
  const script = `import ctypes,sys\nlibc=ctypes.CDLL('libc.so.6')\nif not libc.setlocale(6,b'C.UTF-8'): sys.exit(3)\nprint(' '.join(str(libc.wcwidth(ctypes.c_wchar(chr(c)))) for c in [${codes.join(',')}]))`;
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  if (r.error) return 'python3 is not installed';
  if (r.status !== 0) return 'python3 could not call glibc wcwidth under C.UTF-8';
  return r.stdout.trim().split(' ').map(Number);
}

describe('width against glibc wcwidth', () => {
  const sequences = ['\u{1f468}\u200d\u{1f469}\u200d\u{1f467}', '\u{1f44d}\u{1f3fd}', '\u0600\u0661', '\u1100\u1161\u11a8', 'e\u0301\u0302', '\u2764\ufe0f', '\u{1f1e6}\u{1f1e6}\u{1f1e6}'];
  it.skipIf(typeof glibc === 'string')(`is never narrower than glibc counts, code point by code point${typeof glibc === 'string' ? ` (skipped: ${glibc})` : ''}`, () => {
    const widths = glibc as number[];
    const of = new Map(tricky.map((c, i) => [c, widths[i]!]));
    // wcwidth -1 (a control, a line separator): emit.ts writes U+FFFD, one column.
    const cell = (c: number) => Math.max(of.get(c) ?? 1, c === 0x2028 ? 1 : 0);
    for (const c of tricky) if (c !== 0xad) expect(displayWidth(String.fromCodePoint(c)), c.toString(16)).toBeGreaterThanOrEqual(cell(c));
    for (const s of sequences) {
      const codes = [...s].map((c) => c.codePointAt(0)!);
      const known = codes.every((c) => of.has(c));
      if (known) expect(displayWidth(s), s).toBeGreaterThanOrEqual(codes.reduce((n, c) => n + cell(c), 0));
    }
  });
});

describe('hasJoining', () => {
  // UAX 29's characters that join a grapheme with a neighbour, as width.ts defines them.
  const joining = /[\p{M}\u200c\u200d\ufe00-\ufe0f\r\u1160-\u11ff\ud7b0-\ud7ff\p{Emoji_Modifier}\p{Regional_Indicator}\u{e0000}-\u{e0fff}]/u;
  it('finds every joining code point, alone and among simple text, and no other', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      const joins = joining.test(ch);
      if (hasJoining(ch) !== joins || hasJoining(`a${ch}東😀`) !== joins) wrong.push(`U+${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});
