// Tables in HTML mail: most are layout (newsletter grids), some hold data (receipts). Layout tables
// are read as blocks; data tables and one-row tables go to wrap.ts as rows of cells (see table.ts).
import type { Span, TableCell, TableRow } from '../../document/document.js';
import { release, type DocumentBuilder, type Elem, type TableGroup, type Walk } from './builder.js';
import { cellSpan, columnCount, hasContent, isHeaderRow, isImpliedRow, rowCells, tableExtras, tableKind, tableRows, type TableKind } from './table-kind.js';
import { zippedCells, type CellLine } from './zip-rows.js';
import { whiteSpace } from './box.js';

/** The formatter for `<table>`: rows of cells as a table block (see table-kind.ts), any other as plain blocks. */
export function formatTable(elem: Elem, walk: Walk, builder: DocumentBuilder): void {
  // The first table of a piece that holds a long table's rows is that table (pieces.ts).
  const group = builder.shared.group && !claimed.has(builder.shared.group) ? builder.shared.group : undefined;
  if (group) claimed.add(group);
  // A spacer table (Foundation's `table.spacer`, an `&nbsp;` cell) shows nothing: no blank lines either.
  if (!hasContent(elem)) return;
  // A long table is read as its first rows say (a later group of rows decides nothing).
  const kind = group?.first === false && group.table.kind ? group.table.kind : tableKind(elem);
  if (group?.first) group.table.kind = kind;
  if (group && kind !== 'data') return;
  if (kind !== 'layout') return dataTable(elem, kind, walk, builder, group);
  builder.openBlock(1);
  const rows = tableRows(elem);
  const zipped = rows.map(zippedCells);
  if (zipped.some(Boolean)) layoutRows(elem, rows, zipped, walk, builder);
  else walk(elem.children, builder);
  builder.closeBlock(1);
}

type Zipped = ReturnType<typeof zippedCells>;

// A layout table with a row of labels beside their amounts: its rows read one by one as blocks,
// and that row as a table of its lines, each label with its amount.
function layoutRows(elem: Elem, rows: readonly Elem[], zipped: readonly Zipped[], walk: Walk, builder: DocumentBuilder): void {
  walkExtras(elem, walk, builder);
  rows.forEach((row, i) => {
    const cells = zipped[i];
    if (cells) builder.addTable(zipRows(cells.filter((c) => c.lines), 1, walk, builder));
    else if (!isImpliedRow(row)) walk([row], builder);
    else {
      builder.openBlock(1);
      walk(row.children, builder);
      builder.closeBlock(1);
    }
  });
}

// The lines of the cells side by side: row k holds line k of each cell (a cell without lines stays empty).
function zipRows(cells: NonNullable<Zipped>, columns: number, walk: Walk, builder: DocumentBuilder): TableRow[] {
  const count = cells.find((c) => c.lines)!.lines!.length;
  const rows: TableRow[] = [];
  for (let k = 0; k < count; k++) {
    const out = cells.map(({ cell, lines }): TableCell => ({ blocks: cellLine(lines?.[k], walk, builder), span: cellSpan(cell, cells.length, columns) }));
    rows.push({ header: false, cells: out });
  }
  for (const { cell } of cells) release(cell);
  return rows;
}

function cellLine(line: CellLine | undefined, walk: Walk, builder: DocumentBuilder): TableCell['blocks'] {
  const doc = builder.child();
  if (!line) return doc.finish();
  for (const style of line.styles) doc.setStyle(style, 1);
  walk(line.nodes, doc);
  return doc.finish();
}

// The caption shows above the table, and what sits between rows outside any cell before it, as browsers place them.
function walkExtras(elem: Elem, walk: Walk, builder: DocumentBuilder): void {
  const extras = tableExtras(elem);
  if (!extras.length) return;
  builder.openBlock(1);
  walk(extras, builder);
  builder.closeBlock(1);
}

const claimed = new WeakSet<TableGroup>();

