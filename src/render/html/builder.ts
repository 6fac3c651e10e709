// The document the HTML formatters write into. html-to-text parses the HTML and picks a formatter
// for each element; the formatters and the text nodes call this builder, which keeps links, styles
// and margins as data beside the text (spans and blocks), never as characters inside it: a mail can
// contain any character, so no character can be mistaken for structure (DESIGN.md).
import type { Block, Link, Margin, Span, Style, TableRow } from '../../document/document.js';
import type { RenderContext } from '../../links/context.js';

/** A DOM node as html-to-text hands it to formatters (domhandler's shape, the fields we read). */
export interface Elem {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly attribs?: Readonly<Record<string, string | undefined>>;
  readonly children?: Elem[];
  readonly parent?: Elem | null;
}

/** What a builder shares with the builders of table cells and with the formatters. */
export interface BuildContext {
  readonly ctx: RenderContext;
  readonly base?: string;
  /** Content-ID (without <>) → file name of the message's parts, for cid: images. */
  readonly images: ReadonlyMap<string, string>;
  /** The rows of a long table this piece of the document holds (pieces.ts), for its first `<table>`. */
  readonly group?: TableGroup;
  /** Told when a reply quote takes everything after it to the end of the document. */
  readonly restTaken?: () => void;
}

/** A group of a long table's rows, converted on its own (pieces.ts): what its groups share. */
export interface TableGroup {
  readonly table: LongTable;
  readonly first: boolean;
  readonly last: boolean;
}

/** What the groups of one long table share: how it is read (decided from its first rows), its rowspans, its layout. */
export interface LongTable {
  kind?: 'data' | 'row' | 'layout';
  columns?: number;
  /** Rows still covered by a cell above, per column (rowspan), carried from one group to the next. */
  readonly below: number[];
  /** The `longTable` of its table blocks: wrap.ts lays them out as one table. */
  readonly layout: object;
}

// A margin as it is open while content arrives: a list item's marker shows on its first line only.
interface Frame {
  readonly margin: Margin;
  used: boolean;
}

/** How text nodes keep white space (CSS white-space): collapsed, kept with every line break, or only the line breaks kept. */
export type WhiteSpace = 'normal' | 'pre' | 'pre-line';

const noFrames: readonly Frame[] = Object.freeze([]);
const noMargins: readonly Margin[] = Object.freeze([]);
const plainBlank: Block = Object.freeze({ kind: 'blank', spans: Object.freeze([]) as readonly Span[], margins: noMargins });

// HTML's white space (CSS Text 3) and the zero-width space, which html-to-text also treats as one.
const whitespace = /[ \t\r\n\f\u200b]+/;
const whitespaceRuns = /[ \t\r\n\f\u200b]+/g;

// One shared style object per combination: a long mail has hundreds of thousands of spans.
const styles: ReadonlyArray<Style | undefined> = Array.from({ length: 8 }, (_, k) =>
  k === 0 ? undefined : Object.freeze({ ...(k & 4 ? { bold: true } : {}), ...(k & 2 ? { italic: true } : {}), ...(k & 1 ? { underline: true } : {}) }),
);

/** Builds blocks from text and structure calls; `addInline` is the name html-to-text's walk calls for text nodes. */
export class DocumentBuilder {
  /** html-to-text's options and selector picker, read by its walk when it is handed this builder. */
  readonly options: unknown;
  readonly picker: unknown;
  readonly shared: BuildContext;
  private readonly blocks: Block[] = [];
  private readonly frames: Frame[] = [];
  private lastFrames: readonly Frame[] = [];
  private line: Span[] = [];
  private lineFrames: readonly Frame[] = [];
  private text = '';
  private textStyle: Style | undefined;
  private textLink: Link | undefined;
  private bold = 0;
  private italic = 0;
  private underline = 0;
  private link: Link | undefined;
  private linkHasText = false;
  // Links around the open one (an <a> inside an <a>): the outer one goes on after the inner closes.
  private readonly outerLinks: Array<{ link: Link | undefined; hasText: boolean }> = [];
  private space = false;
  private newlines = 0;
  private pre: Span[][] | undefined;
  private whiteSpace: WhiteSpace = 'normal';
  // The last label written and how often it came in a row, while it ends the line.
  private label: { readonly text: string; span: Span; count: number } | undefined;
  // Kept spaces at the start of a line, written once text follows them on it.
  private indent = '';

