// Authentication-Results (RFC 8601): the authserv-id, results and properties, comments and quoting.
import { describe, expect, it } from 'vitest';
import { parseAuthResults, trustedResults } from '../../src/trust/auth-results.js';

const props = (value: string) => parseAuthResults(value)?.results.map((r) => [r.method, r.result, Object.fromEntries(r.properties)]);

describe('parseAuthResults', () => {
  it('reads the authserv-id and each method', () => {
    const v = 'mx.example.org; dkim=pass header.d=example.com header.s=sel; spf=pass smtp.mailfrom=bounce@example.com; dmarc=pass header.from=example.com';
    expect(parseAuthResults(v)?.authservId).toBe('mx.example.org');
    expect(props(v)).toEqual([
      ['dkim', 'pass', { 'header.d': 'example.com', 'header.s': 'sel' }],
      ['spf', 'pass', { 'smtp.mailfrom': 'bounce@example.com' }],
      ['dmarc', 'pass', { 'header.from': 'example.com' }],
    ]);
  });
  it('drops comments, nested and with quoted pairs, and reads quoted strings (RFC 8601 2.2, RFC 5322 3.2.2)', () => {
    const v = '(first (nested \\) paren)) "MX.Example.ORG" 1 (v1); dkim (sig) = fail (bad (very) bad) reason="body hash; did not verify" header.d=(c)example.com; dmarc=fail (p=reject dis=none) header.from="example.com"';
    expect(parseAuthResults(v)?.authservId).toBe('mx.example.org');
    expect(props(v)).toEqual([
      ['dkim', 'fail', { 'header.d': 'example.com' }],
      ['dmarc', 'fail', { 'header.from': 'example.com' }],
    ]);
  });
  it('reads a method version and a result without properties', () => {
    expect(props('mx.example.org; dkim/1=pass; spf=none')).toEqual([
      ['dkim', 'pass', {}],
      ['spf', 'none', {}],
    ]);
  });
  it('keeps a base64 header.b with "/" and "+" whole, and the properties after it', () => {
    expect(props('mx.google.com; dkim=pass header.i=@example.com header.s=20230601 header.b=eZ/a+Bc9 header.d=example.com')).toEqual([
      ['dkim', 'pass', { 'header.i': '@example.com', 'header.s': '20230601', 'header.b': 'eZ/a+Bc9', 'header.d': 'example.com' }],
    ]);
  });
  it('reads "none" and junk as no results', () => {
    expect(props('mx.example.org; none')).toEqual([]);
    expect(props('mx.example.org; =pass; dkim; ;;; spf=')).toEqual([]);
    expect(parseAuthResults('')).toBeUndefined();
    expect(parseAuthResults('; dkim=pass')).toBeUndefined();
  });
  it('does not let a ";" inside a comment or a quoted string start a result', () => {
    expect(props('mx.example.org; spf=pass (x; dkim=pass) smtp.mailfrom="a;dmarc=pass"')).toEqual([['spf', 'pass', { 'smtp.mailfrom': 'a;dmarc=pass' }]]);
  });
  it('survives an unterminated comment or quote', () => {
    expect(props('mx.example.org; dkim=pass (no end')).toEqual([['dkim', 'pass', {}]]);
    expect(props('mx.example.org; dkim=pass header.d="no end')).toEqual([['dkim', 'pass', { 'header.d': 'no end' }]]);
  });
});

describe('trustedResults', () => {
  const headers = ['mx.example.org; dkim=fail header.d=paypal.com', 'evil.example; dkim=pass header.d=paypal.com', 'MX.EXAMPLE.ORG; spf=pass'];
  it('keeps only the headers of a trusted authserv-id, case-insensitively', () => {
    expect(trustedResults(headers, ['mx.example.org']).map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=fail', 'spf=pass']);
  });
  it('trusts nothing unless told', () => expect(trustedResults(headers, [])).toEqual([]));
});

describe('an authserv-id written otherwise than a receiving server writes its own', () => {
  const trust = (v: string) => trustedResults([v], ['mx.example.org']).map((r) => `${r.method}=${r.result}`);
  it('is trusted as a plain token at the start, in any case', () => {
    expect(trust('mx.example.org; dmarc=pass header.from=paypal.com')).toEqual(['dmarc=pass']);
    expect(trust('  MX.Example.ORG 1; dkim=fail header.d=paypal.com')).toEqual(['dkim=fail']);
  });
  it.each([
    ['quoted', '"mx.example.org"; dmarc=pass header.from=paypal.com'],
    ['after a comment', '(mx) mx.example.org; dmarc=pass header.from=paypal.com'],
    ['followed by words before the first result', 'mx.example.org by hand; dmarc=pass header.from=paypal.com'],
    ['with a comment left open', 'mx.example.org; dmarc=pass header.from=paypal.com (p=reject'],
    ['with a quoted string left open', 'mx.example.org; dmarc=pass reason="forged'],
  ])('is shown but never trusted when %s', (_what, v) => {
    expect(parseAuthResults(v)?.plain).toBe(false);
    expect(trust(v)).toEqual([]);
  });
});
