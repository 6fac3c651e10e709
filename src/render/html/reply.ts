// Replies that mark the quoted message only by its header lines: Outlook 2010 writes a
// paragraph of bold From:/Sent:/To:/Subject: lines, Outlook 2003 and Hotmail put them after an <hr>.
import type { Elem } from './builder.js';

// Header names of a reply's header lines, in the languages Outlook writes most.
const names = ['from', 'sent', 'date', 'to', 'cc', 'subject', 'von', 'gesendet', 'an', 'betreff', 'de', 'envoyé', 'à', 'objet', 'enviado', 'para', 'asunto'];
const header = new RegExp(`(?:^|\\n)\\s*(${names.join('|')})\\s*:`, 'giu');
// Enough text to hold the header lines; a reply header is short.
const window = 600;
// The first header line: From: (in those languages), or after a rule any of them. Made once: every
// paragraph is asked whether it starts a reply.
const fromLine = /^(from|von|de)\s*:/iu;
const anyLine = new RegExp(`^(${names.join('|')})\\s*:`, 'iu');

/** Whether text begins with the header lines of a quoted message: From: (or, after a rule, any of them) first, three in all. */
export function startsWithReplyHeader(text: string, fromFirst = true): boolean {
  const head = text.slice(0, window).replace(/^\s+/, '');
  if (!(fromFirst ? fromLine : anyLine).test(head)) return false;
  const seen = new Set([...head.matchAll(header)].map((m) => m[1]!.toLowerCase()));
  return seen.size >= 3;
}

/** A paragraph that is a reply's header lines (Outlook 2010, without the bordered box). */
export function isReplyHeader(elem: Elem): boolean {
  return startsWithReplyHeader(textOf([elem], window));
}

/** An `<hr>` right before a reply's header lines given as text (Hotmail); a header paragraph (Outlook 2003) starts its own quote. */
export function isReplyRule(hr: Elem): boolean {
  const after = following(hr);
  // A comment is not shown, so it is passed over as white space is: the header lines come next or not at all.
  const first = after.find((n) => n.type === 'tag' || (n.type === 'text' && /\S/.test(String(n.data ?? ''))));
  if (!first || (first.type === 'tag' && first.name !== 'br' && first.name !== 'b' && first.name !== 'span' && first.name !== 'font')) return false;
  return startsWithReplyHeader(textOf(after, window), false);
}

// The nodes after an element in its parent, and after each ancestor's, in reading order.
function following(elem: Elem): Elem[] {
  const out: Elem[] = [];
  for (let e: Elem | null | undefined = elem; e?.parent && out.length < 50; e = e.parent) {
    const siblings = e.parent.children ?? [];
    out.push(...siblings.slice(siblings.indexOf(e) + 1, siblings.indexOf(e) + 51));
  }
  return out;
}

// Where a quote that takes "everything after" stops climbing: the reply is inside this box.
const boxes = new Set(['td', 'th', 'li', 'blockquote', 'table', 'tbody', 'tr']);

/**
 * Cut everything after `elem` out of its parent and out of each ancestor's, up to a table cell or
 * the document: the parents' walks over those same arrays then stop, and the caller walks it quoted.
 * `toEnd` is told when the cut reaches the document.
 */
export function takeRest(elem: Elem, toEnd?: () => void): Elem[] {
  const rest: Elem[] = [];
  for (let e: Elem = elem; e.parent; e = e.parent) {
    const siblings = e.parent.children ?? [];
    const at = siblings.indexOf(e);
    if (at >= 0) rest.push(...siblings.splice(at + 1));
    if (boxes.has(e.parent.name ?? '')) return rest;
  }
  // Up to the document itself: a document converted in pieces must give this one all the rest.
  toEnd?.();
  return rest;
}

// Header boxes already quoted: the header paragraph inside one starts no second quote.
const quotedHeaders = new WeakSet<Elem>();

/** Note that `elem` is a reply header being quoted. */
export function markQuoted(elem: Elem): void {
  quotedHeaders.add(elem);
}

/** Whether `elem` lies inside a reply header already quoted. */
export function insideQuotedHeader(elem: Elem): boolean {
  for (let p = elem.parent; p; p = p.parent) if (quotedHeaders.has(p)) return true;
  return false;
}

function textOf(nodes: readonly Elem[], limit: number): string {
  let out = '';
  const visit = (n: Elem): void => {
    if (out.length > limit) return;
    if (n.type === 'text') out += String(n.data ?? '');
    else if (n.type === 'tag') {
      if (n.name === 'br' || n.name === 'p' || n.name === 'div') out += '\n';
      for (const c of n.children ?? []) visit(c);
    }
  };
  for (const n of nodes) visit(n);
  return out;
}
