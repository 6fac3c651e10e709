import { describe, expect, it } from 'vitest';
import type { Part } from '../../src/mime/types.js';
import { listAttachments, listCalendars, selectParts } from '../../src/mime/select.js';

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

describe('calendar parts', () => {
  const calendar = (text: string, filename?: string): Part => ({ kind: 'calendar', text, attachment: { contentType: 'text/calendar', size: text.length, related: false, ...(filename ? { filename } : {}) } });
  const mixed = (...children: Part[]): Part => ({ kind: 'multipart', subtype: 'mixed', children });
  const tree = mixed(alt(text('plain', 'p'), text('html', '<p>h</p>'), calendar('A')), calendar('B', 'invite.ics'));

  it('are never a body, so HTML still wins the alternative', () => {
    expect(selectParts(tree, 'html')).toEqual([{ kind: 'html', text: '<p>h</p>' }]);
  });

  it('are all listed for showing, the alternative that lost included', () => {
    expect(listCalendars(tree).map((c) => c.text)).toEqual(['A', 'B']);
  });

  it('appear in the attachment list when they are files', () => {
    expect(listAttachments(tree).map((a) => a.filename)).toEqual(['invite.ics']);
  });
});
