import { describe, expect, it } from 'vitest';
import type { Part } from '../src/mail.js';
import { selectParts } from '../src/select.js';

const text = (subtype: 'plain' | 'html', t: string): Part => ({ kind: 'text', subtype, text: t });
const alt = (...children: Part[]): Part => ({ kind: 'multipart', subtype: 'alternative', children });

describe('selectParts', () => {
  it.each([
    ['View this email in your browser: https://x.example/v'],
    ['To read this message, please open it in an HTML-capable viewer.'],
    [''],
  ])('never prefers a plain stub over HTML: %j', (stub) => {
    expect(selectParts(alt(text('plain', stub), text('html', '<p>real</p>')), 'plain')).toEqual([{ kind: 'html', text: '<p>real</p>' }]);
  });

  it('takes a real plain alternative when asked', () => {
    expect(selectParts(alt(text('plain', 'Hello Bob, the real text.'), text('html', '<p>x</p>')), 'plain')).toEqual([{ kind: 'plain', text: 'Hello Bob, the real text.' }]);
  });
});
