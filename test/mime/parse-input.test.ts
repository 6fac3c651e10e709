// mime/parse-input.ts: an input is parsed as what detectKind says it is.
import { describe, expect, it } from 'vitest';
import { render } from '../helpers/run.js';

describe('a multipart entry without its header section', () => {
  it('is read past a BOM and blank lines before its boundary, as it was detected', async () => {
    const entry = '\ufeff\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello from the entry\r\n--b1--\r\n';
    const r = await render(entry, ['--no-pager', '--width', '72']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello from the entry');
  });
});
