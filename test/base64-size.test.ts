// src/base64-size.ts: the size an attachment's base64 decodes to, counted without decoding it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Size } from '../src/base64-size.js';

// Feeds the chunks through the stand-in and sums the lengths it passes on.
async function sized(chunks: readonly Buffer[]): Promise<number> {
  const stream = new Base64Size();
  let size = 0;
  stream.on('data', (c: Buffer) => (size += c.length));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  return size;
}

function lines(text: string, width: number, eol: string): string {
  return (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol) + eol;
}

function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...points, bytes.length].map((end, i) => bytes.subarray(i ? points[i - 1] : 0, end));
}

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
  ])('%j decodes to %i bytes', async (text, size) => {
    expect(await sized([Buffer.from(text, 'latin1')])).toBe(size);
  });

  it('counts what Node decodes, for any bytes, line length, line ending and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 4, max: 200 }),
        fc.constantFrom('\r\n', '\n'),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (data, width, eol, at) => {
          const body = Buffer.from(lines(Buffer.from(data).toString('base64'), width, eol), 'latin1');
          expect(await sized(cut(body, at))).toBe(data.length);
        },
      ),
    );
  });

  it('skips stray characters as a decoder does', async () => {
    const body = Buffer.from('SGVs\r\nbG8g\t d29y\r\r\nbGQ=\r\n', 'latin1');
    expect(await sized(cut(body, [5, 6, 17]))).toBe(Buffer.from('Hello world').length);
  });
});
