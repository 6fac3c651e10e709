import { blankBlock, linkRuns, mapSpanLists, spanLists, type Block, type LinkRef, type Span } from './document.js';

/** Every link in reading order, one entry per distinct URL; numbers are positions + 1. */
export function collectLinks(blocks: readonly Block[]): LinkRef[] {
  const refs = new Map<string, LinkRef>();
  for (const spans of spanLists(blocks)) {
    for (const run of linkRuns(spans)) {
      const link = run[0]!.link;
      if (link && !refs.has(link.href)) refs.set(link.href, { href: link.href, text: textOf(run).trim(), followed: link.followed, ...(link.long ? { long: true } : {}) });
    }
  }
  return [...refs.values()];
}

/** Add a `[n]` marker after every link (or only those `only` picks) and the numbered list of them at the end. */
export function addFootnotes(blocks: readonly Block[], only: (ref: LinkRef) => boolean = () => true): Block[] {
  const all = collectLinks(blocks);
  // Numbered among all links, so that a number means the same link as in --list-links.
  const numbered = all.map((r, i) => ({ ...r, n: i + 1 })).filter(only);
  if (numbered.length === 0) return [...blocks];
  const numbers = new Map(numbered.map((r) => [r.href, r.n]));
  const marked = mapSpanLists(blocks, (spans) => markRuns(spans, numbers));
  const list: Block[] = numbered.map((r) => ({
    kind: 'text',
    spans: [{ text: r.followed || r.long ? r.href : `${r.href} (not followed)` }],
    margins: [{ kind: 'item', marker: `[${r.n}] ` }],
  }));
  return [...marked, blankBlock, { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] }, ...list];
}

// A marker after text that already shows its target (a bare URL, an address) says nothing new.
function markRuns(spans: readonly Span[], numbers: ReadonlyMap<string, number>): Span[] {
  const out: Span[] = [];
  for (const run of linkRuns(spans)) {
    out.push(...run);
    const link = run[0]!.link;
    const n = link && numbers.get(link.href);
    if (link && n !== undefined && !showsTarget(textOf(run), link.href)) out.push({ text: `[${n}]` });
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
