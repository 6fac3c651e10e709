// Text blocks filled without an object per word: words are index ranges in the block's spans, read
// in one pass and placed as they end, so a long digest makes little garbage (docs/performance.md).
import type { Line, Span } from '../document/document.js';
import { displayWidth, graphemes, spansWidth } from './width.js';

// Kinsoku (JIS X 4051): no line starts with closing punctuation or a small kana
// (、。，．・：；？！ー」』）】〉》〕］｝ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻), none ends with an
// opening bracket (「『（【〈《〔［｛). Escaped: esbuild copies regex literals as written, and one
// character above U+00FF makes V8 hold the whole 1.4 MB bundle as a two-byte string (2.8 MB).
/** Matches text that starts with a character no line may start with. */
export const closing = /^[\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff1f\uff01\u30fc\u300d\u300f\uff09\u3011\u3009\u300b\u3015\uff3d\uff5d\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6\u3005\u303b]/;
/** Matches a character no line may end with. */
export const opening = /[\u300c\u300e\uff08\u3010\u3008\u300a\u3014\uff3b\uff5b]/;

// A URL shown as text (plain-text mails, footnotes) is one word even with wide characters in it:
// it breaks only when it is wider than the line on its own.
/** Whether a chunk of a span (no spaces in it) is a URL shown as text. */
export function isUrlText(span: Span, chunk: string): boolean {
  return span.link !== undefined && /^[a-z][a-z0-9+.-]*:|^www\./i.test(chunk);
}

