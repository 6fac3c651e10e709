// Characters that only steer layout and can neither reorder nor hide text on their own: SOFT HYPHEN
// (a hyphenation hint; string-width counts it 0 columns where xterm and VTE draw 1, so lines would
// overflow) and the LEFT-TO-RIGHT, RIGHT-TO-LEFT and ARABIC LETTER MARKs (Windows Mail puts them
// around every date). They are dropped before layout, without a word; the bidi embeddings,
// overrides and isolates, which can reorder text, still become U+FFFD in emit.ts.
import type { Block, Span } from '../document/document.js';

const marks = /[\u00ad\u061c\u200e\u200f]/;
const allMarks = /[\u00ad\u061c\u200e\u200f]/g;

/** Text without soft hyphens and directional marks. */
export function dropMarks(text: string): string {
  return marks.test(text) ? text.replace(allMarks, '') : text;
}

/** The block with marks dropped from its spans (the block itself when it has none: the common case). */
export function blockWithoutMarks(block: Block): Block {
  if (!block.spans.some((s) => marks.test(s.text))) return block;
  const spans = block.spans.map((s): Span => (marks.test(s.text) ? { ...s, text: s.text.replace(allMarks, '') } : s)).filter((s) => s.text !== '');
  return { ...block, spans };
}
