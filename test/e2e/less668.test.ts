// less 668 (Debian's next release) as mailview's pager in a tmux pane: links picked with ^O^N and
// opened with ^O^O through the opener mailview sets up (MAILVIEW_OPEN, here a recorder of its
// argv), hostile hrefs that must open as exactly their encoded URL, and footnote markers that
// jump to their entry.
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextBinary } from '../helpers/debian-next.js';
import { root, runBin } from '../helpers/run.js';
import { parseLinkList } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithReason, Terminal } from '../helpers/tmux.js';

const fixtures = `${root}test/e2e/fixtures/`;
const less = nextBinary('less');
const skip = 'skip' in less ? less.skip : missingPrograms(['tmux']).map((p) => `${p} not installed`)[0];

// Records each call as its argument count and its arguments, each ended by NUL.
const recorder = (file: string) => `#!/bin/sh
{ printf '%s\\0' "$#"; [ "$#" -gt 0 ] && printf '%s\\0' "$@"; } >> '${file}'
`;

/** The calls a recorder received, each as its argv. */
function calls(file: string): string[][] {
  if (!existsSync(file)) return [];
  const fields = readFileSync(file, 'utf8').split('\0');
  const out: string[][] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const n = Number(fields[i]);
    out.push(fields.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

interface Setup {
  readonly term: Terminal;
  readonly dir: string;
  /** The calls of the opener mailview was given (MAILVIEW_OPEN). */
  readonly opened: () => string[][];
}

let term: Terminal | undefined;
afterEach(() => {
  term?.close();
  term = undefined;
});

/** mailview on `file` in a pane with less 668 first on the PATH and MAILVIEW_OPEN a recorder. */
function start(file: string, args: string, rows: number, env: Record<string, string> = {}, dir = makeSandbox()): Setup {
  if ('skip' in less) throw new Error(less.skip);
  symlinkSync(less.path, join(dir, 'bin/less'));
  const log = join(dir, 'opened');
  writeFileSync(join(dir, 'bin/record'), recorder(log), { mode: 0o755 });
  const command = `mailview ${args} '${file}'; echo "mailview exited $?"; exec cat`;
  term = Terminal.start(dir, { command, columns: 90, rows, env: { MAILVIEW_OPEN: join(dir, 'bin/record'), ...less.env, ...env } });
  return { term, dir, opened: () => calls(log) };
}

/** Select the next link and open it; wait until the opener has been called `count` times. */
async function openNext(s: Setup, count: number): Promise<void> {
  s.term.press('C-o', 'C-n');
  s.term.press('C-o', 'C-o');
  await s.term.until(`opener call ${count}`, () => s.opened().length >= count);
  await s.term.waitFor("less's prompt after the opener", (screen) => screen.includes('press RETURN'));
  s.term.press('Enter');
}

function listed(file: string, args: readonly string[] = []): string[] {
  return parseLinkList(runBin(['--list-links', ...args, file]).stdout).map((l) => l.uri);
}

describe.skipIf(skip !== undefined)(nameWithReason("mailview paging through less 668 from Debian's next release", skip), () => {
  it('opens the first link with ^O^N ^O^O by running MAILVIEW_OPEN with the URI as its one argument', async () => {
    const file = `${fixtures}newsletter.eml`;
    const s = start(file, '', 24);
    await s.term.waitFor('the first page', (screen) => screen.includes('The Harbour Weekly') && screen.includes('new tide tables'));
    await openNext(s, 1);
    expect(s.opened()).toEqual([[listed(file)[0]]]);
    s.term.press('q');
    const screen = await s.term.waitFor('mailview to exit', (text) => /mailview exited \d+/.test(text));
    expect(screen).toContain('mailview exited 0');
    expect(s.opened()).toHaveLength(1);
  });

  it("leaves the user's own LESS_OSC8_ANY in charge", async () => {
    const file = `${fixtures}newsletter.eml`;
    const dir = makeSandbox();
    const mine = join(dir, 'mine');
    writeFileSync(join(dir, 'bin/my-opener'), recorder(mine), { mode: 0o755 });
    const s = start(file, '', 24, { LESS_OSC8_ANY: "echo my-opener '%o'" }, dir);
    await s.term.waitFor('the first page', (screen) => screen.includes('new tide tables'));
    s.term.press('C-o', 'C-n');
    s.term.press('C-o', 'C-o');
    await s.term.until('the user’s opener', () => calls(mine).length === 1);
    expect(calls(mine)).toEqual([[listed(file)[0]]]);
    expect(s.opened()).toEqual([]);
  });

  it('opens a hostile href as exactly its encoded URL and runs nothing else', async () => {
    const dir = makeSandbox();
    const marker = (n: number) => join(dir, `pwned${n}`);
    const hrefs = [
      // $IFS, not a space or ${IFS}: those are percent-encoded anyway, which would hide an injection.
      `https://evil.example/a'$(touch$IFS${marker(1)})'b`,
      `https://evil.example/b\`touch$IFS${marker(2)}\`c`,
      `https://evil.example/c;touch$IFS${marker(3)};d`,
      `https://evil.example/d\n;touch$IFS${marker(4)};\n"e'`,
    ];
    const file = join(dir, 'hostile.html');
    const escape = (h: string) => h.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    writeFileSync(file, `<p>${hrefs.map((h, i) => `<a href="${escape(h)}">link ${i + 1}</a>`).join(' and ')}.</p>\n`);
    const want = listed(file);
    expect(want).toHaveLength(hrefs.length);
    // No -F: the page is short and must stay for the keys.
    const s = start(file, '', 24, { LESS: 'R' }, dir);
    await s.term.waitFor('the links', (screen) => screen.includes('link 4'));
    for (let i = 1; i <= hrefs.length; i++) await openNext(s, i);
    expect(s.opened()).toEqual(want.map((uri) => [uri]));
    for (const uri of want) expect(uri).not.toMatch(/['"\s]/);
    for (let n = 1; n <= hrefs.length; n++) expect(existsSync(marker(n)), marker(n)).toBe(false);
  });

  it('jumps from a footnote marker to its entry in the reference list with ^O^O', async () => {
    const file = `${fixtures}newsletter.eml`;
    const entry = '[1] https://harbour.example/tides';
    const s = start(file, "--footnotes always --headers ''", 24);
    const first = await s.term.waitFor('the first page', (screen) => screen.includes('new tide tables[1]'));
    expect(first).not.toContain(entry);
    // The anchor text is a link and so is its marker after it: ^O^N goes to each in turn; an
    // anchor opens through the opener (recorded), the marker jumps.
    for (let step = 0; step < 4; step++) {
      const before = s.opened().length;
      s.term.press('C-o', 'C-n');
      s.term.press('C-o', 'C-o');
      const screen = await s.term.waitFor('a jump or an opener call', (text) => text.split('\n').some((l) => l.trimEnd() === entry) || s.opened().length > before);
      if (screen.split('\n').some((l) => l.trimEnd() === entry)) break;
      await s.term.waitFor("less's prompt after the opener", (text) => text.includes('press RETURN'));
      s.term.press('Enter');
    }
    expect(s.term.screen().split('\n').map((l) => l.trimEnd())).toContain(entry);
    expect(s.opened().flat().filter((uri) => uri.startsWith('#'))).toEqual([]);
  });
});
