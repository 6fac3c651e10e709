import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Elem } from '../../../src/render/html/builder.js';
import { imageLabel, meaningfulName, needsSpaceAfter } from '../../../src/render/html/inline.js';

const nodes = (html: string): Elem[] => parseDocument(html).children as unknown as Elem[];
const ctx = { policy: { unwrap: true }, cidName: (id: string) => (id === 'logo@x' ? 'logo.png' : undefined) };
const img = (html: string): Elem => {
  const find = (list: Elem[]): Elem | undefined => list.map((n) => (n.name === 'img' ? n : find(n.children ?? []))).find(Boolean);
  return find(nodes(html))!;
};

describe('imageLabel', () => {
  it.each([
    ['<img src="https://x.example/a.png" alt="Chart">', '[image: Chart]'],
    ['<img src="cid:logo@x">', '[image: logo.png]'],
    ['<img src="cid:other@x">', '[image: attached]'],
    ['<a href="https://www.facebook.com/page"><img src="https://cdn.example/3f9a1c77.png"></a>', '[image → facebook.com]'],
    ['<a href="mailto:help@example.com"><img src="x.png"></a>', '[image → help@example.com]'],
    ['<a href="#"><img src="https://cdn.example/icon-linkedin@2x.png"></a>', '[image: icon-linkedin]'],
    ['<a href="#"><img src="https://i.example/IuFYinx.png"></a>', undefined],
    ['<img src="https://x.example/photo.png">', undefined],
    ['<a href="https://x.example/"><img src="https://x.example/s.png" role="presentation"></a>', undefined],
  ])('%s', (html, want) => expect(imageLabel(img(html), ctx)).toBe(want));
});

describe('meaningfulName', () => {
  it.each([
    ['https://x.example/img/facebook.png', 'facebook'],
    ['https://x.example/LinkedIn_icon.png?v=2', 'LinkedIn_icon'],
    ['https://x.example/68747470733a2f2f.png', undefined],
    ['https://x.example/T4Spl0q.png', undefined],
    ['https://x.example/spacer.gif', undefined],
    ['https://x.example/image_001.jpg', undefined],
  ])('%s', (src, want) => expect(meaningfulName(src)).toBe(want));
});

describe('needsSpaceAfter', () => {
  it.each([
    ['<a href="1">Home</a><a href="2">About</a>', true],
    ['<span class="n">200</span><span>Amazing deals</span>', true],
    ['<span>W</span><span>ord</span>', false],
    ['<span>200</span> <span>deals</span>', false],
  ])('%s', (html, want) => expect(needsSpaceAfter(nodes(html)[0]!)).toBe(want));
});
