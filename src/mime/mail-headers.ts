// Header values as the MIME parser hands them over (strings, dates, address lists, values with
// parameters) turned into our own strings and addresses for mail.ts. Shapes are checked at run
// time, so this file needs none of mailparser's types and mail.ts stays its only importer.
import type { Address } from './types.js';
import { rawHeaderText } from './mail-decode.js';

/** One raw header line as the parser saw it: lower-case name and the folded text. */
export interface RawLine {
  readonly key: string;
  readonly line: string;
}

interface RawAddress {
  readonly name?: string;
  readonly address?: string;
  readonly group?: readonly RawAddress[];
}

interface RawAddressList {
  readonly value: readonly RawAddress[];
  readonly text: string;
}

interface RawStructured {
  readonly value: string;
  readonly params: Readonly<Record<string, string>>;
}

/** The headers of a Mail: strings by lower-case name, and the From/To/Cc addresses. */
export interface ConvertedHeaders {
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly from: readonly Address[];
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly repeated?: { readonly to?: Address[][]; readonly cc?: Address[][] };
}

// Headers mailparser reshapes (Date into a Date that is "now" when unparsable, List-* into one
// object) are shown as the sender wrote them.
const rawHeaders = /^(date|list-[a-z-]+|archived-at)$/;

/** Convert the parsed headers, with Date, List-* and Archived-At taken from the raw lines instead. */
export function convertHeaders(parsed: ReadonlyMap<string, unknown>, lines: readonly RawLine[], reparse?: (line: RawLine) => unknown): ConvertedHeaders {
  const raw = mergeRawHeaders(parsed, lines);
  if (reparse) for (const key of obsoleteIn(lines)) spelledOutAgain(raw, key, lines, reparse);
  const headers = new Map<string, string[]>();
  for (const [key, value] of raw) headers.set(key, (Array.isArray(value) ? value : [value]).map(headerString));
  const converted = { headers, from: addresses(raw.get('from')), to: addresses(raw.get('to')), cc: addresses(raw.get('cc')) };
  // A To or Cc given twice is shown twice, as the sender wrote it.
  const to = occurrences(raw.get('to'));
  const cc = occurrences(raw.get('cc'));
  return to.length > 1 || cc.length > 1 ? { ...converted, repeated: { ...(to.length > 1 ? { to } : {}), ...(cc.length > 1 ? { cc } : {}) } } : converted;
}

