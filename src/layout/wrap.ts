import type { Block, Document, Line, Margin, Span, Style } from '../document/document.js';
import { blockWithoutMarks } from './marks.js';
import { alignedColumns, layoutTable } from './table.js';
import { marginSpans } from './margins.js';
import { closing, fillText, isUrlText, oneLine, opening, units } from './fill.js';
import { displayWidth, graphemes, spansWidth } from './width.js';

// A piece of a span that wrapping never splits (unless it is wider than the line on its own).
interface Piece {
  readonly text: string;
  readonly width: number;
  readonly span: Span;
  readonly wide?: boolean;
  /** Where text starts in span.text, when it is a slice of it (merge then slices instead of joining). */
  readonly at?: number;
}

// A word: pieces glued together, with the spacing before it. A line may break before any word,
// so CJK ideographs are words of their own.
interface Word {
  readonly pieces: Piece[];
  width: number;
  readonly space: Piece[];
  /** A label kept whole (Span.atomic): its own words, for when it is wider than the line. */
  readonly parts?: Word[];
}

const quoteStyle: Style = { dim: true };

/** Lay out a document at a width: every line at most `width` display columns. */
export function wrapDocument(doc: Document, width: number): Line[] {
  const lines: Line[] = [];
  // Not push(...): one long paragraph can wrap into more lines than the stack holds arguments.
  for (const block of doc.blocks) for (const line of wrapBlock(block, width)) lines.push(line);
  return lines;
}

const layouts: Record<Block['kind'], (block: Block, width: number, first: Span[], rest: Span[]) => Line[]> = {
  // The word-by-word fill below is the general case; fill.ts does the common one without a Word per word.
  text: (b, w, first, rest) => fillText(b.spans, w, first, rest) ?? fillWords(b.spans, w, first, rest),
  table: (b, w, first, rest) =>
    b.otherwise
      ? (alignedColumns(b.rows ?? [], w, first, rest, wrapDocument) ?? wrapDocument({ blocks: b.otherwise }, w))
      : (layoutTable(b.rows ?? [], w, first, rest, wrapDocument, b.longTable) ?? linearise(b, w)),
  pre: (b, w, first, rest) => fold(b.spans, w, first, rest),
  blank: (_b, _w, first) => [{ spans: trimEnd(first) }],
  rule: (_b, w, first) => [{ spans: [...first, { text: ruleOf(Math.max(1, w - spansWidth(first))), style: quoteStyle }] }],
};

// The rule before each message of an mbox is one of a few lengths: the last one made is kept.
let lastRule = '';

function ruleOf(n: number): string {
  if (lastRule.length !== n) lastRule = '─'.repeat(n);
  return lastRule;
}

// A table too wide for its columns is read cell after cell, as a layout table is; a list marker
// in the table's margins shows before the first cell only.
function linearise(table: Block, width: number): Line[] {
  const cells = (table.rows ?? []).flatMap((r) => r.cells.flatMap((c) => c.blocks));
  const later = table.margins.map((m): Margin => (m.kind === 'item' ? { kind: 'indent', width: displayWidth(m.marker) } : m));
  return wrapDocument({ blocks: cells.map((b, i) => ({ ...b, margins: [...(i === 0 ? table.margins : later), ...b.margins] })) }, width);
}

/** Lay out one block of a document at a width (wrapDocument, a block at a time). */
export function wrapBlock(block: Block, width: number): Line[] {
  const { first, rest } = marginSpans(block.margins, width);
  // Printable ASCII holds no marks to drop: a one-line block of it is laid out at once.
  if (block.kind === 'text') {
    const line = oneLine(block.spans, width, first);
    if (line) return line;
  }
  const clean = blockWithoutMarks(block);
  return layouts[clean.kind](clean, width, first, rest);
}

/** The word-by-word layout of a text block: the general case, which fillText (fill.ts) matches line for line where it answers. */
export function fillWords(spans: readonly Span[], width: number, first: Span[], rest: Span[]): Line[] {
  return fill(words(spans), width, first, rest);
}

