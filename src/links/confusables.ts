// The Unicode security mechanisms (UTS #39) for host names: the confusable skeleton, mixed-script
// and whole-script confusable labels, and characters that only look like a dot. The only importer
// of unhomoglyph, whose table maps Unicode's confusables.txt: it is loaded on first use (esbuild
// bundles this require and runs it only then), and only for the skeleton of a host in punycode
// (reading link text as a reader sees it needs 40 of its entries, kept here). Its own function builds one regular expression of all 6 311 entries when it is loaded
// (~40 M instructions to compile, in every run that meets such text); every entry is one code point,
// so looking each code point up gives what that expression's replace gives. The resolved script set
// is computed here from the Script_Extensions property JavaScript's regular expressions know: no
// library computes it.
import { domainToUnicode } from 'node:url';

type Confusables = Readonly<Record<string, string>>;
let confusables: Confusables | undefined;

// Each code point replaced by its prototype in confusables.txt, as unhomoglyph does.
function mapConfusables(text: string): string {
  confusables ??= require('unhomoglyph/data.json') as Confusables;
  let out = '';
  for (const ch of text) out += Object.hasOwn(confusables, ch) ? confusables[ch] : ch;
  return out;
}

/** UTS #39 4: the skeleton of text (NFD, confusables mapped, NFD), lower-cased so that hosts compare as browsers show them. */
export function skeleton(text: string): string {
  if (ascii.test(text)) return mapConfusables(text).toLowerCase();
  return mapConfusables(text.normalize('NFD')).normalize('NFD').toLowerCase();
}

// Text in these scripts alone (ASCII, accented Latin, punctuation shared by all scripts) holds no
// look-alike dot, so it is returned as it is; nor are symbols (an emoji) in text without a dot,
// which names no host however it is read.
const latinOrCommon = /^[\p{scx=Latin}\p{scx=Common}\p{scx=Inherited}]*$/u;
// A symbol or punctuation mark outside ASCII (an emoji, ⍴, ᙮).
const symbol = /(?![\x00-\x7f])[\p{S}\p{P}]/u;
const digit = /^\p{Nd}$/u;
const ascii = /^[\x00-\x7f]*$/;
const asciiAlnum = /^[a-z0-9]$/i;

// The only entries of the confusables table that asRead can act on, each a code point and its
// prototype: those outside ASCII whose prototype is '.', and those that are no letter, mark or
// digit whose prototype is one ASCII letter or digit (a letter or digit is read as itself).
// test/links/confusables.test.ts derives them from unhomoglyph's table. Text without any of them
// reads as written, so it needs neither the whole table (~15 M instructions to parse) nor the
// regular expressions of Unicode properties above (~3 M each to compile).
const readAsPairs =
  '\u00d7x\u02dbi\u05c0l\u0660.\u06f0.\u0701.\u0702.\u166dX\u166ex\u2024.\u212ee\u2223l\u2228v\u222aU\u22a4T\u22c1v' +
  '\u22c3U\u22ffE\u2373i\u2374p\u237aa\u23fdl\u2573X\u27d9T\u292bx\u292cx\u2a2fx\ua4f8.\ua60e.\uffe8l\u{10a50}.' +
  '\u{1d16d}.\u{1d206}3\u{1d20d}V\u{1d212}7\u{1d213}F\u{1d216}R\u{1d22a}L\u{1f74c}C\u{1f768}T';
const readAs: ReadonlyMap<string, string> = (() => {
  const chars = [...readAsPairs];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
})();

/**
 * Text as a reader sees it: every character that looks like a full stop (UTS #39 skeleton '.':
 * U+A4F8, U+0701 …) written as '.', and every symbol or punctuation mark that looks like a Latin letter or
 * digit (⍴ for p, ᙮ for x) written as that letter, so that `mailchim⍴.com` names mailchimp.com.
 */
export function asRead(text: string): string {
  // ASCII is all Latin and common characters, and holds no symbol outside ASCII.
  if (ascii.test(text) || !hasReadAs(text)) return text;
  if (latinOrCommon.test(text) && !(symbol.test(text) && text.includes('.'))) return text;
  let out = '';
  for (const ch of text) {
    if (ch < '\x80') {
      out += ch;
      continue;
    }
    // Digits are read as digits (the Arabic-Indic zero is a dot only to the eye of a Latin reader);
    // no symbol or punctuation mark is a digit.
    const isSymbol = symbol.test(ch);
    const seen = isSymbol || (!latinOrCommon.test(ch) && !digit.test(ch)) ? (readAs.get(ch) ?? ch) : ch;
    out += seen === '.' ? '.' : isSymbol && asciiAlnum.test(seen) ? seen.toLowerCase() : ch;
  }
  return out;
}

