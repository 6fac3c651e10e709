// One link policy for every renderer: what becomes a clickable OSC 8 target, how it is written, and
// whether its visible text names another site than the one it leads to.
import { isConfusableHost, skeleton } from './confusables.js';
import { registrableDomain } from './domain.js';
import { hostsNamedBy, hostsPerhapsNamedBy } from './named-hosts.js';
import { cleanHref, hasScheme, maxNesting, unwrapChain } from './redirectors.js';
import { stripTracking } from './tracking.js';
import { domainToUnicode } from 'node:url';

/** A link target after the policy: `href` has only bytes 0x21-0x7E. */
export interface LinkTarget {
  readonly href: string;
  /** False for schemes we never follow and for URLs too long for terminals. */
  readonly followed: boolean;
  /** A link of an allowed scheme too long for OSC 8: shown as a footnote and listed by --list-links instead. */
  readonly long?: boolean;
}

/** Link policy settings. */
export interface LinkPolicy {
  /** `<base href>` of the HTML part, for relative links. */
  readonly base?: string;
  /** Unwrap security redirectors (SafeLinks, URL Defense …); on by default. */
  readonly unwrap?: boolean;
  /** Keep tracking parameters (utm_*, fbclid …) in http(s) targets; they are stripped by default. */
  readonly keepTracking?: boolean;
}

/** The only schemes that become hyperlinks; javascript:, data:, file:, vbscript: … never do. */
export const followedSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'ftp', 'tel', 'news']);

/** VTE and iTerm2 drop OSC 8 URIs longer than this (bytes). */
export const maxUriLength = 2083;

// A bare mailto: opens an empty message to no one: there is nothing to link, and text naming an
// address above it is no disguise. One with fields (a share link's subject and body) is kept.
const noRecipient = /^mailto:\??$/i;

// mailto:local@domain of the characters common in addresses, none of which the URL parser or
// encodeUri changes.
const plainMailto = /^mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$/;

/** resolveLink of a plain mailto:local@domain (no policy changes one), else undefined. */
export function plainMailtoTarget(raw: string): LinkTarget | undefined {
  if (!plainMailto.test(raw)) return undefined;
  return raw.length <= maxUriLength ? { href: raw, followed: true } : { href: raw, followed: false, long: true };
}

/** Apply the link policy to a raw href; undefined when there is nothing to link (empty, `#frag`). */
export function resolveLink(raw: string, policy: LinkPolicy = {}): LinkTarget | undefined {
  // Every address of every message of an mbox comes here (most of them met once), and a plain one
  // is its own target: no white space, no fields, nothing the URL parser would encode, and no
  // redirector wraps a mailto:. Its result is the one the steps below give, without a URL object.
  const plain = plainMailtoTarget(raw);
  if (plain) return plain;
  const cleaned = cleanHref(raw);
  if (cleaned === '' || cleaned.startsWith('#') || noRecipient.test(cleaned)) return undefined;
  const absolute = absolutise(cleaned, policy.base);
  if (absolute === undefined) return { href: encodeUri(cleaned), followed: false };
  const first = parse(absolute);
  // A chain wrapped deeper than we unwrap has an unknown final target: never followed.
  const chain = unwrapChain(absolute, first);
  const target = policy.unwrap === false || !chain.reached ? absolute : chain.url;
  const scheme = target.slice(0, target.indexOf(':')).toLowerCase();
  const parsed = target === absolute ? first : parse(target);
  const href = tidy(scheme, encodeUri(parsed?.href ?? scheme + target.slice(scheme.length)), policy);
  // An unparsable URL keeps its text but is never clickable.
  const allowed = chain.reached && parsed !== undefined && followedSchemes.has(scheme);
  const followed = allowed && href.length <= maxUriLength;
  return allowed && !followed ? { href, followed, long: true } : { href, followed };
}

// Per scheme, what of a target is dropped: tracking parameters of web links, mailto: fields other than RFC 6068's.
const tidiers: Readonly<Record<string, (href: string, policy: LinkPolicy) => string>> = {
  http: (href, policy) => (policy.keepTracking ? href : stripTracking(href)),
  https: (href, policy) => (policy.keepTracking ? href : stripTracking(href)),
  mailto: (href) => keepMailtoFields(href),
};

function tidy(scheme: string, href: string, policy: LinkPolicy): string {
  const tidier = Object.hasOwn(tidiers, scheme) ? tidiers[scheme] : undefined;
  return tidier ? tidier(href, policy) : href;
}

// RFC 6068 names these; others (attach=, attachment= …) make some clients attach local files.
const mailtoFields: ReadonlySet<string> = new Set(['to', 'cc', 'bcc', 'subject', 'body', 'in-reply-to']);

/** A mailto: URL with only the RFC 6068 fields subject, body, to, cc, bcc and in-reply-to kept. */
export function keepMailtoFields(href: string): string {
  const q = href.indexOf('?');
  if (q < 0) return href;
  const fields = href.slice(q + 1).split('&');
  const kept = fields.filter((f) => mailtoFields.has(fieldName(f)));
  if (kept.length === fields.length) return href;
  return href.slice(0, q) + (kept.length ? `?${kept.join('&')}` : '');
}

