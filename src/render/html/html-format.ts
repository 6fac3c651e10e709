// The formatters html.ts hands to html-to-text, one per kind of element: each writes into our
// DocumentBuilder. Every html-to-text format name is covered, so none of its own formatters (which
// expect its text builder) ever runs.
import { release, type DocumentBuilder, type Elem, type Walk } from './builder.js';
import { linkPolicy, makeLink } from '../../links/context.js';
import { formatTable } from './html-table.js';
import { hiddenParts, noteBackgrounds, noteRemoteImage, recordHiddenImages } from './hidden.js';
import { imageLabel, needsSpaceAfter } from './inline.js';
import { listEntries } from './list-items.js';
import { verticalGap, whiteSpace } from './box.js';
import { insideQuotedHeader, isReplyHeader, isReplyRule, markQuoted, takeRest } from './reply.js';

/** Options a selector gives its formatter. */
export interface FormatOptions {
  readonly leadingLineBreaks?: number;
  readonly trailingLineBreaks?: number;
}
/** One formatter: writes an element (and, through walk, its children) into the builder. */
export type Format = (elem: Elem, walk: Walk, builder: DocumentBuilder, options: FormatOptions) => void;

const inline: Format = (elem, walk, b) => {
  const space = needsSpaceAfter(elem);
  walk(elem.children, b);
  if (space) b.addInline(' ');
};

const block: Format = (elem, walk, b, o) => {
  b.openBlock(o.leadingLineBreaks ?? 1);
  walk(elem.children, b);
  b.closeBlock(o.trailingLineBreaks ?? 1);
};


function styled(kind: 'bold' | 'italic' | 'underline'): Format {
  return (elem, walk, b) => {
    const space = needsSpaceAfter(elem);
    b.setStyle(kind, 1);
    walk(elem.children, b);
    b.setStyle(kind, -1);
    if (space) b.addInline(' ');
  };
}

const anchor: Format = (elem, walk, b) => {
  const href = elem.attribs?.href;
  const link = href === undefined ? undefined : makeLink(href, b.shared.ctx, b.shared.base);
  const space = needsSpaceAfter(elem);
  if (link) b.openLink(link);
  walk(elem.children, b);
  if (link) b.closeLink();
  if (space) b.addInline(' ');
};

const heading: Format = (elem, walk, b) => {
  b.openBlock(2);
  styled('bold')(elem, walk, b, {});
  b.closeBlock(2);
};

function quoted(nodes: Elem[] | undefined, walk: Walk, b: DocumentBuilder): void {
  b.openBlock(2);
  b.pushMargin({ kind: 'quote' });
  walk(nodes, b);
  b.popMargin();
  b.closeBlock(2);
}

const blockquote: Format = (elem, walk, b) => quoted(elem.children, walk, b);

// Outlook writes no quote container: the quoted message is its header box and every sibling after it.
// The parents' walks iterate the arrays takeRest cuts, so they stop where the quote begins.
const outlookQuote: Format = (elem, walk, b) => {
  markQuoted(elem);
  quoted([...(elem.children ?? []), ...takeRest(elem, b.shared.restTaken)], walk, b);
};

// Outlook 2010 writes the header lines as a paragraph, with no box.
const paragraph: Format = (elem, walk, b) => {
  if (isReplyHeader(elem) && !insideQuotedHeader(elem)) return outlookQuote(elem, walk, b, {});
  block(elem, walk, b, { leadingLineBreaks: 2, trailingLineBreaks: 2 });
};

// Hotmail writes the header lines as text after an <hr>: the rule, then the quote.
const horizontalLine: Format = (elem, walk, b) => {
  b.addRule();
  if (isReplyRule(elem) && !insideQuotedHeader(elem)) quoted(takeRest(elem, b.shared.restTaken), walk, b);
};

const pre: Format = (elem, walk, b) => {
  b.openPre();
  walk(elem.children, b);
  b.closePre();
};

const list: Format = (elem, walk, b) => {
  const depth = listDepth(elem);
  const entries = listEntries(elem, depth, (item) => !hiddenItem(item, b));
  if (!entries.length) return;
  b.openBlock(depth > 0 ? 1 : 2);
  for (const { elem: item, marker } of entries) {
    b.openBlock(1);
    // Content that is no item (a sublist written straight into the list) is indented, with no marker.
    b.pushMargin(marker === undefined ? { kind: 'indent', width: 2 } : { kind: 'item', marker });
    // An item that starts with a sublist shows its own marker on a line above it, as does an empty item.
    if (marker !== undefined && startsWithList(item)) b.showMarker();
    walk(item.name === 'li' ? item.children : [item], b);
    if (marker !== undefined) b.showMarker();
    b.popMargin();
    b.closeBlock(1);
  }
  b.closeBlock(depth > 0 ? 1 : 2);
};

// A hidden item is left out and counts no number; only its remote images are noted.
function hiddenItem(item: Elem, b: DocumentBuilder): boolean {
  // Only an item hidden whole counts no number; one that shows a part again is shown.
  const hidden = item.attribs !== undefined && hiddenParts(item)?.length === 0;
  if (hidden) recordHiddenImages(item, b.shared.ctx);
  return hidden;
}

