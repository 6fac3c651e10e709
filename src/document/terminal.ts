// What a terminal may be sent of a mail's text, and the words for how links are drawn: shared by
// the options that choose them and emit.ts that writes them.

/** always / auto / never switches. */
export type When = 'always' | 'auto' | 'never';

/** How link text looks whenever SGR is written. */
export type LinkStyle = 'underline' | 'color' | 'both' | 'none';

/** What ends an OSC 8 sequence: ST (`ESC \\`) or BEL. */
export type Terminator = 'st' | 'bel';

// C0 controls, DEL, C1 controls (the 8-bit CSI/OSC among them) and the bidi embedding, override,
// isolate and mark characters (Trojan Source, CVE-2021-42574): nothing a mail says may steer the terminal.
const unsafe = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const anyUnsafe = new RegExp(unsafe.source);

// U+FFFD rather than caret notation: one column wide, and a sender can type "^[" but never
// make us write a control character, so the stand-in cannot be forged into something else.
/** The visible stand-in for every neutralised character. */
export const replacement = '\uFFFD';

/** Replace every control and bidi character with U+FFFD (tabs and newlines become spaces). */
export function neutralise(text: string): string {
  // Tested first: nearly every span is clean, and a replace with a callback costs even then.
  if (!anyUnsafe.test(text)) return text;
  return text.replace(unsafe, (c) => (c === '\t' || c === '\n' ? ' ' : replacement));
}

/** True when neutralise would change the text. */
export function hasUnsafe(text: string): boolean {
  return anyUnsafe.test(text);
}
