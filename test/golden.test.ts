// Golden outputs: every test/fixtures/NAME.eml (or .html) rendered twice, with escapes
// (NAME.ansi.txt, ␛ for ESC) and without (NAME.plain.txt). NAME.args adds flags and `VAR=value`
// environment words; NAME.stderr.txt, when present, is what stderr must say (and the exit code 65).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureArgs as extraArgs, fixtureDir as dir, fixtureEnv, fixtureStderr, richArgs as rich } from './helpers/golden.js';
import { render } from './helpers/run.js';
import { invariantErrors, stableIds, stripEscapes, visible } from './helpers/terminal.js';

const inputs = readdirSync(dir).filter((f) => /\.(eml|html|mbox)$/.test(f));

const plain = ['--no-pager', '--width', '72', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

function widthOf(args: readonly string[]): number {
  const i = args.lastIndexOf('--width');
  return Number(args[i + 1]);
}

describe('golden fixtures', () => {
  it('has fixtures', () => expect(inputs.length).toBeGreaterThan(5));
  for (const file of inputs) {
    const name = file.replace(/\.[^.]+$/, '');
    it(name, async () => {
      const bytes = readFileSync(dir + file);
      const extra = extraArgs(name);
      const env = fixtureEnv(name);
      const expected = fixtureStderr(name);
      const a = await render(bytes, [...rich, ...extra], env);
      const p = await render(bytes, [...plain, ...extra], env);
      expect(a.stderr).toBe(expected.stderr);
      expect(a.code).toBe(expected.code);
      expect(p.code).toBe(expected.code);
      expectGolden(`${dir}${name}.ansi.txt`, visible(stableIds(a.stdout)));
      expectGolden(`${dir}${name}.plain.txt`, p.stdout);
      expect(stripEscapes(a.stdout)).toBe(p.stdout);
      expect(invariantErrors(a.stdout, widthOf([...rich, ...extra]))).toEqual([]);
    });
  }
});