function trimEnd(spans: Span[]): Span[] {
  // Asked first: index -1 of the frozen empty prefix most blank lines have is a slow named lookup.
  if (spans.length === 0) return spans;
  const last = spans[spans.length - 1];
  if (!last) return spans;
  const text = last.text.trimEnd();
  return [...spans.slice(0, -1), ...(text ? [{ ...last, text }] : [])];
}

// Split spans into words at spaces and between wide (CJK) characters.
function words(spans: readonly Span[]): Word[] {
  const out: Word[] = [];
  let current: Word | undefined;
  let space: Piece[] = [];
  const startWord = (): Word => {
    current = { pieces: [], width: 0, space };
    space = [];
    out.push(current);
    return current;
  };
  for (const span of spans) {
    if (span.atomic && span.text !== '') {
      const parts = words([{ ...span, atomic: false }]);
      const pieces = parts.flatMap((w, i) => (i ? [...w.space, ...w.pieces] : w.pieces));
      const width = pieces.reduce((n, p) => n + p.width, 0);
      // A label is a word of its own, even written right against a word or another label: a line
      // may break on either side of it, as beside an image.
      out.push({ pieces, width, space, parts });
      space = [];
      current = undefined;
      continue;
    }
    let at = 0;
    for (const chunk of span.text.split(/( +)/)) {
      if (chunk === '') continue;
      if (chunk[0] === ' ') {
        space.push({ text: chunk, width: chunk.length, span, at });
        at += chunk.length;
        current = undefined;
        continue;
      }
      for (const unit of isUrlText(span, chunk) ? [{ text: chunk, width: displayWidth(chunk), wide: false }] : units(chunk)) {
        const last = current?.pieces.at(-1);
        const glued = last !== undefined && (closing.test(unit.text) || opening.test(last.text.slice(-1)));
        const word = !glued && (unit.wide || !current || last?.wide) ? startWord() : current!;
        word.pieces.push({ text: unit.text, width: unit.width, span, wide: unit.wide, at });
        word.width += unit.width;
        at += unit.text.length;
      }
    }
  }
  return out;
}

// Greedy fill: the classic first-fit line breaker, over display widths.
function fill(list: Word[], width: number, first: Span[], rest: Span[]): Line[] {
  const lines: Line[] = [];
  let prefix = first;
  let avail = Math.max(1, width - spansWidth(prefix));
  let pieces: Piece[] = [];
  let used = 0;
  const flush = () => {
    lines.push({ spans: [...prefix, ...merge(pieces)] });
    prefix = rest;
    avail = Math.max(1, width - spansWidth(prefix));
    pieces = [];
    used = 0;
  };
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    // Spaces count between words, and at the very start of a block (plain-text indentation).
    const keepSpace = pieces.length > 0 || lines.length === 0;
    const spaceWidth = keepSpace ? word.space.reduce((n, p) => n + p.width, 0) : 0;
    if (used + spaceWidth + word.width <= avail) {
      if (keepSpace) pieces.push(...word.space);
      pieces.push(...word.pieces);
      used += spaceWidth + word.width;
      continue;
    }
    // A label wider than any line breaks at its own spaces, filling the line it starts on.
    if (word.parts && word.width > Math.max(1, width - spansWidth(rest))) {
      list.splice(i + 1, 0, { ...word.parts[0]!, space: word.space }, ...word.parts.slice(1));
      continue;
    }
    if (pieces.length) flush();
    if (word.width <= avail) {
      pieces.push(...word.pieces);
      used = word.width;
      continue;
    }
    for (const chunk of split(word.pieces, () => avail)) {
      if (pieces.length) flush();
      pieces.push(...chunk);
      used = chunk.reduce((n, p) => n + p.width, 0);
    }
  }
  if (pieces.length || lines.length === 0) flush();
  return lines;
}

