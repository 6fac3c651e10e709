// Whatever characters an HTML mail holds (every plane, lone surrogates, the U+xxx00-U+xxx1F blocks
// that once looked like renderer markers), the visible text that comes out is the text that went in,
// and every link in the output is an <a> of the input with that href, covering that anchor's text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../src/document/terminal.js';
import { dropMarks } from '../src/layout/marks.js';
import { render } from './helpers/run.js';
import { stripEscapes } from './helpers/terminal.js';

// Code points from anywhere, with a strong bias towards the blocks whose low half is U+DC00-U+DC1F
// (U+1F400-U+1F41F, U+20000-U+2001F …), lone surrogates and controls.
const codePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }),
  fc.tuple(fc.integer({ min: 0, max: 0x10f }), fc.integer({ min: 0, max: 0x1f })).map(([hi, lo]) => hi * 0x100 + lo),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0x200e, 0x200f, 0x61c, 0xad, 0x0c, 0x1f40d, 0x1f41b, 0x1f41d, 0x1f41e, 0x1f400, 0x1f41f, 0x20000, 0x2001f, 0xfffe, 0xffff, 0xe000, 0x0, 0x1b, 0x9b, 0x20, 0x0a),
);
const char = codePoint.map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const words = fc.array(char, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));

interface Node {
  readonly html: string;
  /** The text a reader should see, before neutralising. */
  readonly text: string;
  readonly links: ReadonlyArray<{ readonly href: string; readonly text: string }>;
}

// Each text node is its own string in the DOM: its lone surrogates never pair with a neighbour's.
const textNode: fc.Arbitrary<Node> = words.map((w) => ({ html: escape(w), text: w.toWellFormed(), links: [] }));
const tags = ['p', 'div', 'span', 'b', 'i', 'u', 'em', 'strong', 'h2', 'center', 'section'];

let hrefCount = 0;
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    textNode,
    fc.tuple(fc.constantFrom(...tags), words, fc.array(tie('node'), { maxLength: 4 })).map(([tag, title, kids]) => element(tag, title, kids)),
    fc.tuple(words, fc.array(textNode, { maxLength: 3 })).map(([title, kids]) => anchor(title, kids)),
    fc.constant<Node>({ html: '<br>', text: '', links: [] }),
  ),
})).node;

function element(tag: string, title: string, kids: readonly Node[]): Node {
  // Text nodes side by side are kept apart by a tag, so each one is its own string in the DOM too.
  const html = kids.map((k) => k.html).join('<span></span>');
  return { html: `<${tag} title="${escape(title)}">${html}</${tag}>`, text: kids.map((k) => k.text).join(''), links: kids.flatMap((k) => k.links) };
}

function anchor(title: string, kids: readonly Node[]): Node {
  const href = `https://example.com/a${hrefCount++}`;
  // An anchor always has a letter of its own: one with no visible text shows its URL instead.
  const text = `x${kids.map((k) => k.text).join('')}`;
  const html = `<a href="${href}" title="${escape(title)}">x${kids.map((k) => k.html).join('<span></span>')}</a>`;
  return { html, text, links: [{ href, text }] };
}

// Without HTML's white space (which the renderer collapses), then neutralised as emit.ts writes it.
const squeeze = (s: string) => s.replace(/[ \t\r\n\f\u200b]+/g, '');
// Soft hyphens and directional marks are dropped before layout (marks.ts).
const expectText = (s: string) => neutralise(dropMarks(squeeze(s)));

/** Visible text per OSC 8 id, and every id's URI. */
function linkRuns(out: string): Map<string, { uri: string; text: string }> {
  const runs = new Map<string, { uri: string; text: string }>();
  const re = /\x1b\]8;id=([^;]*);([^\x1b]*)\x1b\\([\s\S]*?)\x1b\]8;;\x1b\\/g;
  for (const m of out.matchAll(re)) {
    const run = runs.get(m[1]!) ?? { uri: m[2]!, text: '' };
    expect(run.uri).toBe(m[2]);
    run.text += stripEscapes(m[3]!);
    runs.set(m[1]!, run);
  }
  return runs;
}

describe('HTML text in, the same text out', () => {
  it('keeps every character the sender wrote and links exactly the anchors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 5 }), async (nodes) => {
        const doc = element('div', '', nodes);
        const r = await render(doc.html, ['--html', '--no-pager', '--width', '200', '--hyperlinks', 'always', '--color', 'always']);
        expect(r.code).toBe(0);
        expect(squeeze(stripEscapes(r.stdout))).toBe(expectText(doc.text));
        const runs = [...linkRuns(r.stdout).values()];
        expect(runs.map((x) => x.uri)).toEqual(doc.links.map((l) => l.href));
        runs.forEach((run, i) => expect(squeeze(run.text)).toBe(expectText(doc.links[i]!.text)));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['rats to fish, at the end of a line', 'a 🐀🐁🐂🐃🐄🐅🐆🐇🐈🐉🐊🐋🐌🐍🐎🐏🐐🐑🐒🐓🐔🐕🐖🐗🐘🐙🐚🐛🐜🐝🐞🐟'],
    ['CJK Extension B', '\u{20000}\u{20001}\u{2000a}\u{2001f} text'],
    ['a lone low surrogate entity', 'before &#xDC01; after'],
  ])('shows %s as written, and links only the anchor', async (_name, text) => {
    const html = `<p><a href="https://example.com/one">one</a> ${text}</p><p>second line</p><p>third 🐞</p><p>fourth</p>`;
    const r = await render(html, ['--html', '--no-pager', '--hyperlinks', 'always', '--color', 'never']);
    const plain = stripEscapes(r.stdout);
    expect(plain).toContain(text.replace('&#xDC01;', '\uFFFD'));
    expect(plain).toContain('fourth');
    expect([...linkRuns(r.stdout).values()]).toEqual([{ uri: 'https://example.com/one', text: 'one' }]);
  });
});
