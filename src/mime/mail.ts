// The only importer of mailparser: raw bytes in, our own Mail tree out. Everything past this file
// works on these types, so the MIME parser can be swapped without touching the rest.
import { MailParser } from 'mailparser';
import type { AttachmentStream } from 'mailparser';
import { Base64Size } from './base64-size.js';
import { ExitCode, MailviewError } from '../document/errors.js';
import { adaptParser, beforePart, calendarTypes, isTextType, nodeLimit, partLimit, type ParserInternals } from './mail-adapt.js';
import { capHeaderSection, uncapped, type MailBytes } from './header-cap.js';
import { decodeQp, guessText, headerEnd, headerSectionAsUtf8 } from './mail-decode.js';
import { repairStructure } from './mail-repair.js';
import { capShown } from './select.js';
import { convertHeaders, wellFormed, type RawLine } from './mail-headers.js';
import { textPart } from './part-content.js';
import type { Attachment, Mail, Part } from './types.js';

export type { MailBytes } from './header-cap.js';

/** Options for parseMail. */
export interface ParseOptions {
  /** How deep message/rfc822 parts are parsed as messages; deeper ones stay attachments. */
  readonly maxNesting?: number;
  /** Keep the bytes of parts with a Content-ID (cid: images), as `content`, for the browser view. */
  readonly keepRelated?: boolean;
  /** Read every message with the whole parser, even one that singleTextPart could read (tests compare the two). */
  readonly wholeParser?: boolean;
}

// What mailparser's internal tree node looks like (the parser keeps it as `tree` after 'end').
interface TreeNode {
  readonly contentType?: unknown;
  readonly children?: readonly TreeNode[];
  readonly textContent?: string;
  readonly isAttachment?: boolean;
  readonly headers?: ReadonlyMap<string, unknown>;
  readonly decodedSize?: number;
}

interface Collected {
  readonly attachment: Attachment;
  readonly bytes?: Buffer;
  readonly charset?: string;
}

const keepLimit = 64 * 1024 * 1024;

/** Parse one RFC 5322 message. */
export async function parseMail(source: Buffer | MailBytes, options: ParseOptions = {}): Promise<Mail> {
  const now = Buffer.isBuffer(source) ? parseMailAtOnce(source, options) : undefined;
  if (now) return now;
  const depth = options.maxNesting ?? 8;
  const capped = await capHeaderSection(Buffer.isBuffer(source) ? { bytes: source } : source);
  const input = prepared(capped.bytes);
  const keepRelated = options.keepRelated === true;
  const problems = capped.problem ? [capped.problem] : [];
  // A message of one text part, the most common shape in an mbox, is read without the parser's
  // streams (singleTextPart below); any other shape goes through the whole parser.
  const single = capped.more || options.wholeParser || now === false ? undefined : await singleTextPart(input);
  if (single) return finishSingle(single, problems);
  let parsed = await runParser(input, capped.more, keepRelated);
  // The parser gave up at its part limit: the parts before the limit, parsed again on their own
  // (a message read as it streams past cannot be read again, and says so instead).
  if (parsed.problem && capped.more) throw new MailviewError(ExitCode.data, 'cannot parse message', `more than ${partLimit} parts in a message over 16 MiB`);
  if (parsed.problem) parsed = { ...(await runParser(beforePart(input, partLimit - 10), undefined, keepRelated)), problem: parsed.problem };
  const { tree, headers, lines, collected, parser } = parsed;
  if (parsed.problem) problems.push(parsed.problem);
  let next = 0;
  const convert = async (node: TreeNode, parent = ''): Promise<Part> => {
    const type = node.contentType === undefined ? 'text/plain' : mimeType(node.contentType);
    if (type.startsWith('multipart/')) {
      const children: Part[] = [];
      for (const child of node.children ?? []) children.push(await convert(child, type));
      return { kind: 'multipart', subtype: type.slice('multipart/'.length), children };
    }
    if (parent === 'multipart/digest' && !node.headers?.has('content-type') && depth > 0) return digestEntry(node, depth, options);
    if (node.isAttachment) {
      const item = collected[next++];
      if (!item) return { kind: 'attachment', attachment: { contentType: type, size: 0, related: false } };
      return attachmentPart(item, depth, options);
    }
    return textPart(type, wellFormed(node.textContent), node.decodedSize);
  };
  const whole = tree ? await convert(tree) : ({ kind: 'text', subtype: 'plain', text: '' } as const);
  // Node's stream machinery keeps the finished parser, its listeners and so this result reachable
  // while the message is shown: the tree (and the decoded bytes its nodes hold) is let go here.
  delete (parsed as { tree?: TreeNode }).tree;
  return finish(headers, lines, parser, whole, problems, parsed.problem !== undefined);
}

