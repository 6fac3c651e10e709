// `npm run bench`: times whole mailview processes side by side with F0, an empty `node -e 0`
// started with exactly the environment the launcher gives mailview, and with the ripmime + w3m +
// sed pipeline mailview replaces where those are installed, interleaved run by run. Prints each
// ratio beside its target, with peak RSS, and writes bench/results.md with the machine's core
// count, Node version and load. A benchmark, not a test: it asserts nothing.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeInputs } from './inputs.mjs';
import { primeSnapshot } from './prime.mjs';

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
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function has(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

// The environment every timed process gets. The launcher unsets NODE_EXTRA_CA_CERTS before it
// starts Node (Node 20 parses that file at every start), so F0 runs without it too: otherwise
// F0 pays for work mailview never does and every ratio looks better than it is.
function benchEnv() {
  const env = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'NODE_EXTRA_CA_CERTS']) delete env[key];
  env.XDG_CACHE_HOME = cacheHome;
  return env;
}

// Whether mailview runs from the start-up snapshot in this bench (prime() finds out).
let fromSnapshot = false;

// F0 as the launcher starts Node from the snapshot: with glibc's malloc asked for huge pages too
// (bin/mailview.js), so that a difference that flag makes is not counted as mailview's.
function f0Env() {
  const env = benchEnv();
  if (fromSnapshot) env.GLIBC_TUNABLES = `${env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:` : ''}glibc.malloc.hugetlb=1`;
  return env;
}

// One whole process, stdin from a file, stdout to /dev/null; wall time in ms. `exit` is the code
// the case is expected to end with (65 where the input reaches one of mailview's limits).
function timeOnce(command, args, input, exit = 0, env = benchEnv()) {
  const stdin = input ? openSync(input, 'r') : 'ignore';
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: [stdin, 'ignore', 'pipe'], env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof stdin === 'number') closeSync(stdin);
  if (result.status !== exit) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

// Peak RSS in MiB, from GNU time's %M (max RSS of the process and its waited-for children; for
// the pipeline, its largest process).
function peakMiB(command, args, input) {
  if (!existsSync('/usr/bin/time')) return args === mailview ? peakFromNode(args, input) : NaN;
  const peaks = [];
  for (let i = 0; i < 3; i++) {
    const stdin = openSync(input, 'r');
    const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: [stdin, 'ignore', 'pipe'], env: benchEnv() });
    closeSync(stdin);
    peaks.push(Number(r.stderr.toString().trim().split('\n').pop()) / 1024);
  }
  return median(peaks);
}

// Without GNU time: the child reports its own maxRSS (kB) at exit through a preloaded hook (which
// means starting without the snapshot, since NODE_OPTIONS is set).
function peakFromNode(args, input) {
  const hook = "process.on('exit',()=>process.stderr.write('\\nRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const stdin = openSync(input, 'r');
  const r = spawnSync(bin, args, { stdio: [stdin, 'ignore', 'pipe'], env: { ...benchEnv(), NODE_OPTIONS: `--import data:text/javascript,${encodeURIComponent(hook)}` } });
  closeSync(stdin);
  const m = /RSS (\d+)/.exec(r.stderr.toString());
  return m ? Number(m[1]) / 1024 : NaN;
}

// Interleaved: F0, mailview, [pipeline], then the next run in another order, so drift and the
// other jobs on the machine hit every figure alike. Ratios are taken run by run, then the median.
function measure(input, withPipeline) {
  const f = [];
  const mv = [];
  const sh = [];
  const ofF = [];
  const ofPipeline = [];
  // A case with runs of its own (seconds each) is not warmed up: its start-up is noise.
  const warm = input.runs === undefined ? warmups : 0;
  const jobs = [
    ['f', () => timeOnce(node, ['-e', '0'], undefined, 0, f0Env())],
    ['mv', () => timeOnce(bin, mailview, input.path, input.exit)],
    ...(withPipeline ? [['sh', () => timeOnce('sh', ['-c', pipeline], input.path)]] : []),
  ];
  for (let i = 0; i < warm + (input.runs ?? runs); i++) {
    const t = {};
    for (let k = 0; k < jobs.length; k++) {
      const [name, run] = jobs[(i + k) % jobs.length];
      t[name] = run();
    }
    if (i < warm) continue;
    f.push(t.f);
    mv.push(t.mv);
    ofF.push(t.mv / t.f);
    if (withPipeline) {
      sh.push(t.sh);
      ofPipeline.push(t.mv / t.sh);
    }
  }
  return {
    f: median(f),
    ms: median(mv),
    ofF: median(ofF),
    mib: peakMiB(bin, mailview, input.path),
    pipeline: withPipeline ? median(sh) : NaN,
    ofPipeline: withPipeline ? median(ofPipeline) : NaN,
    pipelineMib: withPipeline ? peakMiB('sh', ['-c', pipeline], input.path) : NaN,
  };
}

const fmt = (n, digits = 0) => (Number.isNaN(n) ? '–' : n.toFixed(digits));
const size = (bytes) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`);
const met = (value, target) => (Number.isNaN(value) ? '' : value <= target ? ' ✓' : ' ✗');

