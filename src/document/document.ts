/** Inline style of a span; emit.ts turns it into SGR when colour is on. */
export interface Style {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly dim?: boolean;
  /** A warning, e.g. the real host after deceptive link text. */
  readonly warn?: boolean;
  /** Quote depth (1 = outermost) of a quote mark; emit.ts gives each level its own colour. */
  readonly quote?: number;
}

/** A hyperlink target: `href` is already normalised by links.ts (bytes 0x21-0x7E only). */
export interface Link {
  readonly href: string;
  /** OSC 8 id: the same on every line the link covers, unique per run. */
  readonly id: string;
  /** False when the link policy refuses to make it clickable (javascript:, data:, too long …). */
  readonly followed: boolean;
  /** Not clickable only because it is too long for terminals: its URL is still shown and listed. */
  readonly long?: boolean;
  /** Made by mailview, not the sender (an image linked to its own src): its text claims nothing. */
  readonly byMailview?: boolean;
  /** mailview's own page on this machine (the `View in browser` link), not the mail's: never a footnote. */
  readonly local?: boolean;
}

/** A run of text with one style and at most one link. Text is plain: no escapes, no newlines. */
export interface Span {
  readonly text: string;
  readonly style?: Style;
  readonly link?: Link;
  /** Text mailview wrote as one piece (an image label): wrapping breaks it only when it is wider than the line. */
  readonly atomic?: boolean;
}

/** One piece of a block's left margin, outermost first. */
export type Margin =
  | { readonly kind: 'quote' }
  /** A nested message (message/rfc822): a bar on every line sets it off from its container. */
  | { readonly kind: 'bar' }
  | { readonly kind: 'item'; readonly marker: string; readonly style?: Style }
  | { readonly kind: 'indent'; readonly width: number };

/** How a block's text is laid out by wrap.ts. */
export type BlockKind =
  /** Wrapped to the width, margins repeated on every line. */
  | 'text'
  /** Kept as is, one line, never wrapped (pre, code, tables already laid out). */
  | 'pre'
  /** An empty line (keeps quote margins). */
  | 'blank'
  /** A horizontal rule across the width. */
  | 'rule'
  /** A data table: `cells` laid out by wrap.ts as aligned columns that fit the width. */
  | 'table';

/** A paragraph-level piece of the document. */
export interface Block {
  readonly kind: BlockKind;
  readonly spans: readonly Span[];
  readonly margins: readonly Margin[];
  /** Rows of cells for a 'table' block; each cell is a small document of its own. */
  readonly rows?: readonly TableRow[];
  /**
   * A 'table' block of one-line cells to be shown as columns two spaces apart only when every
   * cell fits unwrapped; at a narrower width these blocks are laid out instead.
   */
  readonly otherwise?: readonly Block[];
  /**
   * Set on the 'table' blocks of one table too long to hold at once, one block per group of rows:
   * they follow one another, and wrap.ts lays them out as one table's columns (see table.ts).
   */
  readonly longTable?: object;
  /**
   * Set on a 'blank' block that is never shown: the blocks after it are still being made (the next
   * message of an mbox is parsed), and whoever reads the blocks waits for this before asking on.
   */
  readonly wait?: Promise<void>;
  /**
   * Set on a 'blank' block that is never shown: the end of one message among several in a stream.
   * Footnotes are numbered per message and listed here, so that none are held across messages.
   */
  readonly messageEnd?: true;
}

/** One row of a data table. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  /** A header row (all `<th>` with rows after it): drawn underlined. */
  readonly header: boolean;
}

/** One cell of a data table. */
export interface TableCell {
  readonly blocks: readonly Block[];
  /** Columns this cell spans (HTML colspan), at least 1. */
  readonly span: number;
}

/** A link in the order it was first met, for footnotes and --list-links. */
export interface LinkRef {
  readonly href: string;
  readonly text: string;
  /** False for links the policy refuses to make clickable (javascript:, data:, too long …). */
  readonly followed: boolean;
  /** Too long for terminals, but of an allowed scheme (Link.long). */
  readonly long?: boolean;
  /** Made by mailview, not taken from the mail (the browser view's link): never a footnote. */
  readonly own?: boolean;
}

