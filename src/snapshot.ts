// Makes the start-up snapshot that bin/mailview.js starts Node from (docs/performance.md), in a
// detached process after a run that asked for one, so no run ever waits for it. A snapshot is used
// only after it rendered a sample exactly as the plain bundle does; a Node that cannot make one is
// recorded, so it is not asked again.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// V8 flags the snapshot is made and started with (Node refuses it under other flags); the index
// records them for bin/mailview.js. Young-generation semi-spaces of at most 8 MB (set here so that
// it does not depend on the machine's memory): on the 5 MB digest 4 MB meant 101 scavenges and
// ~200 ms of GC (bench/results.md); 16 MB was no faster than 8 on the digest, a 100,000-row table
// or an mbox of 40,000 messages (through the launcher, 12 runs each: median 1.80 s with 8, 1.87 with
// 16), and held more at the peak (a 1 MB To: 127-138 MiB with 8, 136-150 with 16). Smaller mails
// never grow it that far. Four times V8's interrupt budget leaves a run of a
// fraction of a second to the interpreter and baseline code instead of optimising compiles that
// compete for the CPU and finish too late to pay (bench/results.md). Not rehashing the snapshot's
// strings and dictionaries at start keeps the hash seed drawn when this snapshot was made (random,
// one per snapshot) instead of one per run, and saves ~5 ms of every run. A function gets its
// feedback vector (and with it a Sparkplug compile, which a snapshot never keeps) after twice
// V8's usual share of interpreted work: fewer of a short run's functions are compiled for a few
// calls each (5 KB mail 174 -> 169 M instructions, the newsletter no heavier). Semi-spaces start
// at 4 MB instead of 1: the newsletter's scavenges took 19 M instructions, now 3 M (5 MB digest
// 232 -> 175 M), for ~1 000 more page faults there and none in a small mail, which never fills one.
const v8Flags = [
  '--max-semi-space-size=8',
  '--min-semi-space-size=4',
  '--interrupt-budget=270000',
  '--no-rehash-snapshot',
  '--interrupt-budget-for-feedback-allocation=1880',
  '--interrupt-budget-factor-for-feedback-allocation=16',
];

/** Start making the snapshot `request` names ("INDEX NODE-ID", from bin/mailview.js) once this process exits. */
export function requestSnapshot(request: string, dist: string): void {
  const [index, nodeId] = request.split(/ (?=[^ ]+$)/);
  if (!index || !nodeId || !/^[\d-]+$/.test(nodeId)) return;
  process.once('exit', () => {
    try {
      const script = 'require(process.argv[1]).makeSnapshot(process.argv[2], process.argv[3], process.argv[4])';
      spawn(process.execPath, ['-e', script, join(dist, 'boot.cjs'), index, nodeId, dist], { detached: true, stdio: 'ignore' }).unref();
    } catch {
      // No snapshot this time; the next run asks again.
    }
  });
}

/** Make, check and record the snapshot for build index `index` and the Node binary `nodeId` names. */
export function makeSnapshot(index: string, nodeId: string, dist: string): void {
  const lock = `${index}.lock`;
  if (!takeLock(lock)) return;
  try {
    const dir = dirname(index);
    const name = `${basename(index)}-${nodeId}.blob`;
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    const made = build(temp, dist) && rendersAlike(temp, dist);
    if (made) renameSync(temp, join(dir, name));
    else removeQuietly(temp);
    const stamp = made ? fileId(join(dir, name)) : undefined;
    writeAtomically(index, stamp ? `${[nodeId, stamp, name, ...v8Flags].join(' ')}\n` : `${nodeId} - -\n`);
    removeStale(dir);
  } finally {
    removeQuietly(lock);
  }
}

function build(blob: string, dist: string): boolean {
  const env = { ...process.env, NODE_OPTIONS: '' };
  const r = spawnSync(process.execPath, [...v8Flags, '--snapshot-blob', blob, '--build-snapshot', join(dist, 'snapshot.cjs')], { stdio: 'ignore', env, timeout: 120_000 });
  return r.status === 0;
}

// The snapshot must render the sample byte for byte as the plain bundle does, and start cleanly.
function rendersAlike(blob: string, dist: string): boolean {
  const bin = join(dist, '..', 'bin', 'mailview.js');
  // --no-config: the user's config file must neither change the sample nor, when broken, fail it.
  const args = ['--no-pager', '--no-config', '--hyperlinks', 'never', '--color', 'always', '--width', '60'];
  const env = { ...process.env, NODE_OPTIONS: '', MAILVIEW_CODE_CACHE: '0' };
  const run = (node: string[]) => spawnSync(process.execPath, [...node, bin, ...args], { input: sample, env, timeout: 60_000 });
  const plain = run([]);
  const snap = run([...v8Flags, '--snapshot-blob', blob]);
  return plain.status === 0 && snap.status === 0 && snap.stderr.length === 0 && plain.stdout.length > 0 && snap.stdout.equals(plain.stdout);
}

const sample = [
  'From: Check <check@example.com>',
  'Subject: snapshot check',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<h1>Check</h1><p>A <a href="https://example.com/">link</a> and <b>bold</b> text.</p><ul><li>one</li></ul>',
].join('\r\n');

// The same size-mtime-inode that bin/mailview.js reads with stat(1), so both sides agree exactly.
function fileId(path: string): string | undefined {
  const r = spawnSync('stat', ['-L', '--printf', '%s-%Y-%i', '--', path], { encoding: 'utf8' });
  return r.status === 0 && /^\d+-\d+-\d+$/.test(r.stdout) ? r.stdout : undefined;
}

function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      return true;
    } catch {
      // Another process is making it, unless its lock is old enough to be left over from a crash.
      try {
        if (Date.now() - statSync(lock).mtimeMs < 10 * 60_000) return false;
        unlinkSync(lock);
      } catch {
        return false;
      }
    }
  }
  return false;
}

function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, path);
}

// Keep the indexes of the two newest builds and the snapshots they name; a snapshot is ~10 MB.
function removeStale(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.startsWith('snapshot-') && !f.endsWith('.lock') && !f.endsWith('.tmp'));
  const indexes = files
    .filter((f) => !f.endsWith('.blob'))
    .map((f) => ({ f, mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const kept = new Set<string>();
  for (const { f } of indexes.slice(0, keptBuilds)) kept.add(f).add(readFileSync(join(dir, f), 'utf8').trim().split(' ')[2] ?? '');
  for (const f of files) if (!kept.has(f)) removeQuietly(join(dir, f));
}

const keptBuilds = 2;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
