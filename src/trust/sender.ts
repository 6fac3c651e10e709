// The sender checked the way links are: a From display name naming another site, a Reply-To that
// sends replies elsewhere, and the authentication results of a server the user trusts.
import { trustedResults, type AuthResult } from './auth-results.js';
import type { Span, Style } from '../document/document.js';
import { registrableDomain } from '../links/domain.js';
import type { Address, Mail } from '../mime/types.js';
import { hostsNamedBy } from '../links/named-hosts.js';

const warn: Style = { warn: true };

/** The registrable domain of an address, lower-case; undefined without an '@'. */
export function addressDomain(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at >= 0 ? registrableDomain(address.slice(at + 1).replace(/>$/, '')) : undefined;
}

/** The mailboxes of an address list, those inside groups (RFC 5322 3.4 `name: a, b;`) included. */
export function mailboxes(list: readonly Address[]): Address[] {
  return list.flatMap((a) => (a.group ? mailboxes(a.group) : [a]));
}

/**
 * ` [→ evil.example]` after a From whose display name names another domain than its address; a
 * group's name (`service@paypal.com: attacker@evil.example;`) is checked against its members.
 */
export function displayNameWarning(a: Address): Span | undefined {
  // Most display names name no host: then the addresses' domains are never needed.
  const hosts = a.name ? hostsNamedBy(a.name) : [];
  if (hosts.length === 0) return undefined;
  const real = [...new Set(mailboxes([a]).map((m) => addressDomain(m.address)).filter((d) => d !== undefined))];
  if (real.length === 0) return undefined;
  const named = hosts.map(registrableDomain);
  return named.some((d) => !real.includes(d)) ? { text: ` [→ ${real.join(', ')}]`, style: warn } : undefined;
}

/** RFC 5322 3.6 allows one From field; ` [→ 2 From fields: paypal.com, evil.example]` when there are more. */
export function multipleFromWarning(mail: Mail): Span | undefined {
  const fields = mail.headers.get('from') ?? [];
  if (fields.length < 2) return undefined;
  const domains = [...new Set(mailboxes(mail.from).map((a) => addressDomain(a.address) ?? a.address ?? a.name))];
  return { text: ` [→ ${fields.length} From fields: ${domains.join(', ')}]`, style: warn };
}

/** The Reply-To addresses whose registrable domain differs from every From address's. */
export function foreignReplyTo(mail: Mail): string[] {
  // Most mails have no Reply-To: then no domain needs to be worked out at all.
  const fields = mail.headers.get('reply-to') ?? [];
  if (fields.length === 0) return [];
  // RFC 2369: a list that sets Reply-To to its own posting address sends replies to the list the
  // message came through, which is no stranger.
  const list = new Set((mail.headers.get('list-post') ?? []).flatMap((v) => [...v.matchAll(/<mailto:([^>?]+)/gi)].map((m) => m[1]!.toLowerCase())));
  const replyTo = fields.flatMap(addressesIn).filter((a) => !list.has(a.toLowerCase()));
  if (replyTo.length === 0) return [];
  const from = new Set(mailboxes(mail.from).map((a) => addressDomain(a.address)).filter((d) => d !== undefined));
  const domains = replyTo.map(addressDomain);
  return [...new Set(domains.filter((d) => d !== undefined && !from.has(d)))] as string[];
}

/** ` [replies → evil.example]` for a Reply-To that sends replies to another domain than From. */
export function replyToWarning(mail: Mail): Span | undefined {
  const foreign = foreignReplyTo(mail);
  return foreign.length ? { text: ` [replies → ${foreign.join(', ')}]`, style: warn } : undefined;
}

// The addr-specs of an address list as text: inside <…> where present, else the bare word with an
// '@'; quoted display names and comments never count (`"x@paypal.com" <y@evil.example>` is y@evil.example).
function addressesIn(text: string): string[] {
  const out: string[] = [];
  const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, ' ').replace(/\((?:[^()\\]|\\.)*\)/g, ' ');
  // A group (`name: a, b;`, RFC 5322 3.4) lists its mailboxes between the colon and the semicolon.
  for (const item of bare.split(/[,;]/).map((i) => i.replace(/^[^<>]*:/, ''))) {
    const angle = /<([^<>]*)>/.exec(item);
    const word = angle ? angle[1]! : (item.split(/\s+/).find((w) => w.includes('@')) ?? '');
    if (word.includes('@')) out.push(word.trim());
  }
  return out;
}

const shownMethods = ['dmarc', 'dkim', 'spf'];

/** `dmarc=pass (paypal.com) · dkim=pass (paypal.com) · spf=pass (paypal.com)` from trusted servers only. */
export function authSpans(mail: Mail, trusted: readonly string[]): Span[] {
  const results = trustedResults(mail.headers.get('authentication-results') ?? [], trusted).filter((r) => shownMethods.includes(r.method));
  if (results.length === 0) return [];
  const fromDomain = addressDomain(mailboxes(mail.from).find((a) => a.address)?.address);
  const seen = new Set<string>();
  const spans: Span[] = [];
  let failed = false;
  for (const r of [...results].sort((a, b) => shownMethods.indexOf(a.method) - shownMethods.indexOf(b.method))) {
    const text = `${r.method}=${r.result}${domainOf(r) ? ` (${domainOf(r)})` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    const bad = fromDomain !== undefined && failsFor(r, fromDomain);
    failed ||= bad;
    if (spans.length) spans.push({ text: ' · ' });
    spans.push(bad ? { text, style: warn } : { text });
  }
  if (failed) spans.push({ text: ` [→ not verified as ${fromDomain}]`, style: warn });
  return spans;
}

// RFC 8601 2.7: the domain each method speaks for.
function domainOf(r: AuthResult): string | undefined {
  const p = r.properties;
  const value = r.method === 'dkim' ? (p.get('header.d') ?? p.get('header.i')) : r.method === 'dmarc' ? p.get('header.from') : (p.get('smtp.mailfrom') ?? p.get('smtp.helo'));
  return value?.replace(/^.*@/, '');
}

// A DMARC or DKIM failure counts when it is for the From domain (or names no domain at all).
function failsFor(r: AuthResult, fromDomain: string): boolean {
  if (r.method === 'spf' || r.result !== 'fail') return false;
  const domain = domainOf(r);
  return domain === undefined || registrableDomain(domain) === fromDomain;
}
