// One link policy for every renderer: what becomes a clickable OSC 8 target, and how it is written.

/** A link target after the policy: `href` has only bytes 0x21-0x7E. */
export interface LinkTarget {
  readonly href: string;
  /** False for schemes we never follow and for URLs too long for terminals. */
  readonly followed: boolean;
}

/** Link policy settings. */
export interface LinkPolicy {
  /** `<base href>` of the HTML part, for relative links. */
  readonly base?: string;
  /** Unwrap security redirectors (SafeLinks, URL Defense …); on by default. */
  readonly unwrap?: boolean;
}

const followedSchemes = new Set(['http', 'https', 'mailto', 'ftp', 'tel', 'news']);

/** VTE and iTerm2 drop OSC 8 URIs longer than this (bytes). */
export const maxUriLength = 2083;

/** Apply the link policy to a raw href; undefined when there is nothing to link (empty, `#frag`). */
export function resolveLink(raw: string, policy: LinkPolicy = {}): LinkTarget | undefined {
  // Quoted-printable soft breaks and pretty-printing leave whitespace inside hrefs.
  const cleaned = raw.replace(/[\s\u0000-\u001f]+/g, '');
  if (cleaned === '' || cleaned.startsWith('#')) return undefined;
  const absolute = absolutise(cleaned, policy.base);
  if (absolute === undefined) return { href: encodeUri(cleaned), followed: false };
  const scheme = absolute.slice(0, absolute.indexOf(':')).toLowerCase();
  const href = encodeUri(normalise(absolute, scheme));
  const followed = followedSchemes.has(scheme) && href.length <= maxUriLength;
  return { href, followed };
}

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

function absolutise(href: string, base: string | undefined): string | undefined {
  if (schemePattern.test(href)) return href;
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
// percent-encodes what must be; an unparsable URL keeps its text with only the scheme lowered.
function normalise(url: string, scheme: string): string {
  try {
    return new URL(url).href;
  } catch {
    return scheme + url.slice(scheme.length);
  }
}

/** Percent-encode every byte outside 0x21-0x7E (UTF-8), leaving the rest as written. */
export function encodeUri(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x21 && code <= 0x7e) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
