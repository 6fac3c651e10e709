// A long HTML body converted piece by piece (pieces.ts) renders as the whole document does, with
// limits lowered here so that small documents are cut into pieces of a few hundred bytes; a long
// table cut between its rows shows every row, its columns lined up, and no line wider than the width.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/document/document.js';
import type { Part } from '../../../src/mime/types.js';
import { createContext } from '../../../src/links/context.js';
import { wrapDocument } from '../../../src/layout/wrap.js';
import { displayWidth } from '../../../src/layout/width.js';
import { parseMail } from '../../../src/mime/mail.js';
import { renderHtml } from '../../../src/render/html/html.js';
import type { PieceLimits } from '../../../src/render/html/pieces.js';
import { render, root } from '../../helpers/run.js';

const whole: PieceLimits = { body: Number.MAX_SAFE_INTEGER, piece: 0, rows: Number.MAX_SAFE_INTEGER };
const tiny = (piece: number, rows = Number.MAX_SAFE_INTEGER): PieceLimits => ({ body: 0, piece, rows });

function blocks(html: string, limits: PieceLimits): { blocks: Block[]; images: number; problems: string[] } {
  const ctx = createContext('t');
  const out = Array.from(renderHtml(html, ctx, new Map(), limits));
  return { blocks: out, images: ctx.remoteImages.length, problems: ctx.problems };
}

const text = (bs: readonly Block[], width = 60): string[] => wrapDocument({ blocks: bs }, width).map((l) => l.spans.map((s) => s.text).join(''));

function expectSame(html: string, limits: PieceLimits): void {
  const a = blocks(html, whole);
  const b = blocks(html, limits);
  expect(b.blocks).toEqual(a.blocks);
  expect(b.images).toBe(a.images);
  expect(b.problems).toEqual(a.problems);
}

// Top-level blocks of every kind the cuts see, with text, links and images between them.
const parts = [
  '<p>A paragraph with <a href="https://example.com/a">a link</a>.</p>',
  '<div>A division</div>',
  '<div style="margin-top:24px">Spaced by its style</div>',
  'Loose text at the top level ',
  '<span>an inline span</span>',
  '<b>bold</b> and <i>italic</i>',
  '<h2>A heading</h2>',
  '<ul><li>one</li><li>two</li></ul>',
  '<ol start="3"><li>three</li></ol>',
  '<blockquote>Quoted <p>text</p></blockquote>',
  '<pre>  kept\n   as is</pre>',
  '<hr>',
  '<br>',
  '<p>',
  '<div></div>',
  '<p>&nbsp;</p>',
  '<table><tr><td>Tea</td><td>$3.50</td></tr><tr><td>Cake</td><td>$4.00</td></tr></table>',
  '<table><tr><td><p>a layout cell with a paragraph of its own that is long</p></td></tr></table>',
  '<img src="https://track.example/p.gif" width="1" height="1">',
  '<div style="display:none">hidden <img src="https://track.example/h.gif"></div>',
  '<style>.x{background:url(https://track.example/bg.png)}</style>',
  '<!-- a comment -->',
  '<p>Unclosed paragraph',
  '<dl><dt>term</dt><dd>definition</dd></dl>',
  '<div hidden>hidden by its attribute</div>',
  '<p style="font-size:0">tiny</p>',
  '<table><tr><td>&nbsp;</td></tr></table>',
  '<ul></ul>',
  '<p>From: A<br>Sent: today<br>To: B<br>Subject: hello</p>',
  '<center><p>centred</p></center>',
  '<div style="background:url(https://track.example/d.png)">with a background</div>',
];

describe('a body converted in pieces', () => {
  it('renders as the whole document, cut before every top-level block', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 30 }), fc.boolean(), fc.integer({ min: 0, max: 200 }), (chosen, wrapped, piece) => {
        const body = chosen.join('\n');
        const html = wrapped ? `<!DOCTYPE html><html><head><title>t</title><base href="https://base.example/"></head><body class="b">${body}</body></html>` : body;
        expectSame(html, tiny(piece));
      }),
      { numRuns: Number(process.env.PIECE_RUNS ?? 300) },
    );
  });

  // A comment between a rule and a reply's header paragraph is passed over: the paragraph starts
  // the quote, once, whether the rule's piece can see the paragraph or not.
  it('quotes a reply header paragraph after a rule and a comment once', () => {
    const html = '<hr>\n<!-- a comment -->\n<p>From: A<br>Sent: today<br>To: B<br>Subject: hello</p>';
    expectSame(html, tiny(0));
    expect(blocks(html, whole).blocks.filter((b) => b.kind === 'text').map((b) => b.margins.length)).toEqual([1, 1, 1, 1]);
  });

  // Whether a rule starts a quoted reply depends on the lines after it: no piece ends right after one.
  it('keeps a rule with the reply header lines after it', () => {
    expectSame('<hr>\n<br>\n<p>From: A<br>Sent: today<br>To: B<br>Subject: hello</p>\n<p>A paragraph</p>', tiny(0));
  });

  it('gives a reply quote that takes the rest of the document all of it', () => {
    const rest = Array.from({ length: 20 }, (_, i) => `<p>quoted paragraph ${i}</p>`).join('');
    const html = `<p>My answer</p><div id="divRplyFwdMsg"><b>From:</b> A<br><b>Sent:</b> today<br><b>To:</b> B</div>${rest}`;
    expectSame(html, tiny(0));
    expect(text(blocks(html, tiny(0)).blocks).at(-1)).toMatch(/quoted paragraph 19/);
  });

  it('renders every HTML part of the fixtures as the whole document does', async () => {
    const dir = `${root}test/fixtures/`;
    let seen = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const mail = await parseMail(readFileSync(dir + name));
      for (const html of htmlParts(mail.root)) {
        seen++;
        expectSame(html, tiny(0, 3));
      }
    }
    expect(seen).toBeGreaterThan(30);
  });
});