// Any of those code points: a class of 40 listed ones, cheap to compile, and a run's link text is
// searched natively instead of a code point at a time.
const readAsChar = new RegExp(`[${[...readAs.keys()].join('')}]`, 'u');

function hasReadAs(text: string): boolean {
  return readAsChar.test(text);
}

// UTS #39 5.1: Han, Hiragana, Katakana, Hangul and Bopomofo count as the writing systems they belong to.
const augmented: Readonly<Record<string, readonly string[]>> = {
  Han: ['Han', 'Jpan', 'Kore', 'Hanb'],
  Hiragana: ['Hiragana', 'Jpan'],
  Katakana: ['Katakana', 'Jpan'],
  Hangul: ['Hangul', 'Kore'],
  Bopomofo: ['Bopomofo', 'Hanb'],
};

// The scripts of UTS #31's recommended and limited-use tables that IDNA allows in host names; a
// character in none of them is a script of its own, so it never shares a set with another.
const scripts = (
  'Latin Greek Cyrillic Armenian Hebrew Arabic Syriac Thaana Nko Samaritan Mandaic Devanagari Bengali Gurmukhi ' +
  'Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Thai Lao Tibetan Myanmar Georgian Hangul Ethiopic ' +
  'Cherokee Canadian_Aboriginal Ogham Runic Khmer Mongolian Hiragana Katakana Bopomofo Han Yi Lisu Vai Bamum ' +
  'Tifinagh Tai_Le New_Tai_Lue Buginese Balinese Sundanese Javanese Cham Tai_Viet Meetei_Mayek Adlam Osage ' +
  'Coptic Glagolitic Kharoshthi Saurashtra Kayah_Li Rejang Lepcha Ol_Chiki Batak Limbu Miao Wancho Toto'
).split(' ');
let scriptPatterns: ReadonlyArray<readonly [string, RegExp]> | undefined;
const commonOrInherited = /^[\p{scx=Common}\p{scx=Inherited}]$/u;

// UTS #39 5.1: the scripts a character may be read in (Common and Inherited: any, here undefined).
function scriptSet(ch: string): ReadonlySet<string> | undefined {
  if (commonOrInherited.test(ch)) return undefined;
  scriptPatterns ??= scripts.map((s) => [s, new RegExp(`\\p{scx=${s}}`, 'u')] as const);
  const found = scriptPatterns.filter(([, p]) => p.test(ch)).flatMap(([s]) => augmented[s] ?? [s]);
  return new Set(found.length ? found : [`U+${ch.codePointAt(0)!.toString(16)}`]);
}

/** UTS #39 5.1: the resolved script set of a label (undefined: only common characters, any script). */
export function resolvedScripts(label: string): ReadonlySet<string> | undefined {
  let resolved: Set<string> | undefined;
  for (const ch of label) {
    const set = scriptSet(ch);
    if (set) resolved = resolved ? new Set([...resolved].filter((s) => set.has(s))) : new Set(set);
  }
  return resolved;
}

// UTS #39 5.2 Highly Restrictive: one script, or Latin with Japanese, Chinese with Bopomofo, or Korean.
function highlyRestrictive(label: string): boolean {
  const all = resolvedScripts(label);
  if (all === undefined || all.size > 0) return true;
  const rest = resolvedScripts([...label].filter((ch) => !/\p{scx=Latin}/u.test(ch)).join(''));
  return rest !== undefined && ['Jpan', 'Hanb', 'Kore'].some((s) => rest.has(s));
}

const latinSkeleton = /^[a-z0-9-]+$/;

// UTS #39 4: a label in one script other than Latin whose every character has a Latin look-alike
// (раура, Cyrillic; ꮲꮲꮮ, Cherokee; օօ, Armenian) reads as a Latin word. One in the script of its
// top-level domain (a Cyrillic name under .рф) is that country's ordinary name.
function wholeScriptConfusable(label: string, tld: string): boolean {
  const own = resolvedScripts(label);
  if (!own || own.size === 0 || own.has('Latin')) return false;
  if (!latinSkeleton.test(skeleton(label))) return false;
  const tldScripts = resolvedScripts(tld);
  return !tldScripts || ![...own].some((s) => tldScripts.has(s));
}

/**
 * True for a host (ASCII, as URL gives it) a reader could take for another: a label that mixes
 * scripts beyond what UTS #39 calls highly restrictive, a whole-script confusable label, or a
 * character that only looks like a dot.
 */
export function isConfusableHost(host: string): boolean {
  if (!host.includes('xn--')) return false;
  const labels = domainToUnicode(host).split('.');
  const tld = labels.at(-1) ?? '';
  return labels.some((l) => /[^\x00-\x7f]/.test(l) && (asRead(l).includes('.') || !highlyRestrictive(l) || wholeScriptConfusable(l, tld)));
}
