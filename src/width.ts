// The only importer of string-width: display columns as a terminal counts them.
import type measure from 'string-width';
import type { Span } from './document.js';
import { neutralise } from './emit.js';

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

function isSimple(text: string): boolean {
  return simple.test(text) && !joining.test(text);
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
  if (isSimple(segment)) return simpleWidth(segment);
  let width = measured.get(segment);
  if (width === undefined) {
    stringWidth ??= loadStringWidth();
    width = stringWidth(segment, { countAnsiEscapeCodes: true });
    if (measured.size < 50_000) measured.set(segment, width);
  }
  return width;
}

// Created on first use: loading ICU's break rules costs start-up time most mails never need.
let segmenter: Intl.Segmenter | undefined;

function segments(text: string): Iterable<string> {
  if (!joining.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
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
  return spans.reduce((n, s) => n + displayWidth(s.text), 0);
}
