// The only importer of htmlparser2 (html-to-text's own parser): how deep the parser's stack of open
// elements grows on a text, measured before html-to-text parses it. htmlparser2 keeps that stack
// with Array#unshift, so a document nested 100 000 deep takes seconds to parse; measuring first
// lets safe-html.ts show it without layout instead. The measure is htmlparser2's own Parser (its
// tokenizer, implied end tags, void and foreign elements), so it counts exactly what the parse will
// build, with its two stacks swapped for ones that grow at the end and with everything else ignored.
// It also parses HTML into a DOM: for the browser view's page (safe-page.ts), after this measure,
// and for html-to-text (html.ts), measured while it is built, so that the terminal view tokenizes
// the HTML once instead of twice (a second full pass was ~20% of a newsletter's HTML time).
import { DomHandler, Parser, parseDocument } from 'htmlparser2';
import { hidesAny } from './hidden.js';

// The interface Parser uses on its `stack` and `foreignContext` arrays, top first, in O(1).
class TopFirst<T> {
  private readonly items: T[] = [];
  private readonly counts = new Map<T, number>();
  get length(): number {
    return this.items.length;
  }
  set length(n: number) {
    this.items.length = n;
    this.counts.clear();
  }
  get 0(): T | undefined {
    return this.items[this.items.length - 1];
  }
  unshift(item: T): number {
    this.counts.set(item, (this.counts.get(item) ?? 0) + 1);
    return this.items.push(item);
  }
  shift(): T | undefined {
    const item = this.items.pop();
    if (item !== undefined) this.counts.set(item, this.counts.get(item)! - 1);
    return item;
  }
  // Parser pops this many + 1 right after, so the scan is paid for by the pops.
  indexOf(item: T): number {
    // Most end tags close the element on top, which needs no count.
    if (this.items[this.items.length - 1] === item) return 0;
    if (!this.counts.get(item)) return -1;
    return this.items.length - 1 - this.items.lastIndexOf(item);
  }
}

class Deep extends Error {}

type ParserOptions = ConstructorParameters<typeof Parser>[1];
type ParserHandler = ConstructorParameters<typeof Parser>[0];

// htmlparser2's Parser with its two stacks growing at the end: the same events, in linear time.
class StackParser extends Parser {
  constructor(handler: ParserHandler, options: ParserOptions) {
    super(handler, options);
    const self = this as unknown as { stack: TopFirst<string>; foreignContext: TopFirst<boolean> };
    self.stack = new TopFirst();
    self.foreignContext = new TopFirst();
    self.foreignContext.unshift(false);
  }
}

class DepthParser extends StackParser {
  constructor(limit: number) {
    super({ onopentagname: (name) => this.opened(name, limit) }, { decodeEntities: false });
  }

  max = 0;

  // A void element (and `</br>`, which the parser reads as `<br>`) is a leaf, never on the stack.
  private opened(name: string, limit: number): void {
    const open = (this as unknown as { stack: TopFirst<string> }).stack.length;
    this.max = Math.max(this.max, this.isVoidElement(name) ? open + 1 : open);
    if (this.max > limit) throw new Deep();
  }
}

// Attributes, text and comments cannot change the stack: the parser's handlers for them do nothing here.
const inert = ['onattribname', 'onattribdata', 'onattribentity', 'onattribend', 'ontext', 'ontextentity', 'oncomment', 'oncdata', 'ondeclaration', 'onprocessinginstruction'] as const;
for (const name of inert) (DepthParser.prototype as unknown as Record<string, () => void>)[name] = () => undefined;

/** The deepest nesting of elements htmlparser2 builds from `html`, or `limit + 1` once it is deeper than `limit`. */
export function nestingDepth(html: string, limit = Number.MAX_SAFE_INTEGER): number {
  const parser = new DepthParser(limit);
  try {
    parser.end(html);
  } catch (err) {
    if (err instanceof Deep) return limit + 1;
    throw err;
  }
  return parser.max;
}

// html-to-text's default: entities decoded.
const documentOptions = { decodeEntities: true };

