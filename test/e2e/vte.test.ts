// A real VTE terminal (the widget of GNOME Terminal) under Xvfb: mailview pages through real
// less into it, then VTE is asked cell by cell which hyperlink a click there opens
// (test/helpers/vte-links.py). What VTE registered must be what `--list-links` lists: every
// link on its anchor text, with the right URI, and nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextBinary } from '../helpers/debian-next.js';
import { root, runBin } from '../helpers/run.js';
import { parseLinkList } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithReason, sandboxEnv } from '../helpers/tmux.js';

// Debian's python3, which has the gi module; a python3 first on PATH (pyenv) may not.
const python = '/usr/bin/python3';
const helper = `${root}test/helpers/vte-links.py`;
const fixtures = `${root}test/e2e/fixtures/`;

interface VteRun {
  readonly row: number;
  readonly col: number;
  readonly end: number;
  readonly uri: string;
  readonly text: string;
  readonly underline: boolean;
  readonly color: string | null;
}
interface VteScreen {
  readonly vte: string;
  readonly exit: number;
  readonly lines: string[];
  readonly links: VteRun[];
  readonly plainColors: (string | null)[];
}

/** Why the VTE tests cannot run here, or undefined when they can. */
function vteMissing(): string | undefined {
  if (!existsSync(python)) return `${python} not installed`;
  const r = spawnSync(python, [helper, '--check'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) return undefined;
  return r.stderr.trim().replace(/^vte-links: /, '') || `the VTE check failed (${r.error?.message ?? r.status})`;
}

/** Run `command` (mailview on the PATH, `less` too when given) in a VTE terminal; what it registered. */
function inVte(command: string, columns: number, rows: number, less?: string, extraEnv: Record<string, string> = {}): VteScreen {
  const dir = makeSandbox();
  try {
    if (less) symlinkSync(less, join(dir, 'bin/less'));
    // The `View in browser` link to a local page is not what these tests read: the config file turns it off.
    mkdirSync(join(dir, 'home/.config/mailview'), { recursive: true });
    writeFileSync(join(dir, 'home/.config/mailview/config.toml'), 'view-link = false\n');
    const env = { ...sandboxEnv(dir), ...extraEnv };
    const r = spawnSync(python, [helper, String(columns), String(rows), 'sh', '-c', command], { encoding: 'utf8', env, timeout: 60_000, killSignal: 'SIGKILL' });
    if (r.status !== 0) throw new Error(`vte-links.py failed (${r.status ?? r.signal}): ${r.stderr}`);
    return JSON.parse(r.stdout) as VteScreen;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The links as a reader sees them: runs of one URI on following rows joined, as a wrapped link is. */
function anchors(runs: readonly VteRun[]): { uri: string; text: string }[] {
  const out: { uri: string; text: string; row: number }[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && last.uri === run.uri && last.row === run.row - 1) {
      last.text += ` ${run.text}`;
      last.row = run.row;
    } else out.push({ uri: run.uri, text: run.text, row: run.row });
  }
  return out.map(({ uri, text }) => ({ uri, text }));
}

/** mailview's text of `file` without escapes, and its link list. */
function expected(file: string, width: number, extra: readonly string[] = []) {
  const text = runBin(['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never', '--color', 'never', '-w', String(width), ...extra, file]);
  return { lines: text.stdout.replace(/\n$/, '').split('\n'), links: parseLinkList(runBin(['--list-links', ...extra, file]).stdout) };
}

/** The screen shows exactly `lines`, then nothing. */
function expectScreen(screen: VteScreen, lines: readonly string[]): void {
  expect(screen.lines.slice(0, lines.length)).toEqual(lines.map((l) => l.trimEnd()));
  expect(screen.lines.slice(lines.length).filter(Boolean)).toEqual([]);
}

/** Every listed link is registered on its anchor text, and VTE has no link that is not listed. */
function expectLinks(screen: VteScreen, links: readonly { uri: string; text: string }[]): void {
  const seen = anchors(screen.links);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(seen, link.uri).toContainEqual({ uri: link.uri, text: link.text });
  expect(new Set(seen.map((a) => a.uri))).toEqual(new Set(links.map((l) => l.uri)));
}

// A link that wraps over lines, CJK anchor text, a URL that mailview percent-encodes.
const wrapping = `<p>Before the link: <a href="https://example.org/a/long/path?q=1&amp;r=2">an anchor text long enough to wrap over three lines at this narrow width</a>, then more.</p>
<p>中文 <a href="https://example.org/中文/page">漢字のリンクテキスト</a> and <a href="mailto:someone@example.org">Someone</a>.</p>
`;

const reason = vteMissing() ?? missingPrograms(['less']).map((p) => `${p} not installed`)[0];
const less668 = nextBinary('less');
const pagers: { name: string; path?: string; skip?: string }[] = [
  { name: 'less from the PATH' },
  'skip' in less668 ? { name: "less 668 from Debian's next release", skip: less668.skip } : { name: "less 668 from Debian's next release", path: less668.path },
];

describe.skipIf(reason !== undefined)(nameWithReason('links in a real VTE terminal', reason), () => {
  for (const pager of pagers) {
    describe.skipIf(pager.skip !== undefined)(nameWithReason(`through ${pager.name}`, pager.skip), () => {
      it('registers every link of the newsletter on its anchor text, with the right URI', () => {
        const file = `${fixtures}newsletter.eml`;
        const want = expected(file, 100);
        const screen = inVte(`mailview --hyperlinks always '${file}'`, 100, want.lines.length + 5, pager.path);
        expect(screen.exit).toBe(0);
        expectScreen(screen, want.lines);
        expectLinks(screen, want.links);
      });

      it('keeps a wrapped link one link on every line it covers, and CJK anchors whole', () => {
        const dir = makeSandbox();
        try {
          const file = join(dir, 'wrapping.html');
          writeFileSync(file, wrapping);
          const want = expected(file, 30);
          const screen = inVte(`mailview --hyperlinks always -w 30 '${file}'`, 60, want.lines.length + 5, pager.path);
          expectScreen(screen, want.lines);
          expectLinks(screen, want.links);
          const long = screen.links.filter((r) => r.uri === 'https://example.org/a/long/path?q=1&r=2');
          expect(long.length).toBeGreaterThanOrEqual(3);
          expect(screen.links.map((r) => r.uri)).toContain('https://example.org/%E4%B8%AD%E6%96%87/page');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  }

  it('registers BEL-terminated links (--osc8-terminator bel) exactly as ST-terminated ones', () => {
    const file = `${fixtures}newsletter.eml`;
    const want = expected(file, 100);
    const screen = inVte(`mailview --hyperlinks always --osc8-terminator bel '${file}'`, 100, want.lines.length + 5);
    expect(screen.exit).toBe(0);
    expectScreen(screen, want.lines);
    expectLinks(screen, want.links);
  });

  it('registers no link of a hostile message that mailview does not list', () => {
    const file = `${fixtures}hostile.eml`;
    const want = expected(file, 100);
    const screen = inVte(`mailview --hyperlinks always '${file}'`, 100, want.lines.length + 5);
    expectScreen(screen, want.lines);
    expectLinks(screen, want.links);
  });

  it('shows link text underlined and coloured by default, so a reader can see which words are links', () => {
    const screen = inVte(`mailview --hyperlinks always '${fixtures}newsletter.eml'`, 100, 80);
    expect(screen.exit).toBe(0);
    expect(screen.links.length).toBeGreaterThan(0);
    // Coloured, in a colour no other text on the screen has.
    for (const run of screen.links) expect([run.text, run.underline, run.color !== null && !screen.plainColors.includes(run.color)]).toEqual([run.text, true, true]);
  });

  it('keeps the underline without colour under NO_COLOR', () => {
    const screen = inVte(`mailview --hyperlinks always '${fixtures}newsletter.eml'`, 100, 80, undefined, { NO_COLOR: '1' });
    expect(screen.exit).toBe(0);
    expect(screen.links.length).toBeGreaterThan(0);
    for (const run of screen.links) expect([run.text, run.underline, run.color]).toEqual([run.text, true, null]);
  });

  it('--link-style none leaves link text as plain as the words around it', () => {
    const screen = inVte(`mailview --hyperlinks always --link-style none '${fixtures}newsletter.eml'`, 100, 80);
    expect(screen.exit).toBe(0);
    expect(screen.links.length).toBeGreaterThan(0);
    for (const run of screen.links) expect([run.text, run.underline, run.color]).toEqual([run.text, false, null]);
  });
});
