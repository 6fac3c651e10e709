// show.ts's write: the pieces reach a file descriptor byte for byte, whether each is encoded into
// the one buffer it reuses or (too long for it) written as it is, and a stream in this process
// that keeps what it is given gets pieces of its own.
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wrapBlock } from '../../src/layout/wrap.js';
import { emitLines } from '../../src/output/emit.js';
import { show, write } from '../../src/output/show.js';

// Short and long pieces, of one-, two-, three- and four-byte characters, with promises among them.
function pieces(): Array<string | Promise<void>> {
  const out: Array<string | Promise<void>> = [];
  for (let i = 0; i < 60; i++) {
    const unit = ['a', 'é', '─', '😀', 'x\n'][i % 5]!;
    out.push(unit.repeat([1, 100, 16_384, 21_845, 30_000][i % 5]!) + `${i}\n`);
    if (i % 7 === 0) out.push(Promise.resolve());
  }
  return out;
}
const expected = pieces().filter((p) => typeof p === 'string').join('');
const silent = new PassThrough();

describe('write', () => {
  it('writes every piece to a file descriptor as it was made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailview-show-'));
    try {
      const fd = openSync(join(dir, 'out'), 'w');
      const stream = createWriteStream('', { fd, autoClose: false });
      expect(await write(stream, pieces(), silent)).toBe(0);
      await new Promise<void>((resolve) => stream.end(resolve));
      closeSync(fd);
      expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a stream without a descriptor pieces that stay as they were', async () => {
    const kept: Buffer[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (kept.push(chunk), done()) });
    expect(await write(stream, pieces(), silent)).toBe(0);
    expect(Buffer.concat(kept).toString('utf8')).toBe(expected);
  });

  it('reuses nothing a descriptor stream still holds: each piece is taken before the next is made', async () => {
    // A stream that says it has a descriptor and keeps what it is given: it must see each piece
    // whole when it is given, and the pieces are compared as they arrived.
    const seen: string[] = [];
    const stream = Object.assign(new Writable({ write: (chunk: Buffer, _encoding, done) => (seen.push(chunk.toString('utf8')), setImmediate(done)) }), { fd: 99 });
    expect(await write(stream, pieces(), silent)).toBe(0);
    expect(seen.join('')).toBe(expected);
  });
});

describe('show', () => {
  it('hands a long block on in pieces of about 16 KiB, its text as one write of it would be', async () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => ({ text: `word${i} ` }));
    const block = { kind: 'text' as const, spans, margins: [] };
    const caps = { hyperlinks: false, styles: false, color: false, footnotes: false, width: 80, lessNavigation: false };
    const chunks: string[] = [];
    const stdout = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString('utf8')), done()) });
    expect(await show([block], caps, { stdout, stderr: silent, listLinks: false })).toBe(0);
    expect(chunks.join('')).toBe(emitLines(wrapBlock(block, 80), caps));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(16_384 + 100);
  });
});