/** The renderer's output, the wrapper's input. */
export interface Document {
  readonly blocks: readonly Block[];
}

/** A finished output line: spans whose display widths add up to at most the width. */
export interface Line {
  readonly spans: readonly Span[];
}

/** A block made of one plain span, or empty. */
export function textBlock(text: string, style?: Style, margins: readonly Margin[] = []): Block {
  const spans = text === '' ? [] : [style ? { text, style } : { text }];
  return { kind: 'text', spans, margins };
}

/** An empty line. */
export const blankBlock: Block = { kind: 'blank', spans: [], margins: [] };

// Anything but a space separator (\p{Zs}: U+0020, U+00A0, U+2000-U+200A …) or a tab; control
// characters are shown. Written out: \p{Zs} costs every run ~1.4 M instructions to compile, and
// test/document/blanks.test.ts checks these against it.
const visibleChar = /[^\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;

/**
 * Never two blank lines in a row: text of nothing but spaces (an `&nbsp;` spacer cell,
 * U+00A0 included) becomes a blank line, and a blank line after a blank line goes, in table cells too.
 */
export function collapseBlanks(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const empty = block.kind === 'blank' || (block.kind === 'text' && !block.spans.some((s) => visibleChar.test(s.text)));
    if (empty && (out.length === 0 || out[out.length - 1]!.kind === 'blank')) continue;
    if (empty) out.push(block.kind === 'blank' ? block : { ...block, kind: 'blank', spans: [] });
    else out.push(block.rows ? collapsedTable(block, block.rows) : block);
  }
  while (out[out.length - 1]?.kind === 'blank') out.pop();
  return out;
}

// A table's cells collapsed, its rows and cells kept as they are where nothing changed (a long table has many).
function collapsedTable(block: Block, rows: readonly TableRow[]): Block {
  let changed = false;
  const out = rows.map((row) => {
    let cellChanged = false;
    const cells = row.cells.map((cell) => {
      const blocks = collapseBlanks(cell.blocks);
      if (blocks.length === cell.blocks.length && blocks.every((b, i) => b === cell.blocks[i])) return cell;
      cellChanged = true;
      return { ...cell, blocks };
    });
    if (!cellChanged) return row;
    changed = true;
    return { ...row, cells };
  });
  return changed ? { ...block, rows: out } : block;
}

/** Every span list of the blocks in reading order, the blocks of table cells included. */
export function* spanLists(blocks: readonly Block[]): Generator<readonly Span[]> {
  for (const block of blocks) {
    yield block.spans;
    // A table's lists gathered into one array: a generator per cell cost a long table dearly.
    if (block.rows) yield* cellSpanLists(block.rows, []);
  }
}

function cellSpanLists(rows: readonly TableRow[], out: Array<readonly Span[]>): Array<readonly Span[]> {
  for (const row of rows) {
    for (const cell of row.cells) {
      for (const block of cell.blocks) {
        out.push(block.spans);
        if (block.rows) cellSpanLists(block.rows, out);
      }
    }
  }
  return out;
}

/** The blocks with `fn` applied to every span list, the blocks of table cells included. */
export function mapSpanLists(blocks: readonly Block[], fn: (spans: readonly Span[]) => readonly Span[]): Block[] {
  return blocks.map((block) => {
    const spans = fn(block.spans);
    if (!block.rows) return spans === block.spans ? block : { ...block, spans };
    const rows = block.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: mapSpanLists(cell.blocks, fn) })) }));
    return { ...block, spans, rows };
  });
}

/** Consecutive spans grouped by link: each group is one link's run, or one span without a link. */
export function linkRuns(spans: readonly Span[]): Array<readonly Span[]> {
  const runs: Span[][] = [];
  for (let i = 0; i < spans.length; i++) {
    if (continuesRun(spans, i)) runs[runs.length - 1]!.push(spans[i]!);
    else runs.push([spans[i]!]);
  }
  return runs;
}

/** Whether spans[i] belongs to the run of the span before it: both carry a link of one id. */
export function continuesRun(spans: readonly Span[], i: number): boolean {
  const link = spans[i]!.link;
  return link !== undefined && i > 0 && spans[i - 1]!.link?.id === link.id;
}
