// Every message and HTML file of the shared corpus renders with exit 0 (or 65 with a notice of a
// limit) and no broken invariant
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

// Exit 65 with only these notices is a rendered message: shown whole but for what the notice names.
const notices = [/^mailview: -: more than 1000 parts; only the first \d+ are shown$/];

function shownWithNotice(stderr: string): boolean {
  const lines = stderr.trim().split('\n');
  return lines.every((line) => notices.some((n) => n.test(line)));
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
        if (r.code !== 0 && !(r.code === 65 && shownWithNotice(r.stderr))) failures.push(`${name}: exit ${r.code}: ${r.stderr.trim()}`);
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
