// What a decoded text part really holds: text, binary data under a text label (a PNG sent as
// text/plain in a bounce), or yEnc-encoded files between lines of text (Usenet posts).
import type { Part } from './types.js';
import { wellFormed } from './mail-headers.js';

/** A piece of a text part: text to show, or a yEnc file to list. */
export type Piece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'yenc'; readonly name: string; readonly size: number };

// C0 controls other than TAB, LF, FF, CR and ESC; and U+FFFD (bytes the charset could not decode).
const controls = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/g;
const undecodable = /\ufffd/g;

/**
 * Binary data, not text: more than one character in ten a control or undecodable (first 4 KiB), and
 * 16 controls at least. Text in another charset than the one declared (Japanese 8-bit text sent as
 * us-ascii) decodes to U+FFFD but holds no controls, so it is still shown as text.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  const c0 = head.match(controls)?.length ?? 0;
  if (c0 < 16) return false;
  return c0 + (head.match(undecodable)?.length ?? 0) > head.length / 10;
}

// yEnc 1.3: "=ybegin [part=N] line=128 size=N name=FILE" … "=yend size=N"; name is the rest of the line.
/** The text cut at its yEnc blocks, each block as the file it carries; undefined when there are none. */
export function splitYenc(text: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let at = 0;
  // indexOf, not one regex: a lazy match to "=yend" would rescan the rest for every "=ybegin".
  for (let begin = yencStart(text, 0); begin >= 0; begin = yencStart(text, at)) {
    const end = text.indexOf('\n=yend', begin);
    if (end < 0) break;
    if (begin > at) pieces.push({ kind: 'text', text: text.slice(at, begin) });
    const params = text.slice(begin, text.indexOf('\n', begin));
    const name = /\bname=(.*)$/.exec(params)?.[1]?.trim() || 'yenc.bin';
    pieces.push({ kind: 'yenc', name, size: Number(/\bsize=(\d+)/.exec(params)?.[1] ?? 0) });
    const after = text.indexOf('\n', end + 1);
    at = after < 0 ? text.length : after + 1;
  }
  if (pieces.length === 0) return undefined;
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}

function yencStart(text: string, from: number): number {
  if (from === 0 && text.startsWith('=ybegin ')) return 0;
  const i = text.indexOf('\n=ybegin ', from === 0 ? 0 : from - 1);
  return i < 0 ? -1 : i + 1;
}

/** A decoded text part as what it holds: text, yEnc files between text, or binary data under a text label. */
export function textPart(type: string, text: string, size = text.length): Part {
  const subtype = type.startsWith('text/') ? type.slice('text/'.length) : 'plain';
  const pieces = subtype === 'html' ? undefined : splitYenc(text);
  if (pieces) {
    const children = pieces.map((p): Part =>
      p.kind === 'text' ? textPart(type, p.text) : { kind: 'attachment', attachment: { contentType: 'application/octet-stream', filename: wellFormed(p.name), size: p.size, related: false } },
    );
    return { kind: 'multipart', subtype: 'mixed', children };
  }
  if (looksBinary(text)) return { kind: 'attachment', attachment: { contentType: type, size, related: false, binary: true } };
  return { kind: 'text', subtype, text };
}
