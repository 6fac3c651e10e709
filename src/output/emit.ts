import type { Line, Span, Style } from '../document/document.js';
import { neutralise } from '../document/terminal.js';
import type { LinkStyle, Terminator } from '../document/terminal.js';

/** What emit.ts may write besides text. */
export interface EmitCapabilities {
  readonly hyperlinks: boolean;
  /** Any SGR (bold, underline, dim); without it, no SGR at all. */
  readonly styles: boolean;
  /** Colour SGR on top of the styles. */
  readonly color: boolean;
  /** How link text looks; 'both' when not given. */
  readonly linkStyle?: LinkStyle;
  /** What ends an OSC 8 sequence; ST when not given. */
  readonly terminator?: Terminator;
}

const ESC = '\x1b';
const terminators: Readonly<Record<Terminator, string>> = { st: `${ESC}\\`, bel: '\x07' };

/** Lines + capabilities → the text for the terminal; the only producer of ESC bytes. */
export function emitLines(lines: readonly Line[], caps: EmitCapabilities): string {
  let out = '';
  for (const line of lines) out += emitOneLine(line, caps);
  return out;
}

/** emitLines of one line: a long block's text is handed on a piece at a time, never made whole. */
export function emitOneLine(line: Line, caps: EmitCapabilities): string {
  return emitLine(line, caps.hyperlinks, paletteFor(caps), terminators[caps.terminator ?? 'st']) + '\n';
}

function emitLine(line: Line, hyperlinks: boolean, palette: Palette | undefined, end: string): string {
  let out = '';
  let openId: string | undefined;
  for (const span of line.spans) {
    const id = hyperlinks && span.link?.followed ? span.link.id : undefined;
    if (id !== openId) {
      if (openId !== undefined) out += `${ESC}]8;;${end}`;
      if (id !== undefined && span.link) out += `${ESC}]8;id=${safeParam(id)};${safeUri(span.link.href)}${end}`;
      openId = id;
    }
    out += palette ? styled(span, palette) : neutralise(span.text);
  }
  if (openId !== undefined) out += `${ESC}]8;;${end}`;
  return out;
}

// OSC 8 URIs carry only 0x21-0x7E, and none of ' " \ ` (less's ^O^O puts the URI in a shell
// command); links.ts already guarantees it, this is the last guard.
function safeUri(href: string): string {
  if (!outsideUri.test(href)) return href;
  return href.replace(outsideUriAll, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

const outsideUri = /[^\x21\x23-\x26\x28-\x5b\x5d-\x5f\x61-\x7e]/;
const outsideUriAll = new RegExp(outsideUri.source, 'gu');

// OSC 8 parameters are key=value pairs split by ':' and ended by ';'.
function safeParam(id: string): string {
  return unsafeParam.test(id) ? id.replace(/[^A-Za-z0-9._-]/g, '_') : id;
}

const unsafeParam = /[^A-Za-z0-9._-]/;

// 256-colour 63 (#5f5fff): 4.6:1 against black and 4.6:1 against white (WCAG AA on dark and light
// backgrounds alike), and the same in every theme; the 16-colour blue (34) follows the theme and is
// 2.2:1 on black in xterm's default palette.
const linkColour = '38;5;63';

/** The SGR codes of one run's capabilities; spans share their style objects (render/builder.ts), so each style's codes are worked out once. */
interface Palette {
  readonly color: boolean;
  /** What link text adds to its span's own style, and those codes joined. */
  readonly link: readonly string[];
  readonly linkOnly: string;
  readonly plain: WeakMap<Style, string>;
  readonly linked: WeakMap<Style, string>;
}

const palettes = new Map<string, Palette>();

// The capabilities of a run are one object, emitted with a block at a time: its palette is kept
// beside it rather than looked up by a key string made for every block.
let lastCaps: EmitCapabilities | undefined;
let lastPalette: Palette | undefined;

function paletteFor(caps: EmitCapabilities): Palette | undefined {
  if (caps !== lastCaps) {
    lastPalette = paletteOf(caps);
    lastCaps = caps;
  }
  return lastPalette;
}

function paletteOf(caps: EmitCapabilities): Palette | undefined {
  if (!caps.styles) return undefined;
  const linkStyle = caps.linkStyle ?? 'both';
  const key = `${caps.color}/${linkStyle}`;
  let palette = palettes.get(key);
  if (palette === undefined) {
    const link = [linkStyle === 'underline' || linkStyle === 'both' ? '4' : '', caps.color && (linkStyle === 'color' || linkStyle === 'both') ? linkColour : ''].filter(Boolean);
    palette = { color: caps.color, link, linkOnly: link.join(';'), plain: new WeakMap(), linked: new WeakMap() };
    palettes.set(key, palette);
  }
  return palette;
}

function styled(span: Span, palette: Palette): string {
  const text = neutralise(span.text);
  const sgr = sgrOf(span, palette);
  return sgr ? `${ESC}[${sgr}m${text}${ESC}[0m` : text;
}

// Link text is what a reader can open; a deceptive-link warning keeps its own look.
function sgrOf(span: Span, palette: Palette): string {
  const isLink = span.link?.followed === true && !span.style?.warn;
  if (!span.style) return isLink ? palette.linkOnly : '';
  const cache = isLink ? palette.linked : palette.plain;
  let codes = cache.get(span.style);
  if (codes === undefined) {
    codes = sgrFor(span.style, palette.color);
    if (isLink) codes = joinCodes(codes, palette.link);
    cache.set(span.style, codes);
  }
  return codes;
}

// Underlined link text that the mail also underlines gets one 4, not two.
function joinCodes(own: string, link: readonly string[]): string {
  const have = own.split(';');
  return [own, ...link.filter((c) => !have.includes(c))].filter(Boolean).join(';');
}

const sgrTable: ReadonlyArray<[keyof Style, string]> = [
  ['bold', '1'],
  ['dim', '2'],
  ['italic', '3'],
  ['underline', '4'],
];

// Quote levels cycle through cyan, green, magenta, yellow, blue (dim), so nesting stays readable.
const quoteColours = ['36', '32', '35', '33', '34'];

function sgrFor(style: Style, color: boolean): string {
  const codes = sgrTable.filter(([key]) => style[key]).map(([, code]) => code);
  // A warning is yellow; without colour (NO_COLOR) it is bold, so it still stands out.
  if (style.warn && (color || !style.bold)) codes.push(color ? '33' : '1');
  if (color && style.quote) codes.push(quoteColours[(style.quote - 1) % quoteColours.length]!);
  return codes.join(';');
}
