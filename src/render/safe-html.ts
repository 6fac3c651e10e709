import { blankBlock, type Block } from '../document/document.js';
import { decodeEntities } from '../links/entities.js';
import type { Part } from '../mime/types.js';
import type { RenderContext } from '../links/context.js';
import { maxNesting, NestingError, PieceError, renderHtml } from './html/html.js';
import { renderText } from './text.js';

/**
 * Render an HTML body; when it is nested too deeply or the renderer fails, show the text/plain
 * alternative from `root` (or the HTML's bare text) after a one-line notice, and record the problem.
 * A long body's blocks are made as they are read (html.ts); a piece of it that fails to convert
 * then ends the part with the notice and the text of the rest.
 */
export function renderHtmlSafely(html: string, ctx: RenderContext, root?: Part, images?: ReadonlyMap<string, string>): Iterable<Block> {
  let reason: string;
  // What a failed layout made is dropped with it: its links must not count against the message's
  // limit, nor its notices be reported, for a part that is shown as text instead.
  const made = [ctx.counter.next, ctx.problems.length, ctx.remoteImages.length] as const;
  try {
    const blocks = renderHtml(html, ctx, images);
    return Array.isArray(blocks) ? blocks : safely(blocks, ctx);
  } catch (err) {
    reason = failure(err);
    [ctx.counter.next, ctx.problems.length, ctx.remoteImages.length] = made;
  }
  const plain = root && plainAlternative(root, html);
  const shown = plain === undefined ? 'its text without layout' : 'the plain-text alternative';
  ctx.problems.push(`the HTML part is ${reason}; showing ${shown}`);
  return [notice(`the HTML part is ${reason}; showing ${shown}`), blankBlock, ...renderText(plain ?? htmlText(html), ctx)];
}

function failure(err: unknown): string {
  if (err instanceof NestingError) return `nested more than ${maxNesting} levels deep`;
  return err instanceof RangeError ? 'too complex to lay out' : 'could not be laid out';
}

function notice(text: string): Block {
  return { kind: 'text', spans: [{ text: `[mailview: ${text}]`, style: { warn: true } }], margins: [] };
}

function* safely(blocks: Iterable<Block>, ctx: RenderContext): Generator<Block> {
  const it = blocks[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<Block>;
    try {
      next = it.next();
    } catch (err) {
      if (!(err instanceof PieceError)) throw err;
      const what = `the rest of the HTML part is ${failure(err.cause)}; showing its text without layout`;
      ctx.problems.push(what);
      yield* [blankBlock, notice(what), blankBlock, ...renderText(htmlText(err.rest), ctx)];
      return;
    }
    if (next.done) return;
    yield next.value;
  }
}

/** The non-empty text/plain sibling of this HTML part in a multipart/alternative, if there is one. */
export function plainAlternative(part: Part, html: string): string | undefined {
  if (part.kind !== 'multipart') return undefined;
  const holds = part.children.some((c) => c.kind === 'text' && c.subtype === 'html' && c.text === html);
  const plain = part.children.filter((c) => c.kind === 'text' && c.subtype === 'plain').at(-1);
  if (part.subtype === 'alternative' && holds && plain?.kind === 'text' && plain.text.trim() !== '') return plain.text;
  for (const child of part.children) {
    const found = plainAlternative(child, html);
    if (found !== undefined) return found;
  }
  return undefined;
}

const breaks = /<\/?(p|div|br|tr|li|h[1-6]|table|blockquote|pre|hr|ul|ol|dl|dt|dd)\b[^<>]*>/gi;

/** The text of an HTML body without any layout: tags dropped, block ends as line breaks. */
export function htmlText(html: string): string {
  const text = dropInvisible(html).replace(breaks, '\n').replace(/<[^<>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Comments and elements whose content is never shown, cut out in one pass (an unclosed one
// ends the text), so hostile input cannot make this quadratic.
function dropInvisible(html: string): string {
  const lower = html.toLowerCase();
  const open = /<!--|<(head|style|script|title|template)\b/gi;
  let out = '';
  let at = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    out += html.slice(at, m.index);
    const close = m[1] ? `</${m[1].toLowerCase()}` : '-->';
    const end = lower.indexOf(close, open.lastIndex);
    if (end < 0) return out;
    at = m[1] ? lower.indexOf('>', end) + 1 || html.length : end + 3;
    open.lastIndex = at;
  }
  return out + html.slice(at);
}
