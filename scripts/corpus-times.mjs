// Renders every file of ../shared/corpus (or the directory given) in-process and reports how long
// each took, the slowest ones, and every run that exited non-zero or took 2 s or more.
// Usage: node scripts/corpus-times.mjs [DIR]
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';

const dir = process.argv[2] ?? new URL('../../shared/corpus/', import.meta.url).pathname;
const out = join(tmpdir(), `mailview-cli-${process.pid}.mjs`);
await build({ entryPoints: ['src/cli/cli.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" } });
const { main } = await import(out);

const files = (function walk(d) {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
})(dir).filter((f) => !f.endsWith('.md'));

const results = [];
for (const file of files) {
  const args = ['--no-pager', '--width', '80', '--hyperlinks', 'always', '--color', 'always', ...(file.endsWith('.html') ? ['--html'] : [])];
  const sink = new PassThrough().resume();
  const err = new PassThrough();
  let stderr = '';
  err.on('data', (c) => (stderr += c));
  const start = performance.now();
  const code = await main({ argv: args, env: {}, stdin: Readable.from([readFileSync(file)]), stdout: sink, stderr: err, pid: 1 });
  results.push({ file: file.slice(dir.length), ms: performance.now() - start, code, stderr: stderr.trim() });
}
results.sort((a, b) => b.ms - a.ms);
console.log(`${results.length} files, total ${(results.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(1)} s`);
for (const r of results.slice(0, 8)) console.log(`${r.ms.toFixed(0).padStart(6)} ms  ${r.file}`);
const bad = results.filter((r) => r.ms >= 2000 || r.code !== 0);
for (const r of bad) console.log(`${r.ms >= 2000 ? 'SLOW' : 'EXIT'} ${r.code} ${r.ms.toFixed(0)} ms ${r.file} ${r.stderr}`);
process.exitCode = results.some((r) => r.ms >= 2000) ? 1 : 0;
