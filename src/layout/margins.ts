// The left margin of a wrapped block: quote marks, nested-message bars, list markers, indents.
import type { Margin, Span, Style } from '../document/document.js';
import { displayWidth, graphemes, spansWidth } from './width.js';

const quoteStyle: Style = { dim: true };
const barSpan: Span = { text: '│ ', style: quoteStyle };
const noMargins = Object.freeze({ first: Object.freeze([]) as unknown as Span[], rest: Object.freeze([]) as unknown as Span[] });

// Quote margins repeat on every line; a list marker or header name shows on the first line and
// becomes spaces after.
/** The spans before a block's first line and before each line after it, at most half the width. */
export function marginSpans(list: readonly Margin[], width: number): { first: Span[]; rest: Span[] } {
  // Most blocks have no margin at all: they share one answer (frozen, as no layout changes it).
  if (list.length === 0) return noMargins;
  // A header field's label or a list marker alone, as wide as its run of spaces after the first
  // line: measured once rather than again for each prefix and its clip.
  const only = list[0]!;
  if (list.length === 1 && only.kind === 'item') {
    const marker = displayWidth(only.marker);
    if (marker <= Math.max(1, Math.floor(width / 2))) {
      return { first: [only.style ? { text: only.marker, style: only.style } : { text: only.marker }], rest: [{ text: spaces(marker) }] };
    }
  }
  return everyMargin(list, width);
}

/** marginSpans margin by margin: the general case, which its shortcut for one item matches. */
export function everyMargin(list: readonly Margin[], width: number): { first: Span[]; rest: Span[] } {
  const first: Span[] = [];
  const rest: Span[] = [];
  let level = 0;
  for (const m of list) {
    if (m.kind === 'quote') {
      const style: Style = { dim: true, quote: ++level };
      first.push({ text: '> ', style });
      rest.push({ text: '> ', style });
    } else if (m.kind === 'bar') {
      first.push(barSpan);
      rest.push(barSpan);
    } else {
      const text = m.kind === 'item' ? m.marker : spaces(m.width);
      first.push(m.kind === 'item' && m.style ? { text, style: m.style } : { text });
      rest.push({ text: spaces(displayWidth(text)) });
    }
  }
  // Never let margins eat more than half the line: deep quotes fold into a compact '>>>> '.
  const limit = Math.max(1, Math.floor(width / 2));
  return { first: clip(first, limit), rest: clip(rest, limit) };
}

function clip(spans: Span[], limit: number): Span[] {
  if (spansWidth(spans) <= limit) return spans;
  return [{ text: compact(spans.map((s) => s.text).join(''), limit), style: quoteStyle }];
}

// Every header line of every message of an mbox indents its next lines by its label's width: those
// few runs of spaces are made once (a repeat() of its own each time was a string per line).
const spaceRuns: string[] = [];

function spaces(n: number): string {
  if (n > 64) return ' '.repeat(n);
  return (spaceRuns[n] ??= ' '.repeat(n));
}

function compact(margin: string, limit: number): string {
  const squeezed = margin.replace(/> /g, '>').replace(/ {2,}/g, ' ').trimEnd() + ' ';
  if (displayWidth(squeezed) <= limit) return squeezed;
  let out = '';
  let used = 0;
  for (const g of graphemes(squeezed)) {
    if (used + g.width > limit - 1) break;
    out += g.text;
    used += g.width;
  }
  return `${out} `;
}
