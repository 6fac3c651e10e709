// scripts/library-patches.mjs: every change still applies to the installed library exactly once,
// and the patched mailsplit splitter emits exactly what the original emits, chunk for chunk, for
// messages built to hit its edges (delimiters after lone CRs, CR CR LF, LF CR, trailing spaces,
// indented delimiters, overlong lines) written in pieces of every size.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { patches, plainAddressList, withoutCarriageReturns, type Change } from '../scripts/library-patches.mjs';
import { root } from './helpers/run.js';

// The files the bundle holds, as esbuild resolves the imports (ESM builds where there are two).
const modules = `${root}node_modules/`;
const targets = ['@zone-eu/mailsplit/lib/message-splitter.js', '@zone-eu/mailsplit/lib/chunked-passthrough.js', 'mailparser/dist/esm/mail-parser.js', '@selderee/plugin-htmlparser2/lib/hp2-builder.mjs', 'selderee/lib/selderee.mjs', 'html-to-text/lib/html-to-text.mjs', 'libmime/dist/cjs/libmime.js', 'nodemailer/dist/esm/addressparser/index.js'].map((m) => modules + m);
const splitterFile = targets[0]!;

function patched(source: string, changes: readonly Change[]): string {
  return changes.reduce((text, { from, to }) => text.replace(from, () => to), source);
}

describe('library patches', () => {
  it('each apply to exactly one installed file, each change once', () => {
    for (const { file, changes } of patches) {
      const hits = targets.filter((t) => file.test(t));
      expect(hits, String(file)).toHaveLength(1);
      const source = readFileSync(hits[0]!, 'utf8');
      for (const { from } of changes) expect(source.split(from).length, from.slice(0, 60)).toBe(2);
    }
  });
});

type Splitter = new (config?: object) => Transform;

// Compiles a version of mailsplit's message-splitter.js beside the original, so its requires resolve.
function splitter(source: string): Splitter {
  const file = splitterFile;
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  mod._compile(source, join(dirname(file), 'message-splitter-under-test.js'));
  return mod.exports as Splitter;
}

const original = readFileSync(splitterFile, 'utf8');
const splitterPatch = patches.find((p) => p.file.test(splitterFile))!;
const Original = splitter(original);
const Patched = splitter(patched(original, splitterPatch.changes));

// What a splitter emits: each node's type and headers, each body or data chunk's bytes.
function emitted(S: Splitter, chunks: readonly Buffer[], config: object): Promise<string[]> {
  return new Promise((resolve) => {
    const s = new S(config);
    const out: string[] = [];
    const ids = new Map<unknown, number>();
    const id = (n: unknown) => ids.get(n) ?? (ids.set(n, ids.size), ids.size - 1);
    s.on('data', (d: { type: string; node?: unknown; value?: Buffer; contentType?: string; getHeaders?: () => Buffer }) => {
      if (d.type === 'node') out.push(`node ${id(d)} ${d.contentType} ${String(d.getHeaders?.() ?? '')}`);
      else out.push(`${d.type} ${id(d.node)} ${JSON.stringify(Buffer.from(d.value ?? []).toString('latin1'))}`);
    });
    s.on('error', (e: Error) => resolve([...out, `error ${e.message}`]));
    s.on('end', () => resolve(out));
    let k = 0;
    const next = () => (k < chunks.length ? (s.write(chunks[k++]), setImmediate(next)) : s.end());
    next();
  });
}

const lines = ['text', '-', '--', '--b0', '--b0--', '--b1', '--b1--', '--b0  ', ' --b0', '\t--b0', '\r--b0', '', 'QUJD', 'x'.repeat(70), 'y'.repeat(66_000), 'Content-Type: text/plain', 'Content-Type: message/rfc822', 'Content-Type: multipart/mixed; boundary=b1', 'Subject: x'];
const eols = ['\r\n', '\n', '\r', '\r\r\n', '\n\r'];
const message = fc.array(fc.tuple(fc.constantFrom(...lines), fc.constantFrom(...eols)), { minLength: 3, maxLength: 50 }).map((ls) => Buffer.from(`Content-Type: multipart/mixed; boundary=b0\r\n\r\n${ls.map(([l, e]) => l + e).join('')}`, 'latin1'));
const pieces = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 12 });

function cut(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) out.push(bytes.subarray(at, (at += sizes[k % sizes.length]!)));
  return out;
}