/**
 * parseMail for a message that singleTextPart reads, done at once: no promise is waited on (an
 * mbox of 40,000 short messages waited on five for each). `false` when the message needs the
 * whole parser; undefined when that cannot be told at once (its header section is to be cut, or
 * the splitter failed or waited on the event loop), and parseMail reads it as usual.
 */
export function parseMailAtOnce(source: Buffer, options: ParseOptions = {}): Mail | false | undefined {
  if (options.wholeParser) return false;
  // Past this the splitter goes on on a later turn, and one started here would run on unheeded.
  if (source.length > atOnceLimit) return undefined;
  const bytes = uncapped(source);
  if (bytes === undefined) return undefined;
  const pieces = splitAtOnce(prepared(bytes));
  if (pieces === undefined) return undefined;
  const single = readSingle(pieces);
  return single ? finishSingle(single, []) : false;
}

// mailsplit's splitter lets the event loop in after each 16 KiB of lines it splits.
const atOnceLimit = 16 * 1024;

// The header section made UTF-8 and a broken structure repaired, as the parser is given them.
function prepared(bytes: Buffer): Buffer {
  const decoded = headerSectionAsUtf8(bytes);
  return repairStructure(decoded, headerEnd(decoded));
}

function finishSingle(single: SingleText, problems: string[]): Mail {
  return finish(single.headers, single.lines, sharedParser(), textPart(single.type, wellFormed(single.text), single.size), problems);
}

// The parsed message as our Mail: its parts capped to those shown, its headers converted.
function finish(headers: ReadonlyMap<string, unknown>, lines: readonly RawLine[], parser: ParserInternals, whole: Part, problems: string[], stoppedEarly = false): Mail {
  const { part: root, cut } = capShown(whole, partLimit);
  if (cut && !stoppedEarly) problems.push(`more than ${partLimit} parts; only the first ${partLimit} are shown`);
  // Each field named: a spread copies the converted headers through V8's generic path, ~2 µs a
  // message, which an mbox of short messages pays 40,000 times.
  const converted = convertHeaders(headers, lines, (line) => reparse(parser, line));
  const { from, to, cc, repeated } = converted;
  return repeated ? { headers: converted.headers, from, to, cc, repeated, root, problems } : { headers: converted.headers, from, to, cc, root, problems };
}

// RFC 2046 5.1.5: in a digest a part without Content-Type is a message/rfc822; mailparser reads it
// as text, so its text is parsed again as a message.
async function digestEntry(node: TreeNode, depth: number, options: ParseOptions): Promise<Part> {
  const bytes = Buffer.from(node.textContent ?? '', 'utf8');
  const attachment: Attachment = { contentType: 'message/rfc822', size: bytes.length, related: false };
  try {
    return { kind: 'message', attachment, mail: await parseMail(bytes, nested(options, depth)) };
  } catch {
    return { kind: 'text', subtype: 'plain', text: wellFormed(node.textContent) };
  }
}

// A message inside this one is read as this one was, one level less deep.
function nested(options: ParseOptions, depth: number): ParseOptions {
  return { maxNesting: depth - 1, ...(options.wholeParser ? { wholeParser: true } : {}) };
}

async function attachmentPart(item: Collected, depth: number, options: ParseOptions): Promise<Part> {
  if (item.bytes && calendarTypes.has(item.attachment.contentType)) return { kind: 'calendar', text: decodeCalendar(item.bytes, item.charset), attachment: item.attachment };
  if (item.bytes && item.attachment.contentId !== undefined && item.attachment.contentType !== 'message/rfc822') return { kind: 'attachment', attachment: item.attachment, content: item.bytes };
  if (item.bytes && depth > 0) {
    try {
      const mail = await parseMail(item.bytes, nested(options, depth));
      return { kind: 'message', attachment: item.attachment, mail };
    } catch {
      // A broken forwarded message is still listed as an attachment.
    }
  }
  return { kind: 'attachment', attachment: item.attachment };
}

