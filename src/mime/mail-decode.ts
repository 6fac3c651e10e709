// Bytes whose charset the message does not say: raw 8-bit header fields and text parts without a
// charset parameter. Hand-written: TextDecoder does the decoding, these only pick the label.
import { isUtf8 as validUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/** Whether bytes are valid UTF-8 (ASCII included): told natively, without decoding them into a string that is thrown away. */
export function isUtf8(bytes: Uint8Array): boolean {
  return validUtf8(bytes);
}

// windows-1252 at 0x80-0x9F (WHATWG Encoding: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ),
// U+FFFD where it defines nothing; escaped, as fill.ts explains. Node 20's
// TextDecoder reads the label as Latin-1, which makes these bytes C1 controls.
const cp1252High = '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

/** Decode windows-1252 (and what WHATWG reads as it: ISO-8859-1, US-ASCII). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

type Decoder = { decode(bytes: Uint8Array): string };
const windows1252: Decoder = { decode: decodeWindows1252 };

// A decoder for a WHATWG label, or undefined for one the Encoding Standard does not know.
function decoderFor(label: string | undefined): Decoder | undefined {
  if (!label) return undefined;
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding === 'windows-1252' ? windows1252 : decoder;
  } catch {
    return undefined;
  }
}

const textCharset = /^content-type:[ \t]*text\/[a-z0-9.+-]+(?:[^\r\n]|\r?\n[ \t])*?charset[ \t]*=[ \t]*"?([A-Za-z0-9._:-]+)/im;

/** The charset of the message's first text part that declares one (searched in the first 1 MiB). */
export function firstTextCharset(bytes: Buffer): string | undefined {
  return textCharset.exec(bytes.subarray(0, 1 << 20).toString('latin1'))?.[1];
}

/**
 * The header section as the parser should read it: each line that holds raw 8-bit bytes that are
 * not UTF-8 re-encoded as UTF-8 (read in the charset of the first text part when that keeps ASCII
 * as ASCII, a Big5 subject with a Big5 body, else windows-1252), and field names written with
 * whitespace before the colon (RFC 5322 4.5.3) closed up. The section's end is found on the bytes
 * and each line is decoded on its own, so no charset can move a line across it.
 */
export function headerSectionAsUtf8(bytes: Buffer): Buffer {
  const end = headerEnd(bytes);
  const head = bytes.subarray(0, end);
  const eightBit = !isUtf8(head);
  const text = head.toString('latin1');
  const obsolete = /^[\x21-\x39\x3b-\x7e]+[ \t]+:/m.test(text);
  if (!eightBit && !obsolete) return bytes;
  const decoder = eightBit ? (asciiSafe(decoderFor(firstTextCharset(bytes))) ?? windows1252) : windows1252;
  const lines = text.split('\n').map((line) => {
    const closed = line.replace(/^([\x21-\x39\x3b-\x7e]+)[ \t]+:/, '$1:');
    if (!/[\x80-\xff]/.test(closed)) return Buffer.from(closed, 'latin1');
    const cr = closed.endsWith('\r') ? '\r' : '';
    const raw = escapeInWords(Buffer.from(closed.slice(0, closed.length - cr.length), 'latin1'));
    const decoded = isUtf8(raw) ? raw.toString('utf8') : decoder.decode(raw);
    return Buffer.from(decoded.replace(/[\r\n]/g, ' ') + cr, 'utf8');
  });
  const joined: Buffer[] = [];
  lines.forEach((line, i) => joined.push(...(i ? [newline, line] : [line])));
  return Buffer.concat([...joined, bytes.subarray(end)]);
}

const newline = Buffer.from('\n');

// Only a charset that reads every ASCII byte as itself may decode header bytes: UTF-16 (and the
// stateful ISO-2022 ones) would read line ends and colons as other characters.
function asciiSafe(decoder: Decoder | undefined): Decoder | undefined {
  if (decoder === undefined || decoder === windows1252) return decoder;
  const encoding = (decoder as { encoding?: string }).encoding ?? '';
  return /^(utf-16|iso-2022|replacement)/.test(encoding) ? undefined : decoder;
}

// A raw 8-bit byte inside a Q encoded word (RFC 2047 forbids it, some mailers write it) belongs to
// the word's own charset: written as =XX, it is decoded once, by that charset, not twice.
function escapeInWords(head: Buffer): Buffer {
  const text = head.toString('latin1');
  const escaped = text.replace(/=\?[^?\s]{1,64}\?[Qq]\?[^?\s]*\?=/g, (word) =>
    word.replace(/[\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  return escaped === text ? head : Buffer.from(escaped, 'latin1');
}

/** Where the header section ends: after the first empty line (or the whole input when there is none). */
export function headerEnd(bytes: Buffer): number {
  const lf = bytes.indexOf(lfLf);
  // An empty CR LF line ends the section first only if it ends before the empty LF one: only the
  // bytes up to that point are searched (a long message with LF line ends was searched whole).
  const crlf = (lf < 0 ? bytes : bytes.subarray(0, lf + 2)).indexOf(crLfCrLf);
  if (crlf >= 0) return crlf + 4;
  return lf < 0 ? bytes.length : lf + 2;
}

const lfLf = Buffer.from('\n\n');
const crLfCrLf = Buffer.from('\r\n\r\n');

/** Decode raw header bytes read as Latin-1 (as the parser hands them over): UTF-8 when valid. */
export function rawHeaderText(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : latin1;
}

/** The label given to text parts without a charset: guessText decodes them. */
export const guessLabel = 'x-mailview-guess';

/**
 * Text of unknown charset: a BOM says which; every other byte NUL is UTF-16; valid UTF-8 is UTF-8;
 * else windows-1252 (RFC 2045 says US-ASCII, but 8-bit mail without a charset is nearly always
 * Western, and every byte of windows-1252 means something).
 */
export function guessText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = utf16Order(bytes.subarray(0, 4096));
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
}

// Text in UTF-16 without a BOM: most characters of Latin text have a NUL high byte.
function utf16Order(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = head.length >> 1;
  if (pairs < 2) return undefined;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** A stream that gathers a whole part and hands it on as UTF-8, decoded by guessText. */
export function guessStream(): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      chunks.push(chunk);
      done();
    },
    flush(done: TransformCallback) {
      done(null, Buffer.from(guessText(Buffer.concat(chunks)), 'utf8'));
    },
  });
}

