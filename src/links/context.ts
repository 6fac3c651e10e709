import { BoundedMemo } from '../document/memo.js';
import type { Link } from '../document/document.js';
import { plainMailtoTarget, resolveLink, type LinkPolicy, type LinkTarget } from './links.js';
import type { RemoteImage } from './tracking.js';

/** A remote image of an HTML part, as written (never loaded): defined beside the tracking classifier that reads it. */
export type { RemoteImage } from './tracking.js';

/** What every renderer of one run shares: link ids and the link policy. */
export interface RenderContext {
  /** Makes OSC 8 ids unique per run (pid and a random part), so scrollback of two runs never merges. */
  readonly idPrefix: string;
  /**
   * Counter behind the ids; one object shared by all renderers of the run. `messageFirst` is its
   * value where the message being rendered began, so that the links made for it are counted.
   */
  readonly counter: { next: number; messageFirst: number };
  readonly unwrap: boolean;
  /** Keep tracking parameters in link targets (--keep-tracking). */
  readonly keepTracking: boolean;
  /** What could not be rendered as intended (shown in a simpler form); cli.ts reports it. */
  readonly problems: string[];
  /**
   * Every <img> with an http(s) src the HTML renderer met, in order (never loaded); `hidden` when it
   * sat in hidden content or was styled out of sight. The tracking notice is made from it.
   */
  readonly remoteImages: RemoteImage[];
}

/** A fresh context for one run. */
export function createContext(idPrefix: string, unwrap = true, keepTracking = false): RenderContext {
  return { idPrefix, counter: { next: 1, messageFirst: 1 }, unwrap, keepTracking, problems: [], remoteImages: [] };
}

/** The run's link policy, for a part whose `<base href>` is `base`. */
export function linkPolicy(ctx: RenderContext, base?: string): LinkPolicy {
  return { unwrap: ctx.unwrap, keepTracking: ctx.keepTracking, ...(base === undefined ? {} : { base }) };
}

// The same addresses recur in every message of an mbox (its reader's, a list's): the policy, the
// same for the whole run, is applied to each once (web links, mostly each met once, are not kept). Held per run, and emptied when it fills, so
// that memory does not grow with the number of messages.
const resolvedByRun = new WeakMap<RenderContext, BoundedMemo<string, LinkTarget | undefined>>();

function resolvedOnce(raw: string, ctx: RenderContext): LinkTarget | undefined {
  // A plain address is its own target, made at once: kept, each new From would only fill the table.
  const plain = plainMailtoTarget(raw);
  if (plain) return plain;
  let resolved = resolvedByRun.get(ctx);
  if (!resolved) resolvedByRun.set(ctx, (resolved = new BoundedMemo(256)));
  return resolved.get(raw, () => resolveLink(raw, linkPolicy(ctx)));
}

/**
 * The links one message may have. Past it, links are shown as plain text, with one notice: each
 * link costs its search, the checks on it and a footnote entry, so a mail of a million URLs took
 * half a minute and a footnote list no reader would use. Real mail stays below it: a 5 MB
 * digest of a busy list has about 20,000.
 */
export const linkLimit = 50_000;

/** A new message starts: its links are counted from here, `made` of them made already. */
export function startMessageLinks(ctx: RenderContext, made = 0): void {
  ctx.counter.messageFirst = ctx.counter.next - made;
}

function linksMade(ctx: RenderContext): number {
  return ctx.counter.next - ctx.counter.messageFirst;
}

/** Whether the message being rendered may have another link; a renderer need not search for one when not. */
export function mayLink(ctx: RenderContext): boolean {
  // Up to and including the first link past the limit, whose making records the notice.
  return linksMade(ctx) <= linkLimit;
}

/** Apply the link policy to a raw href and give the result a fresh id. */
export function makeLink(raw: string, ctx: RenderContext, base?: string): Link | undefined {
  const made = linksMade(ctx);
  if (made >= linkLimit) {
    // Told once: the id counter moves past the limit, so the notice is not repeated.
    if (made === linkLimit) {
      ctx.problems.push(`more than ${linkLimit} links in one message; those after the ${linkLimit}th are shown as plain text`);
      ctx.counter.next++;
    }
    return undefined;
  }
  const target = base === undefined && raw.startsWith('mailto:') ? resolvedOnce(raw, ctx) : resolveLink(raw, linkPolicy(ctx, base));
  if (!target) return undefined;
  const link: Link = { href: target.href, followed: target.followed, id: `${ctx.idPrefix}-${ctx.counter.next++}` };
  return target.long ? { ...link, long: true } : link;
}
