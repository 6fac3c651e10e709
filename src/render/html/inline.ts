// Decisions about inline HTML the formatters in html.ts ask for: what an image is called, and
// whether two inline elements written side by side need a space between them.
import { resolveLink, type LinkPolicy } from '../../links/links.js';
import type { Elem } from './builder.js';
import { isDecoration } from './table-kind.js';

/** What an image's label may be made of, beside its own attributes. */
export interface ImageContext {
  readonly policy: LinkPolicy;
  /** The file name of a `cid:` part of the message (RFC 2392), by Content-ID without `<>`. */
  readonly cidName: (id: string) => string | undefined;
}

/**
 * The label of an image, or undefined when it is left out: `[image: ALT]`, a `cid:` image by its
 * file name, a linked image by where the link goes (`[image → facebook.com]`) or a meaningful file
 * name; pixels, decoration and unlinked images without words are left out.
 */
export function imageLabel(img: Elem, ctx: ImageContext): string | undefined {
  const a = img.attribs ?? {};
  if (isDecoration(img)) return undefined;
  const src = (a.src ?? '').trim();
  const alt = (a.alt ?? a.title ?? '').replace(/\s+/g, ' ').trim();
  const name = alt || (/^cid:/i.test(src) ? (ctx.cidName(src.slice(4).replace(/^<|>$/g, '')) ?? '') : '');
  if (name) return `[image: ${name}]`;
  const link = linkOf(img);
  // A cid: image is a part of this message: it is there even without a name.
  if (!link) return /^cid:/i.test(src) ? '[image: attached]' : undefined;
  const host = linkHost(link.attribs?.href ?? '', ctx.policy);
  if (host) return `[image → ${host}]`;
  const file = meaningfulName(src);
  return file ? `[image: ${file}]` : undefined;
}

function linkOf(elem: Elem): Elem | undefined {
  for (let p = elem.parent; p; p = p.parent) if (p.name === 'a') return p;
  return undefined;
}

// The site a link leads to (redirectors unwrapped by the link policy), or the address of a mailto:.
function linkHost(href: string, policy: LinkPolicy): string | undefined {
  const target = resolveLink(href, policy);
  if (!target?.followed) return undefined;
  try {
    const url = new URL(target.href);
    if (url.protocol === 'mailto:') return decodeURIComponent(url.pathname) || undefined;
    return url.hostname.replace(/^www\./i, '') || undefined;
  } catch {
    return undefined;
  }
}

/** An image file name that says something (`facebook.png`, `icon-twitter@2x.png`), not a hash or a number. */
export function meaningfulName(src: string): string | undefined {
  const file = src.split(/[?#]/)[0]!.split('/').at(-1) ?? '';
  let base: string;
  try {
    base = decodeURIComponent(file).replace(/\.[a-z0-9]{2,4}$/i, '').replace(/@\dx$/i, '');
  } catch {
    return undefined;
  }
  const chunks = base.split(/[-_ .]+/).filter(Boolean);
  // Words in one case or camelCase; a random id (`IuFYinx`, `T4Spl0q`) mixes case and digits at random.
  const word = /^(\p{Ll}+|\p{Lu}+|\p{Lu}?\p{Ll}+(\p{Lu}\p{Ll}+)+|\p{Lu}\p{Ll}+|\d+|\d+x\d*)$/u;
  const wordy = chunks.every((c) => word.test(c)) && chunks.some((c) => /^\p{L}{3,}$/u.test(c));
  const generic = /^(image|img|spacer|pixel|blank|transparent|clear|shim|dot|open|track|t|p)$/i;
  if (!wordy || base.length > 40 || chunks.every((c) => generic.test(c) || /^\d/.test(c))) return undefined;
  return base;
}

/**
 * Whether an inline element needs a space after it: the next node is an element, with nothing
 * between them, and both are links, or a number runs into a word (`<span>200</span><span>Deals</span>`,
 * a counter its style sheet sets apart); browsers keep them apart by padding or display:block.
 * Asked before the element is written: a written element's children are let go.
 */
export function needsSpaceAfter(elem: Elem): boolean {
  const next = (elem as { next?: Elem | null }).next;
  if (next?.type !== 'tag') return false;
  if (elem.name === 'a' && next.name === 'a') return true;
  return /\d$/.test(edgeText(elem, 'last')) && /^\p{L}/u.test(edgeText(next, 'first'));
}

// The text at one end of an element: its first or last text node, found without reading the rest.
function edgeText(elem: Elem, end: 'first' | 'last'): string {
  let node: Elem | undefined = elem;
  for (let depth = 0; node && depth < 20; depth++) {
    if (node.type === 'text') return String(node.data ?? '');
    const kids: Elem[] = node.children ?? [];
    node = end === 'first' ? kids[0] : kids[kids.length - 1];
  }
  return '';
}
