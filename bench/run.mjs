// `npm run bench`: times whole mailview processes against an empty `node -e 0` (F), run by run
// side by side, and against the ripmime + w3m + sed pipeline where those are installed.
// Writes a table to stdout and to bench/results.md. A benchmark, not a test: it asserts nothing.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeInputs } from './inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const warmups = 2;
const node = process.execPath;
const mailview = [join(root, 'bin/mailview.js'), '--no-pager', '--hyperlinks', 'always'];
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
function timeOnce(command, args, input) {
  const stdin = input ? openSync(input, 'r') : 'ignore';
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: [stdin, 'ignore', 'pipe'], env: benchEnv() });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof stdin === 'number') closeSync(stdin);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function benchEnv() {
  const env = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'NODE_COMPILE_CACHE']) delete env[key];
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
  if (args[0] !== mailview[0]) return NaN;
  const hook = "process.on('exit',()=>process.stderr.write('\\nRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const stdin = openSync(input, 'r');
  const r = spawnSync(node, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, ...args], { stdio: [stdin, 'ignore', 'pipe'] });
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
  for (let i = 0; i < warmups + runs; i++) {
    const tf = timeOnce(node, ['-e', '0']);
    const tm = timeOnce(node, mailview, input.path);
    const tp = withPipeline ? timeOnce('sh', ['-c', pipeline], input.path) : NaN;
    if (i < warmups) continue;
    f.push(tf);
    mv.push(tm);
    ratios.push(tm / tf);
    sh.push(tp);
  }
  return {
    f: median(f),
    ms: median(mv),
    ratio: median(ratios),
    mib: peakMiB(node, mailview, input.path),
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
  const only = process.env.BENCH_ONLY;
  const rows = [];
  for (const input of inputs) {
    if (only && !input.file.startsWith(only)) continue;
    process.stderr.write(`bench: ${input.label} …\n`);
    rows.push({ input, r: measure(input, withPipeline) });
  }
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const about = `mailview ${version}, Node ${process.version}, ${runs} runs after ${warmups} warm-up, medians; ` +
    `F = \`node -e 0\` timed side by side.${withPipeline ? '' : ' Pipeline columns need ripmime and w3m.'}`;
  const out = `${table(rows, withPipeline)}\n\n${about}\n`;
  process.stdout.write(out);
  // A partial run (BENCH_ONLY=small) prints its rows but leaves the recorded table alone.
  if (!only) writeResults(out);
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