// The DOM handler parseDocument uses, counting depth as DepthParser does. At the end the parser
// names each element still open through `stack[i]`, which TopFirst answers only for the top; the
// handler closes the innermost open element whatever the name, so the DOM is the same.
class DepthDom extends DomHandler {
  constructor(private readonly limit: number) {
    // parseDocument hands its handler the parser's options, of which a handler reads none here.
    super(undefined, documentOptions as ConstructorParameters<typeof DomHandler>[1]);
  }

  max = 0;

  onopentagname(name: string): void {
    const parser = (this as unknown as { parser: { stack: TopFirst<string>; isVoidElement(name: string): boolean } }).parser;
    const open = parser.stack.length;
    this.max = Math.max(this.max, parser.isVoidElement(name) ? open + 1 : open);
    if (this.max > this.limit) throw new Deep();
  }
}

/**
 * The DOM html-to-text's own `parseDocument(html, { decodeEntities: true })` builds, in one pass
 * that also measures its depth; undefined once the nesting is deeper than `limit`.
 */
export function parseMeasured(html: string, limit: number): ReturnType<typeof parseDocument> | undefined {
  const handler = new DepthDom(limit);
  try {
    new StackParser(handler, documentOptions).end(html);
  } catch (err) {
    if (err instanceof Deep) return undefined;
    throw err;
  }
  return handler.root;
}

/** The DOM (domhandler nodes) htmlparser2 builds from `html`; measure its depth first. */
export function parseHtmlDocument(html: string): ReturnType<typeof parseDocument> {
  return parseDocument(html);
}

/** Where a long document may be cut, and what a piece needs to know of the whole (see pieces.ts). */
export interface HtmlScan {
  /** Places to cut before a top-level block: the start of its tag and the start tags it sits in (`<html>`, `<body>`). */
  readonly blocks: Cut[];
  /**
   * Per top-level table, the place to cut before it, how many rows it has, and places to cut
   * before its rows: the first row at least `every` units after the table's start, and so on.
   */
  readonly tables: Array<{ readonly cut: Cut; readonly count: number; readonly rows: Cut[] }>;
  /** The href of the first `<base>` element, entities decoded. */
  readonly base?: string;
  /** The text of each `<style>` element, in document order. */
  readonly sheets: string[];
  /** Where the last element that may load an image starts (an `<img>`, a background, a style naming url or src); -1 if none. */
  readonly lastImage: number;
}

/** A place to cut: the index of a tag's `<`, and the start tags of the elements it sits in, as written. */
export interface Cut {
  readonly at: number;
  readonly open: string;
}

// Elements that always begin on a line of their own, even when empty, and close an open `<p>` (and
// nothing else) when they start: a document cut before one renders as the whole does (pieces.ts).
// Not tables and lists: one that shows nothing breaks no line. Nor anything a style may hide.
const cutBefore = new Set(['div', 'p', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'dl']);
const wrappers = new Set(['html', 'body']);
const sections = new Set(['thead', 'tbody', 'tfoot']);

// One pass of htmlparser2's Parser over a whole document that builds no DOM: its depth, as
// DepthDom measures it, and what HtmlScan reports.
class ScanHandler {
  constructor(
    private readonly html: string,
    private readonly limit: number,
    private readonly every: number,
  ) {}

  parser!: StackParser;
  max = 0;
  base: string | undefined;
  readonly sheets: string[] = [];
  lastImage = -1;
  readonly blocks: Cut[] = [];
  readonly tables: Array<{ cut: Cut; count: number; rows: Cut[]; depth: number }> = [];
  // The place to cut before the element just opened, until its attributes say whether it may hide.
  private candidate: { list: Cut[] | Array<{ cut: Cut }>; item: unknown } | undefined;
  // The start and end of each open element's start tag, by depth.
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private table: { cut: Cut; count: number; rows: Cut[]; depth: number } | undefined;

  private names(): string[] {
    return (this.parser as unknown as { stack: { items: string[] } }).stack.items;
  }

