// The only importer of tldts: host names measured against the public suffix list. Its suffix tree
// is a large structure to set up and to carry in the start-up snapshot, and a plain mail never asks
// for it, so it is loaded on first use (esbuild bundles this require and runs it only then; vitest
// provides require() too).
import type * as Tldts from 'tldts';

let tldts: typeof Tldts | undefined;

function parse(host: string): ReturnType<typeof Tldts.parse> {
  tldts ??= require('tldts') as typeof Tldts;
  return tldts.parse(host);
}

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

// Google's own search domains, from the list Google publishes at https://www.google.com/supported_domains
// (google.com and google.<ccTLD>); a public-suffix rule would also accept google.shop.pl.
const googleSuffixes: ReadonlySet<string> = new Set(
  (
    'com ad ae com.af com.ag al am co.ao com.ar as at com.au az ba com.bd be bf bg com.bh bi bj ' +
  'com.bn com.bo com.br bs bt co.bw by com.bz ca cd cf cg ch ci co.ck cl cm cn com.co co.cr com.cu ' +
  'cv com.cy cz de dj dk dm com.do dz com.ec ee com.eg es com.et fi com.fj fm fr ga ge gg com.gh ' +
  'com.gi gl gm gr com.gt gy com.hk hn hr ht hu co.id ie co.il im co.in iq is it je com.jm jo co.jp ' +
  'co.ke com.kh ki kg co.kr com.kw kz la com.lb li lk co.ls lt lu lv com.ly co.ma md me mg mk ml ' +
  'com.mm mn com.mt mu mv mw com.mx com.my co.mz com.na com.ng com.ni ne nl no com.np nr nu co.nz ' +
  'com.om com.pa com.pe com.pg com.ph com.pk pl pn com.pr ps pt com.py com.qa ro ru rw com.sa ' +
  'com.sb sc se com.sg sh si sk com.sl sn so sm sr st com.sv td tg co.th com.tj tl tm tn to com.tr ' +
  'tt com.tw co.tz com.ua co.ug co.uk com.uy co.uz com.vc co.ve co.vi com.vn vu ws rs co.za co.zm ' +
    'co.zw cat'
  ).split(' '),
);

/** True for `google.TLD` and `www.google.TLD` where google.TLD is one of Google's own domains. */
export function isGoogleHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  const bare = lower.startsWith('www.') ? lower.slice(4) : lower;
  return bare.startsWith('google.') && googleSuffixes.has(bare.slice('google.'.length));
}
