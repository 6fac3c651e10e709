// The blocks of a parsed input: bare HTML, headerless text, or each message of it in turn.
import { blankBlock, type Block, type Style } from '../document/document.js';
import type { RenderContext } from '../links/context.js';
import type { Parsed } from '../mime/parse-input.js';
import type { Mail } from '../mime/types.js';
import { markDeceptiveLinks } from '../trust/deceptive.js';
import { deceptiveMarked, messageBlocks, type MessageOptions } from './message.js';
import { renderHtmlSafely } from './safe-html.js';
import { textBlocks } from './text.js';

/** Every block of one input; `extra` follows the first header block (or leads bare HTML). */
export function parsedBlocks(parsed: Parsed, options: MessageOptions, ctx: RenderContext, extra: readonly Block[] = []): Iterable<Block> {
  if (parsed.kind === 'html') {
    const body = markDeceptiveLinks(renderHtmlSafely(parsed.html, ctx));
    return extra.length ? [...extra, blankBlock, ...body] : body;
  }
  if (parsed.kind === 'text') return deceptiveMarked(textBlocks(parsed.text, ctx));
  return messagesBlocks(parsed.mails, options, ctx, extra);
}

// Several messages (an mbox, tagged messages piped at once) each start with a rule that says which
// of how many it is, so that one message's end cannot be taken for the next one's start.
function* messagesBlocks(mails: readonly Mail[], options: MessageOptions, ctx: RenderContext, extra: readonly Block[]): Generator<Block> {
  for (const [i, mail] of mails.entries()) {
    if (i > 0) yield blankBlock;
    if (mails.length > 1) yield* [{ kind: 'rule', spans: [], margins: [{ kind: 'item', marker: `Message ${i + 1} of ${mails.length} `, style: separatorStyle }] }, blankBlock];
    yield* messageBlocks(mail, options, ctx, i === 0 ? extra : []);
  }
}

const separatorStyle: Style = { bold: true };
