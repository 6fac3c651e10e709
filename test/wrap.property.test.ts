// No line is ever wider than the width, whatever mix of CJK, emoji, combining marks and long URLs
// the text holds, at every width from 20 to 200, in text, quotes, lists, tables and pre blocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Margin, Span } from '../src/document/document.js';
import stringWidth from 'string-width';
import { neutralise } from '../src/document/terminal.js';
import { wrapDocument } from '../src/layout/wrap.js';
import { render } from './helpers/run.js';
import { invariantErrors } from './helpers/terminal.js';

const pieces = ['word', 'longerword', '東京', '日本語の文章', '。', '「引用」', '👩‍👩‍👧‍👦', '🇯🇵', 'e\u0301', '한국어', 'ＡＢＣ', ' ', '  ', '\t', 'x'.repeat(90)];
const url = fc.constantFrom('https://example.com/', 'https://例え.jp/パス/', 'www.example.org/').chain((base) =>
  fc.string({ unit: fc.constantFrom('a', 'b', '/', '?', '=', '&', '-', '語'), minLength: 0, maxLength: 160 }).map((tail) => base + tail),
);
const text = fc.array(fc.oneof(fc.constantFrom(...pieces), url, fc.string({ maxLength: 12 })), { maxLength: 16 }).map((xs) => xs.join(' '));
const span: fc.Arbitrary<Span> = fc.tuple(text, fc.boolean()).map(([t, linked]) => (linked ? { text: t, link: { href: 'https://example.com/', id: 'p1', followed: true } } : { text: t }));
const margin: fc.Arbitrary<Margin> = fc.oneof(
  fc.constant({ kind: 'quote' } as const),
  fc.constant({ kind: 'bar' } as const),
  fc.constantFrom('• ', '12. ', '◦ ').map((marker) => ({ kind: 'item', marker }) as const),
);
const textBlock: fc.Arbitrary<Block> = fc.record({
  kind: fc.constantFrom('text', 'pre', 'blank', 'rule'),
  spans: fc.array(span, { maxLength: 4 }),
  margins: fc.array(margin, { maxLength: 12 }),
});
const tableBlock: fc.Arbitrary<Block> = fc
  .tuple(fc.array(fc.array(fc.tuple(textBlock, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.array(margin, { maxLength: 3 }))
  .map(([rows, margins]) => ({
    kind: 'table',
    spans: [],
    margins,
    rows: rows.map((cells, i) => ({ header: i === 0, cells: cells.map(([b, n]) => ({ span: n, blocks: [{ ...b, margins: [] }] })) })),
  }));

describe('wrapDocument property', () => {
  // Generous: 200 random documents take ~15 s on a quiet machine, and several times that on a busy one.
  it('never makes a line wider than the width (20-200)', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(textBlock, tableBlock), { maxLength: 6 }), fc.integer({ min: 20, max: 200 }), (blocks, width) => {
        for (const line of wrapDocument({ blocks }, width)) {
          // Measured by string-width itself, not by width.ts, which is part of what is under test.
          const w = stringWidth(neutralise(line.spans.map((s) => s.text).join('')));
          if (w > width) throw new Error(`width ${w} > ${width}: ${JSON.stringify(line.spans.map((s) => s.text).join(''))}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the invariants through the whole pipeline for plain-text mail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('', '> ', '>> ', '> > '), text), { maxLength: 12 }), fc.integer({ min: 20, max: 200 }), async (lines, width) => {
        const body = lines.map(([q, t]) => q + t).join('\n');
        const mail = `From: a@example.com\nSubject: p\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
        const r = await render(mail, ['--no-pager', '--width', String(width), '--hyperlinks', 'always', '--color', 'always']);
        expect(r.code).toBe(0);
        expect(invariantErrors(r.stdout, width)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
