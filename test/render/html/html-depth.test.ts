// The depth measured before parsing is the depth htmlparser2 then builds, on any tag soup, and it
// is measured in linear time however deep the soup goes.
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../../src/render/html/html-depth.js';

interface Node {
  readonly children?: Node[];
}

// The oracle: the deepest element of the DOM htmlparser2 builds (html-to-text's parse).
function domDepth(html: string): number {
  let max = 0;
  const stack: Array<[Node, number]> = [[parseDocument(html, { decodeEntities: true }) as Node, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of node.children ?? []) if (child.children) stack.push([child, depth + 1]);
  }
  return max;
}

// Pieces that move the parser's stack in every way it knows: implied end tags, void and foreign
// elements, self-closing syntax, raw-text elements, comments, and '<' where no tag is.
const piece = fc.constantFrom(
  '<div>', '</div>', '<p>', '</p>', '<li>', '</li>', '<ul>', '</ul>', '<td>', '<tr>', '<th>', '</tr>', '<table>', '</table>', '<tbody>',
  '<dd>', '<dt>', '<option>', '<select>', '<h1>', '</h1>', '<span>', '</span>', '<b>', '</b>', '<br>', '</br>', '<img src=x>', '<hr/>',
  '<div/>', '<span />', '<svg>', '</svg>', '<math>', '<g/>', '<g>', '<foreignObject>', '</foreignObject>', '<title>', '</title>',
  '<script>', '</script>', '<style>', '</style>', '<textarea>', '</textarea>', '<xmp>', '</xmp>', '<!-- <div> -->', '<!--', '-->',
  '<![CDATA[<div>]]>', '<!DOCTYPE html>', '<?xml ?>', '<a title="<div></div>">', '<a title=\'</p><div>\'>', '</a>', '<a x=<div>>',
  '< div>', '</ div>', '<>', '</>', '<3', 'text', ' ', '\n', '<DIV>', '</Div>', '<p/>', '</p/>', '<body>', '<head>', '</html>',
);

describe('nesting depth before parsing', () => {
  it('equals the depth of the tree htmlparser2 builds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const html = pieces.join('');
        expect(nestingDepth(html)).toBe(domDepth(html));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['<p> nesting', '<p><p>x'.repeat(20000), 1],
    ['<li> and <td> nesting, which do nest', '<li><td>'.repeat(2000), 4000],
    ['self-closing <div/>', '<div/>'.repeat(2000), 2000],
    ['< inside attribute values', '<div title="</div>"><span title=">">'.repeat(1000), 2000],
    ['a comment that hides tags', '<!--' + '<div>'.repeat(5000) + '-->', 0],
  ])('counts %s as the parser does', (_name, html, depth) => {
    expect(nestingDepth(html)).toBe(depth);
    expect(domDepth(html)).toBe(depth);
  });

  it('stops at the limit on 200 000 open elements, in linear time', () => {
    expect(nestingDepth('<div>'.repeat(200_000), 1000)).toBe(1001);
    expect(nestingDepth('<svg>'.repeat(200_000) + '</svg>'.repeat(200_000))).toBe(200_000);
  });
});
