// The only importer of string-width: display columns as a terminal counts them.
import stringWidth from 'string-width';
import { neutralise } from './emit.js';

const printableAscii = /^[\x20-\x7e]*$/;

// string-width tests every grapheme against a \p{RGI_Emoji} regex whose first use on a two-byte
// string costs ~20 ms of start-up. Code points that are whole graphemes on their own and never
// emoji (Latin, Greek, Cyrillic, punctuation, currency, CJK, kana, Hangul syllables, fullwidth
// forms) have a fixed East Asian Width, so text made only of them is measured here; a test
// checks this against string-width.
const simple =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u203b\u20a0-\u20c0\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffe0-\uffe6]*$/;
const wide = /[\u3000-\u3029\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]/g;

/** Display width of text as it will be emitted (neutralised characters count as their stand-in). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  if (simple.test(text)) return text.length + (text.match(wide)?.length ?? 0);
  let width = measured.get(text);
  if (width === undefined) {
    if (measured.size >= 10_000) measured.clear();
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
  if (simple.test(text)) return [...text].map((c) => ({ text: c, width: displayWidth(c) }));
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, width: displayWidth(s.segment) }));
}
