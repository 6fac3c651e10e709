// `npm run bench`: times whole mailview processes against an empty `node -e 0` (F), run by run
// side by side, and against the ripmime + w3m + sed pipeline where those are installed.
// Writes a table to stdout and to bench/results.md. A benchmark, not a test: it asserts nothing.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeInputs } from './inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const warmups = 2;
const node = process.execPath;
// Run as mutt runs it, a command: bin/mailview.js starts from the start-up snapshot once there is one.
const bin = join(root, 'bin/mailview.js');
const mailview = ['--no-pager', '--hyperlinks', 'always'];
// A cache directory of its own, primed before timing (code cache, then the snapshot made after a run).
const cacheHome = mkdtempSync(join(tmpdir(), 'mailview-bench-'));
// The pipeline mailview replaces (README): ripmime splits the parts, w3m renders the HTML, sed
// wraps each URL in OSC 8.
const pipeline =
  'd=$(mktemp -d); ripmime -i - -d "$d" --name-by-type; cat "$d"/text-html* | w3m -dump -o display_link_number=1 -T text/html' +
  " | sed 's!https*://.*!\\x1B]8;;&\\x1B\\\\&\\x1B]8;;\\x1B\\\\!g'; rm -rf \"$d\"";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function has(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

// One whole process, stdin from a file, stdout to /dev/null; wall time in ms.
function timeOnce(command, args, input, drop) {
  const stdin = input ? openSync(input, 'r') : 'ignore';
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: [stdin, 'ignore', 'pipe'], env: benchEnv(drop) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof stdin === 'number') closeSync(stdin);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function benchEnv(drop = []) {
  const env = { ...process.env };
  for (const key of drop) delete env[key];
  for (const key of ['NODE_OPTIONS', 'NODE_COMPILE_CACHE']) delete env[key];
  env.XDG_CACHE_HOME = cacheHome;
  return env;
}

// Peak RSS in MiB, from GNU time's %M (max RSS of the process and its waited-for children).
function peakMiB(command, args, input) {
  if (!existsSync('/usr/bin/time')) return peakFromNode(args, input);
  const peaks = [];
  for (let i = 0; i < 3; i++) {
    const stdin = openSync(input, 'r');
    const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: [stdin, 'ignore', 'pipe'], env: benchEnv() });
    closeSync(stdin);
    peaks.push(Number(r.stderr.toString().trim().split('\n').pop()) / 1024);
  }
  return median(peaks);
}

// Without GNU time: the child reports its own maxRSS (kB) at exit through a preloaded hook.
function peakFromNode(args, input) {
  if (args !== mailview) return NaN;
  const hook = "process.on('exit',()=>process.stderr.write('\\nRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const stdin = openSync(input, 'r');
  const r = spawnSync(bin, args, { stdio: [stdin, 'ignore', 'pipe'], env: { ...benchEnv(), NODE_OPTIONS: `--import data:text/javascript,${encodeURIComponent(hook)}` } });
  closeSync(stdin);
  const m = /RSS (\d+)/.exec(r.stderr.toString());
  return m ? Number(m[1]) / 1024 : NaN;
}

// Interleaved: F, mailview, [pipeline], F, mailview, … so drift hits every figure alike.
function measure(input, withPipeline) {
  const f = [];
  const mv = [];
  const ratios = [];
  const sh = [];
  // A case with runs of its own (seconds each) is not warmed up: its start-up is noise.
  const warm = input.runs === undefined ? warmups : 0;
  for (let i = 0; i < warm + (input.runs ?? runs); i++) {
    const tf = timeOnce(node, ['-e', '0']);
    const tm = timeOnce(bin, mailview, input.path);
    const tp = withPipeline ? timeOnce('sh', ['-c', pipeline], input.path) : NaN;
    if (i < warm) continue;
    f.push(tf);
    mv.push(tm);
    ratios.push(tm / tf);
    sh.push(tp);
  }
  return {
    f: median(f),
    ms: median(mv),
    ratio: median(ratios),
    mib: peakMiB(bin, mailview, input.path),
    pipeline: withPipeline ? median(sh) : NaN,
    pipelineMib: withPipeline ? peakMiB('sh', ['-c', pipeline], input.path) : NaN,
  };
}

