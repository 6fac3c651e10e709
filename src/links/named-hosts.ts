// Which hosts a piece of text names, as a reader would read it: link text, a From display name.
// Hand-written rather than linkify-it: linkify-it finds a bare domain only after a space or ASCII-like
// punctuation (an emoji or U+2800 in front hides it) and only under its short TLD list, while this check
// must see every name the public suffix list accepts, whatever an attacker puts around it.
import { asRead } from './confusables.js';
import { isKnownDomain } from './domain.js';
import { unwrapRedirects } from './redirectors.js';

// Hoisted: esbuild writes a \p{…} literal as `new RegExp(…)`, which inside a function ran per call.
// Invisible characters (zero-width space, word joiner, BOM, U+3164 HANGUL FILLER …) are dropped.
const invisible = /\p{Default_Ignorable_Code_Point}/gu;
// Every one of them in the BMP, and the lead surrogates of the astral ones (U+1BCA0-U+1BCA3,
// U+1D173-U+1D17A, U+E0000-U+E0FFF): text without these holds none, and needs no regular expression
// of that property (~3 M instructions to compile). test/links/links.test.ts checks the list.
const maybeInvisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\ud82f\ud834\udb40-\udb43]/;
// IDNA (UTS #46) maps these to '.', as do browsers in a host; NFKC has turned U+FF0E and U+FE52 into '.' already.
const dotLike = /[\u3002\uff61\u2024]/g;
// A token is a run of letters, marks, digits and the ASCII characters a URL may hold; anything else
// (spaces, U+2800, emoji, quotes, brackets and commas of any script, U+FFFD, controls) separates tokens.
const separator = /[^\p{L}\p{M}\p{N}!#$%&*+\-./:=?@_~]+/u;
// The ASCII characters of that separator. A regular expression of every letter, mark and digit
// costs V8 ~10 M instructions to compile (~25 M for hostPattern, which holds the class twice), more
// than a typical mail's whole rendering: text is cut at these first, and only a piece outside ASCII
// that could still name a host is cut by `separator` (splitting at a subset of its characters
// first gives the same tokens).
const asciiSeparator = /[\x00-\x20"'(),;<>[\\\]^`{|}\x7f]+/;
const nonAscii = /[^\x00-\x7f]/;
// A piece whose only dots end it, without a colon, names nothing: trimming its edges drops those
// dots, and a name needs a dot inside it or a scheme before it.
const noInnerDot = /^[^.:]*\.+$/;
const edge = /[\p{L}\p{N}]/u;
const marks = /\p{M}/gu;
const hostPattern = /^[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+$/u;
// The same for ASCII text (the only ASCII letters, marks and digits are these).
const asciiHostPattern = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;
const hostEnd = /[/?#@\\]|%2f|%5c|%3f|%23|%40/i;
const embeddedScheme = /(?:https?|ftp|mailto):/i;
const webSchemes: ReadonlySet<string> = new Set(['http', 'https', 'ftp']);

const asciiWithoutDot = /^[^.\u0080-\uffff]*$/;

// A token longer than this is no web address a reader would check by eye.
const maxToken = 4096;

// A host as text writes it; `bare` when it counts as a name only under a public suffix.
interface Written {
  host: string;
  bare: boolean;
}

/** Every host (ASCII, punycode for IDN) that text names as a URL, a domain name or an address. */
export function hostsNamedBy(text: string): string[] {
  const hosts: string[] = [];
  for (const w of writtenHosts(text)) if ((!w.bare || isKnownDomain(w.host)) && !hosts.includes(w.host)) hosts.push(w.host);
  return hosts;
}

/**
 * The hosts text might name, before any is checked against the public suffix list: every host
 * `hostsNamedBy` gives is among them. Text that can only name the host a link goes to is answered
 * without loading that list.
 */
export function hostsPerhapsNamedBy(text: string): string[] {
  return writtenHosts(text).map((w) => w.host);
}

function writtenHosts(text: string): Written[] {
  // Most link text ("Click here") is ASCII without a dot: no name in it, nothing to normalise.
  if (asciiWithoutDot.test(text)) return [];
  const visible = maybeInvisible.test(text) ? text.replace(invisible, '') : text;
  const normal = asRead(visible.normalize('NFKC').replace(dotLike, '.').replace(/\\/g, '/'));
  if (!normal.includes('.')) return [];
  const hosts: Written[] = [];
  for (const piece of normal.split(asciiSeparator)) {
    if (!piece.includes('.')) continue;
    if (!nonAscii.test(piece)) addHosts(hosts, piece);
    else if (!noInnerDot.test(piece)) for (const raw of piece.split(separator)) addHosts(hosts, raw);
  }
  return hosts;
}

function addHosts(hosts: Written[], raw: string): void {
  if (!raw.includes('.') || raw.length > maxToken) return;
  hosts.push(...hostsOfToken(trimEdges(raw)));
}

// Leading and trailing punctuation ("(", "…", "." at a sentence end) is not part of a name.
function trimEdges(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && !isEdge(token[start]!)) start++;
  while (end > start && !isEdge(token[end - 1]!)) end--;
  return token.slice(start, end);
}

// The ASCII letters and digits are the only ASCII characters of \p{L} and \p{N}.
const isEdge = (ch: string): boolean => (ch < '\x80' ? asciiAlnum.test(ch) : edge.test(ch));
const asciiAlnum = /^[a-z0-9]$/i;

function hostsOfToken(token: string): Written[] {
  // "Login:https://…" or letters run into a URL: the URL starts at its scheme.
  const at = token.search(embeddedScheme);
  let t = at > 0 ? token.slice(at) : token;
  // No dot in a scheme here: "www.paypal.com:443" is a host and a port.
  const scheme = /^([a-z][a-z0-9+-]*):/i.exec(t);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (webSchemes.has(name)) return urlHosts(t);
    t = trimEdges(t.slice(scheme[0].length));
  }
  return bareHosts(t);
}

// An http(s) or ftp URL names its host, and a domain in its user part too (https://paypal.com@evil.example).
function urlHosts(url: string): Written[] {
  const parsed = parse(unwrapRedirects(url));
  if (!parsed || !['http:', 'https:', 'ftp:'].includes(parsed.protocol) || parsed.hostname === '') return [];
  const own: Written = { host: parsed.hostname, bare: false };
  const user = parsed.username === '' ? undefined : domainHost(safeDecode(parsed.username), false);
  return user === undefined ? [own] : [user, own];
}

// "www.paypal.com/login", "paypal.com", "support@paypal.com" (an address names its domain), and
// "www.paypal.com@evil.example" both names.
function bareHosts(token: string): Written[] {
  const parts = token.split('@');
  const domain = parts.pop()!;
  const hosts: Written[] = [];
  for (const local of parts) {
    const host = /^www\./i.test(local) ? domainHost(local.split(hostEnd)[0]!, true) : undefined;
    if (host) hosts.push(host);
  }
  const host = domainHost(domain.split(hostEnd)[0]!.replace(/:\d*$/, ''), true);
  if (host) hosts.push(host);
  return hosts;
}

// A host written as text: "www." + anything, or a name under a public suffix; marks that make it
// unparsable (an enclosing circle after ".com") are dropped before giving up.
function domainHost(text: string, allowWww: boolean): Written | undefined {
  const name = text.replace(/\.+$/, '');
  if (!name.includes('.') || !(nonAscii.test(name) ? hostPattern : asciiHostPattern).test(name)) return undefined;
  const host = asciiHost(name) ?? asciiHost(name.normalize('NFD').replace(marks, ''));
  if (host === undefined) return undefined;
  return { host, bare: !(allowWww && /^www\./i.test(name)) };
}

function asciiHost(name: string): string | undefined {
  const parsed = parse(`https://${name}/`);
  return parsed && parsed.hostname !== '' ? parsed.hostname : undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
