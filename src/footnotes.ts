import { blankBlock, linkRuns, mapSpanLists, spanLists, type Block, type LinkRef, type Span } from './document.js';

/** Every link in reading order, one entry per distinct URL; numbers are positions + 1. */
export function collectLinks(blocks: readonly Block[]): LinkRef[] {
  const refs = new Map<string, LinkRef>();
  for (const spans of spanLists(blocks)) {
    for (const run of linkRuns(spans)) {
      const link = run[0]!.link;
      if (link && !refs.has(link.href)) refs.set(link.href, { href: link.href, text: textOf(run).trim(), followed: link.followed });
    }
  }
  return [...refs.values()];
}

/** Add a `[n]` marker after every link and the numbered list of links at the end. */
export function addFootnotes(blocks: readonly Block[]): Block[] {
  return Array.from(footnoted(blocks));
}

/** addFootnotes a block at a time: links are numbered as they are met, the list follows the last block. */
export function* footnoted(blocks: Iterable<Block>): Generator<Block> {
  // Only what the list needs, the strings shared with the spans: a million links stay small.
  const numbers = new Map<string, number>();
  const hrefs: string[] = [];
  const refused: number[] = [];
  for (const block of blocks) {
    for (const spans of spanLists([block])) {
      for (const span of spans) {
        const link = span.link;
        if (!link || numbers.has(link.href)) continue;
        hrefs.push(link.href);
        numbers.set(link.href, hrefs.length);
        if (!link.followed) refused.push(hrefs.length);
      }
    }
    yield numbers.size ? mapSpanLists([block], (spans) => markRuns(spans, numbers))[0]! : block;
  }
  if (hrefs.length === 0) return;
  yield blankBlock;
  yield { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] };
  const notFollowed = new Set(refused);
  for (const [i, href] of hrefs.entries()) {
    const text = notFollowed.has(i + 1) ? `${href} (not followed)` : href;
    yield { kind: 'text', spans: [{ text }], margins: [{ kind: 'item', marker: `[${i + 1}] ` }] };
  }
}

// A marker after text that already shows its target (a bare URL, an address) says nothing new.
function markRuns(spans: readonly Span[], numbers: ReadonlyMap<string, number>): readonly Span[] {
  if (!spans.some((s) => s.link)) return spans;
  const out: Span[] = [];
  for (const run of linkRuns(spans)) {
    out.push(...run);
    const link = run[0]!.link;
    if (link && !showsTarget(textOf(run), link.href)) out.push({ text: `[${numbers.get(link.href)}]` });
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
