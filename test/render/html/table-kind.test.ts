// Table classification from the DOM alone, over DOMs htmlparser2 builds as html-to-text does.
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Elem } from '../../../src/render/html/builder.js';
import { isDecoration, tableKind } from '../../../src/render/html/table-kind.js';

const first = (html: string, name: string): Elem => {
  const find = (nodes: Elem[]): Elem | undefined => {
    for (const n of nodes) {
      if (n.name === name) return n;
      const inner = find(n.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(parseDocument(html).children as unknown as Elem[])!;
};
const kind = (html: string) => tableKind(first(html, 'table'));

describe('tableKind', () => {
  it.each([
    ['rows of short cells at width=100%, role=presentation', '<table width="100%" role="presentation"><tr><td>Widget</td><td>$2.99</td></tr><tr><td>Total</td><td>$2.99</td></tr></table>', 'data'],
    ['rows with an item image', '<table><tr><td><img src="a.png"></td><td>Widget</td><td>$2.99</td></tr><tr><td></td><td>Tax</td><td>$0.00</td></tr></table>', 'data'],
    ['one row of short cells', '<table><tr><td>0</td><td>1</td><td>2</td></tr></table>', 'row'],
    ['a footer menu with spacer cells', '<table><tr><td><a href="#">Help</a></td><td>&nbsp;|&nbsp;</td><td><a href="#">Terms</a></td><td></td></tr></table>', 'row'],
    ['one column', '<table><tr><td>a</td></tr><tr><td>b</td></tr></table>', 'layout'],
    ['cells holding paragraphs in headings', '<table><tr><td><h1>Hi</h1></td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>', 'layout'],
    ['a Foundation grid: a <th> holding a table, an expander', '<table class="row"><tr><th class="small-12 large-6 columns"><table><tr><th><p>A long paragraph of the newsletter that goes on and on for well over sixty characters.</p></th></tr></table></th><th class="expander"></th></tr></table>', 'layout'],
    ['two short Foundation columns', '<table class="row"><tr><th class="columns"><table><tr><th><p>Subtotal</p></th></tr></table></th><th class="columns"><table><tr><th><p>$24.50</p></th></tr></table></th></tr></table>', 'row'],
    ['text between the cells of a row', '<table><tr>{{#if x}}<td>a</td>{{/if}}<td>b</td></tr><tr><td>c</td><td>d</td></tr></table>', 'layout'],
    ['rows whose cells sit in tables of one row (Stripo, MJML)', '<table><tr><td><table><tr><td><p>Widget</p></td></tr></table></td><td width="20"></td><td><table><tr><td>$2.99</td></tr></table></td></tr><tr><td><table><tr><td>Total</td></tr></table></td><td></td><td><table><tr><td>$2.99</td></tr></table></td></tr></table>', 'data'],
    ['rows whose cells hold a table of several rows', '<table><tr><td><table><tr><td>a</td></tr><tr><td>b</td></tr></table></td><td>x</td></tr><tr><td>c</td><td>d</td></tr></table>', 'layout'],
    ['cells outside any row', '<table><td>1<td>2<td>3</table>', 'row'],
    ['long cells', `<table><tr><td>${'word '.repeat(30)}</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>`, 'layout'],
    ['a long template placeholder as one value', '<table><tr><td>Tax</td><td>{{price order.tax_amount order.tax_amount order.currency display_gross=order.display_gross_prices}}</td></tr><tr><td>a</td><td>b</td></tr></table>', 'data'],
  ])('%s', (_name, html, want) => expect(kind(html)).toBe(want));
});

describe('isDecoration', () => {
  it.each([
    ['<img src="p.gif" width="1" height="1">', true],
    ['<img src="d.png" role="presentation">', true],
    ['<img src="d.png" aria-hidden="true">', true],
    ['<img src="logo.png" alt="Logo">', false],
  ])('%s', (html, want) => expect(isDecoration(first(html, 'img'))).toBe(want));
});
