// Link text written by an attacker to name www.paypal.com while the link goes elsewhere.
// Every row is a disguise of its own; each must be flagged with the real destination.
import { describe, expect, it } from 'vitest';
import { deceptiveHost, resolveLink, tooDeep } from '../src/links/links.js';
import { maxNesting } from '../src/links/redirectors.js';

const evil = 'https://evil.example/login';

describe('Unicode punctuation around the name', () => {
  it.each([
    ['curly quotes', '“www.paypal.com”'],
    ['single curly quotes', '‘www.paypal.com’'],
    ['guillemets', '«www.paypal.com»'],
    ['corner brackets', '「www.paypal.com」'],
    ['fullwidth brackets', '（www.paypal.com）'],
    ['white lenticular brackets', '〖www.paypal.com〗'],
    ['ellipsis', 'www.paypal.com…'],
    ['lock emoji', '🔒www.paypal.com'],
    ['emoji with variation selector and ZWJ', '🧑\u200d💻\ufe0fhttps://www.paypal.com/'],
    ['check mark after', 'www.paypal.com✅'],
    ['trailing U+2800 braille blank', 'www.paypal.com\u2800\u2800'],
    ['leading U+2800 braille blank', '\u2800www.paypal.com'],
    ['trailing U+3164 hangul filler', 'www.paypal.com\u3164'],
    ['U+FFA0 halfwidth hangul filler inside', 'www.pay\uffa0pal.com'],
    ['trailing U+FFFD', 'www.paypal.com\ufffd'],
    ['a control character a reader sees as U+FFFD', 'www.paypal.com\u001b'],
    ['a C1 control', '\u009bwww.paypal.com'],
    ['ideographic space', '\u3000www.paypal.com\u3000'],
    ['enclosing circle mark after the TLD', 'www.paypal.com\u20dd'],
    ['mathematical bold letters', '𝐰𝐰𝐰.𝐩𝐚𝐲𝐩𝐚𝐥.𝐜𝐨𝐦'],
    ['fullwidth letters', 'ｗｗｗ.ｐａｙｐａｌ.ｃｏｍ'],
    ['soft hyphen inside', 'pay\u00adpal.com'],
  ])('%s: %s', (_name, text) => expect(deceptiveHost(text, evil)).toBe('evil.example'));
});

describe('dots and slashes a reader or IDNA takes as such', () => {
  it.each([
    ['U+3002 ideographic full stop', 'www.paypal。com'],
    ['U+FF0E fullwidth full stop', 'www．paypal．com'],
    ['U+FF61 halfwidth ideographic full stop', 'www｡paypal｡com'],
    ['U+FE52 small full stop', 'paypal﹒com'],
    ['U+2024 one dot leader', 'www.paypal․com'],
    ['fullwidth solidus', 'www.paypal.com／login'],
    ['%2F', 'www.paypal.com%2Flogin'],
    ['%2f, lower case', 'paypal.com%2fsignin'],
    ['backslash', 'www.paypal.com\\login'],
    ['backslash in a URL', 'https:\\\\www.paypal.com\\signin'],
    ['fullwidth colon and solidi', 'https：／／www.paypal.com／'],
    ['a port', 'www.paypal.com:443/login'],
    ['a final dot', 'https://www.paypal.com./'],
  ])('%s: %s', (_name, text) => expect(deceptiveHost(text, evil)).toBe('evil.example'));
});

