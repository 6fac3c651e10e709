import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { root } from './run.js';

/** Where the golden fixtures live: NAME.eml|.html|.mbox, NAME.args, NAME.ansi.txt, NAME.plain.txt, NAME.stderr.txt. */
export const fixtureDir = `${root}test/fixtures/`;

/** The flags NAME.ansi.txt is rendered with, before the fixture's own. */
export const richArgs = ['--no-pager', '--width', '72', '--hyperlinks', 'always', '--color', 'always', '--footnotes', 'never'];

const envWord = /^[A-Z_][A-Z0-9_]*=/;

function argsWords(name: string): string[] {
  const file = `${fixtureDir}${name}.args`;
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
}

/** The extra flags of fixture NAME (its NAME.args file), if any. */
export function fixtureArgs(name: string): string[] {
  return argsWords(name).filter((w) => !envWord.test(w));
}

/** The environment of fixture NAME: the `VAR=value` words of its NAME.args file (`TZ=Europe/Berlin`). */
export function fixtureEnv(name: string): Record<string, string> {
  const pairs = argsWords(name).filter((w) => envWord.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
  return Object.fromEntries(pairs);
}

/** What fixture NAME's run must write on stderr (NAME.stderr.txt, exit 65), or '' (exit 0). */
export function fixtureStderr(name: string): { readonly stderr: string; readonly code: number } {
  const file = `${fixtureDir}${name}.stderr.txt`;
  return existsSync(file) ? { stderr: readFileSync(file, 'utf8'), code: 65 } : { stderr: '', code: 0 };
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
