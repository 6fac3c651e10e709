// The blocks of a parsed input: bare HTML, headerless text, or each message of it in turn.
import { blankBlock, type Block, type Style } from '../document/document.js';
import { startMessageLinks, type RenderContext } from '../links/context.js';
import type { Parsed } from '../mime/parse-input.js';
import type { Mail } from '../mime/types.js';
import { MailviewError } from '../document/errors.js';
import { markDeceptiveLinks } from '../trust/deceptive.js';
import { deceptiveMarked, messageBlocks, type MessageOptions } from './message.js';
import { renderHtmlSafely } from './safe-html.js';
import { textBlocks } from './text.js';

/** Every block of one input; `extra` follows the first header block (or leads bare HTML). */
export function parsedBlocks(parsed: Parsed, options: MessageOptions, ctx: RenderContext, extra: readonly Block[] = []): Iterable<Block> {
  if (parsed.kind === 'html') {
    startMessageLinks(ctx);
    const first = ctx.counter.next;
    const body = renderHtmlSafely(parsed.html, ctx);
    if (Array.isArray(body)) {
      const marked = markDeceptiveLinks(body);
      return extra.length ? [...extra, blankBlock, ...marked] : marked;
    }
    // A long body's first pieces are made now, the rest as it is shown, after other inputs may
    // have made links of their own: counted from where this one's would have started.
    return after(extra.length ? [...extra, blankBlock] : [], deceptiveMarked(linksFrom(ctx, ctx.counter.next - first, body), true));
  }
  if (parsed.kind === 'text') return deceptiveMarked(linksFrom(ctx, 0, textBlocks(parsed.text, ctx)));
  return messagesBlocks(parsed, options, ctx, extra);
}

// Links are counted per message (links/context.ts): from where these blocks start being read,
// with the `made` ones that were made before.
function* linksFrom(ctx: RenderContext, made: number, blocks: Iterable<Block>): Generator<Block> {
  startMessageLinks(ctx, made);
  yield* blocks;
}

function* after(first: readonly Block[], rest: Iterable<Block>): Generator<Block> {
  yield* first;
  yield* rest;
}

type MailInput = Extract<Parsed, { kind: 'mail' }>;

// Several messages (an mbox, tagged messages piped at once) each start with a rule that says which
// of how many it is, so that one message's end cannot be taken for the next one's start.
function* messagesBlocks(parsed: MailInput, options: MessageOptions, ctx: RenderContext, extra: readonly Block[]): Generator<Block> {
  let shown = 0;
  // Each message's blocks are yielded here, not through a generator per message: that was one more
  // resumption for every block of every message.
  for (const mail of messagesOf(parsed)) {
    if (mail instanceof Promise) {
      // Written out, not spread from blankBlock: a spread takes V8's generic path, ~2 µs a message.
      yield { kind: 'blank', spans: [], margins: [], wait: mail };
      continue;
    }
    if (shown++ > 0) yield blankBlock;
    startMessageLinks(ctx);
    if (parsed.count > 1) {
      yield { kind: 'rule', spans: [], margins: [{ kind: 'item', marker: `Message ${shown} of ${parsed.count} `, style: separatorStyle }] };
      yield blankBlock;
    }
    yield* messageBlocks(mail, options, ctx, shown === 1 ? extra : []);
    if (parsed.count > 1) yield messageEndBlock;
  }
}

// The messages parsed already, then the rest of an mbox, which is parsed while the messages before
// it are written, a few at a time: before each batch comes the promise of it, for a wait block that
// lets the writer await the next messages before it asks for more blocks.
function* messagesOf(parsed: MailInput): Generator<Mail | Promise<void>> {
  let count = 0;
  for (const mail of parsed.mails) {
    count++;
    yield mail;
  }
  if (!parsed.more) return;
  for (;;) {
    let next: IteratorResult<ReadonlyArray<Mail | MailviewError>> | undefined;
    yield parsed.more.next().then((r) => void (next = r));
    if (next === undefined) throw new Error('blocks were read without waiting for the next message');
    if (next.done) return;
    for (const mail of next.value) {
      count++;
      if (!(mail instanceof MailviewError)) yield mail;
      else {
        // messageBlocks shows the problem in the message's place and counts it for the exit code.
        const problem = `message ${count} of the mbox could not be read: ${mail.why}`;
        yield { headers: new Map(), from: [], to: [], cc: [], root: { kind: 'text', subtype: 'plain', text: '' }, problems: [problem] };
      }
    }
  }
}

const separatorStyle: Style = { bold: true };
// Where one message of several ends: its footnotes are listed there and numbering starts again.
const messageEndBlock: Block = { ...blankBlock, messageEnd: true };
