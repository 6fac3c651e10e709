// Every message and HTML file of the shared corpus renders with exit 0 and no broken invariant
// (DESIGN.md: corpus run). Skipped with a message when the corpus is not beside the checkout.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, render } from './helpers/run.js';
import { invariantErrors } from './helpers/terminal.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = `${dir}${name}`;
    if (statSync(path).isDirectory()) return filesUnder(`${path}/`);
    return name.endsWith('.md') ? [] : [path];
  });
}

const present = existsSync(corpusDir);
const files = present ? filesUnder(corpusDir) : [];
// Wide with hyperlinks, and narrow with footnotes (tables fall back to cells, URLs break).
const runs = [
  { width: 80, args: ['--hyperlinks', 'always', '--color', 'always', '--footnotes', 'never'] },
  { width: 40, args: ['--hyperlinks', 'never', '--color', 'always', '--footnotes', 'always'] },
];

describe.skipIf(!present)('corpus', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(100));
  // One test per file would flood the report; failures are collected and shown together instead.
  it('renders every file with exit 0 and no broken invariant', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const file of files) {
      const name = file.slice(corpusDir.length);
      const html = /\.html?$/.test(file) ? ['--html'] : [];
      const bytes = readFileSync(file);
      for (const { width, args } of runs) {
        const r = await render(bytes, ['--no-pager', '--width', String(width), ...args, ...html]);
        if (r.code !== 0) failures.push(`${name}: exit ${r.code}: ${r.stderr.trim()}`);
        else failures.push(...invariantErrors(r.stdout, width).slice(0, 3).map((e) => `${name} at ${width}: ${e}`));
      }
    }
    expect(failures).toEqual([]);
  });
});

if (!present) {
  describe('corpus', () => {
    it.skip(`not found at ${corpusDir}: the corpus run is skipped`, () => {});
  });
}
