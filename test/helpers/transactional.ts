// Measures of how well rendered HTML mail reads: text recall against the HTML's visible
// text, noise, receipt rows kept on one line, rule-only lines, bare image labels, double blanks.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/** What a visible-text walk collects: the words a reader sees, and the words in attributes. */
export interface SourceText {
  readonly visible: string[];
  readonly attributes: string[];
  /** Rows (innermost `<tr>`) with a label cell and an amount cell, as [label's first word, amount]. */
  readonly itemRows: Array<[string, string]>;
}

const skipped = new Set(['head', 'style', 'script', 'template', 'title', 'noscript']);
// Hidden from every reader; mso-hide:all hides from Outlook only, so it counts as visible.
const hiddenStyle = /display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(?![.\d])/i;
const amount = /^(?:[-+]?\s?[$€£¥]\s?\d[\d,.]*|[-+]?\d[\d,]*[.,]\d{2}\s?(?:[$€£¥]|USD|EUR)?|\{\{[^}]*(?:price|amount|total|cost|subtotal|tax|shipping)[^}]*\}\}[€$]?)$/i;

/** Words of a text: runs of letters and digits, lower-cased. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || isHidden(node)) return '';
  const inner = node.children.map(textOf).join('');
  return ['br', 'p', 'div', 'td', 'th', 'tr', 'li'].includes(node.name) ? ` ${inner} ` : inner;
}

function isHidden(el: Element): boolean {
  return skipped.has(el.name) || 'hidden' in el.attribs || hiddenStyle.test(el.attribs.style ?? '');
}

/** The visible words, attribute words and item rows of an HTML mail. */
export function sourceText(html: string): SourceText {
  const doc = parseDocument(html);
  const visible: string[] = [];
  const attributes: string[] = [];
  const itemRows: Array<[string, string]> = [];
  const walk = (nodes: ChildNode[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') visible.push(...words(n.data));
      if (!isElement(n) || isHidden(n)) continue;
      for (const k of ['alt', 'title', 'href', 'src']) if (n.attribs[k]) attributes.push(...words(n.attribs[k]));
      if (n.name === 'tr') itemRow(n, itemRows);
      walk(n.children);
    }
  };
  walk(doc.children);
  return { visible, attributes, itemRows };
}

function itemRow(tr: Element, out: Array<[string, string]>): void {
  const hasRow = (n: ChildNode): boolean => isElement(n) && (n.name === 'tr' || n.children.some(hasRow));
  if (tr.children.some(hasRow)) return;
  const cells = tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
  const texts = cells.map((c) => textOf(c).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const money = texts.find((t) => amount.test(t));
  const label = texts.find((t) => t !== money && /\p{L}/u.test(t) && !amount.test(t));
  // The label's first word, template tags (`{{#if …}}`) aside: what a reader of the filled mail sees.
  const first = label?.replace(/\{\{[^}]*\}\}/g, ' ').trim().split(' ')[0] || label?.split(' ')[0];
  if (money && first && texts.length <= 6) out.push([first, money]);
}

/** Fraction of `want`'s words (with multiplicity) found among `have`'s. */
export function recall(want: readonly string[], have: readonly string[]): number {
  const counts = tally(have);
  let found = 0;
  for (const w of want) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      found++;
      counts.set(w, n - 1);
    }
  }
  return want.length ? found / want.length : 1;
}

function tally(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

// mailview's own labels are not the sender's words: `[image: …]`'s "image", `[→ host]` warnings.
const ownLabels = /\[image(?::| →)?| ×\d+\]|\[→ [^\]]*\]/g;

/** Words of rendered output, mailview's own labels taken out. */
export function outputWords(plain: string): string[] {
  return words(plain.replace(ownLabels, ' '));
}

/** Fraction of output words that are not in the source (hidden text shown, markup as text). */
export function noise(source: SourceText, plain: string): number {
  const out = outputWords(plain);
  return out.length ? 1 - recall(out, [...source.visible, ...source.attributes]) : 0;
}

/** Item rows of the source whose label and amount share no output line. */
export function splitRows(source: SourceText, plain: string): Array<[string, string]> {
  const lines = plain.split('\n').map((l) => l.replace(/\s+/g, ' '));
  // An unfilled placeholder (`{{price order.total …}}`) may wrap inside its column: its first word counts.
  const start = (money: string) => (money.startsWith('{{') ? money.split(' ')[0]! : money);
  return source.itemRows.filter(([label, money]) => !lines.some((l) => l.includes(start(money)) && l.includes(label)));
}

/** Lines drawn only of rule characters that are not a full-width `<hr>`. */
export function ruleOnlyLines(plain: string, width: number): string[] {
  return plain.split('\n').filter((l) => /^[\s─┼│]*[─┼│][\s─┼│]*$/.test(l) && !(l.length === width && /^─+$/.test(l)));
}

/** Lines with an `[image]` label that says nothing (no alt, no host, no name). */
export function bareImageLines(plain: string): string[] {
  return plain.split('\n').filter((l) => l.includes('[image]'));
}

/** How many times two blank lines follow each other. */
export function doubleBlanks(plain: string): number {
  // A line of spaces (U+00A0 included) reads as blank.
  return (plain.match(/\n[^\S\n]*\n[^\S\n]*\n/g) ?? []).length;
}

/** An unfilled template as the mail its users get: `{{price …}}` a sample amount, `{{name}}` a word, `{{#if}}` and the like gone. */
export function fillPlaceholders(html: string): string {
  return html.replace(/\{\{\s*([#/^]|else\b)?\s*([^}\s]*)[^}]*\}\}/g, (_m, control: string | undefined, name: string) => {
    if (control) return '';
    if (/price|amount|total|cost|tax|shipping/i.test(name)) return '$1.00';
    return name.split('.').at(-1)?.replace(/\W/g, '') || 'value';
  });
}
