// The bundled samples (examples/NAME.eml, shown by --sample) are golden fixtures too, so they
// never rot: each renders as test/fixtures/examples/NAME.ansi.txt and NAME.plain.txt say.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usage } from '../src/cli/options.js';
import { expectGolden, richArgs as rich } from './helpers/golden.js';
import { render, root } from './helpers/run.js';
import { invariantErrors, stableIds, stripEscapes, visible } from './helpers/terminal.js';

const examples = `${root}examples/`;
const goldens = `${root}test/fixtures/examples/`;
const names = readdirSync(examples)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.slice(0, -'.eml'.length));

const plain = ['--no-pager', '--width', '72', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

describe('bundled samples', () => {
  it('are the five the README and --help name', () => {
    expect(names.sort()).toEqual(['hostile', 'invitation', 'newsletter', 'receipt', 'reply']);
    const option = usage.slice(usage.indexOf('--sample'), usage.indexOf('\n      --', usage.indexOf('--sample')));
    const readme = readFileSync(`${root}README.md`, 'utf8');
    for (const name of names) {
      expect(option).toContain(name);
      expect(readme).toContain(`\`${name}\``);
    }
  });

  it('have no golden files left over from a removed sample', () => {
    const stale = readdirSync(goldens).filter((f) => !names.includes(f.replace(/\.(ansi|plain)\.txt$/, '')));
    expect(stale).toEqual([]);
  });

  for (const name of names) {
    it(name, async () => {
      const bytes = readFileSync(`${examples}${name}.eml`);
      const a = await render(bytes, rich);
      const p = await render(bytes, plain);
      expect(a.stderr).toBe('');
      expect(a.code).toBe(0);
      expect(p.code).toBe(0);
      expectGolden(`${goldens}${name}.ansi.txt`, visible(stableIds(a.stdout)));
      expectGolden(`${goldens}${name}.plain.txt`, p.stdout);
      expect(stripEscapes(a.stdout)).toBe(p.stdout);
      expect(invariantErrors(a.stdout, 72)).toEqual([]);
    });
  }
});

// What each sample is there to show, so a golden rewritten by mistake cannot drop it unnoticed.
describe('bundled samples show what they are for', () => {
  const text = (name: string) => readFileSync(`${goldens}${name}.plain.txt`, 'utf8');

  it('newsletter: a data table, an image and a list line', () => {
    expect(text('newsletter')).toMatch(/^Version +│ Date +│ Highlights$/m);
    expect(text('newsletter')).toContain('[image: Tern, the little text editor]');
    expect(text('newsletter')).toMatch(/^List: Unsubscribe · Archive$/m);
  });

  it('reply: nested quotes', () => {
    expect(text('reply')).toMatch(/^> > Who can help carry\?/m);
  });

  it('receipt: item and price rows', () => {
    expect(text('receipt')).toMatch(/^Total +│ +│ €53\.32$/m);
  });

  it('hostile: no control character and a deceptive-link warning', () => {
    const raw = readFileSync(`${examples}hostile.eml`, 'utf8');
    expect(raw).toContain('=1B]52;c;'); // quoted-printable ESC
    expect(text('hostile')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(text('hostile')).toContain('Subject: Account locked\uFFFD]2;');
    expect(text('hostile')).toMatch(/www\.paypal\.com \[→\s+evil\.example\]/);
  });

  it('invitation: carries a METHOD:REQUEST calendar part', () => {
    expect(readFileSync(`${examples}invitation.eml`, 'utf8')).toMatch(/^Content-Type: text\/calendar;.*method=REQUEST$/m);
    expect(text('invitation')).toContain('Design review, new onboarding screens');
  });
});
