// Reading the raw bytes a terminal received (a pane log), as opposed to mailview's own output.
import { readFileSync } from 'node:fs';
import { root } from './run.js';

/** One OSC 8 hyperlink opening as it reached the terminal. */
export interface Osc8Open {
  readonly params: string;
  readonly uri: string;
}

// Ended by ST (ESC \) or BEL (--osc8-terminator bel, the default under aerc).
const osc8Open = /\x1b\]8;([^;\x07\x1b]*);([^\x07\x1b]+)(?:\x1b\\|\x07)/g;
const osc8Close = /\x1b\]8;;(?:\x1b\\|\x07)/g;
// mailview's own openings: an id= parameter and a URI of printable ASCII only (emit.ts).
const ours = /\x1b\]8;id=[A-Za-z0-9._-]+;[\x21-\x7e]+(?:\x1b\\|\x07)/g;

/** Every OSC 8 opening in the bytes, in order. */
export function osc8Opens(bytes: string): Osc8Open[] {
  return [...bytes.matchAll(osc8Open)].map((m) => ({ params: m[1]!, uri: m[2]! }));
}

/** How many OSC 8 closings (`ESC ] 8 ; ; ST`) the bytes hold. */
export function osc8Closes(bytes: string): number {
  return [...bytes.matchAll(osc8Close)].length;
}

/**
 * What in the bytes could only have come from the message itself: after mailview's own OSC 8
 * sequences are removed, any other OSC or string sequence, any C1 control, any bidi override,
 * and any escape sequence that carries `marker` (a string only the hostile message contains).
 */
export function foreignEscapes(bytes: string, marker: string): string[] {
  const rest = bytes.replace(ours, '').replace(osc8Close, '');
  const found: string[] = [];
  const seen = (what: string, re: RegExp) => {
    for (const m of rest.matchAll(re)) found.push(`${what}: ${JSON.stringify(m[0])}`);
  };
  seen('OSC not written by mailview', /\x1b\][^\x07\x1b]{0,40}/g);
  seen('C1 control', /[\u0080-\u009f].{0,20}/gs);
  seen('bidi control', /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069].{0,20}/gs);
  seen('DCS, APC, PM or SOS string', /\x1b[P_^X][^\x07\x1b]{0,40}/g);
  // Only string sequences can carry text; CSI parameters are digits and punctuation.
  seen('escape sequence carrying the message', new RegExp(`\\x1b(\\[[0-?]*|[\\]P_^X][^\\x07\\x1b]*)${marker}`, 'g'));
  return found;
}

/** The links of a message as `mailview --list-links` prints them: number, URL, text. */
export function parseLinkList(listing: string): { readonly uri: string; readonly text: string }[] {
  return listing
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, uri = '', text = ''] = line.split('\t');
      return { uri, text };
    });
}

/** The indented code blocks of the README section whose heading is `heading`, in order. */
export function readmeBlocks(heading: string): string[] {
  return docBlocks('README.md', heading);
}

/** The indented code blocks of the section whose heading is `heading` in `file` (relative to the checkout), in order. */
export function docBlocks(file: string, heading: string): string[] {
  const doc = readFileSync(`${root}${file}`, 'utf8');
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of section.split('\n')) {
    if (line.startsWith('    ')) current.push(line.slice(4));
    else if (line.trim() === '' && current.length) current.push('');
    else if (current.length) {
      blocks.push(current.join('\n').trim());
      current = [];
    }
  }
  if (current.length) blocks.push(current.join('\n').trim());
  return blocks;
}

/** The `View in browser` link mailview adds when paging an HTML mail: a view file on this host. */
export const viewLinkUri = /^file:\/\/[A-Za-z0-9.-]*\/\S*\/view-[0-9a-f]{16}\.html$/;
