// Every message and HTML file of the shared corpus renders with exit 0 (or 65 with a notice of a
// limit) and no broken invariant (DESIGN.md: corpus run), and renders exactly as the stored digest
// says: a change that moves code must not move a byte of output, and one that means to change output
// shows which files it changed (UPDATE_GOLDEN=1 rewrites test/corpus-digest.json). Skipped with a
// message when the corpus is not beside the checkout.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, filesUnder, render, root } from './helpers/run.js';
import { invariantErrors, stableIds } from './helpers/terminal.js';


// Exit 65 with only these notices is a rendered message: shown whole but for what the notice names.
const notices = [/^mailview: -: more than 1000 parts; only the first \d+ are shown$/];

function shownWithNotice(stderr: string): boolean {
  const lines = stderr.trim().split('\n');
  return lines.every((line) => notices.some((n) => n.test(line)));
}

const present = existsSync(corpusDir);
const files = present ? filesUnder(corpusDir) : [];
const examples = filesUnder(`${root}examples/`);
// Wide with hyperlinks, and narrow with footnotes (tables fall back to cells, URLs break).
const runs = [
  { width: 80, args: ['--hyperlinks', 'always', '--color', 'always', '--footnotes', 'never'] },
  { width: 40, args: ['--hyperlinks', 'never', '--color', 'always', '--footnotes', 'always'] },
];
const digestFile = `${root}test/corpus-digest.json`;

function digestOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest('hex').slice(0, 20);
}

describe.skipIf(!present)('corpus', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(100));
  // One test per file would flood the report; failures are collected and shown together instead.
  it('renders every file with exit 0, no broken invariant, and the stored output', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    const digests: Record<string, string> = {};
    for (const file of [...files, ...examples]) {
      const name = file.startsWith(corpusDir) ? file.slice(corpusDir.length) : file.slice(root.length);
      const html = /\.html?$/.test(file) ? ['--html'] : [];
      const bytes = readFileSync(file);
      const parts: string[] = [];
      for (const { width, args } of runs) {
        const r = await render(bytes, ['--no-pager', '--width', String(width), ...args, ...html]);
        parts.push(String(r.code), r.stderr, stableIds(r.stdout));
        if (r.code !== 0 && !(r.code === 65 && shownWithNotice(r.stderr))) failures.push(`${name}: exit ${r.code}: ${r.stderr.trim()}`);
        else failures.push(...invariantErrors(r.stdout, width).slice(0, 3).map((e) => `${name} at ${width}: ${e}`));
      }
      digests[name] = digestOf(parts);
    }
    expect(failures).toEqual([]);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(digestFile, `${JSON.stringify(digests, null, 1)}\n`);
    const stored = JSON.parse(readFileSync(digestFile, 'utf8')) as Record<string, string>;
    const changed = Object.keys({ ...stored, ...digests }).filter((name) => stored[name] !== digests[name]);
    expect(changed).toEqual([]);
  });
});

if (!present) {
  describe('corpus', () => {
    it.skip(`not found at ${corpusDir}: the corpus run is skipped`, () => {});
  });
}
