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

function collectNotes(blocks: readonly Block[]): Map<string, Note> {
  const notes = new Map<string, Note>();
  for (const spans of spanLists(blocks)) {
    for (const run of linkRuns(spans)) {
      const link = run[0]!.link;
      if (link && !link.local && !notes.has(link.href)) {
        // The first link's id with a suffix no renderer makes: unique in the run, OSC 8-safe.
        const note = { href: link.href, text: textOf(run).trim(), followed: link.followed, number: notes.size + 1, entryId: `${link.id}.ref` };
        notes.set(link.href, link.long ? { ...note, long: true } : note);
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
  // Numbered among all links, so that a number means the same link as in --list-links.
  const notes = new Map([...collectNotes(blocks)].filter(([, n]) => only(n)));
  if (notes.size === 0) return [...blocks];
  const marked = mapSpanLists(blocks, (spans) => markRuns(spans, notes, navigation));
  const list: Block[] = [...notes.values()].map((n) => ({ kind: 'text', spans: [entrySpan(n, navigation)], margins: [{ kind: 'item', marker: `[${n.number}] ` }] }));
  return [...marked, blankBlock, { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] }, ...list];
}

function entrySpan(n: Note, navigation: boolean): Span {
  if (!n.followed) return { text: n.long ? n.href : `${n.href} (not followed)` };
  return navigation ? { text: n.href, link: { href: n.href, id: n.entryId, followed: true } } : { text: n.href };
}

// A marker after text that already shows its target (a bare URL, an address) says nothing new.
function markRuns(spans: readonly Span[], notes: ReadonlyMap<string, Note>, navigation: boolean): Span[] {
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
