import type { Link } from '../document.js';
import { resolveLink, type LinkPolicy } from '../links.js';

/** A remote image of an HTML part, as written (never loaded): for the tracking notice. */
export interface RemoteImage {
  readonly src: string;
  readonly width?: string;
  readonly height?: string;
  /** Inside content the sender hid (display:none …), so never meant to be seen. */
  readonly hidden: boolean;
}

/** What every renderer of one run shares: link ids and the link policy. */
export interface RenderContext {
  /** Makes OSC 8 ids unique per run (pid and a random part), so scrollback of two runs never merges. */
  readonly idPrefix: string;
  /** Counter behind the ids; one object shared by all renderers of the run. */
  readonly counter: { next: number };
  readonly unwrap: boolean;
  /** What could not be rendered as intended (shown in a simpler form); cli.ts reports it. */
  readonly problems: string[];
  /** Every remote image the HTML parts hold, hidden or not. */
  readonly remoteImages: RemoteImage[];
}

/** A fresh context for one run. */
export function createContext(idPrefix: string, unwrap = true): RenderContext {
  return { idPrefix, counter: { next: 1 }, unwrap, problems: [], remoteImages: [] };
}

/** Apply the link policy to a raw href and give the result a fresh id. */
export function makeLink(raw: string, ctx: RenderContext, base?: string): Link | undefined {
  const policy: LinkPolicy = base === undefined ? { unwrap: ctx.unwrap } : { unwrap: ctx.unwrap, base };
  const target = resolveLink(raw, policy);
  if (!target) return undefined;
  const link: Link = { href: target.href, followed: target.followed, id: `${ctx.idPrefix}-${ctx.counter.next++}` };
  return target.long ? { ...link, long: true } : link;
}
