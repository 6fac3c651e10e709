// mime/parse-input.ts: an input is parsed as what detectKind says it is.
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/mime/parse-input.js';
import { render } from '../helpers/run.js';

describe('a multipart entry without its header section', () => {
  it('is read past a BOM and blank lines before its boundary, as it was detected', async () => {
    const entry = '\ufeff\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello from the entry\r\n--b1--\r\n';
    const r = await render(entry, ['--no-pager', '--width', '72']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello from the entry');
  });
});

describe('the rest of an mbox', () => {
  const mbox = (sizes: readonly number[]) =>
    Buffer.from(sizes.map((size, i) => `From a@example.com Tue Mar  4 09:30:00 2025\nFrom: a@example.com\nSubject: ${i + 1}\n\n${'x'.repeat(size)}\n\n`).join(''));

  async function batches(bytes: Buffer): Promise<Array<Array<string | undefined>>> {
    const parsed = await parseInput({ name: '-', bytes }, { html: false, keepRelated: false });
    if (parsed.kind !== 'mail' || !parsed.more) throw new Error('not an mbox');
    const out: Array<Array<string | undefined>> = [];
    for (let next = await parsed.more.next(); !next.done; next = await parsed.more.next()) {
      out.push(next.value.map((m) => ('headers' in m ? m.headers.get('subject')?.[0] : undefined)));
    }
    return out;
  }

  it('comes in batches of a few messages, every one of them in order', async () => {
    const got = await batches(mbox(Array.from({ length: 100 }, () => 10)));
    expect(got.flat()).toEqual(Array.from({ length: 99 }, (_, i) => String(i + 2)));
    expect(Math.max(...got.map((b) => b.length))).toBeLessThanOrEqual(32);
    expect(got.length).toBeGreaterThan(1);
  });

  it('holds no more than about a MiB of messages in a batch', async () => {
    const got = await batches(mbox(Array.from({ length: 12 }, () => 300 * 1024)));
    expect(got.flat()).toHaveLength(11);
    // Four messages of 300 KiB pass the MiB: a batch ends there.
    expect(Math.max(...got.map((b) => b.length))).toBeLessThanOrEqual(4);
  });
});
