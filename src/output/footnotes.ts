import { blankBlock, continuesRun, linkRuns, mapSpanLists, spanLists, type Block, type Link, type LinkRef, type Span } from '../document/document.js';

// A footnote as footnoted keeps it until its message ends: the link as listed, its number and, for
// navigation, the id of the link it was first met as (its entry's OSC 8 id is made from that when
// written). Its text is not kept: only --list-links shows it, and a message of 50,000 links held
// each one's.
interface Note {
  readonly href: string;
  readonly followed: boolean;
  readonly long?: boolean;
  readonly number: number;
  readonly linkId?: string;
}

/** Every link of one message in reading order, one entry per distinct URL; numbers are positions + 1. */
export function collectLinks(blocks: readonly Block[]): LinkRef[] {
  const refs: LinkRef[] = [];
  eachNewLink(blocks, new Set(), (spans, at, link) => refs.push(refOf(runAt(spans, at), link)));
  return refs;
}

// The link of each run of spans (linkRuns) whose URL is not in `seen` yet, in reading order, with
// the spans and where its run starts; `seen` gains it. The runs themselves are not made: every
// block that has a link passes through here, and footnotes for long links alone (hyperlinks on)
// need only the link.
function eachNewLink(blocks: readonly Block[], seen: Set<string>, found: (spans: readonly Span[], at: number, link: Link) => void): void {
  for (const spans of spanLists(blocks)) {
    for (let i = 0; i < spans.length; i++) {
      const link = spans[i]!.link;
      if (!link || continuesRun(spans, i) || link.local || seen.has(link.href)) continue;
      seen.add(link.href);
      found(spans, i, link);
    }
  }
}

// The run of spans that starts at `at`, as linkRuns makes it.
function runAt(spans: readonly Span[], at: number): readonly Span[] {
  let end = at + 1;
  while (end < spans.length && continuesRun(spans, end)) end++;
  return spans.slice(at, end);
}

function refOf(run: readonly Span[], link: Link): LinkRef {
  const ref = { href: link.href, text: textOf(run).trim(), followed: link.followed };
  return link.long ? { ...ref, long: true } : ref;
}

function noteOf(link: Link, number: number, navigation: boolean): Note {
  const note: Note = navigation ? { href: link.href, followed: link.followed, number, linkId: link.id } : { href: link.href, followed: link.followed, number };
  return link.long ? { ...note, long: true } : note;
}

/**
 * Add a `[n]` marker after every link (or only those `only` picks, when given) and the numbered list of them at
 * the end. With `navigation` (the pager is less 661+), each marker is itself a link to `#<id>` of
 * its entry, so less's ^O^O on a marker jumps to the full URL; a `#` URI means nothing to a
 * terminal, so only then.
 */
export function addFootnotes(blocks: readonly Block[], navigation = false, only?: (link: Link) => boolean): Block[] {
  return Array.from(footnoted(blocks, navigation, only));
}

/**
 * addFootnotes a block at a time: links are numbered as they are met, the list follows the last
 * block (a million lines). Where one message of several ends (a `messageEnd` block) its list is
 * written and numbering starts again, so a stream of 40,000 messages holds one message's links.
 */
export function* footnoted(blocks: Iterable<Block>, navigation = false, only?: (link: Link) => boolean): Generator<Block> {
  const notes = new Footnotes(navigation, only);
  for (const block of blocks) {
    if (block.messageEnd) yield* notes.end();
    else yield notes.mark(block);
  }
  yield* notes.end();
}

/**
 * footnoted for a caller that reads the blocks itself (show.ts, as it writes them): each block is
 * marked as it is handed over and each message's list asked for where it ends, so that no
 * generator stands between the blocks and their writing.
 */
export class Footnotes {
  // Numbered among all links of the message, so that a number means the same link as in
  // --list-links. Only the URLs of the links it does not list are kept: a million links stay small.
  private seen = new Set<string>();
  private notes = new Map<string, Note>();

  constructor(
    private readonly navigation = false,
    private readonly only?: (link: Link) => boolean,
  ) {}

  /** The block with a marker after each link that gets one (a block without links is itself). */
  mark(block: Block): Block {
    // Most blocks of a long text hold no link: passed on as they are, without walking their spans.
    if (!block.rows && !block.spans.some((s) => s.link)) return block;
    const { seen, notes, navigation, only } = this;
    eachNewLink([block], seen, (_spans, _at, link) => {
      if (only === undefined || only(link)) notes.set(link.href, noteOf(link, seen.size, navigation));
    });
    return notes.size ? mapSpanLists([block], (spans) => markRuns(spans, notes, navigation))[0]! : block;
  }

  /** The message's list of links, after its last block; numbering starts again after it. */
  end(): Iterable<Block> {
    const list = noteList(this.notes, this.navigation);
    this.seen = new Set();
    this.notes = new Map();
    return list;
  }
}

function* noteList(notes: ReadonlyMap<string, Note>, navigation: boolean): Generator<Block> {
  if (notes.size === 0) return;
  yield blankBlock;
  yield { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] };
  for (const n of notes.values()) yield { kind: 'text', spans: [entrySpan(n, navigation)], margins: [{ kind: 'item', marker: `[${n.number}] ` }] };
}

function entrySpan(n: Note, navigation: boolean): Span {
  if (!n.followed) return { text: n.long ? n.href : `${n.href} (not followed)` };
  return navigation ? { text: n.href, link: { href: n.href, id: entryId(n), followed: true } } : { text: n.href };
}

// A marker after text that already shows its target (a bare URL, an address) says nothing new.
function markRuns(spans: readonly Span[], notes: ReadonlyMap<string, Note>, navigation: boolean): readonly Span[] {
  if (!spans.some((s) => s.link)) return spans;
  const out: Span[] = [];
  for (const run of linkRuns(spans)) {
    out.push(...run);
    const link = run[0]!.link;
    const note = link && notes.get(link.href);
    if (!link || !note || showsTarget(textOf(run), link.href)) continue;
    const text = `[${note.number}]`;
    out.push(navigation && note.followed ? { text, link: { href: `#${entryId(note)}`, id: `${link.id}.fn`, followed: true } } : { text });
  }
  return out;
}

// The first link's id with a suffix no renderer makes: unique in the run, OSC 8-safe.
function entryId(note: Note): string {
  return `${note.linkId!}.ref`;
}

function textOf(run: readonly Span[]): string {
  return run.map((s) => s.text).join('');
}

// A bare URL, or an address as the text of its own mailto: link (every address of a header block),
// shows its target without the four copies bareTarget makes to compare them.
/** Whether link text shows the link's target (the marker would say nothing new). */
export function showsTarget(text: string, href: string): boolean {
  if (text === href) return true;
  if (href.length === text.length + 7 && href.startsWith('mailto:') && href.endsWith(text) && !scheme.test(text) && text.trim() === text) return true;
  return bareTarget(text, href);
}

const scheme = /^(mailto:|https?:\/\/)/i;

/** showsTarget by comparing both with their schemes, surrounding spaces and a final slash taken off. */
export function bareTarget(text: string, href: string): boolean {
  const bare = (s: string) => s.trim().replace(/^(mailto:|https?:\/\/)/i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(href) || bare(text) === bare(safeDecode(href));
}

function safeDecode(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
