// The fast text-block layout gives the lines the word-by-word layout gives, for every input: both
// run on random span lists (wrap.ts keeps the word-by-word one for the blocks fillText declines).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Link, Margin, Span, Style } from '../../src/document/document.js';
import { fillText, oneLine } from '../../src/layout/fill.js';
import { everyMargin, marginSpans } from '../../src/layout/margins.js';
import { fillWords as referenceFill, wrapDocument } from '../../src/layout/wrap.js';

const link: Link = { href: 'https://example.com/a', id: 'f1', followed: true };
const other: Link = { href: 'https://example.org/b', id: 'f2', followed: false };

const chunks = [
  'a', 'word', 'longerword', 'résumé', 'straße', 'x'.repeat(30), '東', '東京', '日本語の文章', 'データ', '한국어', 'ＡＢＣ',
  '。', '、', '」', 'ー', 'っ', '「', '（', '「引用」', '東京です。', 'e\u0301', '\u0301', '😀', '👩‍👩‍👧‍👦', '🇯🇵', 'a😀b',
  '\t', 'a\tb', '\x1b[31m', '\u202e', '\u00a0', 'www.example.org/パス', 'https://例え.jp/', 'mailto:a@b', 'http://x',
  '東https://x', '.', '-', '…',
];
const spaces = fc.constantFrom(' ', ' ', '  ', '   ');
const text = fc.array(fc.oneof(fc.constantFrom(...chunks), spaces, fc.string({ maxLength: 6 })), { maxLength: 14 }).map((xs) => xs.join(''));
const style = fc.option(fc.constantFrom<Style>({ bold: true }, { italic: true, underline: true }, { dim: true }), { nil: undefined });
const spanLink = fc.option(fc.constantFrom(link, other), { nil: undefined, freq: 3 });
const span: fc.Arbitrary<Span> = fc.tuple(text, style, spanLink).map(([t, s, l]) => ({ text: t, ...(s ? { style: s } : {}), ...(l ? { link: l } : {}) }));
// Sometimes one span object twice in a row, as a renderer reusing a constant span would.
const spans = fc.tuple(fc.array(span, { maxLength: 6 }), fc.nat(), fc.boolean()).map(([list, at, twice]) =>
  twice && list.length ? [...list.slice(0, at % list.length), list[at % list.length]!, ...list.slice(at % list.length)] : list,
);
const margin: fc.Arbitrary<Margin> = fc.oneof(
  fc.constant({ kind: 'quote' } as const),
  fc.constant({ kind: 'bar' } as const),
  fc.constantFrom('• ', '12. ', '東 ', '').map((marker) => ({ kind: 'item', marker }) as const),
  fc.integer({ min: 0, max: 6 }).map((width) => ({ kind: 'indent', width }) as const),
);
const margins = fc.array(margin, { maxLength: 4 });
const width = fc.integer({ min: 1, max: 200 });