  constructor(walker: { options: unknown; picker: unknown }, shared: BuildContext) {
    this.options = walker.options;
    this.picker = walker.picker;
    this.shared = shared;
  }

  /** A builder for a table cell: the same walker and context, a document of its own. */
  child(): DocumentBuilder {
    const doc = new DocumentBuilder(this, this.shared);
    doc.whiteSpace = this.whiteSpace;
    return doc;
  }

  /**
   * The blocks child() would make of one text node alone, without a builder: a long table has
   * hundreds of thousands of such cells. Undefined where white space is kept.
   */
  textCell(data: string): Block[] | undefined {
    if (this.whiteSpace !== 'normal') return undefined;
    const words = data.split(whitespace).filter((w) => w !== '');
    return words.length ? [{ kind: 'text', spans: [{ text: words.join(' ') }], margins: noMargins }] : [];
  }

  /** Set how text nodes keep white space from here on; returns the mode it replaces. */
  setWhiteSpace(mode: WhiteSpace): WhiteSpace {
    const was = this.whiteSpace;
    this.whiteSpace = mode;
    return was;
  }

  /** A text node: white space collapses to one space, except inside `<pre>`. */
  addInline(data: string): void {
    if (this.pre) return this.preText(data);
    if (this.whiteSpace !== 'normal') return this.keptText(data);
    this.collapsedText(data);
  }