  onopentagname(name: string): void {
    const parser = this.parser as unknown as { startIndex: number; isVoidElement(name: string): boolean };
    const open = this.names();
    const void_ = parser.isVoidElement(name);
    this.max = Math.max(this.max, void_ ? open.length + 1 : open.length);
    if (this.max > this.limit) throw new Deep();
    // The elements this one sits in (the parser has pushed it already, unless it is void).
    const outer = void_ ? open.length : open.length - 1;
    if (!void_) this.starts[outer] = parser.startIndex;
    if (name === 'style') this.sheets.push('');
    if (this.table && outer <= this.table.depth) this.table = undefined;
    this.candidate = undefined;
    if ((cutBefore.has(name) || name === 'table') && this.within(open, 0, outer)) {
      const cut = { at: parser.startIndex, open: this.tags(outer) };
      if (name === 'table') this.tables.push((this.table = { cut, count: 0, rows: [], depth: outer }));
      else this.blocks.push(cut);
      this.candidate = name === 'table' ? { list: this.tables, item: this.table } : { list: this.blocks, item: cut };
    } else if (name === 'tr' && this.table) {
      const t = this.table;
      // A row right in the table or in one of its sections, nothing else open around it.
      const inTable = outer === t.depth + 1 || (outer === t.depth + 2 && sections.has(open[t.depth + 1]!));
      if (inTable && open[t.depth] === 'table') {
        t.count++;
        // Only the rows a piece may begin with are kept: a 100 000-row table needs a few thousand.
        if (parser.startIndex - (t.rows.at(-1) ?? t.cut).at >= this.every) t.rows.push({ at: parser.startIndex, open: this.tags(outer) });
      }
    }
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    const open = this.names();
    const parser = this.parser as unknown as { startIndex: number; endIndex: number; isVoidElement(name: string): boolean };
    if (!parser.isVoidElement(name)) this.ends[open.length - 1] = parser.endIndex + 1;
    // An element that may hide itself may break no line: no place to cut.
    if (this.candidate && (attribs.hidden !== undefined || (attribs.style !== undefined && hidesAny(attribs.style)))) {
      if (this.candidate.list.at(-1) === this.candidate.item) this.candidate.list.pop();
      if (this.table === this.candidate.item) this.table = undefined;
    }
    this.candidate = undefined;
    if (name === 'base' && this.base === undefined && attribs.href !== undefined) this.base = attribs.href;
    if (loadsImage(name, attribs)) this.lastImage = parser.startIndex;
  }

  ontext(text: string): void {
    const open = this.names();
    if (open[open.length - 1] === 'style') this.sheets[this.sheets.length - 1] += text;
  }

  private within(open: readonly string[], from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!wrappers.has(open[i]!)) return false;
    return true;
  }

  // The start tags of the outermost `depth` open elements, as the document wrote them: the same
  // string for every row of a table, made once.
  private last: { at: number[]; tags: string } = { at: [], tags: '' };
  private tags(depth: number): string {
    if (depth === this.last.at.length && this.last.at.every((n, i) => n === this.starts[i])) return this.last.tags;
    const at = this.starts.slice(0, depth);
    let tags = '';
    for (let i = 0; i < depth; i++) tags += this.html.slice(this.starts[i]!, this.ends[i]!);
    this.last = { at, tags };
    return tags;
  }
}

// Whether an element may load a web image the tracking notice counts (hidden.ts notes them): more
// than it does (a URL anywhere in its source or style, a CSS escape that may spell one), never less.
function loadsImage(name: string, a: Record<string, string>): boolean {
  const web = (value: string | undefined): boolean => value !== undefined && /https?:/i.test(value);
  if (name === 'img' && (web(a.src) || web(a.srcset))) return true;
  return web(a.background) || (a.style !== undefined && /url|src/i.test(a.style) && (web(a.style) || a.style.includes('\\')));
}

/**
 * One pass over a whole document without building its DOM: where it may be cut into pieces that
 * render as the whole does, and what those pieces need of the whole; undefined once the nesting
 * is deeper than `limit`, as parseMeasured.
 */
export function scanHtml(html: string, limit: number, every: number): HtmlScan | undefined {
  const handler = new ScanHandler(html, limit, every);
  const parser = new StackParser(handler as unknown as ParserHandler, documentOptions);
  handler.parser = parser;
  try {
    parser.end(html);
  } catch (err) {
    if (err instanceof Deep) return undefined;
    throw err;
  }
  const { blocks, tables, base, sheets, lastImage } = handler;
  return { blocks, tables, sheets, lastImage, ...(base === undefined ? {} : { base }) };
}
