// Hostile and merely large inputs: each is generated into a temporary directory (never checked in
// at full size), run through `bin/mailview.js --no-pager` as mutt runs it, and measured for wall
// time and peak RSS beside its target. `node bench/hostile.mjs` prints the table; run.mjs calls
// runHostile() for the same rows.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { primeSnapshot } from './prime.mjs';

// MAILVIEW_ROOT: another checkout's build to measure (a baseline), this one's by default.
const root = process.env.MAILVIEW_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;
// A case that runs away is stopped here and reported as such, so the bench itself never hangs.
const killAfter = Number(process.env.BENCH_HOSTILE_TIMEOUT ?? 30) * 1000;

const mailHead = (subject, type) =>
  ['From: Hostile <hostile@example.com>', 'To: reader@example.org', 'Date: Tue, 04 Mar 2025 09:30:00 +0000', `Subject: ${subject}`, 'MIME-Version: 1.0', `Content-Type: ${type}`, '', ''].join('\r\n');

const calendarMail = (subject, body) => mailHead(subject, 'text/calendar; charset=utf-8; method=REQUEST') + ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//hostile//EN', 'METHOD:REQUEST', ...body, 'END:VCALENDAR', ''].join('\r\n');

const event = (uid, summary, start, extra = []) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', start, `SUMMARY:${summary}`, ...extra, 'END:VEVENT'];

// A zone of its own name (not in the tz database), so its VTIMEZONE is what resolves the times: a
// rule for every day of the year with a huge COUNT from 1601, asked for in fifty different years.
function zoneCount(out) {
  const rule = (kind, offsets) => [`BEGIN:${kind}`, 'DTSTART:16010101T020000', 'RRULE:FREQ=YEARLY;COUNT=2000000000;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU', ...offsets, `END:${kind}`];
  const zone = ['BEGIN:VTIMEZONE', 'TZID:Hostile Standard Time', ...rule('STANDARD', ['TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100']), ...rule('DAYLIGHT', ['TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200']), 'END:VTIMEZONE'];
  const exdates = Array.from({ length: 50 }, (_, i) => `EXDATE;TZID=Hostile Standard Time:${9999 - i * 100}1231T100000`);
  out.write(calendarMail('A zone rule with a huge COUNT', [...zone, ...event('zone@example.com', 'Far future', 'DTSTART;TZID=Hostile Standard Time:99991231T100000', ['RRULE:FREQ=YEARLY', ...exdates])]));
}

function hugeDuration(out) {
  out.write(calendarMail('A duration of ten billion weeks', event('duration@example.com', 'Forever', 'DTSTART:20261201T100000Z', ['DURATION:P9999999999W'])));
}

function manyEvents(out) {
  const body = [];
  for (let i = 0; i < 10_000; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    body.push(...event(`e${i}@example.com`, `Event number ${i + 1}`, `DTSTART:2026${String((i % 12) + 1).padStart(2, '0')}${day}T100000Z`, ['DTEND:20261231T110000Z', 'LOCATION:Room 4', 'ORGANIZER;CN=Organiser:mailto:org@example.com', 'ATTENDEE;CN=Reader;PARTSTAT=NEEDS-ACTION:mailto:reader@example.org']));
  }
  out.write(calendarMail('Ten thousand events', body));
}

// The config file names a header field 300 times; the message's To: is 1 MB of addresses.
function bigTo(out) {
  const addresses = [];
  for (let size = 0, i = 0; size < MiB; i++) {
    const a = `"Reader ${i}" <reader${i}@example.org>`;
    addresses.push(a);
    size += a.length + 3;
  }
  out.write(`From: Hostile <hostile@example.com>\r\nTo: ${addresses.join(',\r\n ')}\r\nSubject: Many readers\r\nDate: Tue, 04 Mar 2025 09:30:00 +0000\r\n\r\nHello.\r\n`);
}
const repeatedHeaders = `headers = "${Array.from({ length: 300 }, () => 'to').join(',')}"\n`;

