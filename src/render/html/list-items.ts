// The items of an HTML list and their markers, numbered as the HTML standard's list-owner rules
// number them: `start`, `reversed`, an item's `value`, and the `type` of the list or the item.
import type { Elem } from './builder.js';

/** One child of a list: an item with its marker, or other content (a stray sublist), which has none. */
export interface ListEntry {
  readonly elem: Elem;
  readonly marker?: string;
}

// Each level of nested bullet list gets its own bullet, as browsers draw them.
const bullets = ['• ', '◦ ', '▪ '];

/** The children of a `<ul>` or `<ol>` in order, each `<li>` with its marker; `shown` leaves out hidden items, which count no number. */
export function listEntries(list: Elem, depth: number, shown: (item: Elem) => boolean): ListEntry[] {
  const children = (list.children ?? []).filter((c) => (c.type === 'tag' && (c.name !== 'li' || shown(c))) || (c.type === 'text' && /\S/.test(String(c.data ?? ''))));
  if (list.name !== 'ol') return children.map((elem) => (elem.name === 'li' ? { elem, marker: bullets[depth % bullets.length]! } : { elem }));
  const reversed = list.attribs?.reversed !== undefined;
  const items = children.filter((c) => c.name === 'li').length;
  let n = integer(list.attribs?.start) ?? (reversed ? items : 1);
  return children.map((elem) => {
    if (elem.name !== 'li') return { elem };
    n = integer(elem.attribs?.value) ?? n;
    const marker = `${ordinal(n, elem.attribs?.type ?? list.attribs?.type)}. `;
    n += reversed ? -1 : 1;
    return { elem, marker };
  });
}

// HTML's rules for parsing integers: leading white space, a sign, digits; anything after is ignored.
function integer(text: string | undefined): number | undefined {
  const m = /^[\t\n\f\r ]*([+-]?\d{1,15})/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

// `type` is case-sensitive (a, A, i, I, 1); a number the style cannot write (0, negatives, huge
// Roman numerals) is written in decimal, as CSS counter styles fall back.
function ordinal(n: number, type: string | undefined): string {
  if (type === 'a' || type === 'A') {
    if (n < 1) return String(n);
    let s = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
    return type === 'A' ? s.toUpperCase() : s;
  }
  if (type === 'i' || type === 'I') {
    if (n < 1 || n > 3999) return String(n);
    const s = roman(n);
    return type === 'I' ? s.toUpperCase() : s;
  }
  return String(n);
}

const romans: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

function roman(n: number): string {
  let s = '';
  for (const [value, digits] of romans) for (; n >= value; n -= value) s += digits;
  return s;
}
