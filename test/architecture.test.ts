// The layout of src/ as docs/architecture.md describes it: stage folders with data flowing one way,
// no import circle between modules or between folders, a small root, small folders, and each
// library behind exactly one module. Imports are read from the source text (type-only ones too: a
// circle of types is still a circle for a reader).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/run.js';

const src = join(root, 'src');
const modules = (readdirSync(src, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts')).sort();

function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(join(src, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|\brequire\('([^']+)'\)|\bimport\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const local = specs.filter((s) => s.startsWith('.')).map((s) => relative(src, resolve(dirname(join(src, file)), s)).replace(/\.js$/, '.ts')).filter((s) => modules.includes(s));
  const packages = specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
  return { local: [...new Set(local)], packages: [...new Set(packages)] };
}

const graph = new Map(modules.map((m) => [m, importsOf(m)]));
const folderOf = (m: string) => dirname(m);

// Every cycle reachable in a graph, each given once by the path that closes it (depth-first search).
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    path.push(n);
    for (const next of edges.get(n) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(n, 'done');
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('source layout', () => {
  it('has no import circle between modules', () => {
    expect(cycles(new Map([...graph].map(([m, i]) => [m, i.local])))).toEqual([]);
  });

  it('has no import circle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const [m, i] of graph) {
      for (const to of i.local) if (folderOf(to) !== folderOf(m)) (edges.get(folderOf(m)) ?? edges.set(folderOf(m), new Set()).get(folderOf(m))!).add(folderOf(to));
    }
    expect(cycles(new Map([...edges].map(([f, s]) => [f, [...s]])))).toEqual([]);
  });

  it('keeps only the entry and start-up files in the src/ root, and at most 15 modules a folder', () => {
    expect(modules.filter((m) => !m.includes('/')).sort()).toEqual(['boot.ts', 'main.ts', 'snapshot.ts']);
    const counts = new Map<string, number>();
    for (const m of modules) counts.set(folderOf(m), (counts.get(folderOf(m)) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 15)).toEqual([]);
  });

  it('puts each library behind exactly one module', () => {
    const importers = new Map<string, string[]>();
    for (const [m, i] of graph) for (const p of i.packages) importers.set(p, [...(importers.get(p) ?? []), m]);
    const shared = [...importers].filter(([, ms]) => ms.length > 1).map(([p, ms]) => `${p}: ${ms.join(', ')}`);
    expect(shared).toEqual([]);
    expect(importers.get('mailparser')).toEqual(['mime/mail.ts']);
    expect(importers.get('html-to-text')).toEqual(['render/html/html.ts']);
  });

  it('has the stage folders docs/architecture.md draws, and no comment citing an issue number', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    for (const folder of new Set(modules.map(folderOf))) if (folder !== '.') expect(doc).toContain(`src/${folder}/`);
    const citing = modules.filter((m) => /\/\/.*\bissues? \d+|\/\*[^]*?\bissues? \d+[^]*?\*\//i.test(readFileSync(join(src, m), 'utf8')));
    expect(citing).toEqual([]);
  });
});
