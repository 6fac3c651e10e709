import { describe, expect, it } from 'vitest';
import { looksBinary } from '../../src/mime/part-content.js';

describe('looksBinary', () => {
  it('takes control bytes for binary data', () => {
    const png = '\ufffdPNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00'.repeat(40);
    expect(looksBinary(png)).toBe(true);
  });

  it('keeps text in another charset than declared (only undecodable bytes, no controls) as text', () => {
    const japanese = `mailto:info@example.jp\n${'\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\n'.repeat(200)}`;
    expect(looksBinary(japanese)).toBe(false);
  });
});
