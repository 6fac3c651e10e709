import { linkRuns, mapSpanLists, type Block, type Span } from '../document/document.js';
import { BoundedMemo } from '../document/memo.js';
import { deceptiveHost, userinfoHost } from '../links/links.js';

/** After every link whose text names another site than its target, a warning with the real host. */
export function markDeceptiveLinks(blocks: readonly Block[]): Block[] {
  return mapSpanLists(blocks, (spans) => (spans.some((s) => s.link) ? markSpans(spans) : spans));
}

// A link run is the consecutive spans sharing one link id; its text is judged as a whole. The list
// is copied only when a warning is added: most mails have none.
function markSpans(spans: readonly Span[]): readonly Span[] {
  let out: Span[] | undefined;
  let at = 0;
  for (const run of linkRuns(spans)) {
    at += run.length;
    const link = run[0]!.link;
    const text = run.length === 1 ? run[0]!.text : run.map((s) => s.text).join('');
    // Text that is the followed target itself names nowhere else (a bare URL in plain text: a million
    // of them in a log), unless the target has a user part made to look like a host.
    const itself = link !== undefined && link.followed && text === link.href;
    const host = link && !link.byMailview ? (itself ? userinfoHost(link.href) : judged(text, link.href)) : undefined;
    if (!host) {
      out?.push(...run);
      continue;
    }
    out ??= spans.slice(0, at - run.length);
    out.push(...run, { text: ` [→ ${host}]`, style: { warn: true } });
  }
  return out ?? spans;
}

// The same link text and target come back many times in some mails (the organiser and attendees of
// each of thousands of calendar events, a footer link in every message of a digest), and judging a
// pair means parsing the URL and asking the public suffix list: each pair is judged once. The
// answer depends on nothing else; the memo is emptied when full, so it stays small.
const judgements = new BoundedMemo<string, string | undefined>(4096);

function judged(text: string, href: string): string | undefined {
  return judgements.get(`${text}\0${href}`, () => deceptiveHost(text, href));
}
