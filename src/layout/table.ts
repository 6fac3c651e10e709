// Data tables as aligned columns. Written here rather than taken from html-to-text, whose
// dataTable measures cells by UTF-16 length (CJK and emoji would misalign) and wraps no cell.
import type { Document, Line, Span, Style, TableCell, TableRow } from '../document/document.js';
import { displayWidth, spansWidth } from './width.js';

type Wrap = (doc: Document, width: number) => Line[];

const ruleStyle: Style = { dim: true };
const separator: Span = { text: ' │ ', style: ruleStyle };
// One row of short cells (a rating scale, a footer menu) reads as words on a line, as w3m shows it.
const space: Span = { text: '  ' };
// Columns narrower than this make a table harder to read than its cells one after another.
const narrowest = 4;

/** Lay out table rows at a width, or undefined when the columns cannot fit (the caller linearises). */
export function layoutTable(rows: readonly TableRow[], width: number, first: Span[], rest: Span[], wrap: Wrap, longTable?: object): Line[] | undefined {
  if (longTable) return layoutGroup(rows, width, first, rest, wrap, longTable);
  const filled = dropEmptyColumns(rows.filter((r) => r.cells.some(shows)));
  // One row keeps only the cells that show something: an icon row whose icons say nothing has no gaps.
  const kept = filled.length === 1 ? [{ ...filled[0]!, cells: filled[0]!.cells.filter(shows) }] : filled;
  const columns = Math.max(0, ...kept.map((r) => r.cells.reduce((n, c) => n + c.span, 0)));
  if (columns === 0) return [];
  const sep = kept.length === 1 ? space : separator;
  const margin = Math.max(spansWidth(first), spansWidth(rest));
  const fit = columnWidths(kept, columns, width - margin - displayWidth(sep.text) * (columns - 1), wrap);
  // A grid that needs its cells wrapped is kept for several rows; one row rather flows, as do rows
  // whose words cannot fit their columns (an item stays next to its price).
  const flowed = fit && (fit.natural || kept.length > 1) ? undefined : flowRows(kept, width - margin, wrap);
  if (flowed) return flowed.map((l, i) => ({ spans: [...(i ? rest : first), ...l.spans] }));
  if (!fit) return undefined;
  const lines: Line[] = [];
  for (const row of kept) {
    // A header row is underlined rather than ruled: a line of rule characters is noise in a narrow table.
    for (const spans of rowLines(row, fit.widths, sep, wrap)) lines.push({ spans: [...(lines.length ? rest : first), ...(row.header ? spans.map(underline) : spans)] });
  }
  return lines;
}

/**
 * Rows of one-line cells as columns two spaces apart, each as wide as its widest cell; undefined
 * when they do not fit the width unwrapped (the caller then shows the block's `otherwise`).
 */
export function alignedColumns(rows: readonly TableRow[], width: number, first: Span[], rest: Span[], wrap: Wrap): Line[] | undefined {
  const cells = rows.map((r) => r.cells.map((c) => naturalLines(c, wrap)[0]?.spans ?? []));
  if (rows.some((r) => r.cells.some((c) => naturalLines(c, wrap).length > 1))) return undefined;
  const widths: number[] = [];
  for (const row of cells) row.forEach((spans, i) => (widths[i] = Math.max(widths[i] ?? 0, spansWidth(spans))));
  const total = Math.max(spansWidth(first), spansWidth(rest)) + widths.reduce((a, b) => a + b, 0) + space.text.length * Math.max(0, widths.length - 1);
  if (total > width) return undefined;
  return cells.map((row, k) => {
    const spans: Span[] = [...(k ? rest : first)];
    row.forEach((cell, i) => {
      if (i > 0) spans.push(space);
      spans.push(...cell);
      const pad = widths[i]! - spansWidth(cell);
      if (pad > 0 && i < row.length - 1) spans.push({ text: ' '.repeat(pad) });
    });
    return { spans };
  });
}

const shows = (cell: TableCell): boolean => cell.blocks.some((b) => b.kind !== 'blank');

