// Content the sender hid from every reader. `mso-hide:all` is not among the rules: it hides content
// from Outlook only (the other copy of a "bulletproof button" is Outlook-only VML in a comment), so
// hiding it would lose the main button of many templates.
import type { Elem } from './builder.js';
import { styleDeclarations } from './css.js';
import type { RenderContext } from '../../links/context.js';

// Tested first: most elements of an HTML mail carry inline styles, few of them hide anything.
const mayHide = /display|visibility|max-height/i;

/** True when an inline style hides the element: display:none, visibility:hidden, or max-height:0 with overflow:hidden. */
export function hiddenByStyle(style: string): boolean {
  if (!mayHide.test(style)) return false;
  const decl = styleDeclarations(style);
  if (decl.get('display') === 'none' || decl.get('visibility') === 'hidden') return true;
  const maxHeight = decl.get('max-height');
  const overflow = decl.get('overflow') ?? decl.get('overflow-y');
  return maxHeight !== undefined && /^0(\.0*)?([a-z%]+)?$/.test(maxHeight) && overflow === 'hidden';
}

/** Note an `<img>` whose src is on the web, shown or `hidden`, for the tracking notice. */
export function noteRemoteImage(img: Elem, ctx: RenderContext, hidden: boolean): void {
  const a = img.attribs ?? {};
  const src = (a.src ?? '').trim();
  if (/^https?:/i.test(src)) ctx.remoteImages.push({ src, hidden, ...(a.width ? { width: a.width } : {}), ...(a.height ? { height: a.height } : {}) });
}

/** Note the remote images inside hidden content (walked iteratively: hidden markup can be deep). */
export function recordHiddenImages(top: Elem, ctx: RenderContext): void {
  const stack: Elem[] = [top];
  while (stack.length) {
    const elem = stack.pop()!;
    if (elem.name === 'img') noteRemoteImage(elem, ctx, true);
    const children = elem.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.type === 'tag') stack.push(children[i]!);
  }
}
