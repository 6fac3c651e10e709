// The only importer of string-width: display columns as a terminal counts them.
import type measure from 'string-width';
import type { Span } from '../document/document.js';
import { neutralise } from '../document/terminal.js';

// string-width's module set-up (an emoji regex, an ICU segmenter) costs ~35 ms of start-up that
// text in common scripts never needs, so it is loaded on first use: esbuild bundles this require()
// and runs the module only when it is called (vitest provides require() too).
let stringWidth: typeof measure | undefined;
const loadStringWidth = (): typeof measure => (require('string-width') as { default: typeof measure }).default;

const printableAscii = /^[\x20-\x7e]*$/;

// Characters that can join a grapheme with their neighbour (UAX 29): marks, joiners, variation
// selectors, emoji modifiers and tags, regional indicators, Hangul jamo, CR. Text without any is
// one grapheme per code point, and Intl.Segmenter (slow on long bodies) is not needed.
const joining = /[\p{M}\u200c\u200d\ufe00-\ufe0f\r\u1160-\u11ff\ud7b0-\ud7ff\p{Emoji_Modifier}\p{Regional_Indicator}\u{e0000}-\u{e0fff}]/u;

// string-width tests every grapheme against a \p{RGI_Emoji} regex whose first use on a two-byte
// string costs ~20 ms of start-up. Code points that are whole graphemes on their own have a fixed
// width: Latin, Greek, Cyrillic, punctuation, currency, arrows, box drawing and geometric shapes
// (1; mailview draws rules and bars with them), CJK, kana, Hangul syllables, fullwidth
// forms and emoji with emoji presentation (2). Text made only of them (and nothing joining) is
// measured here; test/width.test.ts checks this against string-width.
const simple =
  /^(?:[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u203b\u20a0-\u20c0\u2190-\u21ff\u2500-\u25ff\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffe0-\uffe6]|\p{Emoji_Presentation})*$/u;
const wide = /[\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]|\p{Emoji_Presentation}/gu;

// Of the characters `simple` accepts, only regional indicators and emoji modifiers (astral, so
// written here as their UTF-16 units) join: text it accepts is checked for those alone, and the
// class of all marks above (~4 M instructions to compile, in every run) is left to other text.
const simpleJoining = /\ud83c[\udde6-\uddff\udffb-\udfff]/;

function isSimple(text: string): boolean {
  return simple.test(text) && !simpleJoining.test(text);
}

/** Whether text holds a character that can join a grapheme with its neighbour (`joining`). */
export function hasJoining(text: string): boolean {
  return simple.test(text) ? simpleJoining.test(text) : joining.test(text);
}

// One column per UTF-16 unit, one more for each wide character in the BMP (an astral emoji is
// already two units).
function simpleWidth(text: string): number {
  let width = text.length;
  for (const m of text.match(wide) ?? []) if (m.length === 1) width++;
  return width;
}

// Mail repeats the same few hundred graphemes; measuring each once keeps long bodies fast.
const measured = new Map<string, number>();

// Callers pass clusters of already neutralised text.
function graphemeWidth(segment: string): number {
  // Most graphemes of a long token are one printable ASCII character: no regex for them.
  if (segment.length === 1 && segment >= ' ' && segment <= '~') return 1;
  if (isSimple(segment)) return simpleWidth(segment);
  let width = measured.get(segment);
  if (width === undefined) {
    width = terminalWidth(segment);
    if (measured.size < 50_000) measured.set(segment, width);
  }
  return width;
}

// A terminal that draws code point by code point (glibc wcwidth, VTE) may take more columns than
// string-width gives a cluster: 👍🏽 is 2 + 2, so a cluster takes the larger of the two counts. A lone
// regional indicator or a pair that is no flag takes 2.
function terminalWidth(cluster: string): number {
  stringWidth ??= loadStringWidth();
  const whole = stringWidth(cluster, { countAnsiEscapeCodes: true });
  if (regional.test(cluster)) return Math.max(whole, 2);
  if (cluster.length === 1 || (cluster.length === 2 && cluster.codePointAt(0)! > 0xffff)) return whole + (widerInTerminals.get(cluster.codePointAt(0)!) ?? 0);
  let sum = 0;
  for (const c of cluster) sum += terminalWidth(c);
  return Math.max(whole, sum);
}

const regional = /^\p{Regional_Indicator}{1,2}$/u;