function mergeRawHeaders(parsed: ReadonlyMap<string, unknown>, lines: readonly RawLine[]): Map<string, unknown> {
  const merged = new Map(parsed);
  merged.delete('list');
  // Each raw field's parsed value is dropped where its first line is met, so the raw ones follow
  // the parsed ones in the order of their first lines.
  const seen: string[] = [];
  for (const { key, line } of lines) {
    if (!rawHeaders.test(key)) continue;
    if (!seen.includes(key)) {
      seen.push(key);
      merged.delete(key);
    }
    // The parser hands raw lines over as Latin-1; mail-decode.ts made the header section UTF-8.
    const value = rawHeaderText(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
    const previous = merged.get(key);
    merged.set(key, typeof previous === 'string' ? [previous, value] : Array.isArray(previous) ? [...(previous as string[]), value] : value);
  }
  return merged;
}

// Mailing-list archives (pipermail, hypermail) write a mailbox as `user at example.com (Name)`. The
// address parser reads that as a display name without an address, drops the comment and runs it
// into the next mailbox: `a at example.com (A), b@example.org` became one mailbox named
// "a at example.com, A" at b@example.org, a name that reads as two people. Such a field is parsed
// again with `user@example.com` written in its place, so the comment is the display name (RFC 5322's
// obsolete syntax lets a comment carry it), the address is a link and the sender checks see it.
const spelledOut = /(?<=^|[\s,:])([^\s@()<>",;:\\]+) at ([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?=\s*(?:\((?:[^()\\]|\\.)*\)\s*)?(?:,|;|$))/gi;

// The obsolete local part and domain (RFC 5322 4.4) let words be quoted one by one and white space
// stand around the dots: `"john"."q"@example.com`, `jdoe@test . example`. The parser takes the first
// quoted word for a display name and the words after the space for another, so these are written
// as the plain addresses they are before the field is parsed again. Quoted words are joined only
// when they hold nothing that needs the quotes.
const quotedWords = /(?<=^|[\s,:<])"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"(?:\s*\.\s*(?:"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+))+(?=\s*@)/g;
const spacedDomain = /@\s*([a-z0-9-]+(?:\s*\.\s*[a-z0-9-]+)+)(?=\s*(?:[>,;]|\(|$))/gi;

// What any of the three needs: " at ", a quote, or white space after an at sign or beside a dot.
const mayBeObsolete = / at |"|@\s|\s\.|\.\s/i;

function obsoleteForms(text: string): string {
  if (!mayBeObsolete.test(text)) return text;
  return text
    .replace(spelledOut, '$1@$2')
    .replace(quotedWords, (words) => words.replace(/["\s]/g, ''))
    .replace(spacedDomain, (_m, domain: string) => `@${domain.replace(/\s/g, '')}`);
}

// The address fields that may hold an obsolete form, each once: the others are left as parsed.
const addressFields = new Set(['from', 'to', 'cc', 'reply-to', 'sender']);
function obsoleteIn(lines: readonly RawLine[]): string[] {
  const keys: string[] = [];
  for (const { key, line } of lines) {
    if (addressFields.has(key) && !keys.includes(key) && mayBeObsolete.test(unfolded(line))) keys.push(key);
  }
  return keys;
}

// A field's value with its folding undone, as it is parsed again.
function unfolded(line: string): string {
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trimEnd();
}

function spelledOutAgain(raw: Map<string, unknown>, key: string, lines: readonly RawLine[], reparse: (line: RawLine) => unknown): void {
  const fields = lines.filter((l) => l.key === key);
  if (fields.length === 0) return;
  const values = fields.map((l) => unfolded(l.line));
  const written = values.map(obsoleteForms);
  if (written.every((w, i) => w === values[i])) return;
  const again = written.map((w) => reparse({ key, line: `${key}:${w}` }));
  raw.set(key, again.length === 1 ? again[0] : again);
}

function headerString(value: unknown): string {
  if (typeof value === 'string') return wellFormed(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toUTCString();
  if (isAddressList(value)) return wellFormed(value.text);
  if (isStructured(value)) {
    const params = Object.entries(value.params).map(([k, v]) => `; ${k}=${v}`);
    return wellFormed(value.value + params.join(''));
  }
  return '';
}

/** Lone surrogates (a UTF-16 charset, a broken RFC 2231 name) become U+FFFD: every string we hand on is well-formed. */
export function wellFormed(text: string | undefined): string {
  // toWellFormed copies a string with any character above U+00FF even when nothing needs replacing:
  // a 5 MB HTML part would be held twice.
  const s = text ?? '';
  return s.isWellFormed() ? s : s.toWellFormed();
}

function isAddressList(value: unknown): value is RawAddressList {
  return typeof value === 'object' && value !== null && 'value' in value && 'text' in value;
}

function isStructured(value: unknown): value is RawStructured {
  return typeof value === 'object' && value !== null && 'value' in value && 'params' in value;
}

function addresses(value: unknown): Address[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return isAddressList(value) ? value.value.map(toAddress) : [];
  return value.filter(isAddressList).flatMap((list) => list.value.map(toAddress));
}

function occurrences(value: unknown): Address[][] {
  if (!Array.isArray(value)) return [];
  return value.filter(isAddressList).map((list) => list.value.map(toAddress));
}

function toAddress(a: RawAddress): Address {
  return {
    name: wellFormed(a.name),
    ...(a.address ? { address: wellFormed(a.address) } : {}),
    ...(a.group ? { group: a.group.map(toAddress) } : {}),
  };
}
