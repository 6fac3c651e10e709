// The README's set-up lines for aerc and the tmux line of docs/clients.md, run the way those
// programs run them. (The mutt macros and the mailcap entry run in real mutt and neomutt: mutt.test.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../helpers/run.js';
import { invariantErrors, stripEscapes } from '../helpers/terminal.js';
import { docBlocks, osc8Opens, readmeBlocks } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithSkipReason } from '../helpers/tmux.js';

const newsletter = readFileSync(`${root}test/e2e/fixtures/newsletter.eml`, 'latin1');

/** The decoded text/html part of the newsletter, as aerc hands it to a filter. */
function htmlPart(): string {
  const body = newsletter.split('Content-Type: text/html; charset=utf-8')[1]!.split('\n\n').slice(1).join('\n\n').split('\n--b1--')[0]!;
  return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('aerc [filters] entries from the README', () => {
  // As aerc runs a filter: sh -c, the decoded part on stdin, AERC_* set, output a pipe.
  function filter(block: string, env: Record<string, string>) {
    const command = block.split('\n').find((l) => l.startsWith('text/html='))!.slice('text/html='.length);
    dir = makeSandbox();
    return spawnSync('sh', ['-c', command], {
      input: htmlPart(),
      encoding: 'utf8',
      env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: join(dir, 'home'), AERC_MIME_TYPE: 'text/html', AERC_SUBJECT: 'Harbour news', ...env },
    });
  }
  function expectLinks(r: ReturnType<typeof filter>, width: number) {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(invariantErrors(r.stdout, width)).toEqual([]);
    expect(stripEscapes(r.stdout)).toContain('new tide tables');
    // BEL-terminated: aerc 0.14 reads the ESC of ESC \ into the URI.
    expect(r.stdout).not.toContain('\x1b\\');
    const uris = new Set(osc8Opens(r.stdout).map((o) => o.uri));
    expect(uris).toContain('https://harbour.example/tides');
    expect(uris).toContain('mailto:harbourmaster@harbour.example');
    // tides, regatta, 25 moorings, the harbour master, unsubscribe
    expect(uris.size).toBe(29);
  }

  it('0.15+: OSC 8 links at COLUMNS when aerc sets AERC_OSC8_URLS=1, though the output is a pipe', () => {
    expectLinks(filter(readmeBlocks('aerc')[0]!, { AERC_OSC8_URLS: '1', COLUMNS: '72' }), 72);
  });
  it('0.15+ without enable-osc8: no links, every URL in the footnotes', () => {
    const r = filter(readmeBlocks('aerc')[0]!, { COLUMNS: '72' });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\x1b]8;');
    expect(stripEscapes(r.stdout)).toMatch(/^\[1\] https:\/\/harbour\.example\/tides$/m);
  });
  it('0.14: --hyperlinks always, 80 columns (aerc 0.14 sets no width)', () => {
    expectLinks(filter(readmeBlocks('aerc')[1]!, {}), 80);
  });
});

describe("README's Set-up lines", () => {
  const ci = readFileSync(`${root}.ci/run`, 'utf8');
  const lines = readmeBlocks('Set-up').flatMap((b) => b.split('\n'));

  it('installs with apt exactly the packages .ci/run installs', () => {
    const readme = lines.find((l) => l.startsWith('apt-get install '))!.split(/\s+/).slice(2);
    const run = /^packages=\(([^)]*)\)/m.exec(ci)![1]!.split(/\s+/);
    expect(readme).toEqual(run);
  });

  it("unpacks less and aerc from Debian's next release, and aerc and neomutt from sid, as .ci/run does", () => {
    const unpack = lines.filter((l) => l.startsWith('bash scripts/debian-next.sh'));
    expect(unpack).toEqual(['bash scripts/debian-next.sh less aerc', 'bash scripts/debian-next.sh --suite sid aerc neomutt']);
    for (const line of unpack) expect(ci).toContain(`${line} </dev/null`);
  });
});

const noTmux = missingPrograms(['tmux']);
describe.skipIf(noTmux.length > 0)(nameWithSkipReason('tmux line from docs/clients.md', noTmux), () => {
  it('is accepted by tmux and adds the hyperlinks feature', () => {
    dir = makeSandbox();
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, `${docBlocks('docs/clients.md', 'tmux')[0]}\n`);
    const tmux = (...args: string[]) => spawnSync('tmux', ['-S', join(dir!, 'sock'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: join(dir!, 'home'), TERM: 'xterm-256color' } });
    try {
      const started = tmux('-f', conf, 'new-session', '-d', 'cat');
      expect(started.stderr).toBe('');
      expect(tmux('show-options', '-s', 'terminal-features').stdout).toContain('*:hyperlinks');
    } finally {
      tmux('kill-server');
    }
  });
});
