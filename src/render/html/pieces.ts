// A long HTML body converted a piece at a time, so that only one piece's DOM and html-to-text's
// work on it exist at once and its blocks are handed on as they are made. A piece ends before a
// block element that sits right in `<body>` (or `<html>`, or nothing): at that point htmlparser2 has
// closed everything else, so the piece, with the start tags of `<html>` and `<body>` written again
// before the next one, parses to the same elements the whole document holds. Whether a blank line
// falls between two pieces is read from a marker block converted on each side of the cut: the
// builder keeps the larger of the line breaks either side asks for, so a blank beside either marker
// means a blank between the pieces. A table of more rows than `rows` is cut between its rows too;
// its groups of rows become table blocks that wrap.ts lays out as one table (docs/rendering.md).
import type { Block, TableRow } from '../../document/document.js';
import type { RenderContext } from '../../links/context.js';
import type { LongTable } from './builder.js';
import { scanHtml, type Cut, type HtmlScan } from './html-depth.js';

/** When a body is converted in pieces, and how large they are. */
export interface PieceLimits {
  /** Bodies longer than this (in UTF-16 units) are cut into pieces. */
  readonly body: number;
  /** A piece ends at the first place to cut after this many units. */
  readonly piece: number;
  /** A group of a long table's rows ends at the first row after this many units (piece when unset). */
  readonly group?: number;
  /** Tables of more rows than this are cut between rows. */
  readonly rows: number;
}

/** The limits mailview uses: the shared corpus holds no HTML body near them. */
// Each piece costs a conversion's own setup (html-to-text's text builders, the markers, the start
// tags again): 16 KiB pieces took ~7% less CPU on a 5 MB digest than 4 KiB ones, the peak the
// same. A long table's groups stay ~4 KiB of rows, since its columns widen group by group.
export const pieceLimits: PieceLimits = { body: 1 << 20, piece: 16 << 10, group: 4 << 10, rows: 2000 };

/** One piece to convert: the start tags it sits in, its text, and what it continues. */
export interface Piece {
  readonly open: string;
  readonly text: string;
  /** A marker block goes before the piece's own (after the start tags), and after it. */
  readonly lead: boolean;
  readonly trail: boolean;
  /** Rows of a long table: its first group, or a later one, and whether it holds the last rows. */
  readonly group?: { readonly table: LongTable; readonly first: boolean; readonly last: boolean };
}

/** What a conversion of one piece tells its caller besides the blocks. */
export interface Converted {
  readonly blocks: Block[];
  /** A reply quote took everything after it to the end of the document (reply.ts takeRest). */
  readonly restTaken: boolean;
}

/** A piece that failed to convert after the blocks before it were handed on: `rest` is the document from its start. */
export class PieceError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly rest: string,
  ) {
    super('a piece of the HTML could not be converted');
  }
}

/** Converts the text of one piece (start tags included), with markers around it as asked. */
export type ConvertPiece = (piece: Piece, marker: string) => Converted;

/** A piece, with where it starts in the document and the start tags before it (to redo the rest as one piece). */
export interface Planned {
  readonly piece: Piece;
  readonly start: number;
  readonly open: string;
  // The end of the long table the piece holds rows of.
  readonly tableEnd?: number;
}

/** The scan of `html` when it is long enough to convert in pieces and can be cut at all; undefined otherwise. */
export function scanLongHtml(html: string, limits: PieceLimits, depth: number): HtmlScan | 'deep' | undefined {
  if (html.length <= limits.body) return undefined;
  const scan = scanHtml(html, depth, limits.group ?? limits.piece);
  if (scan === undefined) return 'deep';
  return scan.blocks.length > 0 || scan.tables.some((t) => t.count > limits.rows) ? scan : undefined;
}

/**
 * The blocks of a long body, converted piece by piece as they are read. `progress.made` counts the
 * pieces converted; renderHtml converts up to `eager` of them before it returns (their remote
 * images go into the header's Tracking line).
 */
export function* renderPieces(html: string, plan: readonly Planned[], ctx: RenderContext, marker: string, convert: ConvertPiece, progress: { made: number }): Generator<Block> {
  let pending: Block | undefined;
  let shown = false;
  for (let i = 0; i < plan.length; i++) {
    const planned = plan[i]!;
    const saved = save(ctx);
    let piece = planned.piece;
    const converted = (): Converted => {
      try {
        return convert(piece, marker);
      } catch (err) {
        throw new PieceError(err, html.slice(planned.start));
      }
    };
    let out = converted();
    let end = out.restTaken ? html.length : undefined;
    // A long table whose first rows make no data table is read as the whole would be: in one piece.
    if (end === undefined && piece.group?.first && piece.group.table.kind !== 'data') end = planned.tableEnd!;
    if (end !== undefined) {
      restore(ctx, saved);
      piece = plainPiece(html, planned.open, planned.start, end, piece.lead, end < html.length);
      out = converted();
      while (i + 1 < plan.length && plan[i + 1]!.start < end) i++;
    }
    progress.made = i + 1;
    const { blocks, before, after } = unmark(out.blocks, marker, piece);
    // One blank line between what was shown and what comes next when a cut on either side asks for it.
    pending ??= before;
    if (blocks.length === 0) {
      pending ??= after;
      continue;
    }
    if (pending && shown) yield pending;
    for (const block of blocks) yield block;
    shown = true;
    pending = after;
  }
  progress.made = plan.length;
}

