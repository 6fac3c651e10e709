import { describe, expect, it } from 'vitest';
import { render } from '../helpers/run.js';
import type { Block, Document, Line, Link, Margin, Span } from '../../src/document/document.js';
import { displayWidth } from '../../src/layout/width.js';
import { wrapDocument } from '../../src/layout/wrap.js';

const text = (t: string, margins: Margin[] = []): Block => ({ kind: 'text', spans: [{ text: t }], margins });
const lineText = (l: Line) => l.spans.map((s) => s.text).join('');
const wrap = (doc: Document, width: number) => wrapDocument(doc, width).map(lineText);
const link: Link = { href: 'https://example.com/a/very/long/path/that/goes/on', id: 'x1', followed: true };

describe('wrapDocument', () => {
  it.each([
    ['plain words', 'one two three four', 9, ['one two', 'three', 'four']],
    ['CJK breaks between ideographs', '東京は日本の首都です', 8, ['東京は日', '本の首都', 'です']],
    ['no line starts with 。 (kinsoku)', '東京です。東京です。', 10, ['東京です。', '東京です。']],
    ['an emoji ZWJ sequence is one grapheme, as wide as VTE draws it (8)', 'ab 👩‍👩‍👧‍👦 cd', 11, ['ab 👩‍👩‍👧‍👦', 'cd']],
    ['a wide grapheme is never split', 'ab👩‍👩‍👧‍👦cd', 3, ['ab', '👩‍👩‍👧‍👦', 'cd']],
    ['combining marks count zero', 'cafe\u0301 cafe\u0301', 5, ['cafe\u0301', 'cafe\u0301']],
  ])('%s', (_name, input, width, expected) => {
    expect(wrap({ blocks: [text(input)] }, width)).toEqual(expected);
  });

  it('moves a URL shown as text to the next line instead of breaking it', () => {
    const spans: Span[] = [{ text: 'see ' }, { text: 'https://example.com/abc', link }];
    expect(wrap({ blocks: [{ kind: 'text', spans, margins: [] }] }, 24)).toEqual(['see', 'https://example.com/abc']);
  });

  it('breaks a URL wider than the line with the link on every piece', () => {
    const url = 'https://example.com/a/very/long/path/that/goes/on';
    const lines = wrapDocument({ blocks: [{ kind: 'text', spans: [{ text: url, link }], margins: [] }] }, 20);
    expect(lines.map(lineText).join('')).toBe(url);
    for (const l of lines) expect(l.spans.every((s) => s.link?.id === 'x1')).toBe(true);
  });

  it('keeps a URL with wide characters whole when it fits', () => {
    const spans: Span[] = [{ text: '見て ' }, { text: 'https://例え.jp/パス', link }];
    expect(wrap({ blocks: [{ kind: 'text', spans, margins: [] }] }, 22)).toEqual(['見て', 'https://例え.jp/パス']);
  });

  it('repeats quote prefixes with one colour level per depth', () => {
    const lines = wrapDocument({ blocks: [text('alpha beta gamma', [{ kind: 'quote' }, { kind: 'quote' }])] }, 12);
    expect(lines.map(lineText)).toEqual(['> > alpha', '> > beta', '> > gamma']);
    expect(lines[1]!.spans.slice(0, 2).map((s) => s.style?.quote)).toEqual([1, 2]);
  });

  it('hangs list items under their marker', () => {
    const doc = { blocks: [text('one two three', [{ kind: 'item', marker: '1. ' }])] };
    expect(wrap(doc, 9)).toEqual(['1. one', '   two', '   three']);
  });

  it('keeps pre blocks as they are and folds only what is wider than the line', () => {
    const pre: Block = { kind: 'pre', spans: [{ text: 'a   b   c' }], margins: [] };
    expect(wrap({ blocks: [pre] }, 20)).toEqual(['a   b   c']);
    expect(wrap({ blocks: [pre] }, 4)).toEqual(['a   ', 'b   ', 'c']);
  });

  it('moves a long path in a pre line whole to the next line when it fits there', () => {
    const pre: Block = { kind: 'pre', spans: [{ text: '  File "/usr/lib/python3/site-packages/pkg/response_parser.py", line 42' }], margins: [] };
    expect(wrap({ blocks: [pre] }, 60)).toEqual(['  File ', '"/usr/lib/python3/site-packages/pkg/response_parser.py", ', 'line 42']);
    const long: Block = { kind: 'pre', spans: [{ text: `see ${'x'.repeat(30)}` }], margins: [] };
    expect(wrap({ blocks: [long] }, 20)).toEqual([`see ${'x'.repeat(16)}`, 'x'.repeat(14)]);
  });

  it('folds a long pre line at a space rather than inside a word', () => {
    const pre: Block = { kind: 'pre', spans: [{ text: 'aaaa bbbb cccc dddd' }], margins: [{ kind: 'quote' }] };
    expect(wrap({ blocks: [pre] }, 9)).toEqual(['> aaaa ', '> bbbb ', '> cccc ', '> dddd']);
  });
});

