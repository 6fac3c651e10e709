// The README stays short, for users, and every relative link in it and in docs/ leads somewhere:
// to a file that exists and, when the link names a heading (`#…`), to a heading of that file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/run.js';

const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside code: indented code blocks and code spans removed. */
function prose(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !line.startsWith('    '))
    .join('\n')
    .replace(/(`+)[\s\S]*?\1/g, '');
}

/** The targets of the inline links and images of `markdown`. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** The anchors GitHub gives the headings of `markdown`. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** What is wrong with each relative link of `file` (relative to the checkout), or of `markdown` as if it were there. */
function brokenLinks(file: string, markdown = readFileSync(join(root, file), 'utf8')): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path = '', anchor] = target.split('#');
    const resolved = path ? join(root, dirname(file), decodeURIComponent(path)) : join(root, file);
    if (!resolved.startsWith(root) || !existsSync(resolved)) {
      broken.push(`${target}: no file ${relative(root, resolved)}`);
      continue;
    }
    if (anchor !== undefined && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${target}: no heading #${anchor}`);
  }
  return broken;
}

describe('README.md', () => {
  it('is at most 200 lines', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines.length).toBeLessThanOrEqual(200);
  });

  it('links into docs/', () => {
    expect(linkTargets(readFileSync(join(root, 'README.md'), 'utf8')).filter((t) => t.startsWith('docs/')).length).toBeGreaterThan(0);
  });
});

describe('relative links', () => {
  it.each(docs)('in %s lead to a file and heading that exist', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('are found and checked: a missing file and a missing heading are reported', () => {
    expect(linkTargets('[a](x.md) ![b [c]](y.png) `[d](z.md)` [e](https://e.example/)\n\n    [f](w.md)\n')).toEqual(['x.md', 'y.png', 'https://e.example/']);
    expect(anchors('# Compared with `w3m -dump`\n## Set-up\n## Set-up\n')).toEqual(new Set(['compared-with-w3m--dump', 'set-up', 'set-up-1']));
    expect(brokenLinks('docs/x.md', '[a](nothing.md) [b](clients.md#nothing) [c](clients.md#less) [d](../README.md#set-up) [e](#nowhere)')).toEqual([
      'nothing.md: no file docs/nothing.md',
      'clients.md#nothing: no heading #nothing',
      '#nowhere: no file docs/x.md',
    ]);
  });
});