interface Parsed {
  readonly tree?: TreeNode;
  readonly headers: ReadonlyMap<string, unknown>;
  readonly lines: readonly RawLine[];
  readonly collected: Collected[];
  /** Set when the parser stopped early; the tree then holds the parts before that point. */
  readonly problem?: string;
  /** The parser, which parses a header field on its own as it parses fields (reparse). */
  readonly parser: ParserInternals;
}

// One header field parsed on its own, as the parser parses fields.
function reparse(parser: ParserInternals, line: RawLine): unknown {
  return parser.processHeaders([line]).get(line.key);
}

// The parser keeps the first Subject of several; a second one is shown too, as the sender wrote both.
function everySubject(parser: ParserInternals, headers: ReadonlyMap<string, unknown>, lines: readonly RawLine[]): ReadonlyMap<string, unknown> {
  const subjects = lines.filter((l) => l.key === 'subject');
  if (subjects.length < 2) return headers;
  const values = subjects.map((l) => parser.processHeaders([l]).get('subject')).filter((v) => typeof v === 'string');
  return new Map(headers).set('subject', values);
}

// mailsplit stops at 1000 parts (a zip bomb of MIME); the parts before the limit are still shown.
const tooManyParts = /Max allowed child nodes exceeded/;
function runParser(bytes: Buffer, more: AsyncIterable<Buffer> | undefined, keepRelated: boolean): Promise<Parsed> {
  const { parser, parsed, fed } = startParser(keepRelated);
  feed(parser, bytes, more, fed.stopped).catch(fed.failed);
  return parsed;
}

function parserOptions(keepRelated: boolean): ConstructorParameters<typeof MailParser>[0] {
  return {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    checksumAlgo: false,
    // Every message/rfc822 part arrives as an attachment; parseMail parses it on its own.
    ignoreEmbedded: true,
    maxHeadSize: splitterOptions.maxHeadSize,
    // Passed on to mailsplit; parseMail caps the parts that are shown (select.ts capShown).
    maxChildNodes: splitterOptions.maxChildNodes,
    // Read by a build-time patch of mailparser (scripts/build.mjs); mailparser itself ignores it.
    // One of two functions made once, not a closure per message: see adaptParser (mail-adapt.ts).
    attachmentDecoder: keepRelated ? sizeOnlyUnlessRelated : sizeOnly,
  } as ConstructorParameters<typeof MailParser>[0];
}

// What mailparser hands on to its splitter, mailsplit's MessageSplitter.
const splitterOptions = { maxHeadSize: 8 * 1024 * 1024, maxChildNodes: nodeLimit };

// A parser that is never written to: its header parsing (adapted as every parser's is) and its
// splitter's class serve the messages read by singleTextPart.
let shared: ParserInternals | undefined;
function sharedParser(): ParserInternals {
  shared ??= adaptParser(new MailParser(parserOptions(false)) as unknown as ParserInternals);
  return shared;
}

// A Transform stream of the parser's driven by hand: its own two steps called directly, and the
// push that hands each piece on replaced by gather, so the pieces are kept instead.
interface Driven<P> {
  _transform(chunk: Buffer, encoding: string, done: (err?: Error | null) => void): void;
  _flush(done: (err?: Error | null) => void): void;
  push(piece: P | null): boolean;
  pieces: P[];
}

// A piece the splitter finds: a part's header section parsed ('node'), or bytes of its body.
interface SplitPiece {
  readonly type: string;
  readonly value?: Buffer;
  readonly node?: SplitPiece;
  readonly root?: boolean;
  readonly contentType?: string | false;
  readonly multipart?: string | false;
  readonly disposition?: string | false;
  readonly encoding?: string | false;
  readonly charset?: string | false;
  readonly flowed?: boolean;
  readonly headers?: { readonly lines: RawLine[]; getList(): RawLine[] };
  getDecoder?(): NodeJS.ReadWriteStream;
}

function gather<P>(this: Driven<P>, piece: P | null): boolean {
  if (piece !== null) this.pieces.push(piece);
  return true;
}

