// What an HTML table is for, decided from its DOM alone: data (rows of short cells, a
// receipt's items and amounts), one row of short cells (a rating scale, a footer menu, two
// Foundation columns), or layout (newsletter grids, read as paragraphs).
import type { Elem } from './builder.js';
import { hiddenByStyle } from './hidden.js';

/** How a table is read: a grid of rows, one row on one line where it fits, or plain blocks. */
export type TableKind = 'data' | 'row' | 'layout';

const tags = (elem: Elem): Elem[] => (elem.children ?? []).filter((c: Elem) => c.type === 'tag');
const sections = new Set(['thead', 'tbody', 'tfoot']);

/**
 * The rows of a table in order: `<tr>` elements, and text between rows (template loops, broken
 * markup). Cells written outside any `<tr>` form a row of their own, as the HTML parsing rules
 * put them into an implied `<tr>` (`<table><td>1<td>2` is one row of two cells).
 */
export function tableRows(table: Elem): Elem[] {
  const rows: Elem[] = [];
  let stray: Elem[] = [];
  const endStray = (): void => {
    if (!stray.length) return;
    const row: Elem = { type: 'tag', name: 'tr', attribs: {}, children: stray, parent: table };
    implied.add(row);
    rows.push(row);
    stray = [];
  };
  for (const c of table.children ?? []) {
    if (c.name === 'td' || c.name === 'th') {
      stray.push(c);
      continue;
    }
    if (c.type === 'text' && /\S/.test(String(c.data ?? ''))) (endStray(), rows.push(c));
    else if (c.name === 'tr') (endStray(), rows.push(c));
    else if (sections.has(c.name ?? '')) (endStray(), rows.push(...tableRows(c)));
  }
  endStray();
  return rows;
}

const implied = new WeakSet<Elem>();

/** Whether a row is one tableRows made for cells outside any `<tr>`: it is in no document. */
export function isImpliedRow(row: Elem): boolean {
  return implied.has(row);
}

/** What a table holds outside its rows: its `<caption>`, and other elements, which the HTML parsing rules move before the table. */
export function tableExtras(table: Elem): Elem[] {
  return (table.children ?? []).filter((c) => c.type === 'tag' && !['tr', 'td', 'th', 'col', 'colgroup'].includes(c.name ?? '') && !sections.has(c.name ?? ''));
}

/** The cells of a row mailview shows: Foundation's empty `th.expander` is left out. */
export function rowCells(row: Elem): Elem[] {
  if (row.type === 'text') return [row];
  return tags(row).filter((c) => (c.name === 'td' || c.name === 'th') && !isExpander(c));
}

const isExpander = (cell: Elem): boolean => /(^|\s)expander(\s|$)/.test(cell.attribs?.class ?? '') && textOf(cell) === '';

// Elements that make a cell a layout box rather than a datum (images are data: item pictures).
const boxy = new Set(['table', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'pre']);
// A datum is short: a label, a number, an amount, a date, an item name with its options.
const shortText = 80;
// A column of a one-row layout (two Foundation columns) is shown beside the others when this short.
const shortColumn = 60;

/** How a table is read (see TableKind). */
export function tableKind(table: Elem): TableKind {
  const trs = tableRows(table).filter((r) => r.type !== 'text');
  // Text between the cells of a row (template tags, broken markup) has no cell to show in: read as blocks.
  if (trs.some((r) => (r.children ?? []).some((c: Elem) => c.type === 'text' && /\S/.test(String(c.data ?? ''))))) return 'layout';
  const rows = trs.map((r) => rowCells(r).filter(hasContent));
  const filled = rows.filter((r) => r.length > 0);
  if (!filled.some((r) => r.length >= 2)) return 'layout';
  const data = filled.every((r) => r.every(isDatum));
  // Several rows of data read as a grid even when a cell's content sits in a table of one row
  // (Stripo's and MJML's columns); one row of nested tables is read as before, by its columns.
  if (data && filled.length > 1) return 'data';
  if (hasDescendant(table, (n) => n.name === 'table')) return filled.length === 1 && filled[0]!.every(isShortColumn) ? 'row' : 'layout';
  return data ? 'row' : 'layout';
}