function table(rows) {
  const head = ['input', 'size', 'F0 ms', 'pipeline ms', 'mailview ms', '×F0', '×pipeline', 'target', 'peak MiB', 'target MiB', 'pipeline MiB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { input, r } of rows) {
    const time = input.of === 'pipeline' ? r.ofPipeline : r.ofF;
    lines.push(
      `| ${[
        input.label,
        size(input.size),
        fmt(r.f),
        fmt(r.pipeline),
        fmt(r.ms),
        fmt(r.ofF, 2),
        fmt(r.ofPipeline, 2),
        `≤ ${input.ratio.toFixed(1)} ×${input.of}${met(time, input.ratio)}`,
        fmt(r.mib),
        `≤ ${input.mib}${met(r.mib, input.mib)}`,
        fmt(r.pipelineMib),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

// bench/hostile.mjs, where present, times hostile inputs and returns markdown lines of its own,
// from this bench's primed cache.
async function hostile() {
  const file = join(root, 'bench/hostile.mjs');
  if (!existsSync(file)) return [];
  const { runHostile } = await import(pathToFileURL(file).href);
  if (typeof runHostile !== 'function') return [];
  process.stderr.write('bench: hostile inputs …\n');
  return runHostile({ cacheHome });
}

async function main() {
  if (!existsSync(join(root, 'dist/mailview.cjs'))) throw new Error('dist/mailview.cjs is missing: run `npm run build` first');
  const inputs = writeInputs(join(root, 'bench/inputs'));
  const withPipeline = has('ripmime') && has('w3m');
  const snapshot = (fromSnapshot = prime(inputs[0].path));
  // BENCH_ONLY=small,digest times only the inputs whose file names start with one of those.
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  // The hostile inputs are timed first, in absolute seconds: this shared machine runs slower after
  // minutes of load (every hostile case took ~40% longer right after the cases below), while the
  // ratios below are taken run by run beside F0 and the pipeline.
  const hostileLines = only ? [] : await hostile();
  const loadBefore = load();
  const rows = [];
  for (const input of inputs) {
    if (only && !only.some((o) => input.file.startsWith(o))) continue;
    process.stderr.write(`bench: ${input.label} …\n`);
    rows.push({ input, r: measure(input, withPipeline && input.pipeline !== false) });
  }
  const loadAfter = load();
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const start = snapshot ? 'from the start-up snapshot' : 'without the start-up snapshot';
  const about =
    `mailview ${version} (${start}), Node ${process.version}, \`nproc\` ${availableParallelism()}, ` +
    `load average ${loadBefore} before and ${loadAfter} after the timed runs. ` +
    `${runs} runs after ${warmups} warm-up (the large cases 3, none), interleaved; medians, the ratios run by run. ` +
    'F0 = `node -e 0` with the environment the launcher gives mailview (no NODE_EXTRA_CA_CERTS, no NODE_OPTIONS; GLIBC_TUNABLES as for a snapshot run). ' +
    (withPipeline ? 'Pipeline = ripmime | w3m -dump | sed (OSC 8).' : 'Pipeline columns need ripmime and w3m.');
  const out = `${table(rows)}\n\n${about}\n${hostileLines.length ? `\n${hostileLines.join('\n')}\n` : ''}`;
  process.stdout.write(out);
  // A partial run (BENCH_ONLY=small) prints its rows but leaves the recorded table alone.
  if (!only) writeResults(out);
  rmSync(cacheHome, { recursive: true, force: true });
}

// The code cache and the snapshot made before anything is timed (bench/prime.mjs).
function prime(input) {
  const ok = primeSnapshot(bin, mailview, input, benchEnv());
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

await main();
