// Tables in HTML mail: most are layout (newsletter grids), a few hold data. Layout tables are
// read as blocks; data tables go to wrap.ts as rows of cells (see table.ts).
import type { TableCell, TableRow } from '../document.js';
import type { DocumentBuilder, Elem } from './builder.js';
import { release, type Walk } from './html-format.js';

/** The formatter for `<table>`: a data table as a table block, any other as plain blocks. */
export function formatTable(elem: Elem, walk: Walk, builder: DocumentBuilder): void {
  if (isDataTable(elem)) return dataTable(elem, walk, builder);
  builder.openBlock(1);
  walk(elem.children, builder);
  builder.closeBlock(1);
}

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

// Each cell is walked into a builder of its own: a small document that wrap.ts lays out in its column.
function dataTable(elem: Elem, walk: Walk, builder: DocumentBuilder): void {
  const rows: TableRow[] = [];
  for (const row of rowsOf(elem)) {
    const cells = cellsOf(row);
    const out: TableCell[] = cells.map((cell) => {
      const doc = builder.child();
      const th = cell.name === 'th';
      if (th) doc.setStyle('bold', 1);
      walk(cell.children, doc);
      release(cell);
      return { blocks: doc.finish(), span: Math.max(1, Math.min(50, Number(cell.attribs?.colspan) || 1)) };
    });
    rows.push({ header: cells.length > 0 && cells.every((c) => c.name === 'th'), cells: out });
  }
  builder.addTable(rows);
}
