// Blocks to the reader: wrapped, emitted and written a block at a time, to the pager or to stdout,
// with footnotes where links cannot be clicked; or the link list of --list-links.
import type { Writable } from 'node:stream';
import type { Block } from '../document/document.js';
import { ExitCode } from '../document/errors.js';
import { neutralise } from '../document/terminal.js';
import { dropMarks } from '../layout/marks.js';
import { wrapBlock } from '../layout/wrap.js';
import { emitOneLine, type EmitCapabilities } from './emit.js';
import { collectLinks, Footnotes } from './footnotes.js';
import { runPager, type PagerSpec } from './pager.js';

/** What showing needs to know of the terminal (cli/capabilities.ts decides it). */
export interface ShowCapabilities extends EmitCapabilities {
  readonly footnotes: boolean;
  readonly width: number;
  /** The pager is less 661+ started by mailview: `#id` links jump within the text. */
  readonly lessNavigation: boolean;
}

/** Where the text goes. */
export interface ShowTarget {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Start this pager instead of writing to stdout. */
  readonly pager?: PagerSpec | undefined;
  /** Work done while the pager shows the text (the browser view's file). */
  readonly alongside?: (() => Promise<void>) | undefined;
  readonly listLinks: boolean;
}

/** Show the blocks; resolves to the exit code (0, or 74 when stdout fails). */
export async function show(blocks: Iterable<Block>, caps: ShowCapabilities, target: ShowTarget): Promise<number> {
  if (target.listLinks) return write(target.stdout, listLinks(blocks), target.stderr);
  // A link too long for a terminal's OSC 8 keeps its URL visible as a footnote even when the others are links.
  const nav = caps.lessNavigation;
  const text = emitted(blocks, caps, caps.footnotes ? new Footnotes(nav) : caps.hyperlinks ? new Footnotes(nav, (r) => r.long === true) : undefined);
  if (target.pager) {
    const settled = await Promise.allSettled([runPager(paced(text), target.pager), target.alongside?.()]);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    return ExitCode.ok;
  }
  return write(target.stdout, text, target.stderr);
}

// Wrapped and emitted a block at a time, handed on in 16 KiB pieces: neither the lines nor the
// text of a long mail ever all exist at once (1 M lines took 419 MiB as one string). A piece lives
// while the next is made: at 64 KiB that outlived two young-generation collections on a long
// table, so its lines were copied into the old generation, which grew until a full collection
// (~10 MiB more at the peak on a 100 000-row table). A long block (a To: of 27,000 addresses) is
// cut into pieces too: its text made whole, escapes and all, was ~10 MB of string at once.
function* emitted(blocks: Iterable<Block>, caps: ShowCapabilities, notes: Footnotes | undefined): Generator<string | Promise<void>> {
  let text = '';
  const ready: string[] = [];
  // The block's lines added to the text, and each 16 KiB of it made ready to hand on.
  const add = (block: Block): void => {
    for (const line of wrapBlock(block, caps.width)) {
      text += emitOneLine(line, caps);
      if (text.length < 16384) continue;
      ready.push(text);
      text = '';
    }
  };
  // Footnotes are added here as the blocks are read, not by a generator every block passes through;
  // a message's list is written where it ends, and the last one's after the last block.
  for (const block of blocks) {
    if (block.wait) {
      // The next blocks are still being made: waited for here, the text so far kept for one write.
      yield block.wait;
      continue;
    }
    if (block.messageEnd) for (const entry of notes?.end() ?? []) add(entry);
    else add(notes ? notes.mark(block) : block);
    if (ready.length === 0) continue;
    yield* ready;
    ready.length = 0;
  }
  for (const entry of notes?.end() ?? []) add(entry);
  yield* ready;
  if (text) yield text;
}

// number<TAB>URL<TAB>text, the numbers of the footnotes; no escapes at all. Links the policy does
// not follow (javascript:, file: …) are left out, their numbers skipped, so that the list is safe
// to hand to `xargs xdg-open`; a link too long for OSC 8 is listed (browsers open it). Numbered
// per message as the footnotes are, and listed a message at a time: an mbox's blocks are never all
// held, each wait block awaited before the next is asked for.
function* listLinks(blocks: Iterable<Block>): Generator<string | Promise<void>> {
  let message: Block[] = [];
  let text = '';
  for (const block of blocks) {
    if (block.wait) {
      if (text) yield text;
      text = '';
      yield block.wait;
    } else if (block.messageEnd) {
      text += linkLines(message);
      message = [];
    } else message.push(block);
  }
  text += linkLines(message);
  if (text) yield text;
}

function linkLines(blocks: readonly Block[]): string {
  const clean = (s: string) => neutralise(dropMarks(s)).replace(/\s+/g, ' ').trim();
  return collectLinks(blocks)
    .map((r, i) => (r.followed || r.long ? `${i + 1}\t${r.href}\t${clean(r.text)}\n` : ''))
    .join('');
}

/** Pieces of text as they are made, a promise among them awaited where it stands. */
export async function* paced(pieces: Iterable<string | Promise<void>>): AsyncGenerator<string> {
  for (const piece of pieces) {
    if (typeof piece === 'string') yield piece;
    else await piece;
  }
}

/**
 * Write pieces as the stream takes them; a failed write (a full disk, a closed terminal) is one line
 * on stderr and exit 74, a reader that went away (EPIPE) is success.
 */
export async function write(stream: Writable, pieces: Iterable<string | Promise<void>>, stderr: Writable): Promise<number> {
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (err: NodeJS.ErrnoException) => (failure ??= err);
  stream.on('error', onError);
  // Into a file descriptor (stdout), each piece is encoded into this one buffer, reused once the
  // stream has taken the piece before it: a string written as it is became a buffer of its own,
  // ~50 KB of fresh memory for the system to fault in page by page, 1,250 times over for an mbox
  // of 40,000 short messages. A stream in this process may keep the buffer it is given, and a
  // piece that may not fit (one long block) is written as it is.
  const buffer = typeof (stream as { fd?: unknown }).fd === 'number' ? Buffer.allocUnsafeSlow(64 * 1024) : undefined;
  try {
    for await (const piece of paced(pieces)) {
      const bytes = buffer && piece.length * 3 <= buffer.length ? buffer.subarray(0, buffer.write(piece)) : piece;
      const flushed = new Promise<void>((resolve) => stream.write(bytes, (err) => (err && onError(err), resolve())));
      if (failure) break;
      // Waiting for each piece to be taken keeps one piece in memory at a time.
      await flushed;
      if (failure) break;
    }
  } finally {
    stream.off('error', onError);
  }
  if (!failure || failure.code === 'EPIPE') return ExitCode.ok;
  stderr.write(`mailview: write error: ${neutralise(failure.message)}\n`);
  return ExitCode.io;
}
