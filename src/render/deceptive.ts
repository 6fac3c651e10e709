import { linkRuns, mapSpanLists, type Block, type Span } from '../document.js';
import { deceptiveHost } from '../links.js';

/** After every link whose text names another site than its target, a warning with the real host. */
export function markDeceptiveLinks(blocks: readonly Block[]): Block[] {
  return mapSpanLists(blocks, (spans) => (spans.some((s) => s.link) ? markSpans(spans) : spans));
}

// A link run is the consecutive spans sharing one link id; its text is judged as a whole.
function markSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const run of linkRuns(spans)) {
    out.push(...run);
    const link = run[0]!.link;
    const host = link ? deceptiveHost(run.map((s) => s.text).join(''), link.href) : undefined;
    if (host) out.push({ text: ` [→ ${host}]`, style: { warn: true } });
  }
  return out;
}