function startsWithList(item: Elem): boolean {
  const first = (item.children ?? []).find((c) => c.type === 'tag' || (c.type === 'text' && /\S/.test(String(c.data ?? ''))));
  return first?.name === 'ul' || first?.name === 'ol';
}

function listDepth(elem: Elem): number {
  let depth = 0;
  for (let p = elem.parent; p; p = p.parent) if (p.name === 'ul' || p.name === 'ol') depth++;
  return depth;
}

// Images are labelled by inline.ts; one on the web outside a link is linked to itself.
const image: Format = (elem, _walk, b) => {
  const a = elem.attribs ?? {};
  const src = (a.src ?? '').trim();
  const { ctx, base, images } = b.shared;
  noteRemoteImage(elem, ctx, false);
  const label = imageLabel(elem, { policy: linkPolicy(ctx, base), cidName: (id) => images.get(id) });
  if (!label) return;
  const made = !hasAncestor(elem, 'a') && /^https?:/i.test(src) ? makeLink(src, ctx, base) : undefined;
  if (made) b.openLink({ ...made, byMailview: true });
  b.addLabel(label);
  if (made) b.closeLink();
};

function hasAncestor(elem: Elem, name: string): boolean {
  for (let p = elem.parent; p; p = p.parent) if (p.name === name) return true;
  return false;
}

const table: Format = (elem, walk, b) => formatTable(elem, walk, b);

// What the sender hid from every reader (display:none, `hidden` …) is left out here, before any
// formatter runs; only its remote images are noted, for the tracking notice. An element's subtree is
// let go once it is written: the walk never comes back to it, and a long mail's DOM is most of the
// memory a run needs.
// Visibility is inherited: a `visibility:visible` descendant of a hidden element is shown (CSS 2 11.2).
function visible(format: Format): Format {
  return (elem, walk, b, o) => {
    const parts = elem.attribs ? hiddenParts(elem) : undefined;
    if (parts === undefined) {
      noteBackgrounds(elem, b.shared.ctx, false);
      format(elem, walk, b, o);
    } else {
      recordHiddenImages({ ...elem, children: (elem.children ?? []).filter((c) => !parts.some((p) => within(p, c))) }, b.shared.ctx);
      if (parts.length) walk(parts, b);
    }
    release(elem);
  };
}

// True when `outer` is `node` or holds it.
function within(node: Elem, outer: Elem): boolean {
  for (let p: Elem | null | undefined = node; p; p = p.parent) if (p === outer) return true;
  return false;
}

const skip: Format = () => undefined;

// A cell with other cells in its row stands beside them, not above or below: its padding sets
// nothing apart vertically.
function besideOthers(elem: Elem): boolean {
  if (elem.name !== 'td' && elem.name !== 'th') return false;
  let cells = 0;
  for (const c of elem.parent?.children ?? []) if ((c.name === 'td' || c.name === 'th') && ++cells > 1) return true;
  return false;
}

// Formats whose elements are blocks, which padding and margin set apart; an inline element's do not.
const blockFormats = new Set(['block', 'paragraph', 'heading', 'blockquote', 'outlookQuote', 'pre', 'list', 'table']);

// What an element's inline style says of its box: white space kept, and blank lines around a block
// that its padding or margin sets apart, as a browser shows it.
function boxed(format: Format, name: string): Format {
  const isBlock = blockFormats.has(name);
  return (elem, walk, b, o) => {
    const style = elem.attribs?.style;
    if (style === undefined) return format(elem, walk, b, o);
    const mode = whiteSpace(style);
    const before = mode === undefined ? undefined : b.setWhiteSpace(mode);
    const gap = isBlock && !besideOthers(elem) ? verticalGap(style) : undefined;
    if (gap?.top) b.openBlock(2);
    format(elem, walk, b, o);
    if (gap?.bottom) b.closeBlock(2);
    if (before !== undefined) b.setWhiteSpace(before);
  };
}

const table_: Record<string, Format> = {
  inline, block, paragraph, anchor, heading, blockquote, outlookQuote, pre, list, image, table,
  bold: styled('bold'), italic: styled('italic'), underline: styled('underline'),
  lineBreak: (_e, _w, b) => b.lineBreak(),
  horizontalLine,
  // A word-break opportunity: wrap.ts breaks at spaces only, so the word stays whole.
  wbr: () => undefined,
};

// html-to-text's own format names, mapped to ours (its defaults select them for p, div, br, ul …).
const aliases: Record<string, string> = { orderedList: 'list', unorderedList: 'list', dataTable: 'table', inlineString: 'inline', blockString: 'block', inlineTag: 'inline', blockTag: 'block', inlineHtml: 'inline', blockHtml: 'block', inlineSurround: 'inline' };

/** Every formatter by format name, each behind the hidden-content check; `skip` for elements never shown. */
export const formatters: Record<string, Format> = {
  ...Object.fromEntries(Object.entries(table_).map(([name, f]) => [name, visible(boxed(f, name))])),
  ...Object.fromEntries(Object.entries(aliases).map(([name, to]) => [name, visible(boxed(table_[to]!, to))])),
  skip,
};
