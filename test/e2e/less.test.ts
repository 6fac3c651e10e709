// The real bin/mailview.js on a real terminal (a tmux pane), paging through the real `less`
// with mailview's own defaults (LESS unset, so FRX): what reaches the terminal is checked byte
// for byte.
import { afterEach, describe, expect, it } from 'vitest';
import { root, runBin } from '../helpers/run.js';
import { readFileSync, statSync } from 'node:fs';
import { foreignEscapes, osc8Closes, osc8Opens, parseLinkList, viewLinkUri } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithSkipReason, Terminal } from '../helpers/tmux.js';

const fixtures = `${root}test/e2e/fixtures/`;
const missing = missingPrograms(['tmux', 'less']);
const exited = /mailview exited (\d+)/;

function linksOf(file: string): Set<string> {
  return new Set(parseLinkList(runBin(['--list-links', fixtures + file]).stdout).map((l) => l.uri));
}

describe.skipIf(missing.length > 0)(nameWithSkipReason('mailview under a terminal, through less', missing), () => {
  let term: Terminal | undefined;
  afterEach(() => {
    term?.close();
    term = undefined;
  });

  function start(file: string, rows: number): Terminal {
    // After mailview, the pane prints its exit status and stays open for capture.
    const command = `mailview '${fixtures}${file}'; echo "mailview exited $?"; exec cat`;
    term = Terminal.start(makeSandbox(), { command, columns: 90, rows });
    return term;
  }

  it('pages a long message in less, passes every OSC 8 link intact, and exits 0 on q', async () => {
    const t = start('newsletter.eml', 24);
    await t.waitFor('the first page', (s) => s.includes('The Harbour Weekly') && s.includes('new tide tables'));
    // Page to the end: less prints every line once, so every link passes through it.
    await t.until('the end of the message', () => {
      if (t.screen().includes('(END)')) return true;
      t.press('Space');
      return false;
    });
    const uris = linksOf('newsletter.eml');
    await t.until('every link in the bytes', () => [...uris].every((u) => osc8Opens(t.bytes()).some((o) => o.uri === u)));
    t.press('q');
    const screen = await t.waitFor('mailview to exit', (s) => exited.test(s));
    expect(screen.match(exited)?.[1]).toBe('0');
    const bytes = t.bytes();
    const opens = osc8Opens(bytes);
    expect(new Set(opens.map((o) => o.uri).filter((u) => !viewLinkUri.test(u)))).toEqual(uris);
    // Besides the mail's links, the header block's `View in browser`, to a private file.
    const views = [...new Set(opens.map((o) => o.uri).filter((u) => viewLinkUri.test(u)))];
    expect(views).toHaveLength(1);
    const view = decodeURIComponent(new URL(views[0]!).pathname);
    expect(statSync(view).mode & 0o777).toBe(0o600);
    expect(readFileSync(view, 'utf8')).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    expect(opens.every((o) => /^id=mv[A-Za-z0-9._-]+$/.test(o.params))).toBe(true);
    expect(osc8Closes(bytes)).toBe(opens.length);
    // A link is opened and closed on the same terminal line (DESIGN.md).
    for (const line of bytes.split('\n')) expect(osc8Opens(line).length).toBe(osc8Closes(line));
    expect(foreignEscapes(bytes, 'PWNED')).toEqual([]);
  });

  it('shows a hostile message as inert text: no escape of its own reaches the terminal', async () => {
    // One screen: less -F shows it and quits, -X leaves it on the screen.
    const t = start('hostile.eml', 40);
    const screen = await t.waitFor('mailview to exit', (s) => exited.test(s));
    expect(screen.match(exited)?.[1]).toBe('0');
    expect(screen).toContain('PWNED-title');
    expect(screen).toContain('PWNED-hidden');
    expect(screen).toContain('secure link');
    expect(foreignEscapes(t.bytes(), 'PWNED')).toEqual([]);
    const uris = linksOf('hostile.eml');
    expect(osc8Opens(t.bytes()).every((o) => uris.has(o.uri) || viewLinkUri.test(o.uri))).toBe(true);
  });
});
