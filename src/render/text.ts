// The only importer of linkify-it: text/plain → blocks, bare URLs and addresses found and linked.
import { LinkifyIt } from 'linkify-it';
import type { Block, Margin, Span, Style } from '../document.js';
import { makeLink, type RenderContext } from './context.js';

let linkify: LinkifyIt | undefined;

const signatureStyle: Style = { dim: true };

/** Render a text/plain body (format=flowed already joined by the MIME layer) into blocks. */
export function renderText(text: string, ctx: RenderContext): Block[] {
  const blocks: Block[] = [];
  let signature = false;
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  // An SMTP transcript in a bounce: `>>> RCPT To:<…>` answered by `<<< 550 …` is a dialogue, not a quote.
  const transcript = /^>>> /m.test(body) && /^<<< /m.test(body);
  for (const raw of body.split('\n')) {
    const line = expandTabs(raw);
    // RFC 3676 4.3: "-- " alone on a line starts the signature.
    if (line === '-- ') signature = true;
    const { depth, rest } = transcript && line.startsWith('>>> ') ? { depth: 0, rest: line } : quoteDepth(line);
    const margins: Margin[] = Array.from({ length: depth }, () => ({ kind: 'quote' }) as const);
    const spans = linkSpans(rest, ctx, signature ? signatureStyle : undefined);
    blocks.push({ kind: rest.trim() === '' ? 'blank' : 'text', spans, margins });
  }
  return blocks;
}

// "> > text" and ">> text" are both depth 2; one space after the last '>' belongs to the prefix.
function quoteDepth(line: string): { depth: number; rest: string } {
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

function linkSpans(line: string, ctx: RenderContext, style: Style | undefined): Span[] {
  linkify ??= new LinkifyIt().set({ fuzzyEmail: true, fuzzyLink: true });
  const plain = (text: string): Span => (style ? { text, style } : { text });
  const matches = line.length > 3 ? linkify.match(line) : null;
  if (!matches) return line ? [plain(line)] : [];
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
