// What an input is, told from its first lines: a message, an mbox stream, bare HTML, a bare
// iCalendar object, a multipart body without its header section, or text. Hand-written: it only
// reads line shapes (RFC 5322 fields, RFC 2046 delimiters, mbox separators), no library does that.

/** What a chunk of input turned out to be. */
export type InputKind = 'message' | 'mbox' | 'html' | 'text' | 'calendar' | 'multipart';

// RFC 5322 3.6.8 field name, with the obsolete whitespace before the colon (4.5.3).
const fieldLine = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
// Fields that mail carries: a section of `Word: …` lines without one of them is text someone wrote.
const mailField =
  /^(from|to|cc|bcc|subject|date|message-id|mime-version|content-[a-z-]+|received|return-path|delivered-to|reply-to|sender|in-reply-to|references|resent-[a-z-]+|x-[\x21-\x39\x3b-\x7e]+|dkim-signature|arc-[a-z-]+|authentication-results|list-[a-z-]+|envelope-to|newsgroups)[ \t]*:/i;
const htmlStart = /^<(!doctype|html|head|body|meta|table|div|p|span|a|center|style|title|!--|[a-z][a-z0-9]*[\s>/])/i;
// RFC 2046 5.1.1: "--" and a boundary of 1 to 70 characters from its set, then optional whitespace.
const delimiterLine = /^--([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])[ \t]*\r?$/;
const calendarStart = /^BEGIN:VCALENDAR[ \t]*\r?$/i;
// How much of an input its kind is told from: a header section is rarely longer.
const judged = 256 * 1024;

/**
 * Whether text holds, from `at`, a header section: every line before the first empty one (or the
 * end of the text, `whole` or cut off) is a field or a continuation, and one is a field mail carries.
 */
export function isHeaderSection(text: string, at = 0, whole = true): boolean {
  let carried = false;
  let first = true;
  for (let start = at; start < text.length; ) {
    let end = text.indexOf('\n', start);
    // A line cut off by the window is not judged; the last line of a whole input is.
    if (end < 0 && !whole) return !first && carried;
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line === '' || line === '\r') return !first && carried;
    if (/^[ \t]/.test(line) ? first : !fieldLine.test(line)) return false;
    if (mailField.test(line)) carried = true;
    first = false;
    start = end + 1;
  }
  return !first && carried;
}

// mutt's is_from(): "From ", a return path (an address or "-", possibly none), then a ctime date,
// "Mon Nov 23 10:00:00 2026" (a zone may come before or after the year).
const separatorLine = /^From (?:\S+ +)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2},? +\d{1,2}:\d{2}(?::\d{2})?(?: +[A-Z+-][\w+-]*)? +\d{4}\b/;

/** Whether text starts with an mbox separator line as mutt recognises one. */
export function isSeparator(text: string): boolean {
  return separatorLine.test(text);
}

/**
 * Whether text at `at` starts an mbox message: a separator as mutt writes it, or any other `From `
 * line (no date, an odd one) that a header section follows. `From :` is an old-style field instead.
 */
export function startsMessage(text: string, at = 0): boolean {
  if (!text.startsWith('From ', at)) return false;
  const head = text.slice(at, at + 200);
  if (isSeparator(head)) return true;
  if (/^From[ \t]*:/.test(head)) return false;
  const next = text.indexOf('\n', at);
  return next >= 0 && isHeaderSection(text, next + 1);
}

/** Tell the kinds of input apart; null for binary data. */
export function detectKind(bytes: Buffer): InputKind | null {
  // Some saved messages start with a BOM or a line of spaces before the first header.
  const head = skipPreamble(bytes.subarray(0, judged).toString('latin1'));
  const whole = bytes.length <= judged;
  if (startsMessage(head)) return 'mbox';
  const start = head.trimStart();
  if (htmlStart.test(start)) return 'html';
  if (calendarStart.test(firstLine(head))) return 'calendar';
  if (boundaryOf(head) !== undefined) return 'multipart';
  // A header section makes a message whatever its body holds (NUL bytes, binary parts, UTF-16, yEnc).
  if (isHeaderSection(head, 0, whole)) return 'message';
  return looksBinary(head.slice(0, 4096)) ? null : 'text';
}

/**
 * The boundary of a multipart body that starts with its first delimiter line (mutt pipes such an
 * entry of its attachment menu): part header fields, or an empty line and a later delimiter, follow.
 */
export function boundaryOf(text: string, stated = false): string | undefined {
  const line = firstLine(text);
  const boundary = delimiterLine.exec(line)?.[1];
  if (boundary === undefined) return undefined;
  const rest = text.indexOf('\n') + 1;
  // --type multipart/* says it is one: the delimiter line alone is enough.
  if (stated || isHeaderSection(text, rest)) return boundary;
  const blank = text.startsWith('\n', rest) || text.startsWith('\r\n', rest);
  return blank && text.includes(`\n--${boundary}`, rest) ? boundary : undefined;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** Text without a leading BOM and blank lines. */
export function skipPreamble(text: string): string {
  return text.replace(/^\xef\xbb\xbf/, '').replace(/^([ \t]*\r?\n)+/, '');
}

// NUL or many other C0 bytes in the first 4 KiB: a binary file, not a message.
function looksBinary(head: string): boolean {
  const controls = head.match(/[\x00-\x08\x0e-\x1a\x1c-\x1f]/g)?.length ?? 0;
  return head.includes('\x00') || controls > head.length / 20;
}

/** What a stated MIME type (--type, mailcap's %t, aerc's AERC_MIME_TYPE) makes of headerless input. */
export interface StatedKind {
  readonly kind: 'text' | 'html' | 'calendar' | 'message' | 'multipart';
  /** The multipart subtype (mixed, alternative …). */
  readonly subtype?: string;
}

/** The kind a MIME type names, or undefined for one mailview does not show. */
export function kindOfType(type: string): StatedKind | undefined {
  const [main, sub] = (type.split(';')[0] ?? '').trim().toLowerCase().split('/');
  if (!main || !sub || !/^[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(sub)) return undefined;
  if (main === 'text') return { kind: sub === 'html' ? 'html' : sub === 'calendar' ? 'calendar' : 'text' };
  if (main === 'application' && sub === 'ics') return { kind: 'calendar' };
  if (main === 'message' && sub === 'rfc822') return { kind: 'message' };
  if (main === 'multipart') return { kind: 'multipart', subtype: sub };
  return undefined;
}
