import type { Block, Span } from '../document.js';
import { deceptiveHost } from '../links.js';

/** After every link whose text names another site than its target, a warning with the real host. */
export function markDeceptiveLinks(blocks: readonly Block[]): Block[] {
  return blocks.map((b) => (b.spans.some((s) => s.link) ? { ...b, spans: markSpans(b.spans) } : b));
}

// A link run is the consecutive spans sharing one link id; its text is judged as a whole.
function markSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let run: Span[] = [];
  const flush = () => {
    const link = run[0]?.link;
    if (!link) return;
    out.push(...run);
    const host = deceptiveHost(run.map((s) => s.text).join(''), link.href);
    if (host !== undefined) out.push({ text: ` [→ ${host}]`, style: { warn: true } });
    run = [];
  };
  for (const span of spans) {
    if (run.length && span.link?.id !== run[0]!.link!.id) flush();
    if (span.link) run.push(span);
    else out.push(span);
  }
  flush();
  return out;
}
