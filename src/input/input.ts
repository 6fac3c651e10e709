import { ReadStream, readFile as readDescriptor } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ExitCode, MailviewError } from '../document/errors.js';

import { skipPreamble, startsMessage } from './kind.js';

export { boundaryOf, detectKind, isHeaderSection, isSeparator, kindOfType, type InputKind, type StatedKind } from './kind.js';

/** One input: its name for error messages and its bytes. */
export interface Input {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Read every FILE argument (`-` is stdin), or stdin alone when there are none. */
export async function readInputs(files: readonly string[], stdin: Readable & { isTTY?: boolean }): Promise<Input[]> {
  const names = files.length ? files : ['-'];
  const inputs: Input[] = [];
  for (const name of names) inputs.push({ name, bytes: await readOne(name, stdin) });
  return inputs;
}

async function readOne(name: string, stdin: Readable & { isTTY?: boolean }): Promise<Buffer> {
  if (name === '-') {
    if (stdin.isTTY) throw new MailviewError(ExitCode.noInput, 'no input', 'stdin is a terminal; pipe a message in or name a FILE');
    const bytes = await readStream(stdin);
    if (bytes.length === 0) throw new MailviewError(ExitCode.noInput, 'no input', 'stdin is empty');
    return bytes;
  }
  try {
    const bytes = await readFile(name);
    if (bytes.length === 0) throw new MailviewError(ExitCode.noInput, name, 'file is empty');
    return bytes;
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

async function readStream(stream: Readable): Promise<Buffer> {
  // stdin redirected from a file is an fs.ReadStream that reads 64 KiB per thread-pool round trip;
  // readFile on its descriptor reads it in 512 KiB ones.
  const fd = stream instanceof ReadStream ? (stream as ReadStream & { fd?: unknown }).fd : undefined;
  if (typeof fd === 'number') return new Promise((resolve, reject) => readDescriptor(fd, (err, data) => (err ? reject(err) : resolve(data))));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** Old Mac mail ends its lines with a lone CR: when the first line does, every lone CR becomes LF. */
export function lineEnds(bytes: Buffer): Buffer {
  const cr = bytes.indexOf(0x0d);
  const lf = bytes.indexOf(0x0a);
  if (cr < 0 || (lf >= 0 && lf < cr) || bytes[cr + 1] === 0x0a) return bytes;
  const out = Buffer.from(bytes);
  for (let i = out.indexOf(0x0d); i >= 0; i = out.indexOf(0x0d, i + 1)) if (out[i + 1] !== 0x0a) out[i] = 0x0a;
  return out;
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
  const text = skipPreamble(bytes.toString('latin1'));
  const starts: number[] = [];
  // A separator starts the stream or follows an empty line, and has mutt's shape or a header
  // section after it, so a body line "From what I understand" is text.
  const candidate = /(^|\n\r?\n)From [^\n]*\n/g;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    const at = m.index + m[1]!.length;
    if (startsMessage(text, at)) starts.push(at);
  }
  const messages: Buffer[] = [];
  starts.forEach((start, i) => {
    const body = text.slice(text.indexOf('\n', start) + 1, starts[i + 1] ?? text.length);
    const unquoted = body.replace(/^>(>*From )/gm, '$1');
    if (unquoted.trim()) messages.push(Buffer.from(unquoted, 'latin1'));
  });
  return messages;
}