describe('the patched mail splitter', () => {
  it.each([
    ['a delimiter after a lone CR', 'first\r\nline\n\r--b0\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--b0--\r\n'],
    ['a bare CR before a delimiter', 'a\r--b0\r\n\r\nb\r\n--b0--\r\n'],
    ['CR CR LF before a delimiter', 'a\r\r\n--b0\r\n\r\nb\r\n--b0--\r\n'],
    ['a delimiter with trailing spaces', 'a\r\n--b0   \r\n\r\nb\r\n--b0--  \r\n'],
  ])('emits what the original emits: %s', async (_what, body) => {
    const bytes = Buffer.from(`Content-Type: multipart/mixed; boundary=b0\r\n\r\n--b0\r\nContent-Type: text/plain\r\n\r\n${body}`, 'latin1');
    for (const size of [1, 2, 3, 7, bytes.length]) expect(await emitted(Patched, cut(bytes, [size]), {})).toEqual(await emitted(Original, cut(bytes, [size]), {}));
  });

  it('emits what the original emits for generated messages written in pieces', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(message, pieces, fc.constantFrom({}, { maxChildNodes: 3 }, { defaultInlineEmbedded: true }), async (bytes, sizes, config) => {
        const chunks = cut(bytes, sizes);
        expect(await emitted(Patched, chunks, config)).toEqual(await emitted(Original, chunks, config));
      }),
      { numRuns: 400 },
    );
  });

  // Each message of an mbox is written to a parser of its own: a turn of the event loop before
  // every write made a 40,000-message mbox wait between turns.
  it('starts splitting a write before returning, not on a later turn of the event loop', () => {
    const started = (S: Splitter) => {
      const s = new S({});
      let nodes = 0;
      s.on('data', () => nodes++);
      s.write(Buffer.from('Subject: x\r\n\r\nbody\r\n', 'latin1'));
      s.destroy();
      return nodes;
    };
    expect(started(Original)).toBe(0);
    expect(started(Patched)).toBeGreaterThan(0);
  });
});

describe('the CR LF → LF of a text part, on its bytes', () => {
  const make = new Function('Buffer', `${withoutCarriageReturns}\nreturn withoutCarriageReturns;`) as (b: typeof Buffer) => (bytes: Buffer) => Buffer;
  const onBytes = make(Buffer);
  it('gives the text mailparser made by replacing after decoding, broken UTF-8 included', () => {
    const byte = fc.constantFrom(0x0d, 0x0a, 0x41, 0x20, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x80, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (codes) => {
        const bytes = Buffer.from(codes);
        expect(onBytes(bytes).toString()).toBe(bytes.toString().replace(/\r?\n/g, '\n'));
      }),
      { numRuns: 5000 },
    );
    expect(onBytes(Buffer.from('a\r\r\nb\rc\n\r')).toString()).toBe('a\r\nb\rc\n\r');
  });
});

// libmime's decodeWords gives back at once a text with no encoded word and no NUL: what its five
// replaces give, for texts made of the pieces those replaces look for.
describe("libmime's decodeWords, patched", () => {
  const file = targets.find((t) => t.includes('libmime'))!;
  const compile = (source: string, name: string) => {
    const mod = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
    mod._compile(source, join(dirname(file), name));
    return (mod.exports as { default: { decodeWords(s: unknown): string } }).default;
  };
  const source = readFileSync(file, 'utf8');
  const libmimePatch = patches.find((p) => p.file.test(file))!;
  const original = compile(source, 'libmime-original.js');
  const patchedLib = compile(patched(source, libmimePatch.changes), 'libmime-patched.js');

  it('decodes as the original does', () => {
    const piece = fc.constantFrom('plain', ' ', '=?', '?=', '=?utf-8?q?caf=C3=A9?=', '=?UTF-8?B?Y2Fmw6k=?=', '__\0JOIN\0__', '\0', '?', '=', 'Q', '_', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(patchedLib.decodeWords(text)).toBe(original.decodeWords(text));
      }),
      { numRuns: 3000 },
    );
    for (const odd of [undefined, null, 42, '']) expect(patchedLib.decodeWords(odd)).toBe(original.decodeWords(odd));
  });
});

// A plain mailbox is read without nodemailer's tokenizer (scripts/library-patches.mjs
// plainAddressList): whatever it reads, it reads as the parser does; what it leaves, the parser reads.
describe('a plain address field, read without the address parser', () => {
  const plain = new Function(`${plainAddressList}\nreturn plainAddressList;`)() as (text: string) => unknown;
  const addressparser = createRequire(import.meta.url)('nodemailer/lib/addressparser') as (text: string) => unknown;
  const piece = fc.constantFrom('a', 'Z', '0', 'ann', 'Sender', '1', ' ', '  ', '.', '..', '-', '_', '+', '@', '<', '>', '"', '(', ')', ',', ';', ':', 'example.com', 'é', '\t', '=?utf-8?q?x?=', '[', ']', '\\');
  const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  const shaped = fc.tuple(fc.array(fc.constantFrom('Ann', 'B', 'x1', 'at', 'Q'), { maxLength: 3 }), fc.constantFrom('a', 'a.b', 'a+b', 'a_b-c', '-a', 'a.', '.a'), fc.constantFrom('example.com', 'b', 'x-y.z', 'EXAMPLE.ORG', 'a..b', '-a.b', 'a.b-')).map(
    ([name, local, domain]) => (name.length ? `${name.join(' ')} <${local}@${domain}>` : `${local}@${domain}`),
  );

  it('gives what the address parser gives whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.oneof(text, shaped), (t) => {
        const got = plain(t);
        if (got === undefined) return;
        answered++;
        expect(got).toEqual(addressparser(t));
      }),
      { numRuns: 5000 },
    );
    // Without this the property could hold only because the shortcut never answered.
    expect(answered).toBeGreaterThan(500);
    expect(plain('Sender 1 <sender1@example.com>')).toEqual([{ address: 'sender1@example.com', name: 'Sender 1' }]);
  });
});
