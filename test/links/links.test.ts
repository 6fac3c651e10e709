// The link policy: schemes, normalisation, redirector unwrapping, deceptive text.
import { hostsPerhapsNamedBy } from '../../src/links/named-hosts.js';
import { hostMatches, isGoogleHost } from '../../src/links/domain.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProofpointV3, unwrapRedirects } from '../../src/links/redirectors.js';
import { deceptiveHost, encodeUri, maxUriLength, resolveLink } from '../../src/links/links.js';

const href = (raw: string, base?: string) => resolveLink(raw, base === undefined ? {} : { base })?.href;
const followed = (raw: string) => resolveLink(raw)?.followed;

describe('schemes', () => {
  it.each(['http://a.example/', 'https://a.example/', 'mailto:a@example.com', 'ftp://a.example/f', 'tel:+15551234', 'news:comp.lang.c'])(
    '%s is followed',
    (url) => expect(followed(url)).toBe(true),
  );
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'vbscript:msgbox', 'foo:bar', 'relative/path'])(
    '%s is not followed',
    (url) => expect(followed(url)).toBe(false),
  );
  it('skips empty and fragment links', () => {
    expect(resolveLink('   ')).toBeUndefined();
    expect(resolveLink('#top')).toBeUndefined();
  });
});

describe('plain mailto: addresses', () => {
  // A leading space is cleaned away by the policy itself, so the same link goes the whole way
  // through it (URL parser, redirectors, encoding) and must come out as the short way gives it.
  const chars = (set: string) => fc.string({ unit: fc.constantFrom(...set), minLength: 1, maxLength: 40 });
  const word = chars('abcxyzABZ019._+-');
  const host = chars('abcXYZ09.-');
  it('resolve exactly as the full policy resolves them', () => {
    fc.assert(
      fc.property(word, host, (local, domain) => {
        const raw = `mailto:${local}@${domain}`;
        expect(resolveLink(raw)).toEqual(resolveLink(` ${raw}`));
      }),
    );
  });
  it('a long one is kept whole but not followed, as the full policy does', () => {
    const raw = `mailto:${'a'.repeat(maxUriLength)}@example.com`;
    expect(resolveLink(raw)).toEqual({ href: raw, followed: false, long: true });
    expect(resolveLink(raw)).toEqual(resolveLink(` ${raw}`));
  });
});

describe('normalisation', () => {
  it.each([
    ['  HTTPS://Example.COM/a b\r\n c  ', 'https://example.com/abc'],
    ['//cdn.example/x', 'https://cdn.example/x'],
    ['www.example.com/p', 'https://www.example.com/p'],
    ['http://bücher.example/straße', 'http://xn--bcher-kva.example/stra%C3%9Fe'],
    ['https://example.com/"<x>"', 'https://example.com/%22%3Cx%3E%22'],
    ['mailto:Ärger@example.com', 'mailto:%C3%84rger@example.com'],
  ])('%j → %s', (raw, want) => expect(href(raw)).toBe(want));
  it('resolves relative links against <base href>', () => {
    expect(href('../b?c=1', 'https://example.com/x/y/')).toBe('https://example.com/x/b?c=1');
  });
  it('only ever produces bytes 0x21-0x7E', () => {
    expect(href('https://example.com/\u001b]0;pwned\u0007/\u009b2J/é')).toMatch(/^[\x21-\x7e]+$/);
  });
  it(`does not follow URLs longer than ${maxUriLength} bytes but keeps them whole`, () => {
    const long = `https://example.com/${'a'.repeat(maxUriLength)}`;
    expect(resolveLink(long)).toEqual({ href: long, followed: false, long: true });
    expect(resolveLink(`javascript:${'a'.repeat(maxUriLength)}`)).toEqual({ href: `javascript:${'a'.repeat(maxUriLength)}`, followed: false });
    expect(followed(`https://example.com/${'a'.repeat(maxUriLength - 20)}`)).toBe(true);
  });
});

