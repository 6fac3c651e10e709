// Reading terminal output in tests: escapes made visible, stripped, and checked against the
// invariants of DESIGN.md.
import stringWidth from 'string-width';

const sgr = /\x1b\[[0-9;]*m/g;
// Ended by ST (ESC \) or BEL (--osc8-terminator bel).
const osc8 = /\x1b\]8;([^;\x1b\x07]*);([^\x1b\x07]*)(?:\x1b\\|\x07)/g;

/** ESC written as ␛, so golden files and failures show escapes plainly. */
export function visible(text: string): string {
  return text.replace(/\x1b/g, '␛');
}

/** Give link ids stable names (L1, L2 … in order of appearance) so goldens do not depend on the pid. */
export function stableIds(text: string): string {
  const names = new Map<string, string>();
  return text.replace(/id=([A-Za-z0-9._-]+)/g, (_m, id: string) => {
    if (!names.has(id)) names.set(id, `L${names.size + 1}`);
    return `id=${names.get(id)}`;
  });
}

/** The text with our SGR and OSC 8 sequences removed. */
export function stripEscapes(text: string): string {
  return text.replace(osc8, '').replace(sgr, '');
}

/** Allowed OSC 8 schemes (issue: one link policy); `#id` only as less 661+ footnote markers. */
// The schemes the link policy follows, `#id` footnote jumps, and mailview's own `View in browser` link.
const schemes = /^(?:(https?|mailto|ftp|tel|news):|#[A-Za-z0-9._-]+$|file:\/\/[A-Za-z0-9.-]*\/\S*\/view-[0-9a-f]{16}\.html$)/;

/** Every broken invariant of one output, as readable strings; empty when all hold. */
export function invariantErrors(output: string, width: number): string[] {
  const errors: string[] = [];
  output.split('\n').forEach((line, n) => {
    const where = `line ${n + 1}: ${JSON.stringify(visible(line)).slice(0, 160)}`;
    const rest = line.replace(osc8, '').replace(sgr, '');
    if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(rest)) errors.push(`foreign control character, ${where}`);
    if (stringWidth(rest) > width) errors.push(`wider than ${width} (${stringWidth(rest)}), ${where}`);
    let open = false;
    for (const m of line.matchAll(osc8)) {
      const [, params, uri] = m;
      if (uri === '') {
        if (!open) errors.push(`close without open, ${where}`);
        open = false;
        continue;
      }
      if (!/^[\x21-\x7e]+$/.test(uri!)) errors.push(`URI byte outside 0x21-0x7E, ${where}`);
      // less 661+ hands the URI to a shell command inside single quotes.
      if (/['"\\`]/.test(uri!)) errors.push(`shell quote in URI, ${where}`);
      if (!schemes.test(uri!)) errors.push(`URI scheme not allowed, ${where}`);
      if (!/^id=[A-Za-z0-9._-]+$/.test(params!)) errors.push(`bad OSC 8 params, ${where}`);
      open = true;
    }
    if (open) errors.push(`link left open at end of line, ${where}`);
  });
  return errors;
}
