// UTS #39 for host names: mixed scripts, whole-script confusables, the skeleton, look-alike dots;
// and a property over confusable spellings of real brand hosts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConfusableHost, resolvedScripts, skeleton, asRead } from '../../src/links/confusables.js';
import { registrableDomain } from '../../src/links/domain.js';
import { deceptiveHost } from '../../src/links/links.js';
import { corpusDir } from '../helpers/run.js';

const ascii = (host: string) => new URL(`https://${host}/`).hostname;

describe('isConfusableHost', () => {
  it.each([
    ['Latin with an Armenian o', 'www.pօypal.com'],
    ['Cherokee letters alone', 'ᎪᏢᏢᏞᎬ.com'],
    ['Cherokee small letters (IDNA folds them to capitals)', 'ꭺꮲꮲꮮꭼ.com'],
    ['Armenian letters alone', 'սօ.com'],
    ['Latin with Cyrillic', 'раураl.com'],
    ['Cyrillic alone, under a Latin TLD', 'раура.com'],
    ['Greek alone', 'ορο.com'],
    ['a Lisu letter that looks like a dot', 'paypalꓸcom.evil.example'],
  ])('%s: %s', (_what, host) => expect(isConfusableHost(ascii(host))).toBe(true));
  it.each([
    ['ASCII', 'www.paypal.com'],
    ['accented Latin', 'müller-bäckerei.de'],
    ['Cyrillic under a Cyrillic TLD', 'пример.рф'],
    ['Cyrillic that looks like no Latin word', 'яндекс.com'],
    ['Latin with Japanese', 'abcの日本.jp'],
    ['Korean', '한국.kr'],
    ['Greek under the Greek TLD', 'ορτ.ελ'],
  ])('not %s: %s', (_what, host) => expect(isConfusableHost(ascii(host))).toBe(false));
});

describe('the parts', () => {
  it('resolves script sets as UTS #39 does (Han counts as Japanese, Korean and Chinese)', () => {
    expect(resolvedScripts('abc')).toEqual(new Set(['Latin']));
    expect(resolvedScripts('123-')).toBeUndefined();
    expect(resolvedScripts('pօypal')).toEqual(new Set());
    expect([...resolvedScripts('日本')!].sort()).toEqual(['Han', 'Hanb', 'Jpan', 'Kore']);
    expect(resolvedScripts('の日本')).toEqual(new Set(['Jpan']));
  });
  it('gives confusable spellings one skeleton', () => {
    expect(skeleton('pаypal')).toBe(skeleton('paypal'));
    expect(skeleton('ᎪᏢᏢᏞᎬ')).toBe(skeleton('apple'));
    expect(skeleton('paypal')).not.toBe(skeleton('paypol'));
  });
  it("maps every code point as unhomoglyph's own function does", () => {
    const unhomoglyph = createRequire(import.meta.url)('unhomoglyph') as (text: string) => string;
    const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    // Every entry, code points beside them that are not entries, and lone surrogates.
    const text = `${Object.keys(data).join('a·')}\ud835x\udc00é`;
    expect(skeleton(text)).toBe(unhomoglyph(text.normalize('NFD')).normalize('NFD').toLowerCase());
  });
  it('writes look-alike dots as dots, and leaves Latin text and digits alone', () => {
    expect(asRead('paypalꓸcom paypal܁com')).toBe('paypal.com paypal.com');
    expect(asRead('Straße ٠١٢')).toBe('Straße ٠١٢');
    expect(asRead('www.mailchim⍴.com 🔒')).toBe('www.mailchimp.com 🔒');
  });
  it("reads every entry of the table as unhomoglyph's whole table reads it", () => {
    const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    // asRead as it was written over the whole table: the reference for the few entries it keeps.
    const latinOrCommon = /^[\p{scx=Latin}\p{scx=Common}\p{scx=Inherited}]*$/u;
    const symbol = /(?![\x00-\x7f])[\p{S}\p{P}]/u;
    const reference = (text: string): string => {
      if (/^[\x00-\x7f]*$/.test(text) || (latinOrCommon.test(text) && !(symbol.test(text) && text.includes('.')))) return text;
      let out = '';
      for (const ch of text) {
        if (ch < '\x80') {
          out += ch;
          continue;
        }
        const isSymbol = symbol.test(ch);
        const seen = isSymbol || (!latinOrCommon.test(ch) && !/^\p{Nd}$/u.test(ch)) ? (Object.hasOwn(data, ch) ? data[ch]! : ch) : ch;
        out += seen === '.' ? '.' : isSymbol && /^[a-z0-9]$/i.test(seen) ? seen.toLowerCase() : ch;
      }
      return out;
    };
    const texts = Object.keys(data).flatMap((k) => [k, `${k}.com`, `paypal${k}com`, `я${k}x.рф`, `東京${k}`]);
    texts.push('東京 データ news.', 'café 😀 ⍴.', '\ud835x\udc00é.');
    const differ = texts.filter((t) => asRead(t) !== reference(t));
    expect(differ).toEqual([]);
    // Some of them must change, or the comparison proves nothing.
    expect(texts.filter((t) => asRead(t) !== t).length).toBeGreaterThan(100);
  });
});

