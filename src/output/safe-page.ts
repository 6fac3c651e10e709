// The only importer of domhandler and dom-serializer (html-to-text bundles the same versions; the
// DOM comes from htmlparser2 through render/html-depth.ts): a mail's HTML → a page that a browser
// opens without loading or running anything.
// The Content-Security-Policy does the blocking; the rewrite removes what CSP does not cover
// (meta refresh, prefetch links, ping, forms) and every remote reference it can see. No library
// does this with our link policy and cid: images (sanitize-html would bring postcss and still
// need both hooks), so the allow-lists below are ours.
import render from 'dom-serializer';
import { Element, Text, isTag, isText, type ChildNode } from 'domhandler';
import { parseHtmlDocument } from '../render/html/html-depth.js';
import { rewriteCssUrls } from '../render/html/css.js';

/** An image a cid: URL may name: its type and bytes. */
export interface PageImage {
  readonly contentType: string;
  readonly content: Buffer;
}

/** What makeSafePage needs besides the HTML. */
export interface PageOptions {
  readonly title: string;
  /** Images by Content-ID (without angle brackets). */
  readonly images: ReadonlyMap<string, PageImage>;
  /** The cleaned target of a link (the link policy), or undefined for one not to follow. */
  readonly link: (href: string, base: string | undefined) => string | undefined;
}

/** Nothing remote, no script, no plugin, no form, no frame, no <base>; inline styles and data: images only. */
export const pagePolicy =
  "default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; img-src data:; media-src data:; font-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

// Elements whose content goes too: active content, embedded documents, foreign (SVG, MathML) and
// raw-text elements a browser could parse differently, and <meta>/<link>/<base> (refresh, prefetch).
const dropped = new Set(
  'script noscript template iframe frame frameset object embed applet svg math audio video canvas input select textarea option meta link base param source track xmp plaintext noembed noframes portal title area map'.split(' '),
);

// Kept with their allowed attributes; any other element is replaced by its content.
const kept = new Set(
  'a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd label li main mark nav ol p pre q rp rt ruby s samp section small span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr'.split(' '),
);

// Attributes that load or run nothing; href, src, background and style are rewritten on their own.
const plainAttributes = new Set(
  'align valign width height bgcolor color face size border cellpadding cellspacing colspan rowspan nowrap dir lang title class id name role alt start type value span headers scope abbr summary hidden reversed datetime open aria-hidden aria-label'.split(' '),
);

interface Walk extends PageOptions {
  readonly base: string | undefined;
  body: Record<string, string>;
}

/** The page for `html`: the policy's <meta> first in <head>, then the mail's content, rewritten. */
export function makeSafePage(html: string, options: PageOptions): string {
  const doc = parseHtmlDocument(html);
  const walk: Walk = { ...options, base: baseOf(doc.children), body: {} };
  const content = cleanNodes(doc.children, walk, false);
  return pageOf(options.title, element('body', walk.body, content));
}

/** The page for plain text: the text as it is, wrapped by the browser. */
export function makeTextPage(text: string, title: string): string {
  return pageOf(title, element('body', {}, [element('pre', { style: 'white-space: pre-wrap' }, [new Text(text)])]));
}

function pageOf(title: string, body: Element): string {
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${pagePolicy}">`,
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    render(element('title', {}, [new Text(title)]), { encodeEntities: 'utf8' }),
  ];
  return `<!DOCTYPE html>\n<html><head>\n${head.join('\n')}\n</head>\n${render(body, { encodeEntities: 'utf8' })}\n</html>\n`;
}

function element(name: string, attribs: Record<string, string>, children: ChildNode[]): Element {
  const el = new Element(name, attribs, children);
  for (const child of children) child.parent = el;
  return el;
}

function cleanNodes(nodes: readonly ChildNode[], walk: Walk, inLink: boolean): ChildNode[] {
  const out: ChildNode[] = [];
  for (const node of nodes) {
    if (isText(node)) out.push(new Text(node.data));
    else if (isTag(node)) for (const n of cleanElement(node, walk, inLink)) out.push(n);
    // Comments (Outlook's conditional markup among them), doctypes and CDATA are left out.
  }
  return out;
}

function cleanElement(node: Element, walk: Walk, inLink: boolean): ChildNode[] {
  const name = node.name.toLowerCase();
  if (dropped.has(name)) return [];
  if (name === 'style') return [element('style', {}, [new Text(cleanCss(textOf(node), walk))])];
  if (name === 'img') return cleanImage(node, walk, inLink);
  if (name === 'body') walk.body = cleanAttributes(node, walk);
  const children = cleanNodes(node.children, walk, inLink || name === 'a');
  return kept.has(name) ? [element(name, cleanAttributes(node, walk), children)] : children;
}

function cleanAttributes(node: Element, walk: Walk): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(node.attribs)) {
    const name = rawName.toLowerCase();
    if (plainAttributes.has(name)) out[name] = value;
    else if (name === 'style') out.style = cleanCss(value, walk);
    else if (name === 'background') {
      const url = imageUrl(value, walk);
      if (url) out.background = url;
    } else if (name === 'href' && node.name === 'a') {
      const target = /^#[^\s"'<>]*$/.test(value.trim()) ? value.trim() : walk.link(value, walk.base);
      if (target) out.href = target;
    }
  }
  return out;
}

// A remote image becomes its alt text, as in the terminal; a cid: or data: one stays, inlined.
function cleanImage(node: Element, walk: Walk, inLink: boolean): ChildNode[] {
  const src = imageUrl(node.attribs.src ?? '', walk);
  if (src) return [element('img', { ...cleanAttributes(node, walk), src }, [])];
  const alt = (node.attribs.alt ?? '').replace(/\s+/g, ' ').trim();
  if (alt) return [new Text(`[image: ${alt}]`)];
  return inLink ? [new Text('[image]')] : [];
}

const dataImage = /^data:image\/[a-z0-9.+-]+[;,]/i;

/** A data: URI for a cid: image the message carries, or a data: image as written; else undefined. */
function imageUrl(raw: string, walk: Walk): string | undefined {
  const url = raw.trim();
  if (dataImage.test(url)) return url.replace(/[\s"'()\\]/g, '');
  if (!/^cid:/i.test(url)) return undefined;
  const id = url.slice(4);
  const image = walk.images.get(id) ?? walk.images.get(safeDecode(id));
  if (!image || !/^image\/[a-z0-9.+-]+$/.test(image.contentType)) return undefined;
  return `data:${image.contentType};base64,${image.content.toString('base64')}`;
}

// RFC 2392: a cid: URL is the Content-ID, percent-encoded.
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function textOf(node: Element): string {
  return node.children.map((c) => (isText(c) ? c.data : isTag(c) ? textOf(c) : '')).join('');
}

/** CSS with every url() that is not an inlined image emptied, @import and image-set() removed (css.ts tokenises it as a browser does). */
export function cleanCss(css: string, walk: Pick<Walk, 'images'>): string {
  return rewriteCssUrls(css, (url) => imageUrl(url, walk as Walk));
}

function baseOf(nodes: readonly ChildNode[]): string | undefined {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === 'base' && node.attribs.href) return node.attribs.href;
    const inner = baseOf(node.children);
    if (inner) return inner;
  }
  return undefined;
}
