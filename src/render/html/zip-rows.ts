// Totals written as two cells of `<br>`-separated lines, labels in one and amounts in the other
// (`Subtotal<br>Shipping<br>Total` beside `$10<br>$2<br>$12`): each line of one belongs with the
// same line of the other, as a browser shows them side by side.
import type { Elem } from './builder.js';
import { hiddenByStyle } from './hidden.js';
import { hasContent, rowCells } from './table-kind.js';

/** One line of a cell: its nodes, and the inline styles of the wrappers it was taken out of. */
export interface CellLine {
  readonly nodes: Elem[];
  readonly styles: ReadonlyArray<'bold' | 'italic' | 'underline'>;
}

const wrapperStyles: Record<string, 'bold' | 'italic' | 'underline' | undefined> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline' };
// Wrappers a cell's lines may sit in as a whole; block-level content makes a cell no list of lines.
const wrappers = new Set(['p', 'div', 'span', 'font', 'b', 'strong', 'i', 'em', 'u', 'center', 'small', 'big']);
const inlineOnly = (n: Elem): boolean => n.type !== 'tag' || ['a', 'span', 'font', 'b', 'strong', 'i', 'em', 'u', 'small', 'big', 'sup', 'sub', 'img', 'br', 'code', 'abbr', 'time'].includes(n.name ?? '');

/**
 * The cells of a row in order, each shown cell as its `<br>`-separated lines, when every cell that
 * shows something holds the same number of lines (two or more) and there are at least two such
 * cells; a cell that shows nothing is undefined. Undefined for any other row.
 */
export function zippedCells(row: Elem): Array<{ readonly cell: Elem; readonly lines?: CellLine[] }> | undefined {
  if (row.type !== 'tag' || hidden(row) || (row.parent && hidden(row.parent))) return undefined;
  const cells = rowCells(row);
  if (cells.length < 2 || !cells.some(hasBreak)) return undefined;
  const out = cells.map((cell) => (hasContent(cell) ? { cell, lines: cellLines(cell) } : { cell }));
  const shown = out.filter((c) => hasContent(c.cell));
  if (shown.length < 2) return undefined;
  const count = shown[0]!.lines?.length ?? 0;
  if (count < 2 || !shown.every((c) => c.lines?.length === count)) return undefined;
  return out.map((c) => (c.lines ? { cell: c.cell, lines: c.lines } : { cell: c.cell }));
}

// A cell's lines: its nodes split at `<br>`, inside wrappers that hold the whole cell; undefined
// when a line is empty or the cell holds anything but inline content.
function cellLines(cell: Elem): CellLine[] | undefined {
  const styles: Array<'bold' | 'italic' | 'underline'> = [];
  let nodes = cell.children ?? [];
  for (let depth = 0, only = significant(nodes); only.length === 1 && only[0]!.type === 'tag' && wrappers.has(only[0]!.name ?? '') && depth < 10; depth++) {
    const wrapper = only[0]!;
    if (hidden(wrapper)) return undefined;
    const style = wrapperStyles[wrapper.name ?? ''];
    if (style) styles.push(style);
    nodes = wrapper.children ?? [];
    only = significant(nodes);
  }
  if (!nodes.every(inlineOnly)) return undefined;
  const segments: Elem[][] = [[]];
  for (const node of nodes) {
    if (node.name === 'br') segments.push([]);
    else segments[segments.length - 1]!.push(node);
  }
  // White space after the last `<br>` is no line; an empty line between two would not line up.
  while (segments.length && !significant(segments[segments.length - 1]!).length) segments.pop();
  if (segments.length < 2 || segments.some((s) => !significant(s).length || textLength(s) > longest)) return undefined;
  return segments.map((line) => ({ nodes: line, styles }));
}

// Without a `<br>` no cell has two lines: a long table's rows are told apart from labels cheaply.
function hasBreak(elem: Elem): boolean {
  for (const c of elem.children ?? []) if (c.type === 'tag' && (c.name === 'br' || hasBreak(c))) return true;
  return false;
}

// A label or an amount is short; longer lines (two addresses side by side) read better as they are.
const longest = 50;

function textLength(nodes: readonly Elem[]): number {
  let n = 0;
  for (const node of nodes) n += node.type === 'text' ? String(node.data ?? '').trim().length : textLength(node.children ?? []);
  return n;
}

function significant(nodes: readonly Elem[]): Elem[] {
  return nodes.filter((n) => (n.type === 'text' ? /\S/.test(String(n.data ?? '').replace(/\u00a0/g, ' ')) : n.type === 'tag'));
}

function hidden(elem: Elem): boolean {
  const a = elem.attribs;
  return a !== undefined && (a.hidden !== undefined || (a.style !== undefined && hiddenByStyle(a.style)));
}
