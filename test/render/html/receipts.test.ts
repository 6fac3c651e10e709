// Receipts in the shapes of Mailchimp, Stripo, Foundation and hand-written HTML read as a browser
// shows them: every item beside its price and every total beside its label, at 40, 72 and 80 columns
// (at 40, those that fit a line).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureDir } from '../../helpers/golden.js';
import { render } from '../../helpers/run.js';

const receipts: Record<string, Array<[string, string]>> = {
  'tx-receipt-mailchimp.html': [['Golden Earrings', '$3.50'], ['Leather Card Holder, dark brown', '$24.00'], ['Subtotal', '$27.50'], ['Shipping', '$4.95'], ['Total', '$32.45']],
  'tx-receipt-stripo.html': [['Golden Earrings', '$3.50'], ['Silver Ring, size 7', '$12.00'], ['Gift wrapping', '$2.00'], ['Subtotal', '$17.50'], ['Shipping', '$4.00'], ['Tax', '$1.40'], ['Total', '$22.90']],
  'tx-receipt-foundation.html': [['Golden Earrings', '$3.50'], ["Ship's Cannon", '$200.00'], ['Subtotal', '$203.50'], ['Shipping', '$9.00'], ['Total', '$212.50']],
  'tx-receipt-handcoded.html': [['The Name of the Rose, paperback edition', '$14.99'], ['Birds of the Pacific Northwest, PNW-BIRDS-FIELDGUIDE-HARDCOVER-2026', '$22.50'], ['Bookmark', '$1.00'], ['Subtotal', '$38.49'], ['Sales tax', '$3.27'], ['Total paid', '$41.76']],
};

const show = async (file: string, width: number) =>
  (await render(readFileSync(fixtureDir + file), ['--html', '--no-pager', '--width', String(width), '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'])).stdout;

describe('receipts', () => {
  for (const [file, rows] of Object.entries(receipts)) {
    for (const width of [40, 72, 80]) {
      it(`${file} at ${width} columns`, async () => {
        const lines = (await show(file, width)).split('\n');
        for (const [label, amount] of rows) {
          // An item name too long to share a line with its price at this width wraps as it must.
          if (label.length + amount.length + 5 > width) continue;
          const line = lines.find((l) => l.includes(amount) && !l.includes(`${amount}0`));
          expect(line, `${label} … ${amount}`).toContain(label);
        }
        expect(lines.filter((l, i) => l === '' && lines[i + 1] === '' && i < lines.length - 2)).toEqual([]);
      });
    }
  }
});
