// What mail.ts changes in mailparser's behaviour, through the few internals it needs (typed here
// by hand, so mail.ts stays mailparser's only importer). Checked by test/mail.test.ts.
import { guessLabel, guessStream, qpStream } from './mail-decode.js';

/** The parts of mailparser's internals that adaptParser changes. */
export interface ParserInternals {
  textTypes: { includes(type: unknown): boolean };
  decoder: { decodeStream(charset: string): NodeJS.ReadWriteStream };
  createNode(node: SplitterNode): CreatedNode;
  splitter: { push(data: (SplitterNode & { type?: string }) | null): boolean };
  /** Header lines to values, as the parser makes them for its 'headers' event. */
  processHeaders(lines: readonly HeaderLine[] | undefined): Map<string, unknown>;
}

interface HeaderLine {
  readonly key: string;
  readonly line: string;
}

// mailparser keeps only the first From and Reply-To field; a second one is exactly what a forger
// adds, so every field of these is kept (each parsed alone, in order).
const everyField = ['from', 'reply-to'];

interface CreatedNode {
  charset?: string;
  contentType?: string;
  decoder?: { push(chunk: unknown): boolean };
  /** Bytes of the part after its transfer encoding is undone: set here, read by mail.ts. */
  decodedSize?: number;
}

interface SplitterNode {
  contentType?: string;
  encoding?: unknown;
  getDecoder?(): NodeJS.ReadWriteStream;
  multipart?: string | false;
  _boundary?: unknown;
  charset?: unknown;
}

/** Calendar types: mailparser hands them over as attachments, mail.ts decodes them as calendar parts. */
export const calendarTypes: ReadonlySet<string> = new Set(['text/calendar', 'application/ics']);

/** Whether an inline part of this type is shown as text (mutt shows every text/* type so). */
export function isTextType(type: unknown): boolean {
  return typeof type === 'string' && (type.startsWith('text/') || type === 'message/delivery-status') && !calendarTypes.has(type);
}

// Teaches mailparser six things it does not do itself: every inline text/* part is text; a
// multipart without a boundary is one text part (RFC 2046 5.1.1 makes it required, its body is
// otherwise lost); a text part without a charset is decoded by guessText (mail-decode.ts); the
// decoded size of a text part is counted; every From and Reply-To field is kept; quoted-printable is
// decoded as it is read.
/** Adapt a MailParser instance before it is written to (see above). */
export function adaptParser(parser: ParserInternals): ParserInternals {
  // Each replacement is one function shared by every parser, which finds what it replaces on the
  // prototype: a closure of its own per parser, stored on the parser, made V8 keep each message's
  // parser through every young-generation collection until a full one (an mbox of 40,000 short
  // messages moved ~270 MB of them to the old generation, a fifth of its run spent collecting).
  parser.textTypes = { includes: isTextType };
  parser.processHeaders = everyFieldKept;
  // The decoder is an object of the parser's own whose decodeStream closes over nothing of it.
  plainDecodeStream ??= parser.decoder.decodeStream;
  parser.decoder.decodeStream = decodeStreamGuessing;
  parser.splitter.push = pushAdapted;
  parser.createNode = createNodeAdapted;
  return parser;
}

type ProcessHeaders = ParserInternals['processHeaders'];
type DecodeStream = ParserInternals['decoder']['decodeStream'];

const prototypeOf = <T>(object: object, key: string): T => (Object.getPrototypeOf(object) as Record<string, T>)[key]!;

function everyFieldKept(this: ParserInternals, lines: readonly HeaderLine[] | undefined): Map<string, unknown> {
  const processHeaders = prototypeOf<ProcessHeaders>(this, 'processHeaders');
  const headers = processHeaders.call(this, lines);
  for (const key of everyField) {
    const own = (lines ?? []).filter((l) => l.key === key);
    if (own.length > 1) headers.set(key, own.map((l) => processHeaders.call(this, [l]).get(key)).filter((v) => v !== undefined));
  }
  return headers;
}

let plainDecodeStream: DecodeStream | undefined;

function decodeStreamGuessing(charset: string): NodeJS.ReadWriteStream {
  return charset === guessLabel ? guessStream() : plainDecodeStream!(charset);
}

// The splitter's node objects are handed on as it finds them, before the lines of their body.
function pushAdapted(this: ParserInternals['splitter'], data: (SplitterNode & { type?: string }) | null): boolean {
  if (data && data.type === 'node' && data.multipart && !data._boundary) Object.assign(data, { multipart: false, contentType: 'text/plain' });
  return prototypeOf<ParserInternals['splitter']['push']>(this, 'push').call(this, data);
}

// The part a text decoder's output is counted for (the decoder is the parser's, made for that part).
const countedFor = Symbol('counted for');

interface CountingDecoder {
  push(chunk: unknown): boolean;
  [countedFor]?: CreatedNode;
}

function createNodeAdapted(this: ParserInternals, node: SplitterNode): CreatedNode {
  // A quoted-printable part is decoded a line at a time instead of whole (qpStream).
  if (node.encoding === 'quoted-printable' && node.getDecoder) node.getDecoder = qpStream;
  const created = prototypeOf<ParserInternals['createNode']>(this, 'createNode').call(this, node);
  const decoder = created.decoder as CountingDecoder | undefined;
  if (decoder && isTextType(created.contentType)) {
    // The decoded size of a text part, whose text alone (charset decoded, CRLF → LF) does not tell it.
    created.decodedSize = 0;
    decoder[countedFor] = created;
    decoder.push = countingPush;
  }
  const declared = typeof node.charset === 'string' ? node.charset.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  if (isTextType(created.contentType) && (!declared || declared === 'usascii' || declared === 'ascii')) created.charset = guessLabel;
  return created;
}

function countingPush(this: CountingDecoder, chunk: unknown): boolean {
  if (chunk) this[countedFor]!.decodedSize! += (chunk as Buffer).length;
  return prototypeOf<CountingDecoder['push']>(this, 'push').call(this, chunk);
}

/** The most parts of one message that are shown (a MIME zip bomb); alternatives not chosen are not counted. */
export const partLimit = 1000;

/** mailsplit's limit on the nodes of one message, every alternative counted: it bounds the memory a parse takes. */
export const nodeLimit = 10 * partLimit;

// The message up to its nth delimiter line (RFC 2046 5.1.1 "--boundary"), each of which starts a
// part; the multiparts left open end there as a truncated message's do.
/** The message cut before its (n+1)th part, for a parse that stays within the limit. */
export function beforePart(bytes: Buffer, n: number): Buffer {
  const text = bytes.toString('latin1');
  const boundaries = new Set([...text.matchAll(/boundary\s*=\s*"?([^"\r\n;]+)/gi)].map((m) => m[1]!.trimEnd()));
  let count = 0;
  for (const m of text.matchAll(/^--([^\r\n]*?)[ \t]*\r?$/gm)) {
    if (!boundaries.has(m[1]!)) continue;
    if (++count > n) return bytes.subarray(0, m.index);
  }
  return bytes;
}
