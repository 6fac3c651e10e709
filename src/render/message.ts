import { blankBlock, spanLists, type Block } from '../document/document.js';
import type { Mail, Part } from '../mime/types.js';
import { listAttachments, listCalendars, selectParts, type Preference } from '../mime/select.js';
import type { RemoteImage } from '../links/tracking.js';
import { renderCalendars } from './calendar.js';
import type { RenderContext } from '../links/context.js';
import { markDeceptiveLinks } from '../trust/deceptive.js';
import { renderAttachments, renderHeaders, renderTrackingNotice } from './headers.js';
import { plainAlternative, renderHtmlSafely } from './safe-html.js';
import { renderText, textBlocks } from './text.js';

/** What renderMessage needs from the options. */
export interface MessageOptions {
  readonly headers: readonly string[];
  readonly prefer: Preference;
  /** The reader's `TZ` (cli.ts reads it), for calendar times; unset: the system's zone. */
  readonly tz?: string | undefined;
  /** authserv-ids whose Authentication-Results are shown (--trust-authserv). */
  readonly trustAuthserv?: readonly string[];
  /** The `Tracking:` line after the header block; on unless --no-tracking-notice. */
  readonly trackingNotice?: boolean;
}

/**
 * A whole message: header block (and `extra` lines after it, such as the browser view's link), the
 * selected parts in order, nested messages, calendar parts, attachment list.
 */
export function renderMessage(mail: Mail, options: MessageOptions, ctx: RenderContext, extra: readonly Block[] = []): Block[] {
  return Array.from(messageBlocks(mail, options, ctx, extra));
}

/** renderMessage a block at a time: a text/plain part's blocks are made as they are read (1 M lines). */
export function* messageBlocks(mail: Mail, options: MessageOptions, ctx: RenderContext, extra: readonly Block[] = []): Generator<Block> {
  const header = renderHeaders(mail, options.headers, ctx, options.trustAuthserv);
  const sections: Section[] = [{ blocks: header }];
  for (const problem of mail.problems) ctx.problems.push(problem);
  if (mail.problems.length) sections.push({ blocks: mail.problems.map((p) => ({ kind: 'text', spans: [{ text: `[mailview: ${p}]`, style: { warn: true } }], margins: [] })) });
  const images: RemoteImage[] = [];
  for (const shown of selectParts(mail.root, options.prefer)) {
    // Your server removes forged Authentication-Results from the message it received, never from one
    // enclosed in it: an attached message's results are the sender's word (RFC 8601 section 5).
    if (shown.kind === 'message') sections.push({ blocks: nested(messageBlocks(shown.mail, { ...options, trustAuthserv: [] }, ctx)) });
    else if (shown.kind === 'plain') sections.push({ blocks: textBlocks(shown.text, ctx), marked: 'spans' });
    else {
      // HTML is laid out before the header block is written: its remote images make the Tracking line.
      const before = ctx.remoteImages.length;
      sections.push({ blocks: htmlOrPlain(shown.text, mail.root, ctx), marked: 'tables' });
      images.push(...ctx.remoteImages.slice(before));
    }
  }
  // Known only once the HTML parts are rendered (text/plain parts have no images), shown after the header block.
  if (options.trackingNotice !== false) header.push(...renderTrackingNotice(images));
  header.push(...extra);
  // A message of one text part (most of an mbox) has no calendar to show and nothing to list.
  if (mail.root.kind !== 'text') {
    sections.push({ blocks: () => joinLazily(renderCalendars(listCalendars(mail.root), options.tz, ctx).map((blocks) => deceptiveMarked(blocks))) });
    sections.push({ blocks: () => renderAttachments(listAttachments(mail.root)) });
  }
  // Whatever the body held, the reader is told when nothing of it shows, so that an empty message
  // (or an enclosed one) is not taken for one mailview lost. Nothing was left out: no exit code.
  let shows = mail.problems.length > 0;
  sections.push({ blocks: () => (shows ? [] : [noTextNotice]) });
  // joinLazily, with the deceptive-link marks and the note of whether the body shows any text made
  // in the same loop: each layer of generators was another resumption for every line of a long text.
  let any = false;
  for (let i = 0; i < sections.length; i++) {
    const { blocks, marked } = sections[i]!;
    let first = true;
    for (const made of typeof blocks === 'function' ? blocks() : blocks) {
      const block = marked === undefined ? made : deceptiveBlock(made, marked === 'tables');
      if (i > 0 && !shows && hasText([block])) shows = true;
      // The blank line between sections is this one: a section's own leading blanks would double it.
      if (first && block.kind === 'blank' && block.margins.length === 0) continue;
      if (first && any) yield blankBlock;
      first = false;
      any = true;
      yield block;
    }
  }
}

// A section of a message: its blocks, or what makes them when the section is reached (so that a
// calendar's links are numbered in reading order), and whether its links are checked for deceptive
// text (in its spans, or in table cells too).
interface Section {
  readonly blocks: Iterable<Block> | (() => Iterable<Block>);
  readonly marked?: 'spans' | 'tables';
}

const noTextNotice: Block = { kind: 'text', spans: [{ text: '[mailview: the message has no text]', style: { warn: true } }], margins: [] };

/** Blocks with markDeceptiveLinks applied one at a time, as they are read (with `tables`, to the links in table cells too). */
export function* deceptiveMarked(blocks: Iterable<Block>, tables = false): Generator<Block> {
  for (const block of blocks) yield deceptiveBlock(block, tables);
}

function deceptiveBlock(block: Block, tables: boolean): Block {
  return (tables && block.rows && hasLink(block)) || block.spans.some((s) => s.link) ? markDeceptiveLinks([block])[0]! : block;
}

// joinSections for sections made as they are read: the blank line goes before a section's first block.
function* joinLazily(sections: ReadonlyArray<Iterable<Block>>): Generator<Block> {
  let any = false;
  for (const section of sections) {
    let first = true;
    for (const block of section) {
      // The blank line between sections is this one: a section's own leading blanks would double it.
      if (first && block.kind === 'blank' && block.margins.length === 0) continue;
      if (first && any) yield blankBlock;
      first = false;
      any = true;
      yield block;
    }
  }
}

// An HTML alternative that shows no text at all (real Office 365 bounces) loses to a plain one that has some.
// A long body's blocks come as they are made: they are held back only until one shows text.
function htmlOrPlain(html: string, root: Part, ctx: RenderContext): Iterable<Block> {
  const blocks = renderHtmlSafely(html, ctx, root, imageNames(root));
  if (!Array.isArray(blocks)) return orPlain(blocks, html, root, ctx);
  if (hasText(blocks)) return blocks;
  const plain = plainAlternative(root, html);
  return plain === undefined ? blocks : renderText(plain, ctx);
}

function* orPlain(blocks: Iterable<Block>, html: string, root: Part, ctx: RenderContext): Generator<Block> {
  const held: Block[] = [];
  let shows = false;
  for (const block of blocks) {
    if (shows) yield block;
    else if ((held.push(block), hasText([block]))) {
      shows = true;
      yield* held.splice(0);
    }
  }
  if (shows) return;
  const plain = plainAlternative(root, html);
  yield* plain === undefined ? held : renderText(plain, ctx);
}

function hasLink(block: Block): boolean {
  for (const spans of spanLists([block])) if (spans.some((s) => s.link)) return true;
  return false;
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
function* nested(blocks: Iterable<Block>): Generator<Block> {
  yield { kind: 'text', spans: [{ text: '┌ Enclosed message', style: { dim: true } }], margins: [] };
  for (const b of blocks) yield { ...b, margins: [{ kind: 'bar' } as const, ...b.margins] };
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
