// The only importer of html-to-text. It parses the HTML and picks one of our formatters for each
// element by selector; the formatters write spans and blocks into a DocumentBuilder (builder.ts),
// so structure is data and never travels inside the text. html-to-text's own text builder and its
// wrapping are not used: wrap.ts does all wrapping, by display width.
import { compile } from 'html-to-text';
import type { HtmlToTextOptions } from 'html-to-text';
import { randomBytes } from 'node:crypto';
import { collapseBlanks, type Block } from '../../document/document.js';
import { DocumentBuilder, type BuildContext, type Elem } from './builder.js';
import { noteSheetBackgrounds } from './hidden.js';
import { parseMeasured } from './html-depth.js';
import { eagerPieces, pieceLimits, planPieces, renderPieces, scanLongHtml, type Converted, type Piece, type PieceLimits } from './pieces.js';
import { formatters, type Format } from './html-format.js';
import type { RenderContext } from '../../links/context.js';

/** Deeper HTML is not laid out (the walk recurses per element); real mail stays far below. */
export const maxNesting = 1000;

/** A later piece of a long body that failed to convert: `rest` is the text from there on. */
export { PieceError } from './pieces.js';

/** Thrown when the HTML nests deeper than maxNesting: safe-html.ts shows it without layout. */
export class NestingError extends Error {}

// The whole document is wrapped in one element of a name drawn once per process, so that every
// node, text at the top level included, reaches our builder; a mail cannot close what it cannot name.
const rootTag = `x-mailview-${randomBytes(8).toString('hex')}`;

interface Run {
  readonly shared: BuildContext;
  // Set for a piece of a long document: its base and style sheets were found by the scan of the whole.
  readonly piece?: true;
  blocks?: Block[];
}

// html-to-text calls the root's formatter with its own text builder; from there on every formatter
// and text node gets ours, which carries the walker's options and picker as html-to-text's does.
const root: Format = (elem, walk, builder) => {
  const run = (builder as unknown as { metadata: Run }).metadata;
  const base = run.piece ? undefined : documentBase(elem, run.shared.ctx);
  const shared = base === undefined ? run.shared : { ...run.shared, base };
  const doc = new DocumentBuilder(builder as unknown as { options: unknown; picker: unknown }, shared);
  walk(elem.children, doc);
  run.blocks = doc.finish();
};

const blocks = ['tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'caption', 'center', 'dl', 'dt', 'dd', 'figure', 'address'];
// Reply quotes that are not <blockquote>: Yahoo's container and Outlook's indented reply.
const quoteContainers = ['div.yahoo_quoted', '[style*="border:none;border-left:solid" i]'];
// Outlook's header box ("From: … Sent: …") above a reply, and Outlook on the web's.
const outlookHeaders = ['div[style*="border:none;border-top:solid #B5C4DF" i]', 'div[style*="border:none;border-top:solid #E1E1E1" i]', 'div#divRplyFwdMsg'];

const options: HtmlToTextOptions = {
  wordwrap: false,
  baseElements: { selectors: [rootTag], returnDomByDefault: true },
  // No limit cuts a long mail short (html-to-text would end it with '...'); renderHtml checks depth.
  limits: { maxInputLength: Number.MAX_SAFE_INTEGER },
  formatters: { ...(formatters as unknown as NonNullable<HtmlToTextOptions['formatters']>), root: root as unknown as NonNullable<HtmlToTextOptions['formatters']>[string] },
  selectors: [
    { selector: rootTag, format: 'root' },
    { selector: 'a', format: 'anchor' },
    { selector: 'table', format: 'table' },
    ...['b', 'strong'].map((selector) => ({ selector, format: 'bold' })),
    ...['i', 'em', 'cite'].map((selector) => ({ selector, format: 'italic' })),
    { selector: 'u', format: 'underline' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'heading' })),
    { selector: 'blockquote', format: 'blockquote' },
    ...quoteContainers.map((selector) => ({ selector, format: 'blockquote' })),
    ...outlookHeaders.map((selector) => ({ selector, format: 'outlookQuote' })),
    { selector: 'pre', format: 'pre' },
    { selector: 'hr', format: 'horizontalLine' },
    { selector: 'ul', format: 'list' },
    { selector: 'ol', format: 'list' },
    { selector: 'img', format: 'image' },
    ...blocks.map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
    ...['head', 'style', 'script', 'template', 'title', 'noscript'].map((selector) => ({ selector, format: 'skip' })),
  ],
};

