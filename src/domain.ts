// The only importer of tldts: host names measured against the public suffix list.
import { parse } from 'tldts';

/** The registrable domain of a host (`www.paypal.co.uk` → `paypal.co.uk`); the host itself for IPs and bare names. */
export function registrableDomain(host: string): string {
  const info = parse(host.toLowerCase().replace(/\.$/, ''));
  return info.domain ?? info.hostname ?? host.toLowerCase();
}

/** True when text is a host name under a suffix on the ICANN part of the public suffix list. */
export function isKnownDomain(host: string): boolean {
  const info = parse(host);
  return info.isIcann === true && info.domain !== null && !info.isIp;
}

/** True when host (ASCII, as URL gives it) is `name` itself or a subdomain of it: a dot-suffix match, never a substring. */
export function hostMatches(host: string, name: string): boolean {
  // Hosts from URL are lower-case already; only one with capitals or a final dot is copied.
  const h = notCanonical.test(host) ? host.toLowerCase().replace(/\.$/, '') : host;
  return h === name || (h.endsWith(name) && h[h.length - name.length - 1] === '.');
}

const notCanonical = /[A-Z]|\.$/;

/** True for `google.TLD` and `www.google.TLD` under any public suffix (google.com, google.co.uk …). */
export function isGoogleHost(host: string): boolean {
  const lower = host.toLowerCase();
  // The public-suffix lookup only for a host that can be one: most links are not Google's.
  if (!lower.includes('google')) return false;
  const info = parse(lower);
  return info.isIcann === true && info.domainWithoutSuffix === 'google' && (info.subdomain === '' || info.subdomain === 'www');
}
