// The browser view of one input: its first message's HTML, or its text, as a page that loads
// nothing (safe-page.ts), with cid: images inlined and links through the link policy; opened at once
// with --browser, or offered as a `View in browser` link when paging. It is made from the same parse
// as the terminal view.
import type { Block } from '../document/document.js';
import type { RenderContext } from '../links/context.js';
import { resolveLink } from '../links/links.js';
import type { Parsed } from '../mime/parse-input.js';
import { selectParts } from '../mime/select.js';
import type { Mail, Part } from '../mime/types.js';
import { nestingDepth } from '../render/html/html-depth.js';
import { maxNesting } from '../render/html/html.js';
import { htmlText } from '../render/safe-html.js';
import { openCommands, openView, viewLink, viewPath, writeView } from './browser.js';
import { makeSafePage, makeTextPage, type PageImage } from './safe-page.js';

/** What the page depends on. */
export interface PageSettings {
  readonly unwrap: boolean;
}

/** Where view files go and how they are opened: the process's side, from cli.ts. */
export interface ViewPlace {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly uid: number;
  readonly platform: string;
}

/** The page for an input: bare HTML as it is, a message's HTML parts (else its text), text as text. */
export function browserPage(parsed: Parsed, settings: PageSettings): string {
  const link = (href: string, base: string | undefined) => {
    const target = resolveLink(href, base === undefined ? { unwrap: settings.unwrap } : { unwrap: settings.unwrap, base });
    return target?.followed ? target.href : undefined;
  };
  if (parsed.kind === 'html') return htmlPage(parsed.html, parsed.name, new Map(), link);
  if (parsed.kind === 'text') return makeTextPage(parsed.text, parsed.name);
  const mail = parsed.mails[0];
  if (!mail) return makeTextPage('', parsed.name);
  const title = mail.headers.get('subject')?.[0] ?? '(no subject)';
  const shown = selectParts(mail.root, 'html');
  const html = shown.flatMap((s) => (s.kind === 'html' ? [s.text] : []));
  if (html.length) return htmlPage(html.join('\n<hr>\n'), title, imagesOf(mail.root), link);
  return makeTextPage(shown.flatMap((s) => (s.kind === 'plain' ? [s.text] : [])).join('\n\n'), title);
}

type LinkFn = (href: string, base: string | undefined) => string | undefined;

// HTML nested deeper than the terminal renderer takes is shown as its text, as there.
function htmlPage(html: string, title: string, images: ReadonlyMap<string, PageImage>, link: LinkFn): string {
  if (nestingDepth(html, maxNesting) <= maxNesting) {
    try {
      return makeSafePage(html, { title, images, link });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return makeTextPage(htmlText(html), title);
}

// Content-ID → image of every part whose bytes parseMail kept.
function imagesOf(part: Part, images = new Map<string, PageImage>()): Map<string, PageImage> {
  if (part.kind === 'attachment' && part.content && part.attachment.contentId) {
    images.set(part.attachment.contentId, { contentType: part.attachment.contentType, content: part.content });
  }
  if (part.kind === 'multipart') for (const child of part.children) imagesOf(child, images);
  return images;
}

/** --browser: write the page of an input to a new private file and open it. */
export async function openInBrowser(parsed: Parsed, settings: PageSettings, place: ViewPlace): Promise<void> {
  const path = viewPath(place.env, place.uid);
  writeView(path, browserPage(parsed, settings), place.uid);
  await openView(path, openCommands(place.env, place.platform), place.env);
}

/** A `View in browser` link offered in the header block; the file is written once the pager runs. */
export interface ViewOffer {
  readonly path: string;
  readonly href: string;
  /** The input the link was put on; the page is made from it. */
  parsed?: Parsed;
}

/** An offer of a view file for this run, linked as `file://HOST/PATH`. */
export function offerView(place: ViewPlace, hostname: string): ViewOffer {
  const path = viewPath(place.env, place.uid);
  return { path, href: viewLink(path, hostname) };
}

/** Whether an input has HTML worth a browser, so that its header block offers the link. */
export function hasHtml(parsed: Parsed): boolean {
  if (parsed.kind !== 'mail') return parsed.kind === 'html';
  const first: Mail | undefined = parsed.mails[0];
  return first !== undefined && selectParts(first.root, 'html').some((s) => s.kind === 'html');
}

/** The `View in browser` line: a link mailview made, never one taken from the mail. */
export function viewBlock(offer: ViewOffer, ctx: RenderContext): Block {
  const link = { href: offer.href, followed: true, local: true, id: `${ctx.idPrefix}-${ctx.counter.next++}` };
  return { kind: 'text', spans: [{ text: 'View in browser', link }], margins: [] };
}

/** Write the offered file, after letting the pager start: the first screen waits for none of it. */
export async function writeOffered(offer: ViewOffer, settings: PageSettings, place: ViewPlace): Promise<void> {
  if (!offer.parsed) return;
  await new Promise((resolve) => setImmediate(resolve));
  writeView(offer.path, browserPage(offer.parsed, settings), place.uid);
}
