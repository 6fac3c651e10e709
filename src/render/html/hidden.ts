// Content the sender hid from every reader, read as a browser reads CSS (css.ts tokenises it).
// `mso-hide:all` is not among the rules: it hides content from Outlook only (the other copy of a
// "bulletproof button" is Outlook-only VML in a comment), so hiding it would lose the main button
// of many templates.
import type { Elem } from './builder.js';
import { backgroundUrls, styleDeclarations } from './css.js';
import type { RenderContext } from '../../links/context.js';

// Tested first: most elements of an HTML mail carry inline styles, few of them hide anything.
const mayHide = /display|visibility|height|width|opacity|font|position|left|top|indent|\\/i;
const zero = /^[+-]?(?:0+(?:\.0*)?|\.0+)(?:[a-z%]+)?$/;
// A box this far off the screen (left:-9999px, the phisher's favourite) is never seen.
const offScreen = -1000;

/** True when an inline style hides the element (display:none, opacity:0, visibility:hidden …); font-size:0 alone does not. */
export function hiddenByStyle(style: string): boolean {
  const hiding = hidingOf(style);
  return hiding === 'whole' || hiding === 'visibility';
}

/** True when an inline style hides its element or any of its text in any way hiddenParts knows. */
export function hidesAny(style: string): boolean {
  return hidingOf(style) !== undefined;
}

type Hiding = 'whole' | 'visibility' | 'font-size';

// CSS 2 11.2 and 9.3, CSS Color 4 opacity: how a style hides its element. Visibility and font-size
// are inherited, so a descendant may show again; the others hide the whole box.
function hidingOf(style: string): Hiding | undefined {
  if (!mayHide.test(style)) return undefined;
  const d = styleDeclarations(style);
  const overflowHidden = (d.get('overflow') ?? d.get('overflow-y') ?? d.get('overflow-x')) === 'hidden';
  if (d.get('display') === 'none' || zeroValue(d.get('opacity'))) return 'whole';
  if (overflowHidden && (zeroValue(d.get('max-height')) || zeroValue(d.get('max-width')) || zeroValue(d.get('height')) || zeroValue(d.get('width')))) return 'whole';
  if (isOffScreen(d)) return 'whole';
  if (d.get('visibility') === 'hidden' || d.get('visibility') === 'collapse') return 'visibility';
  if (zeroValue(d.get('font-size'))) return 'font-size';
  return undefined;
}

function zeroValue(value: string | undefined): boolean {
  return value !== undefined && zero.test(value);
}

function isOffScreen(d: ReadonlyMap<string, string>): boolean {
  const position = d.get('position');
  const placed = position === 'absolute' || position === 'fixed';
  const far = (name: string): boolean => Number.parseFloat(d.get(name) ?? '') <= offScreen;
  return (placed && (far('left') || far('top'))) || far('text-indent');
}

/**
 * What of an element a reader sees: all of it (undefined), nothing ([]), or, when it is hidden by
 * visibility (an inherited property), the descendants that show again with `visibility:visible`.
 */
export function hiddenParts(elem: Elem): Elem[] | undefined {
  const a = elem.attribs ?? {};
  if (a.hidden !== undefined) return [];
  const hiding = a.style === undefined ? undefined : hidingOf(a.style);
  if (hiding === undefined) return undefined;
  if (hiding === 'whole') return [];
  // font-size:0 around elements is a layout trick (no gaps between inline blocks; tables in quirks
  // mode do not inherit it), not hiding: only text set in it directly, with no element inside, is hidden.
  if (hiding === 'font-size') return (elem.children ?? []).every((c) => c.type === 'text') && hasOwnText(elem) ? [] : undefined;
  return shownAgain(elem);
}

// The topmost descendants that set visibility:visible again (walked iteratively: markup can be deep).
function shownAgain(top: Elem): Elem[] {
  const out: Elem[] = [];
  const stack: Elem[] = [...(top.children ?? [])].reverse();
  while (stack.length) {
    const elem = stack.pop()!;
    if (elem.type !== 'tag') continue;
    const d = styleDeclarations(elem.attribs?.style ?? '');
    if (elem.attribs?.hidden !== undefined || d.get('display') === 'none') continue;
    if (d.get('visibility') === 'visible') out.push(elem);
    else for (let i = (elem.children ?? []).length - 1; i >= 0; i--) stack.push(elem.children![i]!);
  }
  return out;
}

function hasOwnText(elem: Elem): boolean {
  const stack: Elem[] = [elem];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.type === 'text' && String(e.data ?? '').trim() !== '') return true;
    stack.push(...(e.children ?? []));
  }
  return false;
}

/** Note an `<img>` whose src or srcset candidates are on the web, shown or `hidden`, for the tracking notice. */
export function noteRemoteImage(img: Elem, ctx: RenderContext, hidden: boolean): void {
  const a = img.attribs ?? {};
  const d = a.style === undefined ? undefined : styleDeclarations(a.style);
  // A size set by CSS wins over the attribute, as in a browser.
  const width = d?.get('width') ?? a.width;
  const height = d?.get('height') ?? a.height;
  const size = { ...(width ? { width } : {}), ...(height ? { height } : {}) };
  for (const src of [a.src ?? '', ...srcsetUrls(a.srcset ?? '')]) {
    const url = src.trim();
    if (/^https?:/i.test(url)) ctx.remoteImages.push({ src: url, hidden, ...size });
  }
}

// HTML 4.8.4.3: srcset is a comma-separated list of URLs, each with an optional descriptor.
function srcsetUrls(srcset: string): string[] {
  return srcset.split(/,\s+|,(?=https?:)/i).map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** Note the web images an element's inline style loads as backgrounds, for the tracking notice. */
export function noteBackgrounds(elem: Elem, ctx: RenderContext, hidden: boolean): void {
  const style = elem.attribs?.style;
  const background = elem.attribs?.background;
  const urls = [...(style && /url|src/i.test(style) ? backgroundUrls(style) : []), ...(background ? [background] : [])];
  for (const url of urls) if (/^https?:/i.test(url.trim())) ctx.remoteImages.push({ src: url.trim(), hidden });
}

/** Note the web images a `<style>` sheet loads as backgrounds (a mail client loads them on opening). */
export function noteSheetBackgrounds(css: string, ctx: RenderContext): void {
  if (!/url|src/i.test(css)) return;
  for (const url of backgroundUrls(css)) if (/^https?:/i.test(url.trim())) ctx.remoteImages.push({ src: url.trim(), hidden: false });
}

/** Note the remote images inside hidden content (walked iteratively: hidden markup can be deep). */
export function recordHiddenImages(top: Elem, ctx: RenderContext): void {
  const stack: Elem[] = [top];
  while (stack.length) {
    const elem = stack.pop()!;
    if (elem.name === 'img') noteRemoteImage(elem, ctx, true);
    noteBackgrounds(elem, ctx, true);
    const children = elem.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.type === 'tag') stack.push(children[i]!);
  }
}