function mbox(out) {
  for (let i = 1; i <= 40_000; i++) {
    out.write(`From sender${i}@example.com Tue Mar  4 09:30:00 2025\n`);
    out.write(`From: Sender ${i} <sender${i}@example.com>\nTo: reader@example.org\nSubject: Message number ${i}\nDate: Tue, 04 Mar 2025 09:30:00 +0000\n\nThis is message ${i} of the mbox.\nIt has two lines.\n\n`);
  }
}

async function bigAttachment(out) {
  const boundary = 'hostile-boundary';
  out.write(mailHead('A 200 MB attachment', `multipart/mixed; boundary="${boundary}"`));
  out.write(`--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe attachment follows.\r\n--${boundary}\r\n`);
  out.write('Content-Type: application/zip; name="archive.zip"\r\nContent-Disposition: attachment; filename="archive.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n');
  const line = `${Buffer.alloc(57, 0xa5).toString('base64')}\r\n`;
  const block = line.repeat(8192);
  for (let written = 0; written < 200 * 1e6; written += block.length) if (!out.write(block)) await new Promise((r) => out.once('drain', r));
  out.write(`--${boundary}--\r\n`);
}

async function endlessHeaders(out) {
  out.write('From: Hostile <hostile@example.com>\r\nSubject: Headers that never end\r\n');
  const block = Array.from({ length: 4096 }, (_, i) => `X-Filler-${i}: ${'x'.repeat(40)}\r\n`).join('');
  for (let written = 0; written < 200 * 1e6; written += block.length) if (!out.write(block)) await new Promise((r) => out.once('drain', r));
}

function bigTable(out) {
  out.write(mailHead('A 100 000-row table', 'text/html; charset=utf-8'));
  out.write('<!DOCTYPE html><html><body><table><tr><th>n</th><th>item</th><th>price</th></tr>\n');
  for (let i = 0; i < 100_000; i++) out.write(`<tr><td>${i}</td><td>item number ${i}</td><td>${((i * 7919) % 100000) / 100}</td></tr>\n`);
  out.write('</table></body></html>\r\n');
}

/** The hostile inputs: how each is made, what it is run with, its targets. */
export const hostileCases = [
  { file: 'zone-count.eml', label: 'VTIMEZONE rule with a huge COUNT', make: zoneCount },
  { file: 'duration.eml', label: 'DURATION:P9999999999W', make: hugeDuration },
  { file: 'config-to.eml', label: 'config names a field 300×, 1 MB To:', make: bigTo, config: repeatedHeaders },
  { file: 'mbox.mbox', label: '40,000-message mbox', make: mbox },
  { file: 'attachment.eml', label: '200 MB message, one base64 attachment', make: bigAttachment },
  { file: 'headers.eml', label: '200 MB of header lines that never end', make: endlessHeaders },
  { file: 'events.eml', label: '10,000-event calendar', make: manyEvents },
  { file: 'table.eml', label: '100,000-row HTML table', make: bigTable, seconds: 5 },
];

