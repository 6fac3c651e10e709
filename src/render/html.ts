// The only importer of html-to-text. It walks the DOM with our formatters, which write structure as
// in-band markers (annotated.ts); wordwrap is off, since wrapping by UTF-16 length would count CJK
// and escapes wrongly: wrap.ts does all wrapping.
import { compile } from 'html-to-text';
import type { FormatCallback, HtmlToTextOptions } from 'html-to-text';
import type { Block, Link } from '../document.js';
import { mark, parseAnnotated, type RawTable } from './annotated.js';
import { formatTable } from './html-table.js';
import { makeLink, type RenderContext } from './context.js';

interface Meta {
  readonly ctx: RenderContext;
  readonly base?: string;
  readonly links: (Link | undefined)[];
  readonly tables: RawTable[];
  /** Content-ID (without <>) → file name of the message's parts, for cid: images. */
  readonly images: ReadonlyMap<string, string>;
}

/** An html-to-text formatter, for the formatters kept in files of their own (html-table.ts). */
export type Formatter = FormatCallback;
/** The text builder a formatter writes to. */
export type Builder = Parameters<FormatCallback>[2];
/** A DOM element as a formatter sees it. */
export type Elem = Parameters<FormatCallback>[0];

const meta = (builder: Builder): Meta => (builder as unknown as { metadata: Meta }).metadata;

function surround(on: string, off: string): FormatCallback {
  return (elem, walk, builder) => {
    builder.addLiteral(on);
    walk(elem.children, builder);
    builder.addLiteral(off);
  };
}

// Prefix every line of a block with `first` (first line) or `rest` (the others).
function prefixLines(first: string, rest: string): (text: string) => string {
  return (text) =>
    text
      .replace(/^\n+|\n+$/g, '')
      .split('\n')
      .map((line, i) => (i === 0 ? first : rest) + line)
      .join('\n');
}

// Registers the link and writes its open marker; annotated.ts finds it by its index.
function openLink(builder: Builder, link: Link): void {
  const links = meta(builder).links;
  links.push(link);
  builder.addLiteral(`${mark.linkOpen}${links.length - 1}${mark.linkEnd}`);
}

const anchor: FormatCallback = (elem, walk, builder) => {
  const href = elem.attribs?.href;
  const m = meta(builder);
  const link = href === undefined ? undefined : makeLink(href, m.ctx, m.base);
  if (!link) return walk(elem.children, builder);
  openLink(builder, link);
  walk(elem.children, builder);
  builder.addLiteral(mark.linkClose);
};

const heading: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  surround(mark.boldOn, mark.boldOff)(elem, walk, builder, {});
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const blockquote: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2, blockTransform: prefixLines(mark.quote, mark.quote) });
};

const pre: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ isPre: true, leadingLineBreaks: 2 });
  walk(elem.children, builder);
  const expand = (line: string) => line.replace(/\t/g, '        ');
  builder.closeBlock({
    trailingLineBreaks: 2,
    blockTransform: (text) => prefixLines(mark.pre, mark.pre)(text.split('\n').map(expand).join('\n')),
  });
};

// Outlook writes no quote container: the quoted message is its header box and every sibling after it.
const outlookQuote: FormatCallback = (elem, walk, builder) => {
  const siblings: Elem[] = elem.parent?.children ?? [];
  const at = siblings.indexOf(elem);
  // The parent's walk iterates this same array, so cutting it here makes the parent stop.
  const after = at < 0 ? [] : siblings.splice(at + 1);
  builder.openBlock({ leadingLineBreaks: 2 });
  walk([...(elem.children ?? []), ...after], builder);
  builder.closeBlock({ trailingLineBreaks: 2, blockTransform: prefixLines(mark.quote, mark.quote) });
};