  private collapsedText(data: string): void {
    // Each run of white space becomes one space (one pass, no array of words): the first word goes
    // through word(), which starts the line or the run as needed; after it the text run has its
    // style and link, so the other words and the spaces between them only extend it.
    const text = data.replace(whitespaceRuns, ' ');
    const start = text.charCodeAt(0) === 32 ? 1 : 0;
    if (start) this.space = true;
    let end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 32) end--;
    if (end <= start) return;
    const gap = text.indexOf(' ', start);
    const firstEnd = gap < 0 || gap > end ? end : gap;
    this.word(text.slice(start, firstEnd));
    if (firstEnd < end) this.text += text.slice(firstEnd, end);
    if (end < text.length) this.space = true;
  }

  /**
   * Text that mailview writes itself ([image: …], a link's bare URL): a span of its own that wrapping
   * keeps whole. The same label again with only white space between (a row of star icons) is
   * counted instead: `[image: star ×5]`.
   */
  addLabel(text: string): void {
    if (this.pre) return this.preText(text);
    const last = this.label;
    if (last && last.text === text && text.startsWith('[image') && this.text === '' && this.newlines === 0 && this.line[this.line.length - 1] === last.span && last.span.link?.href === this.link?.href) {
      last.count++;
      last.span = { ...last.span, text: `${text.slice(0, -1)} ×${last.count}]` };
      this.line[this.line.length - 1] = last.span;
      this.space = false;
      if (this.link) this.linkHasText = true;
      return;
    }
    if (this.newlines > 0 || this.line.length + this.text.length === 0) this.startLine();
    else if (this.space) this.addText(' ', true);
    this.space = false;
    this.flushText(this.line);
    this.addText(text, false);
    this.flushText(this.line);
    if (this.link) this.linkHasText = true;
    const span = { ...this.line[this.line.length - 1]!, atomic: true };
    this.line[this.line.length - 1] = span;
    this.label = { text, span, count: 1 };
  }

  /** A `<br>`: the line ends here; a second one in a row makes a blank line. */
  lineBreak(): void {
    if (this.pre) return this.preLine();
    this.newlines++;
    this.space = false;
  }

  /** Start a block-level element: at least `breaks` line ends before its content (2 = a blank line). */
  openBlock(breaks: number): void {
    this.newlines = Math.max(this.newlines, breaks);
    this.space = false;
    this.indent = '';
  }

  /** End a block-level element: at least `breaks` line ends before what follows (as openBlock: the larger count wins). */
  closeBlock(breaks: number): void {
    this.openBlock(breaks);
  }

  /** Open a margin (quote, list item, indent) for everything until the matching popMargin. */
  pushMargin(margin: Margin): void {
    this.frames.push({ margin, used: false });
  }

  /** Show the innermost list item's marker on a line of its own, unless content has shown it (an empty item, or one that starts with a sublist). */
  showMarker(): void {
    const frame = this.frames[this.frames.length - 1];
    if (this.pre || !frame || frame.margin.kind !== 'item' || frame.used) return;
    if ((this.line.length > 0 || this.text !== '') && this.lineFrames.includes(frame)) return;
    this.place();
    const frames = this.openFrames();
    // The marker is the line's text (an empty line would count as blank), without its trailing space.
    const margins = this.margins(frames);
    const item = frame.margin;
    const marker = item.style ? { text: item.marker.trimEnd(), style: item.style } : { text: item.marker.trimEnd() };
    this.emit({ kind: 'text', spans: [marker], margins: margins.slice(0, -1) }, frames);
  }

  /** Close the innermost margin. */
  popMargin(): void {
    this.frames.pop();
  }

  /** Turn bold, italic or underline on (+1) or off (-1); nesting counts. */
  setStyle(kind: 'bold' | 'italic' | 'underline', delta: 1 | -1): void {
    this[kind] = Math.max(0, this[kind] + delta);
  }

  /** Open a link: the text until closeLink is its anchor. */
  openLink(link: Link): void {
    this.outerLinks.push({ link: this.link, hasText: this.linkHasText });
    this.link = link;
    this.linkHasText = false;
  }

  /** Close the open link; a link with no visible text shows its target instead. */
  closeLink(): void {
    const link = this.link;
    if (link && !this.linkHasText) this.addLabel(link.href);
    const outer = this.outerLinks.pop();
    this.link = outer?.link;
    this.linkHasText = (outer?.hasText ?? false) || this.linkHasText;
  }

  /** Start a `<pre>`: spacing kept, one line per line of source. */
  openPre(): void {
    this.openBlock(2);
    this.flushText(this.line);
    this.pre = [[]];
  }

  /** End the `<pre>`: its lines, without the empty ones at either end, become pre blocks. */
  closePre(): void {
    const lines = this.pre ?? [];
    this.flushText(this.target());
    this.pre = undefined;
    let from = 0;
    let to = lines.length;
    while (from < to && lines[from]!.length === 0) from++;
    while (to > from && lines[to - 1]!.length === 0) to--;
    if (from < to) this.place();
    for (let i = from; i < to; i++) this.emit({ kind: 'pre', spans: lines[i]!, margins: this.margins(this.frames) }, this.openFrames());
    this.closeBlock(2);
  }

  /** A horizontal rule on a line of its own. */
  addRule(): void {
    this.openBlock(2);
    this.place();
    this.emit({ kind: 'rule', spans: [], margins: this.margins(this.frames) }, this.openFrames());
    this.closeBlock(2);
  }

  /** A data table on lines of its own. */
  addTable(rows: readonly TableRow[], longTable?: object): void {
    this.openBlock(2);
    this.place();
    this.emit({ kind: 'table', spans: [], margins: this.margins(this.frames), rows, ...(longTable ? { longTable } : {}) }, this.openFrames());
    this.closeBlock(2);
  }

  /** The finished document: at most one blank line in a row, none at either end. */
  finish(): Block[] {
    if (this.pre) this.closePre();
    this.flushLine();
    return this.blocks;
  }

  private word(word: string): void {
    if (this.newlines > 0 || this.line.length + this.text.length === 0) this.startLine();
    else if (this.space) this.addText(' ', true);
    this.space = false;
    this.addText(word, false);
    if (this.link) this.linkHasText = true;
  }

  // A space takes the link only when both words around it are in that link, and no style of its own
  // unless the style goes on: an underline never runs past the end of the words.
  private addText(text: string, isSpace: boolean): void {
    const style = styles[(this.bold ? 4 : 0) + (this.italic ? 2 : 0) + (this.underline ? 1 : 0)];
    const link = isSpace && this.textLink !== this.link ? undefined : this.link;
    const s = isSpace && this.textStyle !== style ? undefined : style;
    if (this.text !== '' && (s !== this.textStyle || link !== this.textLink)) this.flushText(this.target());
    if (this.text === '') {
      this.textStyle = s;
      this.textLink = link;
    }
    this.text += text;
  }

  private flushText(into: Span[]): void {
    if (this.text === '') return;
    const style = this.textStyle;
    const link = this.textLink;
    into.push(style ? (link ? { text: this.text, style, link } : { text: this.text, style }) : link ? { text: this.text, link } : { text: this.text });
    this.text = '';
  }

  // Where text goes: the current line, or the last line of an open <pre>.
  private target(): Span[] {
    return this.pre ? this.pre[this.pre.length - 1]! : this.line;
  }

  // A new block of content: the line before it ends, with a blank line between when one was asked for.
  private place(): void {
    const blank = this.newlines > 1;
    this.flushLine();
    this.newlines = 0;
    if (!blank || this.blocks.length === 0) return;
    const margins = this.margins(this.common());
    this.emit(margins.length ? { kind: 'blank', spans: [], margins } : plainBlank, undefined);
  }

  private startLine(): void {
    this.place();
    this.lineFrames = this.openFrames();
    this.line = [];
  }

  private flushLine(): void {
    this.flushText(this.line);
    if (this.line.length === 0) return;
    this.emit({ kind: 'text', spans: this.line, margins: this.margins(this.lineFrames) }, this.lineFrames);
    this.line = [];
  }

  // `frames`: the margins the block is in, remembered for the next blank line; a blank keeps the last.
  private emit(block: Block, frames: readonly Frame[] | undefined): void {
    const last = this.blocks[this.blocks.length - 1];
    if (block.kind === 'blank' && (!last || last.kind === 'blank')) return;
    this.blocks.push(block);
    if (frames) this.lastFrames = frames;
  }

  // The open margins as they stand now (the stack changes as elements close).
  private openFrames(): readonly Frame[] {
    return this.frames.length ? [...this.frames] : noFrames;
  }

  // A blank line between two blocks keeps the margins both are in (a quote's '>'), nothing deeper.
  private common(): Frame[] {
    const out: Frame[] = [];
    for (let i = 0; i < this.frames.length && this.frames[i] === this.lastFrames[i]; i++) out.push(this.frames[i]!);
    return out;
  }

  private margins(frames: readonly Frame[]): readonly Margin[] {
    if (frames.length === 0) return noMargins;
    return frames.map((f) => {
      const m = f.margin;
      if (m.kind !== 'item') return m;
      if (f.used) return { kind: 'indent', width: [...m.marker].length };
      f.used = true;
      return m;
    });
  }

  // Text under white-space: pre or pre-wrap keeps its spaces (filled lines still wrap); under pre-line
  // only its line breaks. Each newline ends the line.
  private keptText(data: string): void {
    data.split(/\r\n?|\n/).forEach((part, i) => {
      if (i > 0) {
        this.lineBreak();
        this.indent = '';
      }
      if (this.whiteSpace === 'pre-line') return this.collapsedText(part);
      const text = part.replace(/\t/g, '        ');
      if (!/[^ \f\u200b]/.test(text)) {
        this.indent += text.replace(/[\f\u200b]/g, '');
        return;
      }
      // Collapsed white space before kept text counts only between words on a line.
      if (this.space && this.newlines === 0 && this.line.length + this.text.length > 0) this.indent = ' ' + this.indent;
      this.space = false;
      this.word(this.indent + text);
      this.indent = '';
    });
  }

  private preText(data: string): void {
    const parts = data.split(/\r?\n/);
    parts.forEach((part, i) => {
      if (i > 0) this.preLine();
      if (part !== '') this.addText(part.replace(/\t/g, '        '), false);
    });
    if (this.link && /\S/.test(data)) this.linkHasText = true;
  }

  private preLine(): void {
    this.flushText(this.target());
    this.pre!.push([]);
  }
}

/** html-to-text's walk over child nodes, handed our builder. */
export type Walk = (nodes: Elem[] | undefined, builder: DocumentBuilder) => void;

/** Let go of an element's children once they are written, so a long document is not held whole. */
export function release(elem: Elem): void {
  if (elem.children?.length) (elem as { children: Elem[] }).children = [];
}