const fmt = (n, digits = 0) => (Number.isNaN(n) ? '–' : n.toFixed(digits));
const size = (bytes) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`);

function table(rows, withPipeline) {
  const head = ['input', 'size', 'F ms', 'mailview ms', '×F', 'target ×F', 'peak MiB', 'target MiB'];
  if (withPipeline) head.push('pipeline ms', 'pipeline MiB', 'mailview / pipeline');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { input, r } of rows) {
    const cells = [input.label, size(input.size), fmt(r.f), fmt(r.ms), fmt(r.ratio, 2), `≤ ${input.ratio}`, fmt(r.mib), `≤ ${input.mib}`];
    if (withPipeline) cells.push(fmt(r.pipeline), fmt(r.pipelineMib), fmt(r.ms / r.pipeline, 2));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function main() {
  if (!existsSync(join(root, 'dist/mailview.cjs'))) throw new Error('dist/mailview.cjs is missing: run `npm run build` first');
  const inputs = writeInputs(join(root, 'bench/inputs'));
  const withPipeline = has('ripmime') && has('w3m');
  const snapshot = prime(inputs[0].path);
  const only = process.env.BENCH_ONLY;
  const rows = [];
  for (const input of inputs) {
    if (only && !input.file.startsWith(only)) continue;
    process.stderr.write(`bench: ${input.label} …\n`);
    rows.push({ input, r: measure(input, withPipeline && input.pipeline !== false) });
  }
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const start = snapshot ? 'from the start-up snapshot' : 'without the start-up snapshot';
  const about = `mailview ${version} (${start}), Node ${process.version}, ${runs} runs after ${warmups} warm-up (the large cases 3, none), medians; ` +
    `F = \`node -e 0\` timed side by side.${withPipeline ? '' : ' Pipeline columns need ripmime and w3m.'}${extraCerts()}`;
  const out = `${table(rows, withPipeline)}\n\n${about}\n`;
  process.stdout.write(out);
  // A partial run (BENCH_ONLY=small) prints its rows but leaves the recorded table alone.
  if (!only) writeResults(out);
  rmSync(cacheHome, { recursive: true, force: true });
}

// Node 20 parses NODE_EXTRA_CA_CERTS at start-up, so where it is set F includes that work, which
// mailview's launcher skips (it opens no connection): say so, with F timed without it.
function extraCerts() {
  if (!process.env.NODE_EXTRA_CA_CERTS) return '';
  const bare = [];
  for (let i = 0; i < warmups + runs; i++) {
    const t = timeOnce(node, ['-e', '0'], undefined, ['NODE_EXTRA_CA_CERTS']);
    if (i >= warmups) bare.push(t);
  }
  return ` NODE_EXTRA_CA_CERTS is set: F includes Node reading it at start-up, which mailview's launcher skips; ` +
    `\`node -e 0\` without it: ${fmt(median(bare))} ms.`;
}

// Two runs make the code cache and ask for the snapshot, made in the background: wait for it.
function prime(input) {
  for (let i = 0; i < 2; i++) timeOnce(bin, mailview, input);
  const dir = join(cacheHome, 'mailview');
  // No cache directory (MAILVIEW_CODE_CACHE=0) means no snapshot is asked for.
  if (process.env.MAILVIEW_SNAPSHOT === '0' || !existsSync(dir)) return false;
  const made = () => readdirSync(dir).some((f) => /^snapshot-[0-9a-f]+$/.test(f)) && !readdirSync(dir).some((f) => f.endsWith('.lock'));
  for (let waited = 0; waited < 120_000 && !made(); waited += 200) spawnSync('sleep', ['0.2']);
  const ok = made() && !/ - -$/.test(readFileSync(join(dir, readdirSync(dir).find((f) => /^snapshot-[0-9a-f]+$/.test(f))), 'utf8').trim());
  if (!ok) process.stderr.write('bench: no start-up snapshot could be made; timing without it\n');
  return ok;
}

// results.md keeps its hand-written notes (what each start-up lever bought) below the table.
function writeResults(table) {
  const file = join(root, 'bench/results.md');
  const marker = '<!-- notes -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const notes = old.includes(marker) ? old.slice(old.indexOf(marker)) : `${marker}\n`;
  writeFileSync(file, `# Benchmark results\n\nLatest \`npm run bench\`:\n\n${table}\n${notes}`);
}

main();
