import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { root } from './run.js';

/** Where the golden fixtures live: NAME.eml|.html|.mbox, NAME.args, NAME.ansi.txt, NAME.plain.txt. */
export const fixtureDir = `${root}test/fixtures/`;

/** The flags NAME.ansi.txt is rendered with, before the fixture's own. */
export const richArgs = ['--no-pager', '--width', '72', '--hyperlinks', 'always', '--color', 'always', '--footnotes', 'never'];

/** The extra flags of fixture NAME (its NAME.args file), if any. */
export function fixtureArgs(name: string): string[] {
  const file = `${fixtureDir}${name}.args`;
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
}

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. A missing golden fails. */
export function expectGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1 to create it)`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
