// An image placeholder that fits the line is never split across lines, wherever the image sits:
// in running text, a list item, or a table cell, written apart or right against each other, at any width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/layout/width.js';
import { render } from '../../helpers/run.js';

const word = fc.oneof(
  fc.stringMatching(/^[a-z]{1,12}$/),
  fc.constantFrom('商品', 'Größe', '$3.50', '—', 'x'),
);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const piece = fc.oneof(
  { weight: 2, arbitrary: words.map((text) => ({ text, alt: undefined as string | undefined })) },
  { weight: 1, arbitrary: words.map((alt) => ({ text: undefined as string | undefined, alt })) },
);
const wrap = fc.constantFrom((s: string) => `<p>${s}</p>`, (s: string) => `<ul><li>${s}</li></ul>`, (s: string) => `<table><tr><td>${s}</td><td>$3.50</td></tr><tr><td>Total</td><td>$9.00</td></tr></table>`);

describe('image placeholders', () => {
  it('are never split when shorter than the width', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 12 }), wrap, fc.integer({ min: 20, max: 120 }), fc.constantFrom(' ', ''), async (pieces, inside, width, between) => {
        // Each alt text is made unique, so that no two images in a row are counted as one.
        const labels: string[] = [];
        const html = pieces.map((p, i) => (p.alt === undefined ? p.text! : (labels.push(`[image: ${p.alt} ${i}]`), `<img src="cid:x${i}" alt="${p.alt} ${i}">`))).join(between);
        const out = (await render(inside(html), ['--html', '--no-pager', '--width', String(width), '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'])).stdout;
        // Room for a list marker or a table's separator before it.
        for (const label of labels) if (displayWidth(label) <= width - 4) expect(out.split('\n').some((line) => line.includes(label)), `${label} at ${width}:\n${out}`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