function driven<P>(stream: unknown): Driven<P> {
  const it = stream as Driven<P>;
  it.pieces = [];
  it.push = gather;
  return it;
}

function drive(step: (done: (err?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => step((err) => (err ? reject(err) : resolve())));
}

/** A message of one text part, as singleTextPart reads it. */
export interface SingleText {
  readonly headers: ReadonlyMap<string, unknown>;
  readonly lines: readonly RawLine[];
  readonly type: string;
  readonly text: string;
  readonly size: number;
}

/**
 * A message whose whole body is one inline text part, not flowed: its header section and text as
 * the whole parser would give them, else undefined. mailparser sets up five streams and their
 * listeners for each message (itself, a pass-through, mailsplit's splitter, the part's decoder,
 * its charset decoder), ~60 µs before any byte is read: more than an mbox of 40,000 short messages
 * may spend on each in all. Here mailsplit's splitter alone is run over the bytes and its pieces
 * gathered; the headers are parsed by the parser's own code, and the part's transfer encoding and
 * charset undone by the parser's own decoders, run over the bytes at once (through), CR LF made
 * LF. test/mime/single-part.test.ts checks both ways give the same Mail for every message of the
 * corpus and for generated ones.
 */
export async function singleTextPart(bytes: Buffer): Promise<SingleText | undefined> {
  const splitter = newSplitter();
  try {
    await drive((done) => splitter._transform(bytes, 'buffer', done));
    await drive((done) => splitter._flush(done));
  } catch {
    return undefined;
  }
  return readSingle(splitter.pieces);
}

// A splitter driven by hand: its state alone, without the stream around it, where the build's
// patch gives it a method for that (scripts/library-patches.mjs); else a whole stream.
function newSplitter(): Driven<SplitPiece> {
  const Splitter = sharedParser().splitter.constructor as new (options: typeof splitterOptions) => unknown;
  const bare = Object.create(Splitter.prototype as object) as { init?: (options: typeof splitterOptions) => void };
  if (typeof bare.init !== 'function') return driven<SplitPiece>(new Splitter(splitterOptions));
  bare.init(splitterOptions);
  return driven<SplitPiece>(bare);
}

// The splitter's pieces when it split the bytes before returning, as it does for a short message;
// undefined when it failed or would go on later.
function splitAtOnce(bytes: Buffer): SplitPiece[] | undefined {
  return atOnce(newSplitter(), bytes);
}

// singleTextPart's reading of the splitter's pieces.
function readSingle(pieces: readonly SplitPiece[]): SingleText | undefined {
  const parser = sharedParser();
  const [node, ...body] = pieces;
  if (node?.type !== 'node' || !node.root || !node.headers || node.multipart || node.flowed) return undefined;
  const type = node.contentType || 'text/plain';
  if (!isTextType(type) || (node.disposition && node.disposition !== 'inline')) return undefined;
  const chunks: Buffer[] = [];
  for (const piece of body) {
    if (piece.type !== 'body' || piece.node !== node || !piece.value) return undefined;
    chunks.push(piece.value);
  }
  // The transfer encoding undone as the parser undoes it: quoted-printable by qpStream's decoder
  // (adaptParser gives the parser the same), base64 by the splitter's own decoder for the part.
  const encoded = Buffer.concat(chunks);
  const raw = node.encoding === 'quoted-printable' ? decodeQp(encoded) : node.encoding === 'base64' && node.getDecoder ? through(node.getDecoder(), encoded) : encoded;
  if (!raw) return undefined;
  // The charset as the parser's own decoder for it reads it; none, US-ASCII and UTF-8 as adaptParser
  // and the parser read them.
  const charset = typeof node.charset === 'string' ? node.charset.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const guess = charset === '' || charset === 'ascii' || charset === 'usascii';
  const decoded = guess || charset === 'utf8' ? raw : through(parser.decoder.decodeStream(node.charset as string), raw);
  if (!decoded) return undefined;
  let headers: ReadonlyMap<string, unknown>;
  try {
    headers = everySubject(parser, parser.processHeaders(node.headers.getList()), node.headers.lines);
  } catch {
    return undefined;
  }
  // CR LF → LF after decoding, as the parser does (on the decoded bytes, where CR and LF are
  // themselves in UTF-8 and in the UTF-16 guessText may read).
  const text = (guess ? guessText(decoded) : decoded.toString('utf8')).replace(/\r\n/g, '\n');
  return { headers, lines: node.headers.lines, type: mimeType(type), text, size: raw.length };
}

// A decoding stream of the parser's run over bytes at once. Undefined when it failed, or did not
// finish before returning.
function through(stream: NodeJS.ReadWriteStream, bytes: Buffer): Buffer | undefined {
  const pieces = atOnce(driven<Buffer>(stream), bytes);
  return pieces && Buffer.concat(pieces);
}

// A stream driven over all of its bytes, its end included, without waiting: what it handed on, or
// undefined when it failed or would go on later (the splitter waits on the event loop past 16 KiB).
function atOnce<P>(stream: Driven<P>, bytes: Buffer): P[] | undefined {
  let steps = 0;
  let failed = false;
  const done = (err?: Error | null): void => {
    if (err) failed = true;
    steps++;
  };
  try {
    stream._transform(bytes, 'buffer', done);
    if (steps === 1 && !failed) stream._flush(done);
  } catch {
    return undefined;
  }
  return steps === 2 && !failed ? stream.pieces : undefined;
}

// The parser and its listeners are made where the message's bytes are out of reach: Node's stream
// machinery keeps a finished parser (and so its listeners' scope) alive while the message is shown.
function startParser(keepRelated: boolean): { parser: MailParser; parsed: Promise<Parsed>; fed: { stopped: () => boolean; failed: (err: unknown) => void } } {
  let parser!: MailParser;
  let settled = false;
  let failed!: (err: unknown) => void;
  const parsed = new Promise<Parsed>((resolve, reject) => {
    parser = new MailParser(parserOptions(keepRelated));
    adaptParser(parser as unknown as ParserInternals);
    const collected: Collected[] = [];
    let headers: ReadonlyMap<string, unknown> = new Map();
    let lines: readonly RawLine[] = [];
    const result = (problem?: string): Parsed => {
      const tree = (parser as unknown as { tree?: TreeNode | false }).tree;
      const internals = parser as unknown as ParserInternals;
      return { ...(tree ? { tree } : {}), headers: everySubject(internals, headers, lines), lines, collected, parser: internals, ...(problem ? { problem } : {}) };
    };
    parser.on('headers', (h: ReadonlyMap<string, unknown>) => (headers = h));
    parser.on('headerLines', (l: readonly RawLine[]) => (lines = l));
    parser.on('data', (data: { type: string }) => {
      if (data.type !== 'attachment') return;
      // A throw inside this listener would escape the promise and leave it pending forever.
      try {
        collectAttachment(data as AttachmentStream, collected, keepRelated);
      } catch (err) {
        (data as AttachmentStream).release?.();
        reject(new MailviewError(ExitCode.data, 'cannot parse message', parserReason(err)));
      }
    });
    parser.on('error', (err: Error) => {
      if (tooManyParts.test(err.message)) return resolve(result(`more than ${nodeLimit} parts; only the first ${partLimit - 10} are shown`));
      reject(new MailviewError(ExitCode.data, 'cannot parse message', parserReason(err)));
    });
    parser.once('error', () => (settled = true));
    parser.on('end', () => {
      const done = result();
      // Its decoded parts are ours now; the finished parser need not hold them too.
      Object.assign(parser, { tree: false, curnode: false });
      resolve(done);
    });
    failed = (err: unknown): void => {
      settled = true;
      // A system error's code (EIO) says what went wrong; its message is Node's wording around it.
      reject(err instanceof MailviewError ? err : new MailviewError(ExitCode.io, 'read error', (err as NodeJS.ErrnoException).code ?? 'the input could not be read'));
    };
  });
  return { parser, parsed, fed: { stopped: () => settled, failed } };
}

// The parser's own errors say what is wrong with the message; a TypeError or the like only says
// where the parser tripped, in JavaScript words a reader of mail should never see.
function parserReason(err: unknown): string {
  if (!(err instanceof Error) || err.constructor !== Error) return 'the MIME parser could not read it';
  return err.message.split('\n')[0]?.trim() || 'the MIME parser could not read it';
}

// Written in slices with back-pressure: one write of a large message makes the parser split and
// decode all of it at once, holding every piece in memory together. The rest of a streamed
// message is read only as fast as the parser takes it, and not at all once it has failed.
async function feed(parser: MailParser, bytes: Buffer, more: AsyncIterable<Buffer> | undefined, stopped: () => boolean): Promise<void> {
  const slice = 256 * 1024;
  const put = async (chunk: Buffer): Promise<void> => {
    if (!parser.write(chunk)) await new Promise<void>((resolve) => {
      const done = (): void => {
        parser.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      parser.on('drain', done).on('error', done).on('close', done);
    });
  };
  for (let at = 0; at < bytes.length && !stopped(); ) await put(bytes.subarray(at, (at += slice)));
  if (more) for await (const chunk of more) {
    if (stopped()) return;
    await put(chunk);
  }
  if (!stopped()) parser.end();
}

// Attachments that are only listed are counted, not decoded. A message/rfc822 part is kept and
// parsed, a calendar part kept and shown, and an octet-stream may turn into either by its file
// name (mailparser guesses from it).
interface DecodedNode {
  readonly contentType?: unknown;
  readonly encoding?: unknown;
  readonly headers?: ReadonlyMap<string, unknown>;
}

// The counter of each part counted, by the part's header map: mailparser hands the same map on as
// the attachment's `headers`, and nothing else ties the attachment to its decoder.
const counters = new WeakMap<object, Base64Size>();

function sizeOnlyUnlessRelated(node: DecodedNode): Base64Size | undefined {
  return node.headers?.has('content-id') ? undefined : sizeOnly(node);
}

function sizeOnly(node: DecodedNode): Base64Size | undefined {
  const type = mimeType(node.contentType);
  if (node.encoding !== 'base64' || type.startsWith('message/') || type === 'application/octet-stream' || calendarTypes.has(type)) return undefined;
  const counter = new Base64Size();
  if (node.headers) counters.set(node.headers, counter);
  return counter;
}

function collectAttachment(stream: AttachmentStream, collected: Collected[], keepRelated: boolean): void {
  const type = mimeType(stream.contentType);
  const keep = type === 'message/rfc822' || calendarTypes.has(type) || (keepRelated && typeof stream.contentId === 'string');
  const chunks: Buffer[] = [];
  let size = 0;
  const slot = collected.length;
  collected.push({ attachment: describe(stream, 0) });
  stream.content.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (keep && size <= keepLimit) chunks.push(chunk);
  });
  stream.content.on('end', () => {
    const attachment = describe(stream, counters.get(stream.headers)?.size ?? size);
    collected[slot] = keep && size <= keepLimit ? { attachment, bytes: Buffer.concat(chunks), ...charsetOf(stream) } : { attachment };
    stream.release?.();
  });
}