const rule: FormatCallback = (_elem, _walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(mark.rule);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const list: FormatCallback = (elem, walk, builder) => {
  const ordered = elem.name === 'ol';
  let n = Number(elem.attribs?.start ?? '1') || 1;
  const items = (elem.children ?? []).filter((c: Elem) => c.type === 'tag');
  if (!items.length) return;
  const depth = listDepth(elem);
  const nested = depth > 0;
  builder.openBlock({ leadingLineBreaks: nested ? 1 : 2 });
  for (const item of items) {
    const marker = ordered ? `${n++}. ` : bullets[depth % bullets.length]!;
    builder.openBlock({ leadingLineBreaks: 1 });
    walk(item.name === 'li' ? item.children : [item], builder);
    const cont = `${mark.cont}${marker}${mark.itemEnd}`;
    builder.closeBlock({ trailingLineBreaks: 1, blockTransform: prefixLines(`${mark.item}${marker}${mark.itemEnd}`, cont) });
  }
  builder.closeBlock({ trailingLineBreaks: nested ? 1 : 2 });
};

// Each level of nested bullet list gets its own bullet, as browsers draw them.
const bullets = ['• ', '◦ ', '▪ '];

function listDepth(elem: Elem): number {
  let depth = 0;
  for (let p = elem.parent; p; p = p.parent) if (p.name === 'ul' || p.name === 'ol') depth++;
  return depth;
}

// Tracking pixels and images without alt text outside a link are noise; the rest show as [image: ALT].
const image: FormatCallback = (elem, _walk, builder) => {
  const a = elem.attribs ?? {};
  const alt = (a.alt ?? a.title ?? '').trim();
  const inLink = hasAncestor(elem, 'a');
  const pixel = /^[01](px)?$/i.test(a.width ?? '') || /^[01](px)?$/i.test(a.height ?? '');
  if (pixel || (!alt && !inLink && !/^cid:/i.test(a.src ?? ''))) return;
  const src = (a.src ?? '').trim();
  const m = meta(builder);
  // RFC 2392: cid: names a part of this message; its file name says more than nothing.
  const name = alt || (/^cid:/i.test(src) ? (m.images.get(src.slice(4).replace(/^<|>$/g, '')) ?? '') : '');
  const label = name ? `[image: ${name}]` : '[image]';
  const link = !inLink && /^https?:/i.test(src.trim()) ? makeLink(src, m.ctx, m.base) : undefined;
  if (!link) return builder.addInline(label, { noWordTransform: true });
  openLink(builder, link);
  builder.addInline(label, { noWordTransform: true });
  builder.addLiteral(mark.linkClose);
};

function hasAncestor(elem: Elem, name: string): boolean {
  for (let p = elem.parent; p; p = p.parent) if (p.name === name) return true;
  return false;
}

const hiddenStyles = ['display:none', 'display: none', 'visibility:hidden', 'visibility: hidden', 'max-height:0', 'max-height: 0', 'mso-hide:all', 'mso-hide: all'];
const hidden = ['head', 'style', 'script', 'template', 'title', 'noscript', '[hidden]', ...hiddenStyles.map((s) => `[style*="${s}" i]`)];

// Reply quotes that are not <blockquote>: Yahoo's container and Outlook's indented reply.
const quoteContainers = ['div.yahoo_quoted', '[style*="border:none;border-left:solid" i]'];
// Outlook's header box ("From: … Sent: …") above a reply, and Outlook on the web's.
const outlookHeaders = ['div[style*="border:none;border-top:solid #B5C4DF" i]', 'div[style*="border:none;border-top:solid #E1E1E1" i]', 'div#divRplyFwdMsg'];

const blocks = ['tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'center', 'dl', 'dt', 'dd', 'figure', 'address'];

const options: HtmlToTextOptions = {
  wordwrap: false,
  baseElements: { selectors: ['body'], returnDomByDefault: true },
  // Deeply nested HTML (hostile or broken) is cut off here instead of overflowing the stack.
  limits: { maxDepth: 400, maxInputLength: Number.MAX_SAFE_INTEGER, maxChildNodes: 50_000 },
  formatters: { table: formatTable, outlookQuote, anchor, heading, blockquote, pre, rule, list, image, bold: surround(mark.boldOn, mark.boldOff), italic: surround(mark.italicOn, mark.italicOff), underline: surround(mark.underlineOn, mark.underlineOff) },
  selectors: [
    { selector: 'a', format: 'anchor' },
    { selector: 'table', format: 'table' },
    ...['b', 'strong'].map((selector) => ({ selector, format: 'bold' })),
    ...['i', 'em', 'cite'].map((selector) => ({ selector, format: 'italic' })),
    { selector: 'u', format: 'underline' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'heading' })),
    { selector: 'blockquote', format: 'blockquote' },
    ...quoteContainers.map((selector) => ({ selector, format: 'blockquote' })),
    ...outlookHeaders.map((selector) => ({ selector, format: 'outlookQuote' })),
    { selector: 'pre', format: 'pre' },
    { selector: 'hr', format: 'rule' },
    { selector: 'ul', format: 'list' },
    { selector: 'ol', format: 'list' },
    { selector: 'img', format: 'image' },
    ...blocks.map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
    ...hidden.map((selector) => ({ selector, format: 'skip' })),
  ],
};

let converter: ((html: string, metadata?: unknown) => string) | undefined;

/** Render an HTML body into document blocks; `images` maps Content-IDs to file names. */
export function renderHtml(html: string, ctx: RenderContext, images: ReadonlyMap<string, string> = new Map()): Block[] {
  converter ??= compile(options);
  const source = html.toWellFormed();
  const base = baseHref(source);
  const shared = { ctx, links: [], tables: [], images };
  const m: Meta = base === undefined ? shared : { ...shared, base };
  return parseAnnotated(converter(source, m), m.links, m.tables);
}

function baseHref(html: string): string | undefined {
  // Bounded so that many `<base ` openings without `>` cannot make it quadratic.
  const tag = /<base\s[^>]{0,1024}?href\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(html.slice(0, 65536));
  return tag ? (tag[2] ?? tag[3] ?? tag[4]) : undefined;
}
