// Security redirectors (SafeLinks, URL Defense, Google, Barracuda) wrap the real target in their own
// URL; these decoders follow the vendors' published formats, since no maintained library covers them.
import { decodeEntities } from './entities.js';
import { hostMatches, isGoogleHost } from './domain.js';

/** One redirector: which URLs it wrote, and how to get the wrapped URL back. */
interface Redirector {
  readonly matches: (url: URL) => boolean;
  readonly unwrap: (url: URL, raw: string) => string | undefined;
}

const redirectors: readonly Redirector[] = [
  // Microsoft Defender SafeLinks: https://eur01.safelinks.protection.outlook.com/?url=…&data=…
  { matches: (u) => hostMatches(u.hostname, 'safelinks.protection.outlook.com'), unwrap: (u) => u.searchParams.get('url') ?? undefined },
  // Proofpoint URL Defense v1, v2 and v3.
  { matches: (u) => ['urldefense.proofpoint.com', 'urldefense.com'].some((h) => hostMatches(u.hostname, h)), unwrap: unwrapProofpoint },
  // Google's click tracker: https://www.google.com/url?q=… (older links: url=…).
  { matches: (u) => u.pathname === '/url' && isGoogleHost(u.hostname), unwrap: (u) => u.searchParams.get('q') ?? u.searchParams.get('url') ?? undefined },
  // Barracuda Link Protection: https://linkprotect.cudasvc.com/url?a=…
  { matches: (u) => hostMatches(u.hostname, 'linkprotect.cudasvc.com') && u.pathname === '/url', unwrap: (u) => u.searchParams.get('a') ?? undefined },
];

/** Wrappers inside wrappers are unwrapped too, up to this depth. */
export const maxNesting = 8;

/** Where a chain of redirectors leads: `reached` is false when it is wrapped deeper than maxNesting. */
export interface Unwrapped {
  readonly url: string;
  readonly reached: boolean;
}

/** Follow a chain of security redirectors; past maxNesting layers the final target is unknown. */
export function unwrapChain(href: string, parsed?: URL): Unwrapped {
  let current = href;
  for (let i = 0; i <= maxNesting; i++) {
    const inner = unwrapOnce(current, i === 0 ? parsed : undefined);
    if (inner === undefined) return { url: current, reached: true };
    if (i === maxNesting) break;
    current = inner;
  }
  return { url: current, reached: false };
}

/** The URL a chain of security redirectors leads to; the input itself when it is not wrapped. */
export function unwrapRedirects(href: string, parsed?: URL): string {
  return unwrapChain(href, parsed).url;
}

// `parsed` is href already parsed by the caller (one `new URL` per link, not two).
function unwrapOnce(href: string, parsed?: URL): string | undefined {
  const url = parsed ? httpOnly(parsed) : parseHttp(href);
  if (!url) return undefined;
  const redirector = redirectors.find((r) => r.matches(url));
  const found = redirector?.unwrap(url, href);
  const inner = found === undefined ? undefined : cleanHref(found);
  // Only an absolute URL is a target; anything else (a relative Google path …) keeps its wrapper.
  return inner && hasScheme(inner) && inner !== href ? inner : undefined;
}

/** An href without the whitespace and line breaks quoted-printable and pretty-printing leave in it. */
export function cleanHref(raw: string): string {
  return raw.replace(/[\s\u0000-\u001f]+/g, '');
}

const schemePattern = /^[a-z][a-z0-9+.-]*:/i;

/** True when the URL starts with a scheme (RFC 3986 3.1), i.e. is absolute. */
export function hasScheme(url: string): boolean {
  return schemePattern.test(url);
}

function parseHttp(href: string): URL | undefined {
  try {
    return httpOnly(new URL(href));
  } catch {
    return undefined;
  }
}

function httpOnly(url: URL): URL | undefined {
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

function unwrapProofpoint(url: URL, raw: string): string | undefined {
  const version = /^\/(v[123])\//.exec(url.pathname)?.[1];
  if (version === 'v3') return decodeProofpointV3(raw);
  const u = url.searchParams.get('u');
  if (u === null) return undefined;
  // v2 writes '%' as '-' and '/' as '_' so the URL survives as one query value; v1 is plain.
  const encoded = version === 'v2' ? u.replace(/-/g, '%').replace(/_/g, '/') : version === 'v1' ? u : undefined;
  return encoded === undefined ? undefined : decodeEntities(percentDecode(encoded));
}

// v3: https://urldefense.com/v3/__URL__;BASE64!!… — each '*' in URL takes the next byte of the
// decoded table, each '**X' a run of 2-65 bytes (X from A-Z a-z 0-9 - _); bytes, not characters.
// Anchored at the start and the table limited to base64url, so a hostile href cannot make it backtrack.
const v3Pattern = /^[a-z]+:\/\/[^/?#]*\/v3\/__(.+?)__;([A-Za-z0-9_=-]*)!/i;
const runAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decode a Proofpoint URL Defense v3 URL; undefined when it is malformed. */
export function decodeProofpointV3(raw: string): string | undefined {
  const m = v3Pattern.exec(raw);
  if (!m) return undefined;
  // Proofpoint sometimes writes `https:/host`; the reference decoder restores the second slash.
  const target = m[1]!.replace(/^([a-z0-9+.-]+:\/)(?=[^/])/i, '$1/');
  const source = Buffer.from(percentDecode(target), 'utf8');
  const table = Buffer.from(m[2]!, 'base64url');
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    if (byte !== 0x2a) {
      out.push(byte);
      continue;
    }
    let run = 1;
    if (source[i + 1] === 0x2a) {
      const index = runAlphabet.indexOf(String.fromCharCode(source[i + 2] ?? 0));
      if (index < 0) return undefined;
      run = index + 2;
      i += 2;
    }
    if (next + run > table.length) return undefined;
    out.push(...table.subarray(next, next + run));
    next += run;
  }
  return Buffer.from(out).toString('utf8');
}

// Python's unquote: runs of %XX are UTF-8 bytes, malformed escapes stay as written.
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}
