// What an element's inline style says of its box that the text shows: how its white space is kept
// (CSS Text 3 `white-space`), and whether padding or margin sets it apart from the blocks around it.
import { BoundedMemo } from '../../document/memo.js';
import type { WhiteSpace } from './builder.js';
import { styleDeclarations } from './css.js';

/** How an inline style keeps white space, or undefined when it says nothing of it. */
export function whiteSpace(style: string): WhiteSpace | undefined {
  if (!/white-space/i.test(style)) return undefined;
  const decl = styleDeclarations(style);
  const value = decl.get('white-space') ?? decl.get('white-space-collapse');
  if (value === undefined) return undefined;
  if (/^(pre-line|preserve-breaks)\b/.test(value)) return 'pre-line';
  if (/^(pre|pre-wrap|break-spaces|preserve)\b/.test(value)) return 'pre';
  if (/^(normal|nowrap|collapse)\b/.test(value)) return 'normal';
  return undefined;
}

/** Space a block's style puts above and below it, as blank lines wanted (a few pixels or more each). */
export interface Gap {
  readonly top: boolean;
  readonly bottom: boolean;
}

const none: Gap = Object.freeze({ top: false, bottom: false });

// A mail repeats the same few inline styles on thousands of blocks (a digest's every entry), and
// tokenising each one as CSS was ~10% of a 5 MB digest's time: the answer is kept per style text.
// Cleared when full, so a mail of ever-different styles holds no more than this many.
const gaps = new BoundedMemo<string, Gap>(256);

/** Whether padding or margin (top, bottom, or a shorthand) sets a block apart from what is above and below it. */
export function verticalGap(style: string): Gap {
  if (!/padding|margin/i.test(style)) return none;
  return gaps.get(style, declaredGap);
}

function declaredGap(style: string): Gap {
  let top = false;
  let bottom = false;
  for (const [name, value] of styleDeclarations(style)) {
    const box = /^(padding|margin)(-top|-bottom|-block|-block-start|-block-end)?$/.exec(name);
    if (!box) continue;
    const sides = value.split(/\s+/);
    // CSS shorthands: one value for all sides; two: vertical, horizontal; three or four: top, x, bottom.
    const first = spaced(sides[0]);
    const last = box[2] === '-block' ? spaced(sides[1] ?? sides[0]) : spaced(sides.length >= 3 ? sides[2] : sides[0]);
    if (box[2] === undefined || box[2] === '-block') (top = top || first, bottom = bottom || last);
    else if (box[2] === '-top' || box[2] === '-block-start') top = top || first;
    else bottom = bottom || first;
  }
  return top || bottom ? { top, bottom } : none;
}

// About half a line of a 16-pixel font or more: less is spacing inside a paragraph's lines.
function spaced(length: string | undefined): boolean {
  const m = /^(\d*\.?\d+)(px|pt|em|rem)$/.exec(length ?? '');
  if (!m) return false;
  const n = Number(m[1]);
  return m[2] === 'px' ? n >= 8 : m[2] === 'pt' ? n >= 6 : n >= 0.5;
}
