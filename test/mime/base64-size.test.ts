// src/base64-size.ts: the size an attachment's base64 decodes to, counted without decoding it,
// must be what mailparser's own decoder (libbase64, used here as the reference) would produce.
import fc from 'fast-check';
import { Decoder } from 'libbase64';
import type { Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Base64Size } from '../../src/mime/base64-size.js';

// Feeds the chunks through a decoder and sums the lengths it passes on, or for the counter the
// size it counted (it passes nothing on).
async function sized(stream: Transform, chunks: readonly Buffer[]): Promise<number> {
  let size = 0;
  stream.on('data', (c: Buffer) => (size += c.length));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  if (stream instanceof Base64Size) {
    expect(size).toBe(0);
    return stream.size;
  }
  return size;
}

function lines(text: string, width: number, eol: string): string {
  return (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol) + eol;
}

function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...points, bytes.length].map((end, i) => bytes.subarray(i ? points[i - 1] : 0, end));
}

const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('Base64Size', () => {
  it.each([
    ['', 0],
    ['QQ==\r\n', 1],
    ['QUI=\r\n', 2],
    ['QUJD\r\n', 3],
    ['QUJD\nREVG\n', 6],
    ['QUJ\r\nDREVG\r\n', 6],
    ['QUJD RE VG', 6],
    ['QU\rJD', 3],
    ['QQ==QQ==', 2],
    ['QQ=QUI=', 3],
  ])('%j decodes to %i bytes', async (text, size) => {
    expect(await sized(new Base64Size(), [Buffer.from(text, 'latin1')])).toBe(size);
  });

  it('counts what the decoder gives for well-formed base64, at any line length, line ending and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 4, max: 200 }), fc.constantFrom('\r\n', '\n'), cuts, async (data, width, eol, at) => {
        const body = Buffer.from(lines(Buffer.from(data).toString('base64'), width, eol), 'latin1');
        expect(await sized(new Base64Size(), cut(body, at))).toBe(data.length);
      }),
    );
  });

  it('counts what the decoder gives for anything: padding inside, stray bytes, lone CRs, concatenated blobs', async () => {
    const byte = fc.constantFrom(...'QUJDREVGabc+/09=\r\n -_.*\x80\xe9\xff'.split(''));
    const blob = fc.uint8Array({ maxLength: 40 }).map((d) => Buffer.from(d).toString('base64'));
    const text = fc.array(fc.oneof(byte, blob), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, cuts, async (t, at) => {
        const chunks = cut(Buffer.from(t, 'latin1'), at);
        expect(await sized(new Base64Size(), chunks)).toBe(await sized(new Decoder(), chunks));
      }),
      { numRuns: 500 },
    );
  });

  it('stays linear on a chunk of many short padded runs', async () => {
    const body = Buffer.from('QQ=='.repeat(200_000), 'latin1');
    expect(await sized(new Base64Size(), [body])).toBe(200_000);
  });
});
