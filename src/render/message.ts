import { blankBlock, type Block } from '../document.js';
import type { Mail } from '../mail.js';
import { listAttachments, selectParts, type Preference } from '../select.js';
import type { RenderContext } from './context.js';
import { renderAttachments, renderHeaders } from './headers.js';
import { renderHtml } from './html.js';
import { renderText } from './text.js';

/** What renderMessage needs from the options. */
export interface MessageOptions {
  readonly headers: readonly string[];
  readonly prefer: Preference;
}

/** A whole message: header block, the selected parts in order, nested messages, attachment list. */
export function renderMessage(mail: Mail, options: MessageOptions, ctx: RenderContext): Block[] {
  const sections: Block[][] = [renderHeaders(mail, options.headers, ctx)];
  for (const shown of selectParts(mail.root, options.prefer)) {
    if (shown.kind === 'message') sections.push(nested(renderMessage(shown.mail, options, ctx)));
    else if (shown.kind === 'html') sections.push(renderHtml(shown.text, ctx));
    else sections.push(renderText(shown.text, ctx));
  }
  sections.push(renderAttachments(listAttachments(mail.root)));
  return joinSections(sections);
}

// A forwarded message is set off by a rule above and below.
function nested(blocks: Block[]): Block[] {
  const rule: Block = { kind: 'rule', spans: [], margins: [] };
  return [rule, ...blocks, rule];
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