describe('text with spaces: every URL or domain in it', () => {
  it.each([
    ['Log in at https://www.paypal.com/'],
    ['Visit www.paypal.com today'],
    ['Your paypal.com account is locked. Click to restore.'],
    ['Sign in (paypal.com) now'],
    ['Sign in:https://www.paypal.com/signin'],
    ['Anmelden bei www.paypal.de, jetzt'],
    ['ここをクリックwww.paypal.com'],
    ['Go to\nwww.paypal.com'],
    ['https://paypal.com or ebay.com'],
    ['Site:www.paypal.com'],
  ])('%s', (text) => expect(deceptiveHost(text, evil)).toBe('evil.example'));

  it.each([
    ['Click here to log in', evil],
    ['Version 2.0 is out', evil],
    ['Read the report.pdf', evil],
    ['Log in at https://www.paypal.com/ today', 'https://www.paypal.com/signin'],
    ['Visit paypal.com or www.paypal.com', 'https://paypal.com/'],
    ['e.g. this', evil],
    ['See us on paypal.com', 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.paypal.com%2F&data=x'],
  ])('%s → %s is not flagged', (text, href) => expect(deceptiveHost(text, href)).toBeUndefined());
});

describe('address text', () => {
  it.each([
    ['support@paypal.com', 'mailto:phish@evil.example', 'mailto:phish@evil.example'],
    ['support@paypal.com', 'https://evil.example/', 'evil.example'],
    ['Write to support@paypal.com', 'mailto:phish@evil.example?subject=Help', 'mailto:phish@evil.example?subject=Help'],
    ['support@paypal.com', 'mailto:support@paypal.com?bcc=phish@evil.example', 'mailto:support@paypal.com?bcc=phish@evil.example'],
    ['support@paypal.com', 'mailto:support@paypal.com,phish@evil.example', 'mailto:support@paypal.com,phish@evil.example'],
    ['“support@paypal.com”', 'mailto:%70hish@evil.example', 'mailto:%70hish@evil.example'],
    ['www.paypal.com@evil.example', 'https://evil.example/', 'evil.example'],
    ['https://www.paypal.com@evil.example/', 'https://evil.example/', 'evil.example'],
  ])('%s → %s warns %s', (text, href, want) => expect(deceptiveHost(text, href)).toBe(want));

  it.each([
    ['support@paypal.com', 'mailto:support@paypal.com'],
    ['support@paypal.com', 'mailto:help@mail.paypal.com?subject=x'],
    ['john.name@example.com', 'mailto:john.name@example.com'],
  ])('%s → %s is not flagged', (text, href) => expect(deceptiveHost(text, href)).toBeUndefined());
});

// Each layer is a SafeLinks wrapper around the one inside.
function wrap(target: string, layers: number): string {
  let url = target;
  for (let i = 0; i < layers; i++) url = `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=${i}`;
  return url;
}

describe(`wrappers nested more than ${maxNesting} deep`, () => {
  it(`follows ${maxNesting} layers to the end`, () => {
    expect(resolveLink(wrap('https://example.com/x', maxNesting))).toEqual({ href: 'https://example.com/x', followed: true });
  });
  it.each([maxNesting + 1, 20, 60])('does not follow %i layers and flags them', (layers) => {
    const link = resolveLink(wrap('https://example.com/x', layers))!;
    expect(link.followed).toBe(false);
    expect(deceptiveHost('Click here', link.href)).toBe(tooDeep);
  });
  it('never makes a deeply wrapped javascript: link clickable, with or without --no-unwrap', () => {
    const raw = wrap('javascript:alert(1)', maxNesting + 1);
    expect(resolveLink(raw)!.followed).toBe(false);
    expect(resolveLink(raw, { unwrap: false })!.followed).toBe(false);
    expect(resolveLink(raw)!.href).not.toMatch(/^javascript:/);
  });
  it('shows no proofpoint.com or safelinks host as the real destination of 20 layers', () => {
    expect(deceptiveHost('www.paypal.com', wrap('https://evil.example/', 20))).toBe(tooDeep);
  });
});

describe('mailto: fields (RFC 6068)', () => {
  it.each([
    ['mailto:a@example.com?attach=/etc/passwd', 'mailto:a@example.com'],
    ['mailto:a@example.com?subject=Hi&attachment=%2Fhome%2Fu%2F.ssh%2Fid_rsa&body=x', 'mailto:a@example.com?subject=Hi&body=x'],
    ['mailto:a@example.com?Subject=Hi&CC=b@example.com&BCC=c@example.com&To=d@example.com&In-Reply-To=%3Cm@x%3E', 'mailto:a@example.com?Subject=Hi&CC=b@example.com&BCC=c@example.com&To=d@example.com&In-Reply-To=%3Cm@x%3E'],
    ['mailto:a@example.com?%61ttach=/etc/passwd', 'mailto:a@example.com'],
    ['mailto:a@example.com?x-mailer=1&from=me@evil.example', 'mailto:a@example.com'],
    ['MAILTO:a@example.com?attach=x', 'mailto:a@example.com'],
  ])('%s → %s', (raw, want) => expect(resolveLink(raw)?.href).toBe(want));
});

describe('look-alike hosts the text names exactly', () => {
  it.each([
    ['Latin with a Cyrillic а', 'www.pаypal.com', 'https://www.pаypal.com/', 'xn--pypal-4ve.com'],
    ['only Cyrillic look-alikes', 'аррӏе.com', 'https://аррӏе.com/', 'xn--80ak6aa92e.com'],
    ['Greek ο in Latin', 'gοοgle.com', 'https://gοοgle.com/', 'xn--ggle-0nda.com'],
  ])('%s: %s', (_name, text, href, want) => expect(deceptiveHost(text, resolveLink(href)!.href)).toBe(want));

  it.each([
    ['a German IDN', 'bücher.de', 'https://bücher.de/'],
    ['a Cyrillic name under a Cyrillic TLD', 'пример.рф', 'https://пример.рф/'],
    ['a Russian word under .com', 'яндекс.com', 'https://яндекс.com/'],
  ])('%s is not flagged: %s', (_name, text, href) => expect(deceptiveHost(text, resolveLink(href)!.href)).toBeUndefined());
});

describe('hostile sizes', () => {
  it('finds the name after thousands of blank characters', () => {
    expect(deceptiveHost(`${'\u2800'.repeat(10_000)}www.paypal.com`, evil)).toBe('evil.example');
  });
  it('reads link text of many names in linear time', () => {
    expect(deceptiveHost('a.b '.repeat(50_000), evil)).toBeUndefined();
    expect(deceptiveHost(`${'a.b '.repeat(50_000)}paypal.com`, evil)).toBe('evil.example');
  });
  it('leaves a megabyte token alone', () => {
    expect(deceptiveHost(`www.${'a'.repeat(1_000_000)}.com`, evil)).toBeUndefined();
  });
});
