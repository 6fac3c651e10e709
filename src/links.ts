// One link policy for every renderer: what becomes a clickable OSC 8 target, how it is written, and
// whether its visible text names another site than the one it leads to.
import { isKnownDomain, registrableDomain } from './domain.js';
import { cleanHref, hasScheme, unwrapRedirects } from './redirectors.js';

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
}

/** The only schemes that become hyperlinks; javascript:, data:, file:, vbscript: … never do. */
export const followedSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'ftp', 'tel', 'news']);

/** VTE and iTerm2 drop OSC 8 URIs longer than this (bytes). */
export const maxUriLength = 2083;

/** Apply the link policy to a raw href; undefined when there is nothing to link (empty, `#frag`). */
export function resolveLink(raw: string, policy: LinkPolicy = {}): LinkTarget | undefined {
  const cleaned = cleanHref(raw);
  if (cleaned === '' || cleaned.startsWith('#')) return undefined;
  const absolute = absolutise(cleaned, policy.base);
  if (absolute === undefined) return { href: encodeUri(cleaned), followed: false };
  const first = parse(absolute);
  const target = policy.unwrap === false ? absolute : unwrapRedirects(absolute, first);
  const scheme = target.slice(0, target.indexOf(':')).toLowerCase();
  const parsed = target === absolute ? first : parse(target);
  const href = encodeUri(parsed?.href ?? scheme + target.slice(scheme.length));
  // An unparsable URL keeps its text but is never clickable.
  const allowed = parsed !== undefined && followedSchemes.has(scheme);
  const followed = allowed && href.length <= maxUriLength;
  return allowed && !followed ? { href, followed, long: true } : { href, followed };
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

// 0x21-0x7E without ' " \ and `: less 661+ puts the URI of ^O^O into a shell command (issue 13),
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

/**
 * The registrable domain a link really leads to, when its visible text looks like a URL or a domain
 * name of another site (`https://www.paypal.com/` linking to evil.example); undefined otherwise.
 */
export function deceptiveHost(text: string, href: string): string | undefined {
  const named = hostNamedBy(text);
  if (named === undefined) return undefined;
  const target = unwrapRedirects(href);
  const real = webHost(target) ?? mailHost(target);
  if (real === undefined) return shorten(target);
  const realDomain = registrableDomain(real);
  if (registrableDomain(named) === realDomain) return undefined;
  return target.toLowerCase().startsWith('mailto:') ? shorten(target) : realDomain;
}

// Text that names a web site but opens a mail or a phone call says where it really goes.
function mailHost(href: string): string | undefined {
  const m = /^mailto:[^?#]*@([^?#,]+)/i.exec(href);
  return m ? m[1] : undefined;
}

function shorten(href: string): string {
  return href.length > 60 ? `${href.slice(0, 59)}…` : href;
}

// "https://host/…", "www.host…" or "host.tld/…" (a suffix on the public suffix list), nothing else.
const bareDomain = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\.?(?::\d+)?(?:[/?#]\S*)?$/u;

// Longer link text is no web address a reader would check by eye.
const maxNamedLength = 4096;
// Hoisted: esbuild writes a \p{…} literal as `new RegExp(…)`, which inside the function ran per link.
const invisible = /\p{Default_Ignorable_Code_Point}/gu;
const closing = new Set(['>', ')', ']', '"', "'", '.', ',', ';', ':', '!', '?']);

function hostNamedBy(text: string): string | undefined {
  if (text.length > maxNamedLength) return undefined;
  // Invisible characters (zero-width space, word joiner, BOM …) would hide a look-alike from the check.
  let t = text.replace(invisible, '').replace(/^\[image: /, '').trim().replace(/^[<(["']+/, '');
  // Trailing punctuation cut by hand: a regex anchored at the end backtracks quadratically.
  let end = t.length;
  while (end > 0 && closing.has(t[end - 1]!)) end--;
  t = t.slice(0, end);
  if (t === '' || /\s/.test(t)) return undefined;
  if (hasScheme(t)) return webHost(unwrapRedirects(t));
  if (!bareDomain.test(t)) return undefined;
  const host = webHost(`https://${t}`);
  return host !== undefined && (/^www\./i.test(t) || isKnownDomain(host)) ? host : undefined;
}

// The host of an http(s) or ftp URL (punycode for IDN), else undefined.
function webHost(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed || !['http:', 'https:', 'ftp:'].includes(parsed.protocol) || parsed.hostname === '') return undefined;
  return parsed.hostname;
}
