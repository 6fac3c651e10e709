// How CSS is read: every stage that asks what a style attribute or a <style> sheet says asks here.
// The only importer of @csstools/css-tokenizer: CSS is tokenised as CSS Syntax Level 3 says a
// browser does (comments, escapes, strings, url() and their error recovery), never by regular
// expressions, so that `/* display:none */` hides nothing and `u\72l(` is a url( as it is to a browser.
import { BoundedMemo } from '../../document/memo.js';
import { stringify, tokenize, TokenType, type CSSToken } from '@csstools/css-tokenizer';

function tokensOf(css: string): CSSToken[] {
  return tokenize({ css }).filter((t) => t[0] !== TokenType.Comment && t[0] !== TokenType.EOF);
}

const opens = new Set<string>([TokenType.OpenParen, TokenType.Function, TokenType.OpenSquare, TokenType.OpenCurly]);
const closes = new Set<string>([TokenType.CloseParen, TokenType.CloseSquare, TokenType.CloseCurly]);

// A token as a value reads: an identifier by its unescaped name (`\6e one` is `none`), others as written.
function valueText(t: CSSToken): string {
  if (t[0] === TokenType.Ident) return t[4].value;
  if (t[0] === TokenType.Function) return `${t[4].value}(`;
  if (t[0] === TokenType.Whitespace) return ' ';
  return stringify(t);
}

// Every stage that looks at an element asks for its style's declarations, and a newsletter repeats
// the same few style attributes on hundreds of elements: each distinct text is tokenised once. The
// maps handed out are read-only, so sharing one is safe; the cache is emptied when it grows large.
const declarationCache = new BoundedMemo<string, ReadonlyMap<string, string>>(2000);

/** An inline style's declarations: property → value, lower-cased, without `!important`; a later one wins, as in CSS. */
export function styleDeclarations(style: string): ReadonlyMap<string, string> {
  return declarationCache.get(style, declarationsOf);
}

function declarationsOf(style: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let current: CSSToken[] = [];
  const finish = (): void => {
    const declaration = declarationOf(current);
    if (declaration) out.set(declaration[0], declaration[1]);
    current = [];
  };
  for (const t of tokensOf(style)) {
    if (opens.has(t[0])) depth++;
    else if (closes.has(t[0])) depth = Math.max(0, depth - 1);
    if (depth === 0 && t[0] === TokenType.Semicolon) finish();
    else current.push(t);
  }
  finish();
  return out;
}

// CSS Syntax 5.4.6: a name, a colon, then the value; `!important` at its end is no part of it.
function declarationOf(tokens: readonly CSSToken[]): [string, string] | undefined {
  const parts = tokens.filter((t, i) => t[0] !== TokenType.Whitespace || (i > 0 && i < tokens.length - 1));
  const name = parts[0];
  let at = 1;
  while (parts[at]?.[0] === TokenType.Whitespace) at++;
  if (name?.[0] !== TokenType.Ident || parts[at]?.[0] !== TokenType.Colon) return undefined;
  const value = parts.slice(at + 1).map(valueText).join('').replace(/\s+/g, ' ').trim();
  return [name[4].value.toLowerCase(), value.replace(/!\s*important$/i, '').trim().toLowerCase()];
}

// The functions whose arguments are URLs a browser loads.
const urlFunctions = new Set(['url', 'src']);

// The first token after i that is not white space (a loop, not a slice: sheets can be long).
function nextToken(tokens: readonly CSSToken[], i: number): CSSToken | undefined {
  let j = i + 1;
  while (tokens[j]?.[0] === TokenType.Whitespace) j++;
  return tokens[j];
}

// The URL the token at i starts: a url() token, or url("…") and src("…") with a string.
function urlAt(tokens: readonly CSSToken[], i: number): string | undefined {
  const t = tokens[i]!;
  if (t[0] === TokenType.URL) return t[4].value;
  if (t[0] !== TokenType.Function || !urlFunctions.has(t[4].value.toLowerCase())) return undefined;
  const arg = nextToken(tokens, i);
  return arg?.[0] === TokenType.String ? arg[4].value : undefined;
}

