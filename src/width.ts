// The only importer of string-width: display columns as a terminal counts them.
import stringWidth from 'string-width';
import { neutralise } from './emit.js';

const printableAscii = /^[\x20-\x7e]*$/;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Mail repeats the same few hundred graphemes; measuring each once keeps long CJK bodies fast.
const cache = new Map<string, number>();

function graphemeWidth(segment: string): number {
  if (segment.length === 1 && segment >= ' ' && segment <= '~') return 1;
  let width = cache.get(segment);
  if (width === undefined) {
    width = stringWidth(neutralise(segment), { countAnsiEscapeCodes: true });
    if (cache.size < 50_000) cache.set(segment, width);
  }
  return width;
}

// Characters that can join a grapheme with their neighbour (UAX 29): marks, joiners, variation
// selectors, emoji modifiers and tags, regional indicators, Hangul jamo, CR. Text without any is
// one grapheme per code point, and Intl.Segmenter (slow on long bodies) is not needed.
const joining = /[\p{M}\u200c\u200d\ufe00-\ufe0f\r\u1160-\u11ff\ud7b0-\ud7ff\p{Emoji_Modifier}\p{Regional_Indicator}\u{e0000}-\u{e0fff}]/u;

function segments(text: string): Iterable<string> {
  if (!joining.test(text)) return text;
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Display width of text as it will be emitted (neutralised characters count as their stand-in). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let width = 0;
  for (const g of segments(text)) width += graphemeWidth(g);
  return width;
}

/** The grapheme clusters of text, each with its display width. */
export function graphemes(text: string): Array<{ readonly text: string; readonly width: number }> {
  if (printableAscii.test(text)) return [...text].map((c) => ({ text: c, width: 1 }));
  return Array.from(segments(text), (g) => ({ text: g, width: graphemeWidth(g) }));
}
