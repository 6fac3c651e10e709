// What the sender hid, read as a browser reads CSS: each way of hiding, and what shows again.
import { describe, expect, it } from 'vitest';
import type { Elem } from '../../../src/render/html/builder.js';
import { hiddenByStyle, hiddenParts } from '../../../src/render/html/hidden.js';

describe('hiddenByStyle', () => {
  it.each([
    'display:none',
    'display:\\6e one',
    'DISPLAY: NONE !important',
    'visibility:hidden',
    'opacity:0',
    'opacity: 0.0',
    'max-height:0;overflow:hidden',
    'height:0px; overflow:hidden',
    'position:absolute; left:-9999px',
    'position:fixed;top:-5000px',
    'text-indent:-9999px',
  ])('hides: %s', (style) => expect(hiddenByStyle(style)).toBe(true));
  it.each([
    'color:red; /*; display:none; */',
    '/* display:none */',
    'font-family:"display:none"',
    'opacity:0.5',
    'max-height:0',
    'position:relative; left:-9999px',
    'left:-20px; position:absolute',
    'font-size:0',
    'font-size:small',
    'opacity:normal',
  ])('does not hide: %s', (style) => expect(hiddenByStyle(style)).toBe(false));
});

const el = (name: string, style: string | undefined, children: Elem[] = []): Elem => {
  const e: Elem = { type: 'tag', name, attribs: style === undefined ? {} : { style }, children };
  for (const c of children) (c as { parent?: Elem }).parent = e;
  return e;
};
const text = (data: string): Elem => ({ type: 'text', data });

describe('hiddenParts', () => {
  it('shows a visibility:visible descendant of a hidden element (CSS 2 11.2: visibility is inherited)', () => {
    const shown = el('span', 'visibility:visible', [text('seen')]);
    expect(hiddenParts(el('p', 'visibility:hidden', [text('unseen'), el('b', undefined, [shown])]))).toEqual([shown]);
  });
  it('shows nothing of a display:none element, whatever its descendants say', () => {
    expect(hiddenParts(el('div', 'display:none', [el('span', 'display:block;visibility:visible', [text('x')])]))).toEqual([]);
  });
  it('hides text set in font-size:0, but not the layout trick around elements', () => {
    expect(hiddenParts(el('span', 'font-size:0px', [text('secret')]))).toEqual([]);
    expect(hiddenParts(el('div', 'font-size:small', [text('Hello! How are you?')]))).toBeUndefined();
    expect(hiddenParts(el('td', 'font-size:0', [text(' '), el('img', undefined), el('a', undefined, [text('Track your order')])]))).toBeUndefined();
  });
  it('shows an element without hiding as it is', () => expect(hiddenParts(el('p', 'color:red', [text('x')]))).toBeUndefined());
});
