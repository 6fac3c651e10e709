// The only importer of linkify-it: text/plain → blocks, bare URLs and addresses found and linked.
import { LinkifyIt } from 'linkify-it';
import type { Block, Margin, Span, Style } from '../document/document.js';
import { makeLink, mayLink, type RenderContext } from '../links/context.js';

let linkify: LinkifyIt | undefined;

const signatureStyle: Style = { dim: true };

/** Render a text/plain body (format=flowed already joined by the MIME layer) into blocks. */
export function renderText(text: string, ctx: RenderContext): Block[] {
  return Array.from(textBlocks(text, ctx));
}

const noMargins: readonly Margin[] = [];

/** The blocks of a text/plain body one line at a time, made as they are read: a long body's never all exist at once. */
export function* textBlocks(text: string, ctx: RenderContext): Generator<Block> {
  let signature = false;
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  // An SMTP transcript in a bounce: `>>> RCPT To:<…>` answered by `<<< 550 …` is a dialogue, not a quote.
  const transcript = /^>>> /m.test(text) && /^<<< /m.test(text);
  // Lines found with a regex, not split(): a million-line body made a million strings at once.
  // The line without its ending is the group: no second regex to take the ending off.
  const line = /([^\r\n]*)(?:\r\n?|\n|$)/y;
  for (let at = 0; at < end || at === 0; ) {
    line.lastIndex = at;
    const m = line.exec(text)!;
    at = m[0].length ? line.lastIndex : end + 1;
    const raw = expandTabs(m[1]!);
    // RFC 3676 4.3: "-- " alone on a line starts the signature.
    if (raw === '-- ') signature = true;
    const { depth, rest } = transcript && raw.startsWith('>>> ') ? { depth: 0, rest: raw } : quoteDepth(raw);
    const margins: readonly Margin[] = depth ? Array.from({ length: depth }, () => ({ kind: 'quote' }) as const) : noMargins;
    const spans = linkSpans(rest, ctx, signature ? signatureStyle : undefined);
    yield { kind: rest.trim() === '' ? 'blank' : 'text', spans, margins };
  }
}

// "> > text" and ">> text" are both depth 2; one space after the last '>' belongs to the prefix.
function quoteDepth(line: string): { depth: number; rest: string } {
  // Most lines do not start with '>': no regex for them.
  if (line.charCodeAt(0) !== 62) return { depth: 0, rest: line };
  const m = /^((?:> ?)+)/.exec(line);
  if (!m) return { depth: 0, rest: line };
  const depth = (m[1]!.match(/>/g) ?? []).length;
  return { depth, rest: line.slice(m[1]!.length) };
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

/**
 * What every link linkify-it finds holds: a schema's `:` or `//` (http:, https:, ftp:, mailto:, //),
 * an address's `@`, or the dot before a bare link's top-level domain, all of which start with an
 * ASCII letter (or are рф). A line without any of these, most lines of a long text, is not searched:
 * its search for bare links took ~4 µs a line, half the time of a million short lines.
 */
export const mayHoldLink = /[:/@]|\.[a-z\u0080-\uffff]/i;

/** The links linkify-it finds in a line, as it is set up here; null when there are none. */
export function findLinks(line: string): ReturnType<LinkifyIt['match']> {
  linkify ??= new LinkifyIt().set({ fuzzyEmail: true, fuzzyLink: true });
  return linkify.match(line);
}

function linkSpans(line: string, ctx: RenderContext, style: Style | undefined): Span[] {
  const matches = line.length > 3 && mayHoldLink.test(line) && mayLink(ctx) ? findLinks(line) : null;
  // Most lines hold no link: their one span is made without a closure to make it.
  if (!matches) return line ? [style ? { text: line, style } : { text: line }] : [];
  const plain = (text: string): Span => (style ? { text, style } : { text });
  const spans: Span[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.index > at) spans.push(plain(line.slice(at, m.index)));
    const link = makeLink(m.url, ctx);
    spans.push(link ? { ...plain(m.raw), link } : plain(m.raw));
    at = m.lastIndex;
  }
  if (at < line.length) spans.push(plain(line.slice(at)));
  return spans;
}
