// Tables in HTML mail: most are layout (newsletter grids), a few hold data. Layout tables are
// read as blocks; data tables go to wrap.ts as rows of cells (see table.ts).
import { mark, type RawTable } from './annotated.js';
// Types only: html.ts stays the one module that imports html-to-text.
import type { Builder, Elem, Formatter } from './html.js';

const tablesOf = (builder: Builder): RawTable[] => (builder as unknown as { metadata: { tables: RawTable[] } }).metadata.tables;

/** The formatter for `<table>`: a data table as a table block, any other as plain blocks. */
export const formatTable: Formatter = (elem, walk, builder) => {
  if (isDataTable(elem)) return dataTable(elem, walk, builder);
  builder.openBlock({ leadingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

const tags = (elem: Elem): Elem[] => (elem.children ?? []).filter((c: Elem) => c.type === 'tag');

function rowsOf(table: Elem): Elem[] {
  return tags(table).flatMap((c) => (c.name === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.name ?? '') ? tags(c).filter((r) => r.name === 'tr') : []));
}

const cellsOf = (row: Elem): Elem[] => tags(row).filter((c) => c.name === 'td' || c.name === 'th');

// Elements that mark a cell as a layout box rather than a datum.
const boxy = new Set(['table', 'img', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);

/** `<th>` cells, or several short plain cells in several rows; never role=presentation or nested grids. */
export function isDataTable(table: Elem): boolean {
  const a = table.attribs ?? {};
  if (/^(presentation|none)$/i.test(a.role ?? '')) return false;
  // Text between rows (template loops, broken markup) would be lost in a grid: read it as blocks.
  if (strayText(table)) return false;
  const rows = rowsOf(table).map(cellsOf);
  if (Math.max(0, ...rows.map((r) => r.length)) < 2 || hasDescendant(table, (n) => n.name === 'table')) return false;
  if (rows.some((r) => r.some((c) => c.name === 'th'))) return true;
  if (rows.filter((r) => r.length >= 2).length < 2 || a.width === '100%') return false;
  return rows.every((r) => r.every((c) => textOf(c).length <= 60 && !hasDescendant(c, (n) => boxy.has(n.name ?? ''))));
}

function strayText(elem: Elem): boolean {
  return (elem.children ?? []).some(
    (c: Elem) => (c.type === 'text' && String(c.data ?? '').trim() !== '') || (['thead', 'tbody', 'tfoot', 'tr'].includes(c.name ?? '') && strayText(c)),
  );
}

function hasDescendant(elem: Elem, test: (e: Elem) => boolean): boolean {
  return tags(elem).some((c) => test(c) || hasDescendant(c, test));
}

function textOf(elem: Elem): string {
  if (elem.type === 'text') return String(elem.data ?? '').trim();
  return (elem.children ?? []).map(textOf).join(' ').trim();
}

function dataTable(elem: Elem, walk: Parameters<Formatter>[1], builder: Builder): void {
  const headers: boolean[] = [];
  builder.openTable();
  for (const row of rowsOf(elem)) {
    const cells = cellsOf(row);
    headers.push(cells.length > 0 && cells.every((c) => c.name === 'th'));
    builder.openTableRow();
    for (const cell of cells) {
      builder.openTableCell();
      const th = cell.name === 'th';
      if (th) builder.addLiteral(mark.boldOn);
      walk(cell.children, builder);
      if (th) builder.addLiteral(mark.boldOff);
      builder.closeTableCell({ colspan: Math.max(1, Math.min(50, Number(cell.attribs?.colspan) || 1)) });
    }
    builder.closeTableRow();
  }
  builder.closeTable({
    leadingLineBreaks: 2,
    trailingLineBreaks: 2,
    tableToString: (rows) => {
      const tables = tablesOf(builder);
      tables.push({ rows: rows.map((cells, i) => ({ header: headers[i] ?? false, cells: cells.map((c) => ({ text: c.text, span: c.colspan })) })) });
      return `${mark.table}${tables.length - 1}${mark.tableEnd}`;
    },
  });
}