/** Every URL a piece of CSS makes a browser load: url() and src(), quoted or not, `@import "…"` too. */
export function cssUrls(css: string): string[] {
  const tokens = tokensOf(css);
  const urls: string[] = [];
  tokens.forEach((t, i) => {
    const url = urlAt(tokens, i) ?? (t[0] === TokenType.String && isImport(tokens, i) ? t[4].value : undefined);
    if (url !== undefined) urls.push(url);
  });
  return urls;
}

function isImport(tokens: readonly CSSToken[], i: number): boolean {
  let j = i - 1;
  while (tokens[j]?.[0] === TokenType.Whitespace) j--;
  const at = tokens[j];
  return at?.[0] === TokenType.AtKeyword && at[4].value.toLowerCase() === 'import';
}

/** The URLs of a style sheet's or style attribute's background images (`background`, `background-image`). */
export function backgroundUrls(css: string): string[] {
  const tokens = tokensOf(css);
  const urls: string[] = [];
  let property = '';
  let expectName = true;
  tokens.forEach((t, i) => {
    if (t[0] === TokenType.Semicolon || t[0] === TokenType.OpenCurly || t[0] === TokenType.CloseCurly) {
      expectName = true;
      property = '';
      return;
    }
    if (expectName && t[0] === TokenType.Ident) {
      const next = nextToken(tokens, i);
      if (next?.[0] === TokenType.Colon) property = t[4].value.toLowerCase();
    }
    if (t[0] !== TokenType.Whitespace) expectName = false;
    const url = property.startsWith('background') ? urlAt(tokens, i) : undefined;
    if (url !== undefined) urls.push(url);
  });
  return urls;
}

// Their arguments are URLs (image-set's strings are images), so each call becomes `none` whole.
const loadingFunctions = new Set(['image-set', '-webkit-image-set', 'image', 'cross-fade', 'element']);

/**
 * CSS written again from its tokens with every url() (and src(), quoted or not, closed or not) passed
 * to `rewrite`, which gives a safe URL or undefined (then the call becomes `none`); `@import` rules,
 * image-set() and the like removed; comments dropped; `</` escaped so that it cannot end a <style>.
 */
export function rewriteCssUrls(css: string, rewrite: (url: string) => string | undefined): string {
  const tokens = tokensOf(css);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t[0] === TokenType.URL || t[0] === TokenType.BadURL) out += urlCall(t[0] === TokenType.URL ? t[4].value : '', rewrite);
    else if (t[0] === TokenType.AtKeyword && t[4].value.toLowerCase() === 'import') i = endOfRule(tokens, i);
    else if (t[0] === TokenType.Function && urlFunctions.has(t[4].value.toLowerCase())) {
      const end = closingParen(tokens, i);
      const arg = nextToken(tokens, i);
      out += urlCall(arg?.[0] === TokenType.String ? arg[4].value : '', rewrite);
      i = end;
    } else if (t[0] === TokenType.Function && loadingFunctions.has(t[4].value.toLowerCase())) {
      out += 'none';
      i = closingParen(tokens, i);
    } else out += stringify(t);
  }
  return out.replace(/<\//g, '<\\/');
}

function urlCall(url: string, rewrite: (url: string) => string | undefined): string {
  const safe = rewrite(url);
  return safe === undefined ? 'none' : `url("${safe.replace(/["\\\n]/g, '')}")`;
}

// The index of the token that closes the block opened at `start` (or the last token).
function closingParen(tokens: readonly CSSToken[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    if (opens.has(tokens[i]![0])) depth++;
    else if (closes.has(tokens[i]![0]) && --depth === 0) return i;
  }
  return tokens.length - 1;
}

// An at-rule without a block ends at its semicolon (CSS Syntax 5.4.2).
function endOfRule(tokens: readonly CSSToken[], start: number): number {
  for (let i = start; i < tokens.length; i++) {
    if (tokens[i]![0] === TokenType.Semicolon) return i;
    if (opens.has(tokens[i]![0])) i = closingParen(tokens, i);
  }
  return tokens.length - 1;
}