function htmlParts(part: Part): string[] {
  if (part.kind === 'text' && part.subtype === 'html') return [part.text];
  if (part.kind === 'multipart') return part.children.flatMap(htmlParts);
  return [];
}

describe('a long table cut between its rows', () => {
  const row = (i: number, item = `item ${String(i).padStart(5, '0')}`) => `<tr><td>${String(i).padStart(5, '0')}</td><td>${item}</td><td>${((i * 7919) % 100000 / 100).toFixed(2).padStart(7)}</td></tr>\n`;
  const table = (rows: number, item?: (i: number) => string) =>
    `<html><body><p>Before</p><table><tr><th>n</th><th>item</th><th>price</th></tr>\n${Array.from({ length: rows }, (_, i) => row(i, item?.(i))).join('')}</table><p>After</p></body></html>`;

  it('lays out as the whole table when its columns keep their widths', () => {
    const html = table(3000);
    const a = blocks(html, whole).blocks;
    const b = blocks(html, tiny(2048, 1000)).blocks;
    expect(b.filter((x) => x.kind === 'table').length).toBeGreaterThan(10);
    expect(text(b)).toEqual(text(a));
    expect(text(b).at(-3)).toMatch(/^02999 │ item 02999 │/);
  });

  it('shows every row, the last one too, and no line wider than the width, when later rows are wider', () => {
    const html = table(3000, (i) => `item ${'x'.repeat(Math.floor(i / 100))}`);
    const out = blocks(html, tiny(2048, 1000)).blocks;
    for (const width of [30, 60, 100]) {
      const lines = text(out, width);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      const shown = lines.join('\n');
      for (const i of [0, 1, 999, 1000, 2500, 2999]) expect(shown).toContain(String(i).padStart(5, '0'));
      expect(lines.at(-1)).toBe('After');
    }
    // Within a group the columns line up; they widen only from one group to a later one.
    const bars = text(out, 100).filter((l) => l.includes('│')).map((l) => l.indexOf('│'));
    expect(bars.every((at, i) => i === 0 || at >= bars[i - 1]!)).toBe(true);
  });

  it('reads a long table whose first rows are no data table as the whole would, in one piece', () => {
    const long = `<table>${Array.from({ length: 3000 }, (_, i) => `<tr><td><p>row ${i}</p><ul><li>a list in a cell</li></ul></td></tr>`).join('')}</table>`;
    expectSame(`<p>x</p>${long}<p>y</p>`, tiny(2048, 1000));
  });
});

describe('a long HTML mail', () => {
  const args = ['--no-pager', '--width', '72', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];
  const mail = (body: string) => `From: a@example.com\r\nTo: b@example.org\r\nSubject: long\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${body}`;
  const paragraphs = Array.from({ length: 25000 }, (_, i) => `<p>Paragraph number ${i} of a long digest.</p>`).join('\n');

  it('names in its Tracking line an image met in its last piece, before the body is shown', async () => {
    const pixel = '<img src="https://track.example/open.gif" width="1" height="1">';
    expect(paragraphs.length).toBeGreaterThan(1 << 20);
    const { stdout } = await render(mail(`<html><body>${paragraphs}<p>Last ${pixel}</p></body></html>`), args);
    const lines = stdout.split('\n');
    const tracking = lines.findIndex((l) => l.startsWith('Tracking: 1 open-tracking image'));
    expect(tracking).toBeGreaterThan(0);
    expect(tracking).toBeLessThan(lines.indexOf('Paragraph number 0 of a long digest.'));
    expect(lines).toContain('Paragraph number 24999 of a long digest.');
  });

  it('shows a long table to its last row within the width', async () => {
    const rows = Array.from({ length: 30000 }, (_, i) => `<tr><td>${i}</td><td>item number ${i}</td><td>${(i % 997) / 10}</td></tr>`).join('\n');
    const { stdout, code } = await render(mail(`<table><tr><th>n</th><th>item</th><th>price</th></tr>${rows}</table><p>The end</p>`), args);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(72);
    expect(lines).toContain('29999 │ item number 29999 │ 8.9');
    expect(lines.at(-1)).toBe('The end');
  });
});