function save(ctx: RenderContext): readonly number[] {
  return [ctx.counter.next, ctx.problems.length, ctx.remoteImages.length];
}

function restore(ctx: RenderContext, [next, problems, images]: readonly number[]): void {
  ctx.counter.next = next!;
  ctx.problems.length = problems!;
  ctx.remoteImages.length = images!;
}

/** How many pieces must be converted before anything is shown: up to the last that may load an image. */
export function eagerPieces(plan: readonly Planned[], scan: HtmlScan): number {
  return plan.filter((p) => p.start <= scan.lastImage).length;
}

// A piece's own blocks without the markers, and the blank line beside each marker, if any.
function unmark(blocks: readonly Block[], marker: string, piece: Piece): { blocks: Block[]; before?: Block; after?: Block } {
  const isMarker = (b: Block | undefined): boolean => b?.kind === 'text' && b.spans.length === 1 && b.spans[0]!.text === marker;
  let from = 0;
  let to = blocks.length;
  let before: Block | undefined;
  let after: Block | undefined;
  if (piece.lead) {
    if (!isMarker(blocks[0])) throw new Error('a piece lost its marker');
    from = 1;
    if (blocks[from]?.kind === 'blank') before = blocks[from++];
  }
  if (piece.trail) {
    if (!isMarker(blocks[to - 1]) || to - 1 < from) throw new Error('a piece lost its marker');
    to--;
    if (to > from && blocks[to - 1]!.kind === 'blank') after = blocks[--to];
  }
  while (from < to && blocks[from]!.kind === 'blank') before ??= blocks[from++];
  while (to > from && blocks[to - 1]!.kind === 'blank') after ??= blocks[--to];
  return { blocks: blocks.slice(from, to), ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

function plainPiece(html: string, open: string, start: number, end: number, lead: boolean, trail: boolean): Piece {
  return { open, text: html.slice(start, end), lead, trail };
}

const rule = /^<hr[\s/>]/i;
// How far after a rule the reply check reads, at most, in the source: its 600 characters of text
// with the markup around them.
const ruleReach = 4096;

/**
 * Pieces of at least limits.piece units, cut before top-level blocks; a long table on pieces of its
 * own, cut before rows, each group after the first with the table's (and section's) start tags.
 */
export function planPieces(html: string, scan: HtmlScan, limits: PieceLimits): Planned[] {
  const plan: Planned[] = [];
  // A long table is a place to cut too (a short one may show nothing, and so break no line).
  const long = scan.tables.filter((t) => t.count > limits.rows);
  const cuts = [...scan.blocks, ...long.map((t) => t.cut)].sort((a, b) => a.at - b.at);
  const rowsAt = new Map(long.map((t) => [t.cut.at, t.rows]));
  let start = 0;
  let open = '';
  // No cut soon after a rule: whether a rule begins a quoted reply depends on the header lines
  // after it (reply.ts), which a piece cut there would not see.
  let heldTo = 0;
  const end = (at: number, next: Cut | undefined): void => {
    if (at > start) plan.push({ piece: plainPiece(html, open, start, at, start > 0, true), start, open });
    if (next) ({ at: start, open } = next);
  };
  for (let k = 0; k < cuts.length; k++) {
    const cut = cuts[k]!;
    if (cut.at < start) continue;
    const rows = rowsAt.get(cut.at);
    if (!rows) {
      if (cut.at - start >= limits.piece && cut.at >= heldTo) end(cut.at, cut);
      if (rule.test(html.slice(cut.at, cut.at + 4))) heldTo = cut.at + ruleReach;
      continue;
    }
    end(cut.at, cut);
    const after = cuts[k + 1];
    const tableEnd = after?.at ?? html.length;
    const table: LongTable = { below: [], layout: {} };
    // The scan kept a row every limits.group units: each begins a group.
    const groups: Cut[] = [cut, ...rows];
    groups.forEach((g, n) => {
      const to = groups[n + 1]?.at ?? tableEnd;
      const last = n === groups.length - 1;
      const piece: Piece = { open: g.open, text: html.slice(g.at, to), lead: n === 0 && g.at > 0, trail: last && to < html.length, group: { table, first: n === 0, last } };
      plan.push({ piece, start: g.at, open: g.open, tableEnd });
    });
    start = tableEnd;
    open = after?.open ?? '';
  }
  if (start < html.length) plan.push({ piece: plainPiece(html, open, start, html.length, start > 0, false), start, open });
  return plan;
}
