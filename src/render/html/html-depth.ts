// The only importer of htmlparser2 (html-to-text's own parser): how deep the parser's stack of open
// elements grows on a text, measured before html-to-text parses it. htmlparser2 keeps that stack
// with Array#unshift, so a document nested 100 000 deep takes seconds to parse; measuring first
// lets safe-html.ts show it without layout instead. The measure is htmlparser2's own Parser (its
// tokenizer, implied end tags, void and foreign elements), so it counts exactly what the parse will
// build, with its two stacks swapped for ones that grow at the end and with everything else ignored.
// It also parses HTML into a DOM for the browser view's page (safe-page.ts), after this measure.
import { Parser, parseDocument } from 'htmlparser2';

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

class DepthParser extends Parser {
  constructor(limit: number) {
    super({ onopentagname: (name) => this.opened(name, limit) }, { decodeEntities: false });
    const self = this as unknown as { stack: TopFirst<string>; foreignContext: TopFirst<boolean> };
    self.stack = new TopFirst();
    self.foreignContext = new TopFirst();
    self.foreignContext.unshift(false);
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

/** The DOM (domhandler nodes) htmlparser2 builds from `html`; measure its depth first. */
export function parseHtmlDocument(html: string): ReturnType<typeof parseDocument> {
  return parseDocument(html);
}