// Vectors follow the vendors' published decoders (Proofpoint's urldecoder.py) and real rewritten links.
describe('redirector unwrapping', () => {
  it.each([
    ['SafeLinks', 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2Fpath%3Fa%3D1%26b%3D2&data=04%7C01%7Cx&sdata=abc&reserved=0', 'https://www.example.com/path?a=1&b=2'],
    ['SafeLinks, bare host', 'https://safelinks.protection.outlook.com/?url=http%3A%2F%2Fexample.org%2F&data=x', 'http://example.org/'],
    ['URL Defense v1', 'https://urldefense.proofpoint.com/v1/url?u=http://www.bouncycastle.org/&k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A&r=IKM5u8%2B%2F%2Fi8EBhWOS%2BqGbTqCC%2BrMqWI%2FVfEAEsQO%2F0Y%3D%0A&m=Ww6i&s=d358', 'http://www.bouncycastle.org/'],
    ['URL Defense v2', 'https://urldefense.proofpoint.com/v2/url?u=http-3A__www.example.org_url&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=', 'http://www.example.org/url'],
    ['URL Defense v2, query', 'https://urldefense.proofpoint.com/v2/url?u=https-3A__example.com_a-3Fb-3D1-26c-3D-25C3-25A9&d=DwMF&c=x&e=', 'https://example.com/a?b=1&c=%C3%A9'],
    ['URL Defense v3', 'https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg!Ue6tQudNKaShHg93trcdjqDP8se2ySE65jyCIe2K1D_uNjZ1Lnf6YLQERujngZv9UWf66ujQIQ$', 'https://google.com/search?q=a+test&gs=ps'],
    ['URL Defense v3, run of 2 UTF-8 bytes', 'https://urldefense.com/v3/__https://es.linkedin.com/in/pastora-mart**Anez-samper-3049818__;w60!!D9dNQwwGXtA!VCWZpmS3jIZRe5xmjoL0$', 'https://es.linkedin.com/in/pastora-mart%C3%ADnez-samper-3049818'],
    ['URL Defense v3, mixed runs', 'https://urldefense.com/v3/__https://example.com/a*b**Bc**Ad__;K-KCrMOp!!x$', 'https://example.com/a+b%E2%82%ACc%C3%A9d'],
    ['URL Defense v3, single slash', 'https://urldefense.com/v3/__https:/example.com/p__;!!abc$', 'https://example.com/p'],
    ['Google q=', 'https://www.google.com/url?q=https://example.com/page&sa=D&source=editors&ust=1', 'https://example.com/page'],
    ['Google url=, other suffix', 'https://www.google.co.uk/url?sa=t&url=https%3A%2F%2Fexample.org%2F&usg=x', 'https://example.org/'],
    ['Barracuda', 'https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fexample.com%2fx%3fy%3d1&c=E,1,abc&typo=1', 'https://example.com/x?y=1'],
    ['nested', 'https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__www.google.com_url-3Fq-3Dhttps-253A-252F-252Fexample.net-252Fdeep%26d%3Dx%26e%3D&data=1', 'https://example.net/deep'],
  ])('%s', (_name, wrapped, want) => {
    expect(href(wrapped)).toBe(want);
    expect(resolveLink(wrapped, { unwrap: false })?.href).not.toBe(want);
  });

  it.each([
    ['a look-alike host', 'https://safelinks.protection.outlook.com.evil.example/?url=https%3A%2F%2Fx.example%2F'],
    ['a substring host', 'https://evilsafelinks.protection.outlook.com/?url=https%3A%2F%2Fx.example%2F'],
    ['Google look-alike', 'https://www.google.com.evil.example/url?q=https://x.example/'],
    ['Google relative target', 'https://www.google.com/url?q=/search%3Fq%3Dx'],
    ['Barracuda on another path', 'https://linkprotect.cudasvc.com/other?a=https%3a%2f%2fx.example'],
    ['v3 with too few bytes', 'https://urldefense.com/v3/__https://example.com/a*b*c__;Kw!!x$'],
    ['v3 with a bad run letter', 'https://urldefense.com/v3/__https://example.com/a**!__;Kw!!x$'],
  ])('leaves %s alone', (_name, url) => expect(unwrapRedirects(url)).toBe(url));

  it('keeps wrappers with --no-unwrap', () => {
    const wrapped = 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2F&data=x';
    expect(resolveLink(wrapped, { unwrap: false })).toEqual({ href: wrapped, followed: true });
  });

  it('applies the policy to the unwrapped target', () => {
    const wrapped = 'https://eur01.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)&data=x';
    expect(resolveLink(wrapped)).toEqual({ href: 'javascript:alert(1)', followed: false });
  });

  it('decodes v3 exactly as the reference decoder', () => {
    const v3 = 'https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg!Ue6tQudNK$';
    expect(decodeProofpointV3(v3)).toBe('https://google.com:443/search?q=a+test&gs=ps');
  });

  it('counts v3 runs in bytes, not characters', () => {
    // "**A" takes two bytes: the one two-byte character é, not two characters.
    expect(decodeProofpointV3('https://urldefense.com/v3/__http://x.example/**A*__;w6k_!!x$')).toBe('http://x.example/é?');
  });
});

describe('deceptive link text', () => {
  it.each([
    ['https://www.paypal.com/', 'https://evil.example/login', 'evil.example'],
    ['paypal.com', 'https://www.paypal.com.evil.example/', 'evil.example'],
    ['www.paypal.com', 'http://192.0.2.7/paypal', '192.0.2.7'],
    ['amazon.co.uk', 'https://amazon.com/', 'amazon.com'],
    ['https://paypal.com', 'https://paypal.com@evil.example/', 'evil.example'],
    ['(bank.com)', 'https://xn--bnk-sna.com/', 'xn--bnk-sna.com'],
    ['paypal.com', 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2F&data=x', 'evil.example'],
    ['https://www.pay\uFEFFpal.com/', 'https://evil.example/', 'evil.example'],
    ['paypal.com\u2060', 'https://evil.example/', 'evil.example'],
    ['[image: https://www.paypal.com/]', 'https://evil.example/', 'evil.example'],
    ['https://www.paypal.com/', 'mailto:phish@evil.example', 'mailto:phish@evil.example'],
    ['www.paypal.com', 'tel:+15551234', 'tel:+15551234'],
  ])('%s → %s warns about %s', (text, target, real) => expect(deceptiveHost(text, target)).toBe(real));

  it.each([
    ['www.paypal.com', 'https://paypal.com/x'],
    ['https://paypal.com', 'https://accounts.paypal.com/signin'],
    ['bbc.co.uk', 'https://www.bbc.co.uk/news'],
    ['Click here', 'https://evil.example/'],
    ['report.pdf', 'https://evil.example/'],
    ['a@example.com', 'mailto:a@example.com'],
    ['example.com', 'mailto:info@example.com'],
    ['paypal.com', 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.paypal.com%2F&data=x'],
    ['https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2F&data=x', 'https://example.com/'],
  ])('%s → %s is not deceptive', (text, target) => expect(deceptiveHost(text, target)).toBeUndefined());
});

// Inputs that made a backtracking regex run for seconds (and minutes at a megabyte): each must
// finish like any other link. The test timeout is the bound, not a measurement.
describe('hostile link sizes', () => {
  it('a long Proofpoint v3 href', () => {
    const raw = `https://urldefense.com/v3/__${'/v3/__a'.repeat(60_000)}`;
    expect(resolveLink(raw)?.href.startsWith('https://urldefense.com/v3/__')).toBe(true);
  });
  it('link text of many dots', () => {
    expect(deceptiveHost(`${'.'.repeat(200_000)}a`, 'https://evil.example/')).toBeUndefined();
    expect(deceptiveHost(`paypal.com${'.'.repeat(3000)}`, 'https://evil.example/')).toBe('evil.example');
  });
});

describe('hostMatches', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['a.example.com', 'example.com', true],
    ['A.Example.COM.', 'example.com', true],
    ['example.com.', 'example.com', true],
    ['badexample.com', 'example.com', false],
    ['example.com.evil', 'example.com', false],
    ['com', 'example.com', false],
    ['.example.com', 'example.com', true],
  ])('%s under %s: %s', (host, name, expected) => expect(hostMatches(host, name)).toBe(expected));
});

