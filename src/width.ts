// The only importer of string-width: display columns as a terminal counts them.
import stringWidth from 'string-width';
import { neutralise } from './emit.js';

const printableAscii = /^[\x20-\x7e]*$/;

/** Display width of text as it will be emitted (neutralised characters count as their stand-in). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  return stringWidth(neutralise(text), { countAnsiEscapeCodes: true });
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The grapheme clusters of text, each with its display width. */
export function graphemes(text: string): Array<{ readonly text: string; readonly width: number }> {
  if (printableAscii.test(text)) return [...text].map((c) => ({ text: c, width: 1 }));
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, width: displayWidth(s.segment) }));
}