function describe(stream: AttachmentStream, size: number): Attachment {
  return {
    contentType: mimeType(stream.contentType),
    size,
    related: stream.related === true,
    ...(stream.filename ? { filename: wellFormed(stream.filename) } : {}),
    ...(stream.contentDisposition ? { disposition: stream.contentDisposition } : {}),
    ...(typeof stream.contentId === 'string' ? { contentId: stream.contentId.trim().replace(/^<|>$/g, '') } : {}),
  };
}

function charsetOf(stream: AttachmentStream): { charset?: string } {
  const value: unknown = stream.headers.get('content-type');
  const charset: unknown = typeof value === 'object' && value !== null && 'params' in value ? (value.params as Record<string, unknown>).charset : undefined;
  return typeof charset === 'string' && charset !== '' ? { charset } : {};
}

// RFC 5545 3.1.4: UTF-8 unless the part says otherwise; a charset the decoder does not know is read as UTF-8.
function decodeCalendar(bytes: Buffer, charset = 'utf-8'): string {
  let label = 'utf-8';
  try {
    label = new TextDecoder(charset).encoding;
  } catch {
    // An unknown label: UTF-8.
  }
  return wellFormed(new TextDecoder(label).decode(bytes));
}

// mailparser guesses the type of an octet-stream from its file name, and may give a list.
function mimeType(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first.toLowerCase() : 'application/octet-stream';
}
