// The only importer of string-width: display columns as a terminal counts them.
import type measure from 'string-width';
import { neutralise } from './emit.js';

// string-width's module set-up (an emoji regex, an ICU segmenter) costs ~35 ms of start-up that
// text in common scripts never needs, so it is loaded on first use: esbuild bundles this require()
// and runs the module only when it is called (vitest provides require() too).
let stringWidth: typeof measure | undefined;
const loadStringWidth = (): typeof measure => (require('string-width') as { default: typeof measure }).default;

const printableAscii = /^[\x20-\x7e]*$/;

// string-width tests every grapheme against a \p{RGI_Emoji} regex whose first use on a two-byte
// string costs ~20 ms of start-up. Code points that are whole graphemes on their own have a fixed
// width: Latin, Greek, Cyrillic, punctuation, currency (1), CJK, kana, Hangul syllables, fullwidth
// forms and emoji with emoji presentation (2), except regional indicators and skin tones, which
// join their neighbours. Text made only of them is measured here; test/width.test.ts checks this
// against string-width.
const simple =
  /^(?:[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u203b\u20a0-\u20c0\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffe0-\uffe6]|\p{Emoji_Presentation})*$/u;
const wide = /[\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]|\p{Emoji_Presentation}/gu;
const joining = /[\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;

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

/** Display width of text as it will be emitted (neutralised characters count as their stand-in). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  if (isSimple(text)) return simpleWidth(text);
  let width = measured.get(text);
  if (width === undefined) {
    if (measured.size >= 10_000) measured.clear();
    stringWidth ??= loadStringWidth();
    width = stringWidth(neutralise(text), { countAnsiEscapeCodes: true });
    measured.set(text, width);
  }
  return width;
}

// string-width costs tens of microseconds a call (segmenter, emoji regexes), and wrapping measures
// every word: remember the words that needed it.
const measured = new Map<string, number>();

// Created on first use: loading ICU's break rules costs start-up time most mails never need.
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of text, each with its display width. */
export function graphemes(text: string): Array<{ readonly text: string; readonly width: number }> {
  if (printableAscii.test(text)) return [...text].map((c) => ({ text: c, width: 1 }));
  if (isSimple(text)) return [...text].map((c) => ({ text: c, width: simpleWidth(c) }));
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, width: displayWidth(s.segment) }));
}