const cell = (t: string) => ({ span: 1, blocks: t ? [text(t)] : [] });
const table = (rows: string[][], header = true): Block => ({
  kind: 'table',
  spans: [],
  margins: [],
  rows: rows.map((r, i) => ({ header: header && i === 0, cells: r.map(cell) })),
});

describe('data tables', () => {
  it('aligns columns; the header row is underlined, not ruled', () => {
    expect(wrap({ blocks: [table([['Name', 'Qty'], ['Tea 緑茶', '2']])] }, 40)).toEqual(['Name     │ Qty', 'Tea 緑茶 │ 2']);
    const header = wrapDocument({ blocks: [table([['Name', 'Qty'], ['Tea', '2']])] }, 40)[0]!.spans;
    expect(header.filter((s) => s.text.trim() && s.text !== ' │ ').every((s) => s.style?.underline)).toBe(true);
  });

  it('puts one row of cells on one line, two spaces apart', () => {
    expect(wrap({ blocks: [table([['0', '1', '2', '10'], ['', '', '', '']], false)] }, 40)).toEqual(['0  1  2  10']);
  });

  it('wraps cells inside their column to fit the width', () => {
    const lines = wrap({ blocks: [table([['Item', 'Note'], ['a', 'one two three four five six seven']])] }, 20);
    expect(lines).toEqual(['Item │ Note', 'a    │ one two three', '     │ four five six', '     │ seven']);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  it('reads each row as a line of its cells when the columns cannot fit (items stay by their prices)', () => {
    expect(wrap({ blocks: [table([['a', 'b', 'c', 'd'], ['e', 'f', 'g', 'h']], false)] }, 12)).toEqual(['a  b  c  d', 'e  f  g  h']);
    const long = wrap({ blocks: [table([['Subtotal', 'placeholder_for_a_long_amount'], ['Tax', '$1']], false)] }, 30);
    expect(long).toEqual(['Subtotal', 'placeholder_for_a_long_amount', 'Tax  $1']);
  });

  it('reads cell after cell when the columns cannot fit and cells have several lines', () => {
    const two = (a: string, b: string) => ({ span: 1, blocks: [text(a), text(b)] });
    const rows = [{ header: false, cells: [two('a', 'b'), two('c', 'd'), two('e', 'f')] }, { header: false, cells: [two('g', 'h'), cell('i'), cell('j')] }];
    expect(wrap({ blocks: [{ kind: 'table', spans: [], margins: [], rows }] }, 12)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  });
});

describe('a table too wide for its columns inside a list item', () => {
  it('shows the list marker before the first cell only', async () => {
    const html = '<ol><li><table><tr><th>Name</th><th>Value</th><th>Note</th><th>More</th></tr><tr><td>alpha<br>one</td><td>beta</td><td>gamma</td><td>delta</td></tr></table></li><li>second</li></ol>';
    const r = await render(html, ['--no-pager', '--html', '--width', '20']);
    expect(r.stdout).toBe('1. Name\n   Value\n   Note\n   More\n   alpha\n   one\n   beta\n   gamma\n   delta\n\n2. second\n');
  });
});
