import { createReadStream, fstatSync, ReadStream, readFile as readDescriptor } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ExitCode, MailviewError } from '../document/errors.js';

import { skipPreamble, startsMessage } from './kind.js';

export { boundaryOf, detectKind, isHeaderSection, isSeparator, kindOfType, skipPreamble, type InputKind, type StatedKind } from './kind.js';

/**
 * One input: its name for error messages and its bytes. A large one is read as it is used: `bytes`
 * holds its first part and `more` the rest, so that a 200 MB message is never held whole.
 */
export interface Input {
  readonly name: string;
  readonly bytes: Buffer;
  readonly more?: AsyncIterable<Buffer>;
}

/** Inputs up to this size are read whole; a larger one is streamed from here on. */
export const wholeLimit = 16 * 1024 * 1024;

/** Read every FILE argument (`-` is stdin), or stdin alone when there are none. */
export async function readInputs(files: readonly string[], stdin: Readable & { isTTY?: boolean }): Promise<Input[]> {
  const names = files.length ? files : ['-'];
  const inputs: Input[] = [];
  for (const name of names) inputs.push({ name, ...(await readOne(name, stdin)) });
  return inputs;
}

/** The whole of an input, for the kinds that are parsed whole (HTML, text, mbox). */
export async function wholeInput(input: Input): Promise<Buffer> {
  if (!input.more) return input.bytes;
  const chunks = [input.bytes];
  for await (const chunk of input.more) chunks.push(chunk);
  return Buffer.concat(chunks);
}

type Read = { bytes: Buffer; more?: AsyncIterable<Buffer> };

async function readOne(name: string, stdin: Readable & { isTTY?: boolean }): Promise<Read> {
  if (name === '-') {
    if (stdin.isTTY) throw new MailviewError(ExitCode.noInput, 'no input', 'stdin is a terminal; pipe a message in or name a FILE');
    const read = await readStream(stdin);
    if (read.bytes.length === 0) throw new MailviewError(ExitCode.noInput, 'no input', 'stdin is empty');
    return read;
  }
  try {
    const read = (await stat(name)).size > wholeLimit ? await readStream(createReadStream(name)) : { bytes: await readFile(name) };
    if (read.bytes.length === 0) throw new MailviewError(ExitCode.noInput, name, 'file is empty');
    return read;
  } catch (err) {
    if (err instanceof MailviewError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MailviewError(ExitCode.noInput, name, reasons[code] ?? `cannot read (${code})`);
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
};

async function readStream(stream: Readable): Promise<Read> {
  // stdin redirected from a file is an fs.ReadStream that reads 64 KiB per thread-pool round trip;
  // readFile on its descriptor reads it in 512 KiB ones.
  const fd = stream instanceof ReadStream ? (stream as ReadStream & { fd?: unknown }).fd : undefined;
  if (typeof fd === 'number' && fstatSync(fd).size <= wholeLimit) {
    return new Promise((resolve, reject) => readDescriptor(fd, (err, data) => (err ? reject(err) : resolve({ bytes: data }))));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
    if (size >= wholeLimit) return { bytes: Buffer.concat(chunks), more: rest(iterator) };
  }
  return { bytes: Buffer.concat(chunks) };
}

async function* rest(iterator: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
}

/** Old Mac mail ends its lines with a lone CR: when the first line does, every lone CR becomes LF. */
export function lineEnds(bytes: Buffer): Buffer {
  return loneCrs(bytes) ? crToLf(bytes) : bytes;
}

function loneCrs(bytes: Buffer): boolean {
  const cr = bytes.indexOf(0x0d);
  const lf = bytes.indexOf(0x0a);
  return !(cr < 0 || (lf >= 0 && lf < cr) || bytes[cr + 1] === 0x0a);
}

// `open`: more may follow, so a CR that ends the bytes is left for the next part to decide.
function crToLf(bytes: Buffer, open = false): Buffer {
  const out = Buffer.from(bytes);
  const end = open ? out.length - 1 : out.length;
  for (let i = out.indexOf(0x0d); i >= 0 && i < end; i = out.indexOf(0x0d, i + 1)) if (out[i + 1] !== 0x0a) out[i] = 0x0a;
  return out;
}

/** lineEnds for an input read in parts: its first part decides, a CR at a part's end waits for the next. */
export function inputLineEnds(input: Input): Input {
  if (!input.more) return { ...input, bytes: lineEnds(input.bytes) };
  if (!loneCrs(input.bytes)) return input;
  const more = input.more;
  const all = async function* (first: Buffer): AsyncGenerator<Buffer> {
    let carry = first;
    for await (const chunk of more) {
      const joined = crToLf(Buffer.concat([carry, chunk]), true);
      yield joined.subarray(0, -1);
      carry = joined.subarray(-1);
    }
    yield carry[0] === 0x0d ? Buffer.from('\n') : carry;
  };
  const converted = crToLf(input.bytes, true);
  return { name: input.name, bytes: converted.subarray(0, -1), more: all(converted.subarray(-1)) };
}

/** Decode a bare HTML file: the charset its `<meta>` declares (HTML's prescan, first 1 KiB), else as decodeText. */
export function decodeHtml(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const label = /<meta\s[^>]{0,512}?charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
  if (label && !/^utf-?8$/i.test(label)) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // A label the WHATWG Encoding Standard does not know: guess as for text.
    }
  }
  return decodeText(bytes);
}

/** Decode text of unknown charset: UTF-8 when it is valid, else Latin-1 (every byte means something). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Split an mbox stream at its `From ` separator lines (mboxrd: `>From ` unquoted once). */
export function splitMbox(bytes: Buffer): Buffer[] {
  return Array.from(mbox(bytes).messages);
}

/**
 * The messages of an mbox, each handed out only when it is asked for, and how many there are (the
 * separators are found first: a few numbers per message, so "Message N of M" is known up front).
 */
export function mbox(bytes: Buffer): { readonly count: number; readonly messages: Generator<Buffer> } {
  // Found in a Latin-1 string, whose offsets are those of the bytes; the string is let go once the
  // separators are known, and each message is a view of the bytes, copied only to unquote a
  // `>From ` line: neither a second copy of a large mbox nor one per message is held as it is shown.
  const whole = bytes.toString('latin1');
  const text = skipPreamble(whole);
  const skipped = whole.length - text.length;
  const starts: number[] = [];
  // A separator starts the stream or follows an empty line, and has mutt's shape or a header
  // section after it, so a body line "From what I understand" is text.
  const candidate = /(^|\n\r?\n)From [^\n]*\n/g;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    const at = m.index + m[1]!.length;
    if (startsMessage(text, at)) starts.push(at);
  }
  // The start and end of each message shown, in pairs. (A loop, not a callback: a closure that read
  // the string would keep it alive as long as the generator below, which shares its scope.)
  const shown: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = text.indexOf('\n', starts[i]) + 1;
    const end = starts[i + 1] ?? text.length;
    if (/\S/.test(text.slice(start, end))) shown.push(start + skipped, end + skipped);
  }
  return { count: shown.length / 2, messages: messagesOf(bytes, shown) };
}

function* messagesOf(bytes: Buffer, shown: readonly number[]): Generator<Buffer> {
  for (let i = 0; i < shown.length; i += 2) {
    const body = bytes.subarray(shown[i], shown[i + 1]);
    yield body.includes('>From ') ? Buffer.from(body.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1') : body;
  }
}
