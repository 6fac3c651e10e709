import type { Line, Span, Style } from './document.js';

/** What emit.ts may write besides text. */
export interface EmitCapabilities {
  readonly hyperlinks: boolean;
  readonly color: boolean;
}

// C0 controls, DEL, C1 controls (the 8-bit CSI/OSC among them) and the bidi embedding, override,
// isolate and mark characters (Trojan Source, CVE-2021-42574): nothing a mail says may steer the terminal.
const unsafe = /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const anyUnsafe = new RegExp(unsafe.source);

// U+FFFD rather than caret notation: one column wide, and a sender can type "^[" but never
// make us write a control character, so the stand-in cannot be forged into something else.
/** The visible stand-in for every neutralised character. */
export const replacement = '\uFFFD';

/** Replace every control and bidi character with U+FFFD (tabs and newlines become spaces, soft hyphens go). */
export function neutralise(text: string): string {
  // Tested first: nearly every span is clean, and a replace with a callback costs even then.
  if (!anyUnsafe.test(text)) return text;
  // U+00AD is dropped: string-width counts it 0 columns, xterm and VTE draw it in 1 (issue 11).
  return text.replace(unsafe, (c) => (c === '\t' || c === '\n' ? ' ' : c === '\u00ad' ? '' : replacement));
}

/** True when neutralise would change the text. */
export function hasUnsafe(text: string): boolean {
  return anyUnsafe.test(text);
}

const ESC = '\x1b';
const ST = `${ESC}\\`;

/** Lines + capabilities → the text for the terminal; the only producer of ESC bytes. */
export function emitLines(lines: readonly Line[], caps: EmitCapabilities): string {
  let out = '';
  for (const line of lines) out += emitLine(line, caps) + '\n';
  return out;
}

function emitLine(line: Line, caps: EmitCapabilities): string {
  let out = '';
  let openId: string | undefined;
  for (const span of line.spans) {
    const id = caps.hyperlinks && span.link?.followed ? span.link.id : undefined;
    if (id !== openId) {
      if (openId !== undefined) out += closeLink();
      if (id !== undefined && span.link) out += openLink(id, span.link.href);
      openId = id;
    }
    out += styled(span, caps.color);
  }
  if (openId !== undefined) out += closeLink();
  return out;
}

function openLink(id: string, href: string): string {
  return `${ESC}]8;id=${safeParam(id)};${safeUri(href)}${ST}`;
}

function closeLink(): string {
  return `${ESC}]8;;${ST}`;
}

// OSC 8 URIs carry only 0x21-0x7E; links.ts already guarantees it, this is the last guard.
function safeUri(href: string): string {
  if (!outsideUri.test(href)) return href;
  return href.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c).replace(/[^%A-Za-z0-9]/g, ''));
}

const outsideUri = /[^\x21-\x7e]/;

// OSC 8 parameters are key=value pairs split by ':' and ended by ';'.
function safeParam(id: string): string {
  return unsafeParam.test(id) ? id.replace(/[^A-Za-z0-9._-]/g, '_') : id;
}

const unsafeParam = /[^A-Za-z0-9._-]/;

function styled(span: Span, color: boolean): string {
  const text = neutralise(span.text);
  const sgr = color && span.style ? sgrCodes(span.style) : '';
  return sgr ? `${ESC}[${sgr}m${text}${ESC}[0m` : text;
}

const sgrTable: ReadonlyArray<[keyof Style, string]> = [
  ['bold', '1'],
  ['dim', '2'],
  ['italic', '3'],
  ['underline', '4'],
  ['warn', '33'],
];

// Quote levels cycle through cyan, green, magenta, yellow, blue (dim), so nesting stays readable.
const quoteColours = ['36', '32', '35', '33', '34'];

// Spans share their style objects (annotated.ts), so each style's codes are worked out once.
const sgrCache = new WeakMap<Style, string>();

function sgrCodes(style: Style): string {
  let codes = sgrCache.get(style);
  if (codes === undefined) sgrCache.set(style, (codes = sgrFor(style)));
  return codes;
}

function sgrFor(style: Style): string {
  const codes = sgrTable.filter(([key]) => style[key]).map(([, code]) => code);
  if (style.quote) codes.push(quoteColours[(style.quote - 1) % quoteColours.length]!);
  return codes.join(';');
}