function fieldName(field: string): string {
  const name = field.slice(0, field.includes('=') ? field.indexOf('=') : field.length);
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

function absolutise(href: string, base: string | undefined): string | undefined {
  if (hasScheme(href)) return href;
  if (href.startsWith('//')) return `https:${href}`;
  if (base && /^https?:\/\//i.test(base)) {
    try {
      return new URL(href, base).href;
    } catch {
      return undefined;
    }
  }
  if (/^www\./i.test(href)) return `https://${href}`;
  return undefined;
}

// The WHATWG parser lower-cases the scheme and host, turns IDN hosts into punycode and
// percent-encodes what must be.
function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

// 0x21-0x7E without ' " \ and `: less 661+ puts the URI of ^O^O into a shell command,
// and RFC 3986 allows none of them but ' (which WHATWG encodes in queries too), so a URI written
// in single quotes stays one inert shell word.
const uriSafe = /^[\x21\x23-\x26\x28-\x5b\x5d-\x5f\x61-\x7e]*$/;
const shellQuotes = new Set([0x22, 0x27, 0x5c, 0x60]);

/** Percent-encode every byte outside 0x21-0x7E and ' " \ ` (UTF-8), leaving the rest as written. */
export function encodeUri(text: string): string {
  // Nearly every href is already clean: returned as is, not rebuilt (and later flattened) char by char.
  if (uriSafe.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x21 && code <= 0x7e && !shellQuotes.has(code)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What a deceptive-link warning says when a redirector chain was too deep to see its end. */
export const tooDeep = `unknown, wrapped more than ${maxNesting} deep`;

/**
 * The registrable domain a link really leads to, when its visible text names another site (a URL, a
 * domain name or an address anywhere in it); `tooDeep` when the target is out of reach; else undefined.
 */
export function deceptiveHost(text: string, href: string): string | undefined {
  // A relative link with no base to resolve it against goes nowhere (it is not followed): no disguise.
  if (!hasScheme(href)) return undefined;
  const chain = unwrapChain(href);
  if (!chain.reached) return tooDeep;
  const target = chain.url;
  // Text that can name no other host than the plain one the link goes to (a URL written out as its
  // own text) hides nothing, whatever the public suffix list would say: answered without it.
  const own = webHost(target);
  if (own !== undefined && !own.includes('xn--') && !hasUserinfo(own, target) && hostsPerhapsNamedBy(text).every((h) => h === own)) return undefined;
  const named = hostsNamedBy(text).map(registrableDomain);
  if (named.length === 0) return userinfoHost(target);
  const isMail = target.toLowerCase().startsWith('mailto:');
  const web = webHost(target);
  const real = web === undefined ? mailDomains(target) : [registrableDomain(web)];
  if (real.length === 0) return shorten(target);
  // Text that names the look-alike itself (www.pаypal.com, Cyrillic а) still hides where it goes.
  const confusable = web !== undefined && isConfusableHost(web);
  const same = named.every((d) => real.some((r) => looksSame(d, r, confusable))) && real.every((d) => named.includes(d) || named.some((n) => looksSame(n, d, confusable)));
  if (same && !confusable && !hasUserinfo(web, target)) return undefined;
  return isMail ? shorten(target) : real[0];
}

// UTS #39: text naming a look-alike of the real host (pаypal.com for paypal.com) names that host,
// unless the real host is itself a look-alike. Only hosts with non-ASCII labels are compared so.
function looksSame(named: string, real: string, realConfusable: boolean): boolean {
  if (named === real) return true;
  return !realConfusable && named.includes('xn--') && skeleton(domainToUnicode(named)) === skeleton(domainToUnicode(real));
}

// A user part (https://www.paypal.com@evil.example/) is there only to look like a host: any link
// with one is flagged with the real host, whatever its text.
function hasUserinfo(web: string | undefined, target: string): boolean {
  return web !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(target);
}

/** The registrable domain of the host a link with a user part really goes to; undefined without one. */
export function userinfoHost(href: string): string | undefined {
  const chain = unwrapChain(href);
  const web = chain.reached ? webHost(chain.url) : undefined;
  return web !== undefined && hasUserinfo(web, chain.url) ? registrableDomain(web) : undefined;
}

// Text that names a web site but opens a mail says where the mail goes: every recipient counts,
// in the path and in to=, cc= and bcc= (a hidden bcc to a stranger is the point of such a link).
function mailDomains(href: string): string[] {
  if (!/^mailto:/i.test(href)) return [];
  const [path, query = ''] = href.slice(7).split('?', 2);
  const recipients = [path!, ...query.split('&').filter((f) => /^(to|cc|bcc)=/i.test(f)).map((f) => f.slice(f.indexOf('=') + 1))];
  const domains = recipients
    .flatMap((r) => safeDecode(r).split(','))
    .map((a) => a.trim().replace(/^.*<|>.*$/g, ''))
    .filter((a) => a.includes('@'))
    .map((a) => registrableDomain(a.slice(a.lastIndexOf('@') + 1)));
  return [...new Set(domains)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shorten(href: string): string {
  return href.length > 60 ? `${href.slice(0, 59)}…` : href;
}

// The host of an http(s) or ftp URL (punycode for IDN), else undefined.
function webHost(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed || !['http:', 'https:', 'ftp:'].includes(parsed.protocol) || parsed.hostname === '') return undefined;
  return parsed.hostname;
}
