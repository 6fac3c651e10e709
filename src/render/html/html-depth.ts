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