// A column in which no cell shows anything (item pictures without alt) takes no width.
function dropEmptyColumns(rows: readonly TableRow[]): readonly TableRow[] {
  const used = new Array<boolean>(Math.max(0, ...rows.map((r) => r.cells.reduce((n, c) => n + c.span, 0)))).fill(false);
  for (const row of rows) {
    let col = 0;
    for (const cell of row.cells) {
      if (cell.span > 1 || shows(cell)) for (let k = col; k < col + cell.span; k++) used[k] = true;
      col += cell.span;
    }
  }
  if (!rows.some((r) => r.cells.length > 1) || used.length === 0 || used.every(Boolean)) return rows;
  return rows.map((row) => {
    let col = 0;
    const cells = row.cells.filter((cell) => {
      const keep = cell.span > 1 || used[col] === true;
      col += cell.span;
      return keep;
    });
    return cells.length === row.cells.length ? row : { ...row, cells };
  });
}

// Rows of one-line cells, each row a paragraph of its cells two spaces apart; undefined when a cell has several lines.
function flowRows(rows: readonly TableRow[], width: number, wrap: Wrap): Line[] | undefined {
  const lines: Line[] = [];
  for (const row of rows) {
    const cells = row.cells.map((c) => naturalLines(c, wrap)).filter((l) => l.length > 0);
    if (cells.some((l) => l.length > 1)) return undefined;
    const spans = cells.flatMap((l, i) => (i ? [space, ...l[0]!.spans] : [...l[0]!.spans]));
    for (const line of wrap({ blocks: [{ kind: 'text', spans, margins: [] }] }, width)) lines.push(line);
  }
  return lines;
}

// A cell's lines at no width limit, laid out once however often the table is measured.
const natural = new WeakMap<TableCell, Line[]>();
function naturalLines(cell: TableCell, wrap: Wrap, cache: { get(cell: TableCell): Line[] | undefined; set(cell: TableCell, lines: Line[]): unknown } = natural): Line[] {
  let lines = cache.get(cell);
  if (!lines) cache.set(cell, (lines = wrap({ blocks: cell.blocks }, 10_000)));
  return lines;
}

// Natural widths when they fit; else each column gets its longest word plus a share of the rest.
function columnWidths(rows: readonly TableRow[], columns: number, avail: number, wrap: Wrap): { widths: number[]; natural: boolean } | undefined {
  if (avail < columns * narrowest) return undefined;
  const { min, max } = measure(rows, columns, wrap, { min: [], max: [] });
  const widths = share(min.map((m, i) => Math.min(m, max[i]!)), max, avail);
  return widths && { widths, natural: widths.every((w, i) => w >= max[i]!) };
}

interface Measures {
  readonly min: number[];
  readonly max: number[];
}

// Each column's widest cell (at no width limit) and longest word, grown from `into`.
function measure(rows: readonly TableRow[], columns: number, wrap: Wrap, into: Measures, cache?: Map<TableCell, Line[]>): Measures {
  const { min, max } = into;
  for (let i = 0; i < columns; i++) (min[i] ??= 1), (max[i] ??= 1);
  for (const row of rows) {
    let col = 0;
    for (const cell of row.cells) {
      if (cell.span === 1 && col < columns) {
        for (const line of naturalLines(cell, wrap, cache)) max[col] = Math.max(max[col]!, spansWidth(line.spans));
        min[col] = Math.max(min[col]!, longestWord(cell));
      }
      col += cell.span;
    }
  }
  return into;
}

// A table too long to hold at once comes as several blocks of rows, laid out in order at one width:
// each column as wide as the widest of its cells so far, so columns line up within a group and
// widen only where a later row needs it (docs/rendering.md).
const grown = new WeakMap<object, Map<number, Measures>>();

function layoutGroup(rows: readonly TableRow[], width: number, first: Span[], rest: Span[], wrap: Wrap, longTable: object): Line[] | undefined {
  const kept = rows.filter((r) => r.cells.some(shows));
  if (kept.length === 0) return [];
  const byWidth = grown.get(longTable) ?? new Map<number, Measures>();
  grown.set(longTable, byWidth);
  const so = byWidth.get(width) ?? { min: [], max: [] };
  byWidth.set(width, so);
  const columns = Math.max(so.max.length, ...kept.map((r) => r.cells.reduce((n, c) => n + c.span, 0)));
  // Measured once here and dropped with the group: a WeakMap of every cell of a long table costs the collector dearly.
  const natural = new Map<TableCell, Line[]>();
  const { min, max } = measure(kept, columns, wrap, so, natural);
  const avail = width - Math.max(spansWidth(first), spansWidth(rest)) - displayWidth(separator.text) * (columns - 1);
  const widths = avail < columns * narrowest ? undefined : share(min.map((m, i) => Math.min(m, max[i]!)), max, avail);
  if (!widths) return undefined;
  const lines: Line[] = [];
  for (const row of kept) {
    for (const spans of rowLines(row, widths, separator, wrap, natural)) lines.push({ spans: [...(lines.length ? rest : first), ...(row.header ? spans.map(underline) : spans)] });
  }
  return lines;
}

