// The text-block layout as wrap.ts had it before src/fill.ts: a Piece per word piece, a Word per
// word, greedy fill over them. Kept here, unchanged, as the reference that test/fill.test.ts
// compares the fast layout with.
import type { Line, Span } from '../../src/document.js';
import { displayWidth, graphemes, spansWidth } from '../../src/width.js';

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
}

/** Lay out a text block the old way: words() then fill(). */
export function referenceFill(spans: readonly Span[], width: number, first: Span[], rest: Span[]): Line[] {
  return fill(words(spans), width, first, rest);
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

// Kinsoku (JIS X 4051): no line starts with closing punctuation or a small kana
// (、。，．・：；？！ー」』）】〉》〕］｝ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻), none ends with an
// opening bracket (「『（【〈《〔［｛). Escaped: esbuild copies regex literals as written, and one
// character above U+00FF makes V8 hold the whole 1.4 MB bundle as a two-byte string (2.8 MB).
const closing = /^[\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff1f\uff01\u30fc\u300d\u300f\uff09\u3011\u3009\u300b\u3015\uff3d\uff5d\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6\u3005\u303b]/;
const opening = /[\u300c\u300e\uff08\u3010\u3008\u300a\u3014\uff3b\uff5b]/;

// A URL shown as text (plain-text mails, footnotes) is one word even with wide characters in it:
// it breaks only when it is wider than the line on its own.
function isUrlText(span: Span, chunk: string): boolean {
  return span.link !== undefined && /^[a-z][a-z0-9+.-]*:|^www\./i.test(chunk);
}

// Runs of narrow characters stay together; each wide character stands alone, so CJK text breaks
// between ideographs but never inside a grapheme.
function units(chunk: string): Array<{ text: string; width: number; wide: boolean }> {
  const width = displayWidth(chunk);
  if (width === chunk.length) return [{ text: chunk, width, wide: false }];
  const out: Array<{ text: string; width: number; wide: boolean }> = [];
  for (const g of graphemes(chunk)) {
    const last = out[out.length - 1];
    const wide = g.width >= 2;
    if (!wide && last && !last.wide) {
      last.text += g.text;
      last.width += g.width;
    } else out.push({ text: g.text, width: g.width, wide });
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
  for (const word of list) {
    // Spaces count between words, and at the very start of a block (plain-text indentation).
    const keepSpace = pieces.length > 0 || lines.length === 0;
    const spaceWidth = keepSpace ? word.space.reduce((n, p) => n + p.width, 0) : 0;
    if (used + spaceWidth + word.width <= avail) {
      if (keepSpace) pieces.push(...word.space);
      pieces.push(...word.pieces);
      used += spaceWidth + word.width;
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
