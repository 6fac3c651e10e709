// Tables in HTML mail: most are layout (newsletter grids), some hold data (receipts). Layout tables
// are read as blocks; data tables and one-row tables go to wrap.ts as rows of cells (see table.ts).
import type { TableCell, TableRow } from '../../document/document.js';
import { release, type DocumentBuilder, type Elem, type Walk } from './builder.js';
import { cellSpan, columnCount, hasContent, isHeaderRow, rowCells, tableExtras, tableKind, tableRows, type TableKind } from './table-kind.js';

/** The formatter for `<table>`: rows of cells as a table block (see table-kind.ts), any other as plain blocks. */
export function formatTable(elem: Elem, walk: Walk, builder: DocumentBuilder): void {
  // A spacer table (Foundation's `table.spacer`, an `&nbsp;` cell) shows nothing: no blank lines either.
  if (!hasContent(elem)) return;
  const kind = tableKind(elem);
  if (kind !== 'layout') return dataTable(elem, kind, walk, builder);
  builder.openBlock(1);
  walk(elem.children, builder);
  builder.closeBlock(1);
}

// Each cell is walked into a builder of its own: a small document that wrap.ts lays out in its column.
function dataTable(elem: Elem, kind: TableKind, walk: Walk, builder: DocumentBuilder): void {
  // The caption shows above the table, and what sits between rows outside any cell before it, as browsers place them.
  const extras = tableExtras(elem);
  if (extras.length) {
    builder.openBlock(1);
    walk(extras, builder);
    builder.closeBlock(1);
  }
  const rows: TableRow[] = [];
  const source = tableRows(elem);
  const columns = columnCount(elem);
  for (const row of source) {
    // A row of a one-row layout keeps only the cells that show something; a grid keeps its empty cells.
    const cells = kind === 'row' ? rowCells(row).filter(hasContent) : rowCells(row);
    const header = isHeaderRow(cells, rows.length, source.length);
    const out: TableCell[] = cells.map((cell) => {
      const doc = builder.child();
      if (header) doc.setStyle('bold', 1);
      // Text between rows (a template loop) is a row of its own, across the table.
      walk(cell.type === 'text' ? [cell] : cell.children, doc);
      release(cell);
      return { blocks: doc.finish(), span: cellSpan(cell, cells.length, columns) };
    });
    rows.push({ header, cells: out });
  }
  // Icons that say nothing (no alt, no link) leave a table with nothing to show: no blank lines for it.
  if (rows.some((r) => r.cells.some((c) => c.blocks.some((b) => b.kind !== 'blank')))) builder.addTable(rows);
}