function share(min: number[], max: number[], avail: number): number[] | undefined {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(max) <= avail) return max;
  // Even the longest words do not fit: no grid (words would break inside).
  if (sum(min) > avail) return undefined;
  const spare = avail - sum(min);
  const want = sum(max) - sum(min);
  const widths = min.map((m, i) => m + Math.floor(((max[i]! - m) * spare) / want));
  for (let i = 0, left = avail - sum(widths); left > 0; i = (i + 1) % widths.length) {
    if (widths[i]! < max[i]!) {
      widths[i]!++;
      left--;
    } else if (widths.every((w, j) => w >= max[j]!)) break;
  }
  return widths;
}

// A label kept whole (an image's) counts as one word: a column narrower than it would break it.
function longestWord(cell: TableCell): number {
  const text = cell.blocks.map((b) => b.spans.map((s) => s.text).join('')).join(' ');
  // Printable ASCII is as wide as it is long: the longest run between spaces, without splitting.
  if (printableAscii.test(text) && !cell.blocks.some((b) => b.spans.some((s) => s.atomic))) return Math.max(1, longestRun(text));
  const labels = cell.blocks.flatMap((b) => b.spans.filter((s) => s.atomic).map((s) => displayWidth(s.text)));
  return Math.max(1, ...text.split(/\s+/).map(displayWidth), ...labels);
}

const printableAscii = /^[\x20-\x7e\t\n\v\f\r]*$/;

// The longest run of characters other than ASCII white space (what /\s+/ splits at, in ASCII).
function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) run = 0;
    else if (++run > best) best = run;
  }
  return best;
}

// One row: every cell wrapped at its column width, padded, and joined by the separator. A cell
// whose lines at no width limit fit its column (`natural`, when measured) keeps those lines.
function rowLines(row: TableRow, widths: readonly number[], sep: Span, wrap: Wrap, natural?: ReadonlyMap<TableCell, Line[]>): Span[][] {
  const cells: Array<{ lines: Line[]; width: number }> = [];
  let col = 0;
  for (const cell of row.cells) {
    const spanned = widths.slice(col, col + cell.span);
    col += cell.span;
    if (spanned.length === 0) break;
    const width = spanned.reduce((a, b) => a + b, 0) + displayWidth(sep.text) * (spanned.length - 1);
    const fits = natural?.get(cell);
    cells.push({ lines: fits?.every((l) => spansWidth(l.spans) <= width) ? fits : wrap({ blocks: cell.blocks }, width), width });
  }
  for (; col < widths.length; col++) cells.push({ lines: [], width: widths[col]! });
  const height = Math.max(1, ...cells.map((c) => c.lines.length));
  const out: Span[][] = [];
  for (let k = 0; k < height; k++) {
    const spans: Span[] = [];
    cells.forEach((c, i) => {
      if (i > 0) spans.push(sep);
      const line = c.lines[k]?.spans ?? [];
      spans.push(...line);
      const pad = c.width - spansWidth(line);
      if (pad > 0) spans.push({ text: ' '.repeat(pad) });
    });
    out.push(trimEnd(spans));
  }
  return out;
}

function underline(span: Span): Span {
  return span === separator || span.text.trim() === '' ? span : { ...span, style: { ...span.style, underline: true } };
}

// Padding and separators after the last text on a line are invisible or noise: dropped.
function trimEnd(spans: Span[]): Span[] {
  while (spans.length && (spans.at(-1) === separator || spans.at(-1) === space || (spans.at(-1)!.text.trim() === '' && !spans.at(-1)!.link))) spans.pop();
  return spans;
}