// libqp (mailsplit's quoted-printable decoder) gathers a whole part as strings, joins them and runs
// two regular expressions over the whole before decoding: a 5 MB part was held five times over and
// took ~150 ms. This decodes the same bytes a line at a time: each cut falls after a line feed,
// where neither of libqp's expressions can see across it (trailing blanks end before a line break
// or the end, a soft break is "=" then blanks then LF or the end); only an "=" or "=X" that a soft
// break left at the end of the decoded text waits for the next piece, as "=4=\n1" is "=41".
const trailingBlanks = /(^|[^ \t])[ \t]+(?=[\n\r]|$)/g;
const softBreak = /[=](?:\r?\n|$)/g;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

// The =XX escapes of text whose soft breaks are gone, as libqp decodes them (an "=" that starts no
// escape is itself); the bytes of a Latin-1 string otherwise, copied between escapes by Buffer#write.
function unescapeQp(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  let from = 0;
  const len = text.length;
  for (let i = text.indexOf('='); i >= 0 && i < len - 2; i = text.indexOf('=', i + 1)) {
    const hi = hexValue(text.charCodeAt(i + 1));
    const lo = hexValue(text.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) continue;
    if (i > from) n += out.write(text.slice(from, i), n, 'latin1');
    out[n++] = hi * 16 + lo;
    i += 2;
    from = i + 1;
  }
  if (from < len) n += out.write(text.slice(from), n, 'latin1');
  return out.subarray(0, n);
}

// Blanks before a line break are rare: the expression that drops them is run only where there are some.
const blankBeforeBreak = /[ \t][\r\n]/;

// libqp's two passes over a piece that ends in a line feed or is the last.
function withoutSoftBreaks(text: string, last: boolean): string {
  const trimmed = last || blankBeforeBreak.test(text) ? text.replace(trailingBlanks, '$1') : text;
  return trimmed.replace(softBreak, '');
}

/** Quoted-printable decoded a piece at a time, to exactly libqp's bytes. */
class QpDecoder {
  // The text since the last line feed, as the chunks it came in: only a new chunk is searched for
  // a line feed, so a part without any (CR line ends, one long line) is joined once, not again at
  // every chunk (a 32 MB one took 23 s so).
  private pending: string[] = [];
  private held = '';

  write(chunk: Buffer): Buffer | undefined {
    const piece = chunk.toString('latin1');
    const lf = piece.lastIndexOf('\n');
    if (lf < 0) {
      this.pending.push(piece);
      return undefined;
    }
    this.pending.push(piece.slice(0, lf + 1));
    const text = this.held + withoutSoftBreaks(this.pending.join(''), false);
    this.pending = lf + 1 < piece.length ? [piece.slice(lf + 1)] : [];
    // Text that does not end in a line feed lost a soft break at its end: an "=" in its last two
    // characters may begin an escape the next piece ends.
    const keep = text.charCodeAt(text.length - 1) === 61 ? 1 : text.charCodeAt(text.length - 2) === 61 ? 2 : 0;
    this.held = text.slice(text.length - keep);
    return unescapeQp(text.slice(0, text.length - keep));
  }

  end(): Buffer | undefined {
    const text = this.held + withoutSoftBreaks(this.pending.join(''), true);
    this.pending = [];
    return text ? unescapeQp(text) : undefined;
  }
}

/** A quoted-printable decoder that yields exactly libqp's bytes, a piece at a time. */
export function qpStream(): Transform {
  const decoder = new QpDecoder();
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      done(null, decoder.write(chunk));
    },
    flush(done: TransformCallback) {
      done(null, decoder.end());
    },
  });
}

/** Quoted-printable bytes decoded at once, as qpStream decodes them. */
export function decodeQp(bytes: Buffer): Buffer {
  const decoder = new QpDecoder();
  const pieces = [decoder.write(bytes), decoder.end()].filter((piece) => piece !== undefined);
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}
