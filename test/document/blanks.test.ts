import { describe, expect, it } from 'vitest';
import { collapseBlanks, textBlock } from '../../src/document/document.js';

describe('collapseBlanks', () => {
  it('takes text of tabs and space separators (\\p{Zs}) alone for a blank line, and nothing else', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0x10ffff; code += code < 0x30000 ? 1 : 0x100) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      const blank = collapseBlanks([textBlock('x'), textBlock(`${ch}\t${ch}`), textBlock('y')])[1]?.kind === 'blank';
      if (blank !== /^[\t\p{Zs}]$/u.test(ch)) wrong.push(`U+${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});
