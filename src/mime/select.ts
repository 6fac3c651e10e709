import type { Attachment, Mail, Part } from './types.js';

/** A part chosen for display, in reading order. */
export type Shown =
  | { readonly kind: 'html' | 'plain'; readonly text: string }
  | { readonly kind: 'message'; readonly mail: Mail };

/** Which alternative wins in multipart/alternative. */
export type Preference = 'html' | 'plain';

/** The parts to show, in order: alternative → one, related → its root, mixed → every inline part. */
export function selectParts(part: Part, prefer: Preference): Shown[] {
  switch (part.kind) {
    case 'text':
      return [{ kind: part.subtype === 'html' ? 'html' : 'plain', text: part.text }];
    case 'message':
      return [{ kind: 'message', mail: part.mail }];
    case 'attachment':
    case 'calendar':
      return [];
    case 'multipart':
      if (part.subtype === 'alternative') return pickAlternative(part.children, prefer);
      if (part.subtype === 'related') return relatedParts(part.children, prefer);
      return part.children.flatMap((child) => selectParts(child, prefer));
  }
}

// RFC 2387: the root is shown and the rest are what it refers to by cid:; a second HTML or plain
// part (or an alternative of them) is text no root can show, so it is shown after the root.
function relatedParts(children: readonly Part[], prefer: Preference): Shown[] {
  const [root, ...rest] = children;
  if (!root) return [];
  const texts = rest.filter((c) => (c.kind === 'text' && (c.subtype === 'html' || c.subtype === 'plain') && !c.filename) || c.kind === 'multipart');
  return [...selectParts(root, prefer), ...texts.flatMap((c) => selectParts(c, prefer))];
}

// RFC 2046 5.1.4: alternatives come in increasing faithfulness, so the last acceptable one wins.
function pickAlternative(children: readonly Part[], prefer: Preference): Shown[] {
  const options = children.map((child) => selectParts(child, prefer)).filter((shown) => shown.length > 0);
  const kindOf = (shown: Shown[]) => (shown.some((s) => s.kind === 'html') ? 'html' : 'plain');
  const usable = (shown: Shown[]) => kindOf(shown) === 'html' || !isBrowserStub(shown);
  const preferred = options.filter((shown) => kindOf(shown) === prefer && usable(shown));
  return preferred.at(-1) ?? options.filter(usable).at(-1) ?? options.at(-1) ?? [];
}

// A plain alternative that only says "view this mail in your browser" is never worth showing.
function isBrowserStub(shown: Shown[]): boolean {
  const text = shown.map((s) => (s.kind === 'message' ? '' : s.text)).join('\n').trim();
  if (text === '') return true;
  return text.length < 400 && /(view|read|see|open)[^\n]{0,40}(browser|online|web ?version)|html[- ]?(capable|viewer|version)/i.test(text);
}

/** Attachments the reader did not see inline (related images the HTML body shows are left out). */
export function listAttachments(part: Part, html = ''): Attachment[] {
  if (part.kind === 'attachment') return part.attachment.related && isReferenced(part.attachment, html) ? [] : [part.attachment];
  // A calendar file (invite.ics) is listed as well as shown; an unnamed calendar alternative is only shown.
  if (part.kind === 'calendar') return part.attachment.filename ? [part.attachment] : [];
  if (part.kind !== 'multipart') return [];
  const within = part.subtype === 'related' ? html + htmlOf(part) : html;
  return part.children.flatMap((child) => listAttachments(child, within));
}

// RFC 2392: the HTML points at a related part by its Content-ID (a cid: URL, case as sent or
// percent-encoded). A part nobody points at is listed, so nothing sent is hidden.
function isReferenced(a: Attachment, html: string): boolean {
  if (!a.contentId) return false;
  const lower = html.toLowerCase();
  return [a.contentId, encodeURIComponent(a.contentId)].some((id) => lower.includes(`cid:${id.toLowerCase()}`));
}

function htmlOf(part: Part): string {
  // A cid: inside an HTML comment shows nothing: the part it names is listed.
  if (part.kind === 'text') return part.subtype === 'html' ? part.text.replace(/<!--[\s\S]*?(?:-->|$)/g, '') : '';
  return part.kind === 'multipart' ? part.children.map(htmlOf).join('\n') : '';
}

/** Every calendar part in reading order, an alternative that lost to HTML included (mutt would show only one). */
export function listCalendars(part: Part): Array<{ readonly text: string; readonly attachment: Attachment }> {
  if (part.kind === 'calendar') return [{ text: part.text, attachment: part.attachment }];
  if (part.kind === 'multipart') return part.children.flatMap(listCalendars);
  return [];
}

/**
 * The tree cut to its first `limit` parts that can be shown: of an alternative only one is ever
 * shown, so it counts as its largest choice; `cut` says whether anything was left out.
 */
export function capShown(part: Part, limit: number): { readonly part: Part; readonly cut: boolean } {
  const [capped, used] = capPart(part, limit);
  return { part: capped, cut: used > limit };
}

// The part within `budget`, and how many shown parts it holds (budget + 1 when it was cut).
function capPart(part: Part, budget: number): [Part, number] {
  if (part.kind !== 'multipart') return [part, 1];
  const children: Part[] = [];
  let used = 0;
  for (const child of part.children) {
    const left = part.subtype === 'alternative' ? budget : budget - used;
    if (left <= 0) return [{ ...part, children }, budget + 1];
    const [capped, n] = capPart(child, left);
    children.push(capped);
    if (n > left) return [{ ...part, children }, budget + 1];
    used = part.subtype === 'alternative' ? Math.max(used, n) : used + n;
  }
  return [{ ...part, children }, used];
}