async function write(path, make) {
  const out = createWriteStream(path);
  await make(out);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

// BENCH_HOSTILE_RUNS: how many times each case runs.
const runs = Math.max(1, Number(process.env.BENCH_HOSTILE_RUNS ?? 3) || 1);

// The run of the median `key` (an odd count's middle one, an even count's lower middle).
function median(results, key) {
  return [...results].sort((a, b) => a[key] - b[key])[(results.length - 1) >> 1];
}

// GNU time's %M is the peak RSS in KiB; without it, /proc/PID/status's VmHWM is read at the end.
const gnuTime = existsSync('/usr/bin/time');

function measure(input, args, env) {
  return new Promise((resolve) => {
    const bin = join(root, 'bin/mailview.js');
    const argv = gnuTime ? ['-f', '%e %M', bin, ...args] : args;
    const start = process.hrtime.bigint();
    // Its own process group, so that a runaway mailview under GNU time is stopped with it.
    const child = spawn(gnuTime ? '/usr/bin/time' : bin, argv, { env, stdio: ['pipe', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let peakKiB = 0;
    let killed = false;
    const poll = gnuTime ? undefined : setInterval(() => (peakKiB = Math.max(peakKiB, vmHwm(child.pid))), 20);
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, killAfter);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    createReadStream(input).pipe(child.stdin);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const lines = stderr.trim().split('\n');
      const last = gnuTime ? lines.pop()?.split(' ') : undefined;
      const mib = (last ? Number(last[1]) : peakKiB) / 1024;
      resolve({ seconds, mib, code: killed ? 'killed' : gnuTime && last ? exitOf(lines, code) : code, stderr: lines.join(' ').slice(0, 120) });
    });
  });
}

// GNU time prints "Command exited with non-zero status N" before its own line.
function exitOf(lines, code) {
  const i = lines.findIndex((l) => /^Command exited with non-zero status/.test(l));
  if (i < 0) return code;
  return Number(lines.splice(i, 1)[0].replace(/\D+/g, ''));
}

function vmHwm(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Generate every hostile input, run each, and return the table as markdown lines. `cacheHome`: a
 * cache directory already primed (bench/run.mjs gives its own); without one, one is made and primed
 * here, so that every timed run starts from the start-up snapshot as mutt's would, and none shares
 * the CPU with the snapshot's making.
 */
export async function runHostile({ log = () => {}, cacheHome } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mailview-hostile-'));
  const env = { ...process.env, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: cacheHome ?? join(dir, 'cache') };
  delete env.MAILVIEW_CONFIG;
  if (cacheHome === undefined) {
    const sample = join(dir, 'sample.eml');
    writeFileSync(sample, mailHead('Sample', 'text/plain; charset=utf-8') + 'Hello.\r\n');
    primeSnapshot(join(root, 'bin/mailview.js'), ['--no-pager'], sample, env);
  }
  const rows = [`| hostile input | size | wall s${runs > 1 ? `, median of ${runs} (range)` : ''} | target s | peak MiB${runs > 1 ? ', median (range)' : ''} | target MiB | exit |`, '|---|---|---|---|---|---|---|'];
  // GNU time prints nothing for a run it did not see end: its peak is then unknown ('?').
  try {
    // BENCH_HOSTILE_ONLY=WORD: only the cases whose file name contains WORD.
    for (const c of hostileCases.filter((c) => c.file.includes(process.env.BENCH_HOSTILE_ONLY ?? ''))) {
      const path = join(dir, c.file);
      await write(path, c.make);
      const args = ['--no-pager', '--hyperlinks', 'always'];
      if (c.config) {
        writeFileSync(join(dir, 'config.toml'), c.config);
        args.push('--config', join(dir, 'config.toml'));
      }
      const size = statSync(path).size;
      // Timings on a shared machine vary from run to run: each case runs `runs` times (a runaway
      // once), and the table gives the median, with the fastest and slowest beside it.
      const results = [];
      for (let i = 0; i < runs && results.at(-1)?.code !== 'killed'; i++) results.push(await measure(path, args, env));
      rmSync(path, { force: true });
      const target = c.seconds ?? 2;
      const r = results.at(-1).code === 'killed' ? results.at(-1) : { ...median(results, 'seconds'), mib: median(results, 'mib').mib };
      const spread = (key, digits) => (results.length > 1 ? ` (${Math.min(...results.map((x) => x[key])).toFixed(digits)}-${Math.max(...results.map((x) => x[key])).toFixed(digits)})` : '');
      const wall = r.code === 'killed' ? `> ${killAfter / 1000}` : `${r.seconds.toFixed(2)}${spread('seconds', 2)}`;
      const peak = Number.isFinite(r.mib) ? `${r.mib.toFixed(0)}${spread('mib', 0)}` : '?';
      const row = `| ${c.label} | ${(size / MiB).toFixed(1)} MiB | ${wall} | < ${target} | ${peak} | < 150 | ${r.code} |`;
      log(row);
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await runHostile({ log: (row) => process.stderr.write(`${row}\n`) });
  process.stdout.write(`${rows.join('\n')}\n`);
}