/** A row drawn with a rule under it: all `<th>` holding data, with rows after it. */
export function isHeaderRow(cells: readonly Elem[], index: number, rows: number): boolean {
  return index < rows - 1 && cells.length > 0 && cells.every((c) => c.name === 'th' && isDatum(c));
}

/** Columns a cell spans: its colspan, or the whole table when it is alone in its row. */
export function cellSpan(cell: Elem, cellsInRow: number, columns: number): number {
  if (cellsInRow === 1) return Math.max(1, columns);
  return Math.max(1, Math.min(50, Number(cell.attribs?.colspan) || 1));
}

/** The number of columns of a table: the most cells (with their colspans) in one row. */
export function columnCount(table: Elem): number {
  const widths = tableRows(table).map((r) => rowCells(r).reduce((n, c) => n + (Number(c.attribs?.colspan) || 1), 0));
  return Math.max(1, Math.min(50, ...widths.map((w) => Math.min(50, w))));
}

function isDatum(cell: Elem): boolean {
  return textOf(cell).length <= shortText && !boxed(cell);
}

// Whether an element holds a layout box; a nested table of one row of data is no box but that
// row's content (a cell whose words sit in a table of their own).
function boxed(elem: Elem): boolean {
  return tags(elem).some((c) => (c.name === 'table' ? !isOneRow(c) : boxy.has(c.name ?? '') || boxed(c)));
}

function isOneRow(table: Elem): boolean {
  const rows = tableRows(table).filter((r) => r.type !== 'text').map((r) => rowCells(r).filter(hasContent)).filter((r) => r.length > 0);
  return rows.length <= 1 && (rows[0] ?? []).every((c) => !boxed(c));
}

// Foundation's columns hold paragraphs and single-column tables: short ones read side by side.
function isShortColumn(cell: Elem): boolean {
  const grid = hasDescendant(cell, (n) => n.name === 'tr' && tags(n).filter((c) => (c.name === 'td' || c.name === 'th') && hasContent(c)).length >= 2);
  return !grid && textOf(cell, shortColumn).length <= shortColumn && !hasDescendant(cell, (n) => n.name === 'img' || n.name === 'ul' || n.name === 'ol');
}

/** Whether a cell shows anything: text, or an image that is not a pixel or decoration. */
export function hasContent(cell: Elem): boolean {
  return textOf(cell, 0) !== '' || hasDescendant(cell, (n) => n.name === 'img' && !isDecoration(n));
}

/** Images a reader never needs: 1×1 tracking pixels, `role="presentation"`, `aria-hidden`. */
export function isDecoration(img: Elem): boolean {
  const a = img.attribs ?? {};
  const pixel = /^[01](px)?$/i.test(a.width ?? '') || /^[01](px)?$/i.test(a.height ?? '');
  return pixel || /^(presentation|none)$/i.test(a.role ?? '') || /^true$/i.test(a['aria-hidden'] ?? '');
}

function hasDescendant(elem: Elem, test: (e: Elem) => boolean): boolean {
  return tags(elem).some((c) => test(c) || hasDescendant(c, test));
}

// A template placeholder (`{{price order.total …}}`, unfilled templates) stands for one value.
const placeholder = /\{\{[^{}]{0,200}\}\}/g;
// Zero-width characters pad preheaders and spacer cells; they are no content.
const invisible = /[\s\u00ad\u034f\u200b-\u200d\u2060\ufeff]+/g;

// Text of an element, gathered only up to a little past `limit`: enough to tell short from long.
function textOf(elem: Elem, limit = shortText): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (e: Elem): void => {
    if (length > limit) return;
    if (e.type === 'text') {
      const t = String(e.data ?? '').replace(placeholder, '{}').replace(invisible, ' ').trim();
      if (t) (parts.push(t), (length += t.length + 1));
    } else if (e.type === 'tag' && !isHiddenElem(e)) for (const c of e.children ?? []) visit(c);
  };
  visit(elem);
  return parts.join(' ');
}

// What html-format.ts leaves out is no content of a cell either.
function isHiddenElem(elem: Elem): boolean {
  const a = elem.attribs ?? {};
  return ['style', 'script', 'template', 'head', 'title', 'noscript'].includes(elem.name ?? '') || a.hidden !== undefined || (a.style !== undefined && hiddenByStyle(a.style));
}