describe('fillText', () => {
  it('lays out text blocks exactly as the word-by-word layout, whenever it answers', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(spans, width, margins, (list, w, m) => {
        const { first, rest } = marginSpans(m, w);
        const fast = fillText(list, w, first, rest);
        runs++;
        if (fast === undefined) return;
        answered++;
        expect(fast).toStrictEqual(referenceFill(list, w, first, rest));
      }),
      { numRuns: 2000 },
    );
    // Not a property of the layout: a guard that the comparison above is not vacuous.
    // It answers about half the random cases (the others hold a word wider than the line).
    expect(answered).toBeGreaterThan(runs / 4);
  });

  it('wrapDocument lays out every text block as the word-by-word layout, falling back where fillText does not answer', () => {
    fc.assert(
      fc.property(spans, width, margins, (list, w, m) => {
        const { first, rest } = marginSpans(m, w);
        expect(wrapDocument({ blocks: [{ kind: 'text', spans: list, margins: m }] }, w)).toStrictEqual(referenceFill(list, w, first, rest));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['plain words', [{ text: '  one two  three ' }], 9],
    ['CJK with kinsoku', [{ text: '東京です。「引用」東京です、' }], 6],
    ['a URL shown as text with wide characters', [{ text: '見て ' }, { text: 'https://例え.jp/パス', link }], 22],
    ['styles and links across spans', [{ text: 'see ', style: { bold: true } }, { text: 'the docs', link }, { text: '. ok' }], 8],
  ])('answers for %s', (_name, list: Span[], w) => {
    const lines = fillText(list, w, [], []);
    expect(lines).toBeDefined();
    expect(lines).toStrictEqual(referenceFill(list, w, [], []));
  });

  it('leaves a word wider than the line, and a span object twice in a row, to wrap.ts', () => {
    expect(fillText([{ text: 'ok https://example.com/long' }], 10, [], [])).toBeUndefined();
    const again: Span = { text: 'ab ' };
    expect(fillText([again, again], 10, [], [])).toBeUndefined();
  });

  it('passes a span that fits on a line whole through as it is, and slices one that wraps', () => {
    const whole: Span = { text: 'the docs', link };
    const long: Span = { text: 'one two three', style: { italic: true } };
    const lines = fillText([whole, { text: ' ' }, long], 9, [], [])!;
    expect(lines[0]!.spans[0]).toBe(whole);
    expect(lines.map((l) => l.spans.map((s) => s.text))).toEqual([['the docs'], ['one two'], ['three']]);
    expect(lines[2]!.spans[0]).toStrictEqual({ text: 'three', style: { italic: true } });
  });
});

describe('oneLine', () => {
  // Mostly printable ASCII, as the blocks it is for are, with the odd character it must decline.
  const asciiChunks = ['a', 'word', 'x'.repeat(30), '-', '.', '[1]', 'a@b.c', 'https://x.io/a', '', ' ', ' ', '  '];
  const oddChunks = ['é', '\t', '\u00ad', '東', '\u200e', '😀'];
  const asciiText = fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...asciiChunks), weight: 30 },
        { arbitrary: fc.constantFrom(...oddChunks), weight: 1 },
        { arbitrary: fc.string({ maxLength: 5 }), weight: 1 },
      ),
      { maxLength: 8 },
    )
    .map((xs) => xs.join(''));
  const asciiSpan: fc.Arbitrary<Span> = fc.tuple(asciiText, style, spanLink, fc.boolean()).map(([t, s, l, atomic]) => ({
    text: t,
    ...(s ? { style: s } : {}),
    ...(l ? { link: l } : {}),
    ...(atomic ? { atomic: true } : {}),
  }));
  const asciiSpans = fc.tuple(fc.array(asciiSpan, { maxLength: 5 }), fc.nat(), fc.boolean()).map(([list, at, twice]) =>
    twice && list.length ? [...list.slice(0, at % list.length), list[at % list.length]!, ...list.slice(at % list.length)] : list,
  );

  it('gives the line the fill gives, whenever it answers', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(asciiSpans, fc.integer({ min: 1, max: 200 }), margins, (list, w, m) => {
        const { first, rest } = marginSpans(m, w);
        const fast = oneLine(list, w, first);
        runs++;
        if (fast === undefined) return;
        answered++;
        // What wrap.ts gives without it: fillText, or the word-by-word fill where that declines.
        expect(fast).toStrictEqual(fillText(list, w, first, rest) ?? referenceFill(list, w, first, rest));
        expect(wrapDocument({ blocks: [{ kind: 'text', spans: list, margins: m }] }, w)).toStrictEqual(fast);
      }),
      { numRuns: 5000 },
    );
    // A guard that the comparison above is not vacuous.
    expect(answered).toBeGreaterThan(runs / 20);
  });

  it('declines text outside printable ASCII, trailing spaces, an empty block and a line too long', () => {
    expect(oneLine([{ text: 'résumé' }], 80, [])).toBeUndefined();
    expect(oneLine([{ text: 'ok ' }], 80, [])).toBeUndefined();
    expect(oneLine([{ text: '' }], 80, [])).toBeUndefined();
    expect(oneLine([{ text: 'one two three' }], 12, [])).toBeUndefined();
    expect(oneLine([{ text: 'one two three' }], 13, [])).toStrictEqual([{ spans: [{ text: 'one two three' }] }]);
  });
});

describe('marginSpans', () => {
  it('gives a lone item margin the prefixes the margin-by-margin case gives', () => {
    const marker = fc.oneof(fc.constantFrom('From: ', 'Reply-To: ', '• ', '12. ', '東 ', '', '😀 ', 'e\u0301 ', '\t', 'x'.repeat(70)), fc.string({ maxLength: 40 }));
    const itemStyle = fc.option(fc.constantFrom<Style>({ bold: true }, { dim: true }), { nil: undefined });
    fc.assert(
      fc.property(marker, itemStyle, fc.integer({ min: 0, max: 200 }), (text, s, w) => {
        const list: Margin[] = [s ? { kind: 'item', marker: text, style: s } : { kind: 'item', marker: text }];
        expect(marginSpans(list, w)).toStrictEqual(everyMargin(list, w));
      }),
      { numRuns: 3000 },
    );
  });
});