// html-to-text is handed the DOM html-depth.ts built while measuring the depth, instead of parsing
// the same text again: a build-time patch (scripts/library-patches.mjs) lets its `process` take a
// parsed document, as its own parseDocument call would have made it.
type Converter = ((html: string | NonNullable<ReturnType<typeof parseMeasured>>, metadata?: unknown) => string) & { takesDocument?: boolean };
let converter: Converter | undefined;

/**
 * Render an HTML body into document blocks; `images` maps Content-IDs to file names. Throws
 * NestingError. A long body is converted in pieces (pieces.ts) as its blocks are read, after those
 * that may load a remote image (so the header's Tracking line knows them all).
 */
export function renderHtml(html: string, ctx: RenderContext, images: ReadonlyMap<string, string> = new Map(), limits: PieceLimits = pieceLimits): Iterable<Block> {
  const source = html.isWellFormed() ? html : html.toWellFormed();
  const scan = scanLongHtml(source, limits, maxNesting + 1);
  if (scan === 'deep') throw new NestingError(`nested more than ${maxNesting} levels deep`);
  if (scan === undefined) return convert(source, { shared: { ctx, images } });
  for (const sheet of scan.sheets) noteSheetBackgrounds(sheet, ctx);
  const shared: BuildContext = { ctx, images, ...(scan.base === undefined ? {} : { base: scan.base }) };
  const plan = planPieces(source, scan, limits);
  const progress = { made: 0 };
  const blocks = renderPieces(source, plan, ctx, rootTag, (piece, marker) => convertPiece(piece, marker, shared), progress);
  const eager = eagerPieces(plan, scan);
  const first: Block[] = [];
  while (progress.made < eager) {
    const next = blocks.next();
    if (next.done) break;
    first.push(next.value);
  }
  return concat(first, blocks);
}

function* concat(first: readonly Block[], rest: Iterator<Block>): Generator<Block> {
  yield* first;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

// One piece: the start tags it sits in, then (as asked) a marker block, its text, a marker block.
function convertPiece(piece: Piece, marker: string, shared: BuildContext): Converted {
  const mark = `<div>${marker}</div>`;
  let restTaken = false;
  const run: Run = { shared: { ...shared, ...(piece.group ? { group: piece.group } : {}), restTaken: () => (restTaken = true) }, piece: true };
  const blocks = convert(piece.open + (piece.lead ? mark : '') + piece.text + (piece.trail ? mark : ''), run);
  return { blocks, restTaken };
}

function convert(source: string, run: Run): Block[] {
  converter ??= compile(options) as Converter;
  // Measured while parsing (html-depth.ts): the walk recurses per element. The root element adds
  // one level to whatever the mail nests.
  const rooted = `<${rootTag}>${source}`;
  const dom = parseMeasured(rooted, maxNesting + 1);
  if (dom === undefined) throw new NestingError(`nested more than ${maxNesting} levels deep`);
  converter(converter.takesDocument ? dom : rooted, run);
  // Spacer cells of `&nbsp;` would leave runs of blank lines.
  return collapseBlanks(run.blocks ?? []);
}

// HTML 4.2.3: the document base URL is the href of the first <base> element of the parsed document;
// one written in a comment, in text or inside <textarea> or <title> is no element and counts for
// nothing. The same walk notes the backgrounds that <style> sheets load, for the tracking notice.
function documentBase(top: Elem, ctx: RenderContext): string | undefined {
  let base: string | undefined;
  const stack: Elem[] = [top];
  while (stack.length) {
    const elem = stack.pop()!;
    if (elem.type === 'tag' && elem.name === 'base' && base === undefined && elem.attribs?.href !== undefined) base = elem.attribs.href;
    if ((elem.type === 'style' || elem.name === 'style') && elem.children) noteSheetBackgrounds(elem.children.map((c) => c.data ?? '').join(''), ctx);
    else for (let i = (elem.children ?? []).length - 1; i >= 0; i--) stack.push(elem.children![i]!);
  }
  return base;
}
