// Authentication-Results (RFC 8601) parsed by hand: no maintained JavaScript library parses the
// header alone (mailauth verifies messages and only writes it).

/** One method result: `dkim=pass header.d=example.com` → method dkim, result pass, properties. */
export interface AuthResult {
  readonly method: string;
  readonly result: string;
  /** `ptype.property` (lower-case) → value, e.g. `header.d` → `example.com`. */
  readonly properties: ReadonlyMap<string, string>;
}

/** One Authentication-Results header: who wrote it and what it found. */
export interface AuthResults {
  /** RFC 8601 2.5: the authserv-id, lower-cased. */
  readonly authservId: string;
  /**
   * True when the id is written as a receiving server writes its own: a plain token at the very
   * start of a field that parses whole. A quoted id or one after a comment reads the same to a
   * parser but not to a server that strips forged fields by matching text, so it is never trusted.
   */
  readonly plain: boolean;
  readonly results: readonly AuthResult[];
}

type Token = { readonly kind: 'value'; readonly text: string; readonly quoted: boolean } | { readonly kind: 'special'; readonly text: string };

// Set by the tokenizer when a comment or quoted string is never closed.
const unclosed: Token = { kind: 'special', text: '' };

/** Parse one header value; undefined when it has no authserv-id. Malformed results are skipped. */
export function parseAuthResults(value: string): AuthResults | undefined {
  const tokens = tokenize(value);
  const id = tokens[0];
  if (id?.kind !== 'value') return undefined;
  let i = 1;
  // RFC 8601 2.2: an optional authres-version after the authserv-id.
  if (tokens[i]?.kind === 'value' && /^\d+$/.test(tokens[i]!.text)) i++;
  const plain = !id.quoted && value.trimStart().startsWith(id.text) && !tokens.includes(unclosed) && (i === tokens.length || tokens[i]!.text === ';');
  const results: AuthResult[] = [];
  while (i < tokens.length) {
    if (tokens[i]!.text !== ';' || tokens[i]!.kind !== 'special') {
      i++;
      continue;
    }
    const parsed = resinfo(tokens, i + 1);
    if (parsed.result) results.push(parsed.result);
    i = parsed.next;
  }
  return { authservId: id.text.toLowerCase(), plain, results };
}

// resinfo = methodspec [reasonspec] *propspec, up to the next ';' (RFC 8601 2.2).
function resinfo(tokens: readonly Token[], start: number): { result?: AuthResult; next: number } {
  let end = start;
  while (end < tokens.length && !(tokens[end]!.kind === 'special' && tokens[end]!.text === ';')) end++;
  const part = tokens.slice(start, end);
  const method = part[0];
  if (method?.kind !== 'value' || method.quoted || part[1]?.text !== '=' || part[2]?.kind !== 'value') return { next: end };
  const result = part[2].text.toLowerCase();
  const properties = new Map<string, string>();
  for (let i = 3; i + 2 < part.length; i += 3) {
    const [name, eq, val] = [part[i], part[i + 1], part[i + 2]];
    if (name?.kind !== 'value' || eq?.kind !== 'special' || eq.text !== '=' || val?.kind !== 'value') break;
    const key = name.text.toLowerCase();
    if (key !== 'reason' && !properties.has(key)) properties.set(key, val.text);
  }
  // RFC 8601 2.2: `dkim/1` is method dkim, version 1.
  return { result: { method: method.text.split('/')[0]!.toLowerCase(), result, properties }, next: end };
}

const specials = new Set([';', '=']);

// Values, quoted strings and the specials ; and =, with comments (nested, RFC 5322 3.2.2) and folding
// white space dropped. A '.' stays inside a value: `header.d` and `mx.example.org` are one token each.
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '(') {
      i = skipComment(text, i);
      if (i < 0) return [...tokens, unclosed];
    } else if (c === '"') {
      i = quoted(text, i, tokens);
      if (i > text.length) return [...tokens, unclosed];
    }
    else if (specials.has(c)) {
      tokens.push({ kind: 'special', text: c });
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s()";=]/.test(text[j]!)) j++;
      tokens.push({ kind: 'value', text: text.slice(i, j), quoted: false });
      i = j;
    }
  }
  return tokens;
}

function skipComment(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

function quoted(text: string, start: number, tokens: Token[]): number {
  let out = '';
  let i = start + 1;
  for (; i < text.length && text[i] !== '"'; i++) out += text[i] === '\\' ? (text[++i] ?? '') : text[i];
  tokens.push({ kind: 'value', text: out, quoted: true });
  return i + 1;
}

/** Every result from the Authentication-Results headers whose authserv-id is one of `trusted`, written plainly. */
export function trustedResults(headers: readonly string[], trusted: readonly string[]): AuthResult[] {
  const ids = new Set(trusted.map((t) => t.toLowerCase()));
  if (ids.size === 0) return [];
  return headers.flatMap((h) => {
    const parsed = parseAuthResults(h);
    return parsed?.plain && ids.has(parsed.authservId) ? parsed.results : [];
  });
}
