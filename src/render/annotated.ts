import type { Block, Link, Margin, Span, Style, TableRow } from '../document.js';

// html-to-text produces a string; our formatters write structure into it with lone low surrogates,
// which no decoded text can contain (we make the HTML well-formed first, and entities for
// surrogates decode to U+FFFD), so a mail cannot forge them.

/** The in-band markers html.ts writes and parseAnnotated reads. */
export const mark = {
  linkOpen: '\uDC01',
  linkEnd: '\uDC02',
  linkClose: '\uDC03',
  boldOn: '\uDC04',
  boldOff: '\uDC05',
  italicOn: '\uDC06',
  italicOff: '\uDC07',
  underlineOn: '\uDC08',
  underlineOff: '\uDC09',
  quote: '\uDC10',
  pre: '\uDC11',
  item: '\uDC12',
  itemEnd: '\uDC13',
  cont: '\uDC14',
  rule: '\uDC15',
  /** `table` + index into the table list + `tableEnd`, alone on its line. */
  table: '\uDC16',
  tableEnd: '\uDC17',
} as const;

/** A data table as html.ts collected it: cell texts still annotated. */
export interface RawTable {
  readonly rows: ReadonlyArray<{ readonly header: boolean; readonly cells: ReadonlyArray<{ readonly text: string; readonly span: number }> }>;
}

const anyMarker = /[\uDC00-\uDC1F]/g;
// What String#trim removes is what \s matches: this tests for text without making a trimmed copy.
const nonBlank = /\S/;
// parseSpans jumps from marker to marker: copying the text between them one character at a time
// was a hot spot on long HTML.
const inlineAll = /[\uDC01-\uDC09]/g;

interface State {
  bold: number;
  italic: number;
  underline: number;
  link?: Link;
  linkHasText: boolean;
}

/** Turn annotated text (one line per block line) into blocks; `links[i]` is link marker i, `tables[i]` table marker i. */
export function parseAnnotated(text: string, links: readonly (Link | undefined)[], tables: readonly RawTable[] = []): Block[] {
  const state: State = { bold: 0, italic: 0, underline: 0, linkHasText: false };
  const blocks: Block[] = [];
  for (const line of text.split('\n')) blocks.push(parseLine(line, state, links, tables));
  return collapseBlanks(blocks);
}

function tableRows(table: RawTable | undefined, links: readonly (Link | undefined)[], tables: readonly RawTable[]): TableRow[] {
  return (table?.rows ?? []).map((row) => ({
    header: row.header,
    cells: row.cells.map((cell) => ({ span: cell.span, blocks: parseAnnotated(cell.text, links, tables) })),
  }));
}

function parseLine(line: string, state: State, links: readonly (Link | undefined)[], tables: readonly RawTable[]): Block {
  const margins: Margin[] = [];
  let pre = false;
  let rule = false;
  let i = 0;
  for (;;) {
    const c = line[i];
    if (c === mark.quote) margins.push({ kind: 'quote' });
    else if (c === mark.pre) pre = true;
    else if (c === mark.rule) rule = true;
    else if (c === mark.table) {
      const end = line.indexOf(mark.tableEnd, i);
      const rows = tableRows(tables[Number(line.slice(i + 1, end))], links, tables);
      return { kind: 'table', spans: [], margins, rows };
    }
    else if (c === mark.item || c === mark.cont) {
      const end = line.indexOf(mark.itemEnd, i);
      const marker = line.slice(i + 1, end < 0 ? i + 1 : end);
      margins.push(c === mark.item ? { kind: 'item', marker } : { kind: 'indent', width: marker.length });
      i = end < 0 ? i : end;
    } else break;
    i++;
  }
  const parsed = parseSpans(line.slice(i), state, links);
  // Whitespace after a marker at the start of a line is HTML source spacing, not indentation.
  const spans = pre ? parsed : trimStart(parsed);
  const visible = spans.some((s) => nonBlank.test(s.text));
  const kind = rule ? 'rule' : pre ? 'pre' : visible ? 'text' : 'blank';
  return { kind, spans: kind === 'blank' || kind === 'rule' ? [] : spans, margins };
}

function parseSpans(body: string, state: State, links: readonly (Link | undefined)[]): Span[] {
  const spans: Span[] = [];
  let text = '';
  const push = () => {
    if (text === '') return;
    spans.push(span(text.replace(anyMarker, ''), state));
    if (state.link) state.linkHasText ||= nonBlank.test(text);
    text = '';
  };
  for (let i = 0; i < body.length; i++) {
    inlineAll.lastIndex = i;
    const found = inlineAll.exec(body);
    text += body.slice(i, found ? found.index : body.length);
    if (!found) break;
    i = found.index;
    const c = body[i]!;
    push();
    if (c === mark.linkOpen) {
      const end = body.indexOf(mark.linkEnd, i);
      const link = links[Number(body.slice(i + 1, end))];
      if (link) state.link = link;
      else delete state.link;
      state.linkHasText = false;
      i = end < 0 ? i : end;
    } else if (c === mark.linkClose) {
      if (state.link && !state.linkHasText) spans.push(span(state.link.href, state));
      delete state.link;
    } else toggle(c, state);
  }
  push();
  return spans;
}

function trimStart(spans: Span[]): Span[] {
  const first = spans[0]?.text;
  if (first && !/^\s/.test(first)) return spans;
  const out = [...spans];
  while (out.length && out[0]!.text.trimStart() === '') out.shift();
  if (out[0]) out[0] = { ...out[0], text: out[0].text.trimStart() };
  return out;
}

function toggle(c: string, state: State): void {
  if (c === mark.boldOn) state.bold++;
  else if (c === mark.boldOff) state.bold = Math.max(0, state.bold - 1);
  else if (c === mark.italicOn) state.italic++;
  else if (c === mark.italicOff) state.italic = Math.max(0, state.italic - 1);
  else if (c === mark.underlineOn) state.underline++;
  else if (c === mark.underlineOff) state.underline = Math.max(0, state.underline - 1);
}

// One shared style object per combination: a long mail has hundreds of thousands of spans.
const styles: ReadonlyArray<Style | undefined> = Array.from({ length: 8 }, (_, k) =>
  k === 0 ? undefined : Object.freeze({ ...(k & 4 ? { bold: true } : {}), ...(k & 2 ? { italic: true } : {}), ...(k & 1 ? { underline: true } : {}) }),
);

function span(text: string, state: State): Span {
  const style = styles[(state.bold ? 4 : 0) + (state.italic ? 2 : 0) + (state.underline ? 1 : 0)];
  if (style) return state.link ? { text, style, link: state.link } : { text, style };
  return state.link ? { text, link: state.link } : { text };
}

// At most one blank line in a row, none at the start or the end.
function collapseBlanks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.kind === 'blank' && (!last || last.kind === 'blank')) continue;
    out.push(b);
  }
  while (out[out.length - 1]?.kind === 'blank') out.pop();
  return out;
}