// Cut pieces into chunks no wider than limit(), by grapheme: a long URL keeps its link on every piece.
function split(pieces: readonly Piece[], limit: () => number): Piece[][] {
  const chunks: Piece[][] = [[]];
  let used = 0;
  for (const piece of pieces) {
    for (const g of graphemes(piece.text)) {
      if (used + g.width > limit() && used > 0) {
        chunks.push([]);
        used = 0;
      }
      chunks[chunks.length - 1]!.push({ text: g.text, width: g.width, span: piece.span });
      used += g.width;
    }
  }
  return chunks.filter((c) => c.length > 0);
}

// Pre blocks keep every space; a line wider than the width folds as a terminal would.
function fold(spans: readonly Span[], width: number, first: Span[], rest: Span[]): Line[] {
  const pieces: Piece[] = spans.map((span) => ({ text: span.text, width: displayWidth(span.text), span }));
  const limit = Math.max(1, width - spansWidth(first));
  // A line that fits is not cut into graphemes first (tables measure every cell at a huge width).
  if (pieces.length && pieces.reduce((n, p) => n + p.width, 0) <= limit) return [{ spans: [...first, ...merge(pieces)] }];
  const chunks = atSpaces(split(pieces, () => limit), limit);
  if (chunks.length === 0) return [{ spans: trimEnd(first) }];
  return chunks.map((chunk, i) => ({ spans: [...(i === 0 ? first : rest), ...merge(chunk)] }));
}

// A pre line folded inside a word moves that word to the next piece when a space in the second
// half of the piece allows it, so long lines in <pre> mails read as prose would.
function atSpaces(chunks: Piece[][], limit: number): Piece[][] {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    // Words moved here from the piece before may push it over the limit: the excess moves on.
    let used = 0;
    const cut = chunk.findIndex((p) => (used += p.width) > limit);
    // A grapheme wider than the limit on its own (👩‍👩‍👧‍👦 in a narrow cell) stays, alone: what follows it moves on.
    const at = cut === 0 ? 1 : cut;
    if (cut >= 0 && at < chunk.length) chunks[i + 1] = [...chunk.splice(at), ...(chunks[i + 1] ?? [])];
    const next = chunks[i + 1];
    if (!next || chunk.at(-1)!.text === ' ' || next[0]!.text === ' ') continue;
    const space = chunk.findLastIndex((p) => p.text === ' ');
    if (space >= chunk.length / 2 || (space > 0 && fitsWhole(chunk, space, next, limit, i + 2 < chunks.length))) chunks[i + 1] = [...chunk.splice(space + 1), ...next];
  }
  return chunks.filter((c) => c.length > 0);
}

// A long path or URL cut by the fold moves whole to the next line when it fits there
// (`…/response_parse⏎r.py` reads as a typo), unless only indentation would stay behind.
function fitsWhole(chunk: readonly Piece[], space: number, next: readonly Piece[], limit: number, more: boolean): boolean {
  if (!chunk.slice(0, space).some((p) => p.text !== ' ')) return false;
  const end = next.findIndex((p) => p.text === ' ');
  // A word that runs on past the next piece cannot fit the next line.
  if (end < 0 && more) return false;
  const word = [...chunk.slice(space + 1), ...next.slice(0, end < 0 ? next.length : end)];
  return word.reduce((n, p) => n + p.width, 0) <= limit;
}

// Adjacent pieces of the same span become one span again: one slice of its text when they lie
// side by side in it (no joined string to copy again later), else joined once.
function merge(pieces: readonly Piece[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < pieces.length; ) {
    const start = i;
    const span = pieces[i]!.span;
    let adjacent = pieces[i]!.at !== undefined;
    for (i++; i < pieces.length && pieces[i]!.span === span; i++) {
      const before = pieces[i - 1]!;
      adjacent &&= pieces[i]!.at === before.at! + before.text.length;
    }
    const last = pieces[i - 1]!;
    const text = adjacent ? span.text.slice(pieces[start]!.at, last.at! + last.text.length) : joined(pieces, start, i);
    out.push({ ...span, text });
  }
  return out;
}

function joined(pieces: readonly Piece[], from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += pieces[i]!.text;
  return text;
}