// less 661+ puts the URI of ^O^O into a shell command inside single quotes.
describe('encodeUri keeps a URI one inert shell word', () => {
  it.each([
    [`https://e.example/'$(id)'`, 'https://e.example/%27$(id)%27'],
    ['https://e.example/`id`', 'https://e.example/%60id%60'],
    ['https://e.example/"x"\\y', 'https://e.example/%22x%22%5Cy'],
    ['https://e.example/a b\nc', 'https://e.example/a%20b%0Ac'],
    ['https://e.example/?a=1&b=2;c=$HOME', 'https://e.example/?a=1&b=2;c=$HOME'],
    ['https://e.example/é', 'https://e.example/%C3%A9'],
  ])('%j → %j', (raw, want) => expect(encodeUri(raw)).toBe(want));

  it.each([`https://e.example/x'y`, 'https://e.example/`touch x`', 'https://e.example/a\nb;c', `mailto:"a'b"@e.example`, 'https://e.example/\\\\host'])(
    'no policy output carries a shell quote: %j',
    (raw) => {
      const href = resolveLink(raw)?.href ?? '';
      expect(href).not.toMatch(/['"\\`\s]/);
      expect(href).toMatch(/^[\x21-\x7e]+$/);
    },
  );
});

describe('isGoogleHost: only Google\'s own domains', () => {
  it.each(['google.com', 'www.google.com', 'www.google.co.uk', 'google.de', 'www.google.com.br', 'WWW.GOOGLE.FR.', 'google.cat'])('%s is Google', (host) =>
    expect(isGoogleHost(host)).toBe(true),
  );
  it.each(['google.shop.pl', 'google.blog.br', 'www.google.com.evil.example', 'google.example', 'mail.google.com', 'notgoogle.com', 'google.co.evil', 'google.github.io', 'google'])(
    '%s is not',
    (host) => expect(isGoogleHost(host)).toBe(false),
  );
  it('leaves a /url?q= link on a public-suffix look-alike wrapped', () => {
    const url = 'https://google.shop.pl/url?q=https://evil.example/';
    expect(unwrapRedirects(url)).toBe(url);
    expect(deceptiveHost('https://www.google.com/', url)).toBe('google.shop.pl');
  });
});

describe('tracking parameters', () => {
  it.each([
    ['https://shop.example/p?id=7&utm_source=news&utm_medium=email&utm_campaign=spring', 'https://shop.example/p?id=7'],
    ['https://shop.example/?fbclid=IwAR0x&gclid=abc', 'https://shop.example/'],
    ['https://shop.example/a?mc_cid=1&mc_eid=2#top', 'https://shop.example/a#top'],
    ['https://shop.example/a?_hsenc=p2&_hsmi=3&__hstc=1&__hssc=2&__hsfp=3&q=x', 'https://shop.example/a?q=x'],
    ['https://shop.example/a?UTM_Source=x&b=%20c+d', 'https://shop.example/a?b=%20c+d'],
    ['https://shop.example/a?utm%5Fsource=x', 'https://shop.example/a'],
    ['https://shop.example/a?mkt_tok=x&oly_anon_id=1&oly_enc_id=2&vero_id=3&wickedid=4&yclid=5&igshid=6&_ga=7&ref_src=twsrc%5Etfw&dclid=8&gbraid=9&wbraid=10&msclkid=11', 'https://shop.example/a'],
  ])('%s → %s', (raw, want) => expect(href(raw)).toBe(want));

  it.each(['https://shop.example/p?id=7&utmost=1', 'https://shop.example/p?a=1&&b=2', 'https://shop.example/p#utm_source=x', 'https://shop.example/p?ref=abc'])('keeps %s as it is', (raw) =>
    expect(href(raw)).toBe(raw),
  );

  it('strips them from the unwrapped target, and keeps them with --keep-tracking', () => {
    const wrapped = 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fshop.example%2F%3Fid%3D1%26utm_source%3Dx&data=x';
    expect(href(wrapped)).toBe('https://shop.example/?id=1');
    expect(resolveLink(wrapped, { keepTracking: true })?.href).toBe('https://shop.example/?id=1&utm_source=x');
  });

  it('leaves the query of other schemes alone', () => {
    expect(href('ftp://files.example/a?utm_source=x')).toBe('ftp://files.example/a?utm_source=x');
    expect(href('mailto:a@example.com?subject=utm_source')).toBe('mailto:a@example.com?subject=utm_source');
  });
});

describe('hosts named by link text', () => {
  it('drops every default-ignorable code point, however the text around it is written', () => {
    const missed: string[] = [];
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (!/\p{Default_Ignorable_Code_Point}/u.test(ch)) continue;
      if (!hostsPerhapsNamedBy(`see exam${ch}ple.com`).includes('example.com')) missed.push(`U+${code.toString(16)}`);
      if (!hostsPerhapsNamedBy(`東京 exam${ch}ple.com`).includes('example.com')) missed.push(`U+${code.toString(16)}`);
    }
    expect(missed).toEqual([]);
  });
});
