import type { Block, LinkRef, Span } from './document.js';

/** Every link in reading order, one entry per distinct URL; numbers are positions + 1. */
export function collectLinks(blocks: readonly Block[]): LinkRef[] {
  const refs = new Map<string, LinkRef>();
  forEachLinkRun(blocks, (run) => {
    const href = run[0]!.link!.href;
    if (!refs.has(href)) refs.set(href, { href, text: run.map((s) => s.text).join('').trim(), followed: run[0]!.link!.followed });
  });
  return [...refs.values()];
}

/** Add a `[n]` marker after every link and the numbered list of links at the end. */
export function addFootnotes(blocks: readonly Block[]): Block[] {
  const refs = collectLinks(blocks);
  if (refs.length === 0) return [...blocks];
  const numbers = new Map(refs.map((r, i) => [r.href, i + 1]));
  const marked = blocks.map((b) => ({ ...b, spans: markRuns(b.spans, numbers) }));
  const list: Block[] = refs.map((r, i) => ({
    kind: 'text',
    spans: [{ text: r.followed ? r.href : `${r.href} (not followed)` }],
    margins: [{ kind: 'item', marker: `[${i + 1}] ` }],
  }));
  return [...marked, { kind: 'blank', spans: [], margins: [] }, { kind: 'text', spans: [{ text: 'Links:', style: { bold: true } }], margins: [] }, ...list];
}

// A marker after text that already shows its target (a bare URL, an address) says nothing new.
function markRuns(spans: readonly Span[], numbers: ReadonlyMap<string, number>): Span[] {
  const out: Span[] = [];
  let text = '';
  spans.forEach((span, i) => {
    out.push(span);
    text = span.link && spans[i - 1]?.link?.id === span.link.id ? text + span.text : span.text;
    const next = spans[i + 1];
    if (span.link && next?.link?.id !== span.link.id && !showsTarget(text, span.link.href)) {
      out.push({ text: `[${numbers.get(span.link.href)}]` });
    }
  });
  return out;
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

// Calls fn with each run of consecutive spans that share one link id.
function forEachLinkRun(blocks: readonly Block[], fn: (run: Span[]) => void): void {
  let run: Span[] = [];
  const end = () => {
    if (run.length) fn(run);
    run = [];
  };
  for (const block of blocks) {
    for (const span of block.spans) {
      if (run.length && span.link?.id !== run[0]!.link!.id) end();
      if (span.link) run.push(span);
    }
    end();
  }
}
