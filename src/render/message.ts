import { blankBlock, spanLists, type Block } from '../document.js';
import type { Mail, Part } from '../mail.js';
import { listAttachments, listCalendars, selectParts, type Preference } from '../select.js';
import { renderCalendars } from './calendar.js';
import type { RenderContext } from './context.js';
import { markDeceptiveLinks } from './deceptive.js';
import { renderAttachments, renderHeaders } from './headers.js';
import { plainAlternative, renderHtmlSafely } from './safe-html.js';
import { renderText } from './text.js';

/** What renderMessage needs from the options. */
export interface MessageOptions {
  readonly headers: readonly string[];
  readonly prefer: Preference;
  /** The reader's `TZ` (cli.ts reads it), for calendar times; unset: the system's zone. */
  readonly tz?: string | undefined;
}

/**
 * A whole message: header block (and `extra` lines after it, such as the browser view's link), the
 * selected parts in order, nested messages, calendar parts, attachment list.
 */
export function renderMessage(mail: Mail, options: MessageOptions, ctx: RenderContext, extra: readonly Block[] = []): Block[] {
  const sections: Block[][] = [[...renderHeaders(mail, options.headers, ctx), ...extra]];
  for (const shown of selectParts(mail.root, options.prefer)) {
    if (shown.kind === 'message') sections.push(nested(renderMessage(shown.mail, options, ctx)));
    else if (shown.kind === 'html') sections.push(markDeceptiveLinks(htmlOrPlain(shown.text, mail.root, ctx)));
    else sections.push(markDeceptiveLinks(renderText(shown.text, ctx)));
  }
  for (const calendar of renderCalendars(listCalendars(mail.root), options.tz, ctx)) sections.push(markDeceptiveLinks(calendar));
  sections.push(renderAttachments(listAttachments(mail.root)));
  return joinSections(sections);
}

// An HTML alternative that shows no text at all (real Office 365 bounces) loses to a plain one that has some.
function htmlOrPlain(html: string, root: Part, ctx: RenderContext): Block[] {
  const blocks = renderHtmlSafely(html, ctx, root, imageNames(root));
  if (hasText(blocks)) return blocks;
  const plain = plainAlternative(root, html);
  return plain === undefined ? blocks : renderText(plain, ctx);
}

function hasText(blocks: readonly Block[]): boolean {
  for (const spans of spanLists(blocks)) if (spans.some((s) => /\S/.test(s.text))) return true;
  return false;
}

// Content-ID → file name of every attachment, for cid: images in the HTML.
function imageNames(part: Part, names = new Map<string, string>()): Map<string, string> {
  if (part.kind === 'attachment' && part.attachment.contentId && part.attachment.filename) names.set(part.attachment.contentId, part.attachment.filename);
  if (part.kind === 'multipart') for (const child of part.children) imageNames(child, names);
  return names;
}

// A forwarded message, a digest entry or an attached message is set off by a bar on every line, under a label.
function nested(blocks: Block[]): Block[] {
  const label: Block = { kind: 'text', spans: [{ text: '┌ Enclosed message', style: { dim: true } }], margins: [] };
  return [label, ...blocks.map((b) => ({ ...b, margins: [{ kind: 'bar' } as const, ...b.margins] }))];
}

/** Sections separated by one blank line, empty ones dropped. */
export function joinSections(sections: readonly Block[][]): Block[] {
  const out: Block[] = [];
  for (const section of sections) {
    if (section.length === 0) continue;
    if (out.length) out.push(blankBlock);
    for (const block of section) out.push(block); // push(...) overflows the stack on long bodies
  }
  return out;
}