// Each cell is walked into a builder of its own: a small document that wrap.ts lays out in its column.
// A group of a long table's rows goes on from the rows before it: their rowspans and column count.
function dataTable(elem: Elem, kind: TableKind, walk: Walk, builder: DocumentBuilder, group?: TableGroup): void {
  walkExtras(elem, walk, builder);
  const rows: TableRow[] = [];
  const source = tableRows(elem);
  const columns = Math.max(columnCount(elem), group?.table.columns ?? 0);
  if (group) group.table.columns = columns;
  // Rows still covered by a cell above, per column (rowspan).
  const below: number[] = group?.table.below ?? [];
  // Only the table's last row can be no header row; a group before the last does not hold it.
  const count = group && !group.last ? Number.MAX_SAFE_INTEGER : source.length;
  for (const row of source) {
    // Labels and amounts as lines of two cells are a row per line, which a grid too narrow for its
    // columns still reads line by line; one row's cells already line up in their columns.
    const zipped = kind === 'data' ? zippedCells(row) : undefined;
    if (zipped) {
      for (const r of zipRows(zipped, columns, walk, builder)) rows.push(r);
      continue;
    }
    // A row of a one-row layout keeps only the cells that show something; a grid keeps its empty cells.
    const cells = kind === 'row' ? rowCells(row).filter(hasContent) : rowCells(row);
    const header = isHeaderRow(cells, rows.length, count);
    const out: TableCell[] = cells.map((cell) => {
      const text = header ? undefined : loneText(cell);
      const simple = text === undefined ? undefined : builder.textCell(text);
      if (simple) return { blocks: simple, span: cellSpan(cell, cells.length, columns) };
      const doc = builder.child();
      if (header) doc.setStyle('bold', 1);
      // The cell's own style says how its white space is kept (its content's say so through their formatters).
      const mode = cell.attribs?.style === undefined ? undefined : whiteSpace(cell.attribs.style);
      if (mode) doc.setWhiteSpace(mode);
      // Text between rows (a template loop) is a row of its own, across the table.
      walk(cell.type === 'text' ? [cell] : cell.children, doc);
      release(cell);
      return { blocks: doc.finish(), span: cellSpan(cell, cells.length, columns) };
    });
    rows.push({ header, cells: kind === 'row' ? countIcons(out) : kind === 'data' && row.type !== 'text' ? underRowspans(cells, out, below) : out });
  }
  // Icons that say nothing (no alt, no link) leave a table with nothing to show: no blank lines for it.
  if (rows.some((r) => r.cells.some((c) => c.blocks.some((b) => b.kind !== 'blank')))) builder.addTable(rows, group?.table.layout);
}

// The text of a cell that holds one text node and nothing else, without a style of its own.
function loneText(cell: Elem): string | undefined {
  if (cell.type === 'text') return String(cell.data ?? '');
  const only = cell.children?.length === 1 ? cell.children[0]! : undefined;
  return only?.type === 'text' && cell.attribs?.style === undefined ? String(only.data ?? '') : undefined;
}

// A cell with rowspan covers its columns in the rows below, as the HTML table model places cells:
// those rows' cells move right, past an empty cell for each covered column.
function underRowspans(cells: readonly Elem[], out: readonly TableCell[], below: number[]): TableCell[] {
  const covered = below.map((n) => n > 0);
  for (let k = 0; k < below.length; k++) if (below[k]! > 0) below[k]!--;
  if (!covered.some(Boolean) && !cells.some((c) => c.attribs?.rowspan !== undefined)) return out as TableCell[];
  const placed: TableCell[] = [];
  let col = 0;
  out.forEach((cell, i) => {
    for (; covered[col]; col++) placed.push({ blocks: [], span: 1 });
    placed.push(cell);
    const down = Math.min(1000, Number(cells[i]!.attribs?.rowspan) || 1) - 1;
    for (let k = col; k < col + cell.span; k++) below[k] = Math.max(below[k] ?? 0, down);
    col += cell.span;
  });
  return placed;
}

// A row of the same icon in cells of their own (a five-star rating) is one label with a count, as
// the same icons side by side in text are; icons that link to different places stay apart.
function countIcons(cells: TableCell[]): TableCell[] {
  const out: TableCell[] = [];
  let run: { readonly label: Span; count: number } | undefined;
  for (const cell of cells) {
    const label = onlyLabel(cell);
    if (label && run && label.text === run.label.text && label.link?.href === run.label.link?.href) {
      run.count++;
      const text = `${run.label.text.slice(0, -1)} ×${run.count}]`;
      out[out.length - 1] = { ...out[out.length - 1]!, blocks: [{ kind: 'text', margins: [], spans: [{ ...run.label, text }] }] };
      continue;
    }
    run = label && label.text.startsWith('[image') && !/ ×\d+\]$/.test(label.text) ? { label, count: 1 } : undefined;
    out.push(cell);
  }
  return out;
}

function onlyLabel(cell: TableCell): Span | undefined {
  const shown = cell.blocks.filter((b) => b.kind !== 'blank');
  const span = shown.length === 1 && shown[0]!.kind === 'text' && shown[0]!.spans.length === 1 ? shown[0]!.spans[0] : undefined;
  return span?.atomic ? span : undefined;
}