// Where glibc's wcwidth (and so VTE and xterm) draws more columns than string-width counts
// (test/width.test.ts compares with glibc): prepended concatenation marks, Hangul fillers,
// circled numbers on black squares. U+00AD SOFT HYPHEN is not here: marks.ts drops it before layout.
const widerInTerminals = new Map<number, number>([
  ...[0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0x110bd, 0x110cd, 0xffa0].map((c) => [c, 1] as [number, number]),
  [0x115f, 2],
  [0x3164, 2],
  ...[0x3248, 0x3249, 0x324a, 0x324b, 0x324c, 0x324d, 0x324e, 0x324f].map((c) => [c, 1] as [number, number]),
]);

// Created on first use: loading ICU's break rules costs start-up time most mails never need.
let segmenter: Intl.Segmenter | undefined;

// Node 20's segmenter takes time quadratic in the length of the string it is given (a 65 KB token
// with one combining mark took 5 s): long text is segmented in windows cut at grapheme boundaries.
const window = 128;

function segments(text: string): Iterable<string> {
  if (!hasJoining(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.length - start <= 2 * window ? text.length : cutAt(text, start + window, start);
    segmentWindow(text.slice(start, end), out);
    start = end;
  }
  return out;
}

// The segmenter costs ~2 µs a character: a window without joining characters is one grapheme per
// code point, and one of flags and plain text pairs its regional indicators (UAX 29 GB12-13).
function segmentWindow(piece: string, out: string[]): void {
  if (!joining.test(piece)) {
    for (const c of piece) out.push(c);
    return;
  }
  if (flagsOnly.test(piece)) {
    const points = [...piece];
    for (let i = 0; i < points.length; i++) {
      const pair = isRegional(points[i]!, 0) && isRegional(points[i + 1] ?? '', 0);
      out.push(pair ? points[i]! + points[++i]! : points[i]!);
    }
    return;
  }
  for (const s of segmenter!.segment(piece)) out.push(s.segment);
}

const flagsOnly = /^(?:\p{Regional_Indicator}|[\x20-\x7e])*$/u;

// The first grapheme boundary at or after `from` that needs no context (UAX 29: neither side
// joins); in a run of joining characters longer than a window, a cut that splits no surrogate
// pair or regional-indicator pair (a run of marks is then measured in pieces, each of width 0).
function cutAt(text: string, from: number, start: number): number {
  const limit = Math.min(text.length, from + window);
  for (let i = from; i < limit; i++) if (freeBoundary(text, i)) return i;
  let i = from;
  if (isLowSurrogate(text.charCodeAt(i))) i++;
  if (isRegional(text, i) && isRegional(text, i - 2)) {
    let run = 0;
    for (let j = i - 2; j >= start && isRegional(text, j); j -= 2) run++;
    if (run % 2 === 1) i += 2;
  }
  return Math.min(i, text.length);
}

const joinsBefore = /[\u200d\r\u1100-\u115f\ua960-\ua97f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}\p{Regional_Indicator}]/u;

function freeBoundary(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (isLowSurrogate(code)) return false;
  const next = String.fromCodePoint(text.codePointAt(i)!);
  const before = text.charCodeAt(i - 1);
  const previous = isLowSurrogate(before) ? text.slice(i - 2, i) : text[i - 1]!;
  return !joining.test(next) && !joinsBefore.test(previous);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isRegional(text: string, i: number): boolean {
  const code = text.codePointAt(i);
  return code !== undefined && code >= 0x1f1e6 && code <= 0x1f1ff;
}

/** Display width of text as it will be emitted (neutralised characters count as their stand-in). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  if (isSimple(text)) return simpleWidth(text);
  let width = 0;
  for (const g of segments(neutralise(text))) width += graphemeWidth(g);
  return width;
}

// Clusters are cut from the text as emit.ts will write it: a control character's stand-in can join
// the mark after it (U+FFFD + a skin tone is one cluster) where the control itself could not.
/** The grapheme clusters of text as it will be emitted (neutralised), each with its display width. */
export function graphemes(text: string): Array<{ readonly text: string; readonly width: number }> {
  if (printableAscii.test(text)) return [...text].map((c) => ({ text: c, width: 1 }));
  return Array.from(segments(neutralise(text)), (g) => ({ text: g, width: graphemeWidth(g) }));
}

/** Display width of a run of spans. */
export function spansWidth(spans: readonly Span[]): number {
  let width = 0;
  for (const s of spans) width += displayWidth(s.text);
  return width;
}