// Brand hosts: the registrable domains most often linked in the shared corpus (up to 1,000), or a
// few well-known ones without it; each made of letters and digits a confusable can stand for.
function brandHosts(): string[] {
  const fallback = ['paypal.com', 'apple.com', 'google.com', 'amazon.com', 'microsoft.com', 'github.com', 'netflix.com'];
  if (!existsSync(corpusDir)) return fallback;
  const counts = new Map<string, number>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else for (const m of readFileSync(path, 'latin1').matchAll(/https?:\/\/([a-z0-9.-]+)/gi)) {
        const d = registrableDomain(m[1]!);
        if (/^[a-z0-9]{3,}\.(com|org|net|io|de|uk)$/.test(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
      }
    }
  };
  walk(corpusDir.replace(/\/$/, ''));
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 1000).map(([d]) => d);
  return top.length > 50 ? top : fallback;
}

// For each ASCII letter and digit, the letters, marks and digits of confusables.txt with its skeleton
// that IDNA keeps in a host (as the one character: no mapping to another). Symbols that look like a
// letter are read as that letter in text, which cannot tell 1 from l for a symbol such as ∣.
function lookAlikes(): Map<string, string[]> {
  const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
  const out = new Map<string, string[]>();
  for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') {
    const target = skeleton(ch);
    const list = Object.keys(data).filter((k) => k !== ch && /^[^\x00-\x7f]$/u.test(k) && /^[\p{L}\p{M}\p{N}]$/u.test(k) && skeleton(k) === target && idnaKeeps(k));
    if (list.length) out.set(ch, list);
  }
  return out;
}

// A spelling IDNA takes as a whole (its bidi and joiner rules judge the label, not each character).
function validIdn(host: string): boolean {
  try {
    return ascii(host).startsWith('xn--');
  } catch {
    return false;
  }
}

function idnaKeeps(ch: string): boolean {
  try {
    const host = new URL(`https://a${ch}b.com/`).hostname;
    return host.startsWith('xn--') && skeleton(domainToUnicode(host)) === skeleton(`a${ch}b.com`);
  } catch {
    return false;
  }
}

describe('confusable spellings of brand hosts (property)', () => {
  const brands = brandHosts();
  const alikes = lookAlikes();
  const spelling = fc
    .tuple(fc.constantFrom(...brands), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }))
    .map(([brand, positions, picks]) => {
      const label = [...brand.slice(0, brand.indexOf('.'))];
      positions.forEach((p, i) => {
        const at = p % label.length;
        const list = alikes.get(label[at]!);
        if (list) label[at] = list[picks[i]! % list.length]!;
      });
      return { brand, variant: label.join('') + brand.slice(brand.indexOf('.')) };
    })
    .filter(({ brand, variant }) => variant !== brand && validIdn(variant));
  it('has brands and look-alikes to draw from', () => {
    expect(brands.length).toBeGreaterThan(5);
    expect(alikes.size).toBeGreaterThan(30);
  });
  it('flags a link whose text names the brand and whose href goes to a look-alike', () => {
    fc.assert(fc.property(spelling, ({ brand, variant }) => deceptiveHost(`www.${brand}`, `https://www.${ascii(variant)}/`) !== undefined), { numRuns: 1000 });
  });
  it('flags a link whose text spells the brand with look-alikes and whose href goes elsewhere', () => {
    fc.assert(fc.property(spelling, ({ variant }) => deceptiveHost(`Sign in at www.${variant}`, 'https://evil.example/') === 'evil.example'), { numRuns: 1000 });
  });
  it('never flags a link to the brand itself, however its text spells it', () => {
    fc.assert(fc.property(spelling, ({ brand, variant }) => deceptiveHost(`www.${variant}`, `https://www.${brand}/`) === undefined), { numRuns: 1000 });
  });
});
