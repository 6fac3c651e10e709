import { blankBlock, linkRuns, mapSpanLists, spanLists, type Block, type LinkRef, type Span } from './document.js';

/** A footnote: the link as listed, its number and the OSC 8 id of its entry in the list. */
interface Note extends LinkRef {
  readonly number: number;
  readonly entryId: string;
}

/** Every link in reading order, one entry per distinct URL; numbers are positions + 1. */
export function collectLinks(blocks: readonly Block[]): LinkRef[] {
  return [...collectNotes(blocks).values()];
}

function collectNotes(blocks: readonly Block[], notes = new Map<string, Note>(), added: (note: Note) => void = () => undefined): Map<string, Note> {
  for (const spans of spanLists(blocks)) {
    for (const run of linkRuns(spans)) {
      const link = run[0]!.link;
      if (link && !notes.has(link.href)) {
        // The first link's id with a suffix no renderer makes: unique in the run, OSC 8-safe.
        const note = { href: link.href, text: textOf(run).trim(), followed: link.followed, number: notes.size + 1, entryId: `${link.id}.ref` };
        const kept = link.long ? { ...note, long: true } : note;
        notes.set(link.href, kept);
        added(kept);
      }
    }
  }
  return notes;
}

/**
 * Add a `[n]` marker after every link (or only those `only` picks) and the numbered list of them at
 * the end. With `navigation` (the pager is less 661+), each marker is itself a link to `#<id>` of
 * its entry, so less's ^O^O on a marker jumps to the full URL; a `#` URI means nothing to a
 * terminal, so only then.
 */
export function addFootnotes(blocks: readonly Block[], navigation = false, only: (ref: LinkRef) => boolean = () => true): Block[] {
  return Array.from(footnoted(blocks, navigation, only));
}

/** addFootnotes a block at a time: links are numbered as they are met, the list follows the last block (issue 11: a million lines). */
export function* footnoted(blocks: Iterable<Block>, navigation = false, only: (ref: LinkRef) => boolean = () => true): Generator<Block> {
  // Numbered among all links, so that a number means the same link as in --list-links.
  const all = new Map<string, Note>();
  const notes = new Map<string, Note>();
  for (const block of blocks) {
    collectNotes([block], all, (note) => only(note) && notes.set(note.href, note));
    yield notes.size ? mapSpanLists([block], (spans) => markRuns(spans, notes, navigation))[0]! : block;
  }
  if (notes.size === 0) return;
  yield blankBlock;
  yield { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] };
  for (const n of notes.values()) yield { kind: 'text', spans: [entrySpan(n, navigation)], margins: [{ kind: 'item', marker: `[${n.number}] ` }] };
}

function entrySpan(n: Note, navigation: boolean): Span {
  if (!n.followed) return { text: n.long ? n.href : `${n.href} (not followed)` };
  return navigation ? { text: n.href, link: { href: n.href, id: n.entryId, followed: true } } : { text: n.href };
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
    out.push(navigation && note.followed ? { text, link: { href: `#${note.entryId}`, id: `${link.id}.fn`, followed: true } } : { text });
  }
  return out;
}

function textOf(run: readonly Span[]): string {
  return run.map((s) => s.text).join('');
}

function showsTarget(text: string, href: string): boolean {
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