// Runs of narrow characters stay together; each wide character stands alone, so CJK text breaks
// between ideographs but never inside a grapheme.
/** A chunk (no spaces in it) cut into runs of narrow graphemes and single wide ones (neutralised). */
export function units(chunk: string, width = displayWidth(chunk)): Array<{ text: string; width: number; wide: boolean }> {
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

// A unit as the filler reads it: its length in the raw text (neutralised text is as long), its
// width, and whether it glues to the unit before (closes) or after (opens) it.
interface Cut {
  readonly length: number;
  readonly width: number;
  readonly wide: boolean;
  readonly closes: boolean;
  readonly opens: boolean;
}

type Measured = { readonly width: number; readonly cuts: readonly Cut[] };

// Mail repeats its words: each short chunk outside printable ASCII is measured and cut once. Up to
// 12 characters only: V8 copies a slice that short, so no key keeps a whole decoded body alive.
const measured = new Map<string, Measured>();

function measure(chunk: string): Measured {
  let known = measured.get(chunk);
  if (known === undefined) {
    const width = displayWidth(chunk);
    const cuts = units(chunk, width).map((u) => ({ length: u.text.length, width: u.width, wide: u.wide, closes: closing.test(u.text), opens: opening.test(u.text.slice(-1)) }));
    known = { width, cuts };
    if (chunk.length <= 12 && measured.size < 10_000) measured.set(chunk, known);
  }
  return known;
}

// Most blocks of a long log or a small message are one short line of plain ASCII: every word of it
// fits, so the fill would only append each span whole, at the cost of a Filler and a pass over every
// character. Such a block is recognised with one native test per span.
/**
 * The one line fillText gives a block of printable ASCII spans that all fit after `first`, without
 * trailing spaces; undefined for any other block (fillText then decides).
 */
export function oneLine(spans: readonly Span[], width: number, first: readonly Span[]): Line[] | undefined {
  let length = 0;
  let last: Span | undefined;
  for (const span of spans) {
    const text = span.text;
    if (text === '') continue;
    if (span === last || !printableAscii.test(text)) return undefined;
    length += text.length;
    last = span;
  }
  // Trailing spaces are left off the line, an empty block is one empty line: fillText does those.
  if (last === undefined || last.text.charCodeAt(last.text.length - 1) === 32) return undefined;
  if (length > Math.max(1, width - spansWidth(first))) return undefined;
  const out = copy(first);
  for (const span of spans) if (span.text !== '') out.push(span);
  return [{ spans: out }];
}

const printableAscii = /^[\x20-\x7e]*$/;

// A block without margins has the one frozen empty prefix margins.ts shares, and slice() of a frozen
// array takes V8's slow path (several times a plain one's cost, once or twice a line).
function copy(spans: readonly Span[]): Span[] {
  return spans.length === 0 ? [] : spans.slice();
}

// Undefined when a word is wider than the line or a span object follows itself: wrap.ts's
// word-by-word fill, which this gives the same lines as, handles those.
/** Greedy first-fit fill of a text block's spans at a width, after the first/rest prefixes. */
export function fillText(spans: readonly Span[], width: number, first: readonly Span[], rest: readonly Span[]): Line[] | undefined {
  if (repeats(spans)) return undefined;
  const filler = new Filler(spans, width, first, rest);
  for (let si = 0; si < spans.length; si++) if (!filler.scan(si)) return undefined;
  return filler.finish();
}

// Pieces of one span side by side on a line become one slice of it; the same object twice in a row
// would make wrap.ts join two spans into one.
function repeats(spans: readonly Span[]): boolean {
  let last: Span | undefined;
  for (const span of spans) {
    if (span.text === '') continue;
    if (span === last) return true;
    last = span;
  }
  return false;
}

// Positions are (span index, offset in its text). A word is the text from start to end; the spaces
// before it run from the end of the word before (or the block's start) to its start.
class Filler {
  private readonly lines: Line[] = [];
  private readonly spans: readonly Span[];
  private readonly rest: readonly Span[];
  private out: Span[];
  private avail: number;
  private readonly restAvail: number;
  private used = 0;
  private filled = false;
  // The last span on the line, still growing: spans[run] from runFrom to runTo.
  private run = -1;
  private runFrom = 0;
  private runTo = 0;
  // The word being read, and the spaces before it.
  private inWord = false;
  private startSi = 0;
  private startAt = 0;
  private endSi = 0;
  private endAt = 0;
  private wordWidth = 0;
  private space = 0;
  private spacesAfter = 0;
  private lastWide = false;
  private lastOpens = false;
  private prevSi = 0;
  private prevAt = 0;

  constructor(spans: readonly Span[], width: number, first: readonly Span[], rest: readonly Span[]) {
    this.spans = spans;
    this.rest = rest;
    this.out = copy(first);
    this.avail = Math.max(1, width - spansWidth(first));
    this.restAvail = Math.max(1, width - spansWidth(rest));
  }

  /** Read one span: runs of spaces end words; other chunks are units; false: leave the block to wrap.ts. */
  scan(si: number): boolean {
    const text = this.spans[si]!.text;
    const n = text.length;
    // A label mailview wrote is one unit, spaces and all, and a word of its own as a wide character
    // is (a line may break on either side of it); too wide for the line, it goes to wrap.ts.
    if (this.spans[si]!.atomic && n > 0) return this.unit(si, 0, n, displayWidth(text), true, false, false);
    // Found by native searches, not a loop over characters: span texts are mostly slices of the
    // decoded body, on which charCodeAt is several times slower than on a flat string.
    let odd = nextOdd(text, 0);
    for (let i = 0; i < n; ) {
      let j = i + 1;
      if (text.charCodeAt(i) === 32) {
        while (j < n && text.charCodeAt(j) === 32) j++;
        if (this.inWord && !this.endWord()) return false;
        this.spacesAfter += j - i;
      } else {
        j = text.indexOf(' ', j);
        if (j < 0) j = n;
        // Printable ASCII is one narrow unit as wide as it is long; anything else is measured.
        if (odd >= j) {
          if (!this.unit(si, i, j - i, j - i, false, false, false)) return false;
        } else {
          if (!this.chunk(si, i, text.slice(i, j))) return false;
          odd = nextOdd(text, j);
        }
      }
      i = j;
    }
    return true;
  }

  /** The lines, once every span is read; undefined when the last word is too wide. */
  finish(): Line[] | undefined {
    if (this.inWord && !this.endWord()) return undefined;
    if (this.filled || this.lines.length === 0) this.flush();
    return this.lines;
  }

  private chunk(si: number, at: number, chunk: string): boolean {
    const { width, cuts } = measure(chunk);
    if (cuts.length > 1 && isUrlText(this.spans[si]!, chunk)) {
      return this.unit(si, at, chunk.length, width, false, closing.test(chunk), opening.test(chunk.slice(-1)));
    }
    for (const cut of cuts) {
      if (!this.unit(si, at, cut.length, cut.width, cut.wide, cut.closes, cut.opens)) return false;
      at += cut.length;
    }
    return true;
  }

  // A unit glues to the word before when kinsoku says so; else a wide unit, or any unit after one,
  // starts a word of its own.
  private unit(si: number, at: number, length: number, width: number, wide: boolean, closes: boolean, opens: boolean): boolean {
    const glued = this.inWord && (closes || this.lastOpens);
    if (!glued && (wide || !this.inWord || this.lastWide)) {
      if (this.inWord && !this.endWord()) return false;
      this.inWord = true;
      this.startSi = si;
      this.startAt = at;
      this.wordWidth = 0;
      this.space = this.spacesAfter;
      this.spacesAfter = 0;
    }
    this.wordWidth += width;
    this.endSi = si;
    this.endAt = at + length;
    this.lastWide = wide;
    this.lastOpens = opens;
    return true;
  }

  // The spaces before a word go with it on its line; a word that starts a new line leaves them
  // behind, so only the block's first line keeps leading spaces (plain-text indentation).
  private endWord(): boolean {
    this.inWord = false;
    if (this.used + this.space + this.wordWidth <= this.avail) {
      if (this.space > 0) this.append(this.prevSi, this.prevAt, this.startSi, this.startAt);
      this.used += this.space + this.wordWidth;
    } else {
      if (this.filled) this.flush();
      if (this.wordWidth > this.avail) return false;
      this.used = this.wordWidth;
    }
    this.append(this.startSi, this.startAt, this.endSi, this.endAt);
    this.prevSi = this.endSi;
    this.prevAt = this.endAt;
    return true;
  }

  private append(fromSi: number, fromAt: number, toSi: number, toAt: number): void {
    for (let si = fromSi; si <= toSi; si++) {
      const from = si === fromSi ? fromAt : 0;
      const to = si === toSi ? toAt : this.spans[si]!.text.length;
      if (from === to) continue;
      if (si !== this.run) {
        this.endRun();
        this.run = si;
        this.runFrom = from;
      }
      this.runTo = to;
      this.filled = true;
    }
  }

  // A span that fits on the line whole is passed on as it is.
  private endRun(): void {
    if (this.run < 0) return;
    const span = this.spans[this.run]!;
    this.out.push(this.runFrom === 0 && this.runTo === span.text.length ? span : slice(span, this.runFrom, this.runTo));
    this.run = -1;
  }

  private flush(): void {
    this.endRun();
    this.lines.push({ spans: this.out });
    this.out = copy(this.rest);
    this.avail = this.restAvail;
    this.used = 0;
    this.filled = false;
  }
}

const notAscii = /[^\x20-\x7e]/g;

// Where the next character outside printable ASCII is, from an offset on (the length when none).
function nextOdd(text: string, from: number): number {
  notAscii.lastIndex = from;
  return notAscii.test(text) ? notAscii.lastIndex - 1 : text.length;
}

// Built field by field: spreading spans of many shapes is a slow generic copy in V8.
function slice(span: Span, from: number, to: number): Span {
  const text = span.text.slice(from, to);
  const { style, link } = span;
  if (style === undefined) return link === undefined ? { text } : { text, link };
  return link === undefined ? { text, style } : { text, style, link };
}
