// Real mutt and real neomutt (Debian 12's, and sid's 20260616), the README's macros and mailcap
// entry, a throw-away Maildir: a key press pipes the message to mailview, which pages it in real
// `less -R` inside a tmux pane.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextBinary } from '../helpers/debian-next.js';
import { root, runBin } from '../helpers/run.js';
import { foreignEscapes, osc8Closes, osc8Opens, parseLinkList, readmeBlocks, viewLinkUri } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithReason, Terminal } from '../helpers/tmux.js';

const fixtures = `${root}test/e2e/fixtures/`;
// Index order (sort=date): 1 newsletter, 2 plain text, 3 hostile, 4 attachments.
const messages = ['newsletter.eml', 'plain.eml', 'hostile.eml', 'attachments.eml'];
const columns = 100;
// Tall enough that every fixture fits on one screen, so less prints all of it at once.
const rows = 100;

/** The rendered text and links mailview gives for a fixture at the pane's width. */
function expected(file: string, extra: readonly string[] = []) {
  const path = fixtures + file;
  const text = runBin(['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never', '-w', String(columns), ...extra, path]);
  const links = runBin(['--list-links', ...extra, path]);
  return {
    lines: text.stdout.split('\n').map((l) => l.trimEnd()).filter(Boolean),
    uris: new Set(parseLinkList(links.stdout).map((l) => l.uri)),
  };
}

function writeMaildir(dir: string): void {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'mail', sub), { recursive: true });
  messages.forEach((file, i) => copyFileSync(fixtures + file, join(dir, 'mail', 'cur', `${i + 1}.e2e:2,S`)));
}

function writeMuttrc(dir: string): string {
  const path = join(dir, 'muttrc');
  writeFileSync(join(dir, 'mailcap'), `${readmeBlocks('mailcap')[0]}\n`);
  const settings = [
    `set folder="${dir}/mail" spoolfile="${dir}/mail" mbox_type=Maildir sort=date`,
    `set mailcap_path="${dir}/mailcap" header_cache="" message_cachedir=""`,
  ];
  // The README's lines, exactly as a user copies them.
  writeFileSync(path, [...settings, readmeBlocks('mutt and neomutt')[0]!, readmeBlocks('mutt and neomutt')[1]!, ''].join('\n'));
  // The browser: an opener that records what it was given, written whole before the test can see it.
  writeFileSync(join(dir, 'opener.sh'), `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > '${dir}/opened.part' && mv '${dir}/opened.part' '${dir}/opened'\n`, { mode: 0o755 });
  return path;
}

/** The screen shows every rendered line of `file`. */
function showsAll(screen: string, lines: readonly string[]): boolean {
  const shown = new Set(screen.split('\n').map((l) => l.trimEnd()));
  return lines.every((l) => shown.has(l));
}

/** A client to test: its name, the command that starts it, or why it cannot run here. */
function client(name: string, command: string, needs: readonly string[]): { name: string; command: string; skip?: string } {
  const missing = missingPrograms([...needs, 'tmux', 'less']);
  return missing.length ? { name, command, skip: `${missing.join(', ')} not installed` } : { name, command };
}
const sid = nextBinary('neomutt', 'sid');
const clients = [
  client('mutt', 'mutt', ['mutt']),
  client('neomutt', 'neomutt', ['neomutt']),
  'skip' in sid ? { name: 'neomutt 20260616', command: '', skip: sid.skip } : client('neomutt 20260616', `'${sid.path}'`, []),
];

for (const { name: client, command, skip } of clients) {
  describe.skipIf(skip !== undefined)(nameWithReason(`${client} with the README's macro`, skip), () => {
    let term: Terminal;
    let dir: string;
    const atIndex = (s: string) => s.includes('The Harbour Weekly: tides') && s.includes('Minutes of the harbour') && /Mutt:/.test(s);

    beforeEach(async () => {
      dir = makeSandbox();
      writeMaildir(dir);
      const env = { MAILVIEW_OPEN: `${dir}/opener.sh` };
      term = Terminal.start(dir, { command: `${command} -n -F '${writeMuttrc(dir)}'`, columns, rows, env });
      await term.waitFor(`${client}'s index`, atIndex);
    });
    afterEach(() => term?.close());

    /** Jump to message `n` in the index and press the README's key. */
    async function pipeMessage(n: number, file: string, lines: readonly string[]): Promise<string> {
      term.press(String(n), 'Enter');
      term.press('C-v');
      return term.waitFor(`${file} in less`, (s) => showsAll(s, lines) && !atIndex(s));
    }

    it('pages the HTML newsletter in less -R with every link intact, and q returns to the index', async () => {
      const want = expected('newsletter.eml');
      await pipeMessage(1, 'newsletter.eml', want.lines);
      await term.until('every link in the bytes', () => want.uris.size > 0 && [...want.uris].every((u) => osc8Opens(term.bytes()).some((o) => o.uri === u)));
      const bytes = term.bytes();
      // The mail's links, and the header block's `View in browser` (a file:// link mailview made).
      const opens = osc8Opens(bytes).filter((o) => !viewLinkUri.test(o.uri));
      expect(new Set(opens.map((o) => o.uri))).toEqual(want.uris);
      expect(new Set(osc8Opens(bytes).filter((o) => viewLinkUri.test(o.uri)).map((o) => o.uri)).size).toBe(1);
      expect(opens.every((o) => /^id=mv[A-Za-z0-9._-]+$/.test(o.params))).toBe(true);
      expect(osc8Closes(bytes)).toBe(osc8Opens(bytes).length);
      term.press('q');
      const back = await term.waitFor('the index after quitting less', atIndex);
      expect(back).not.toContain('Press any key');
    });

    it('runs the macro from the pager too, on a plain text mail whose URLs become links', async () => {
      const want = expected('plain.eml');
      term.press('2', 'Enter', 'Enter');
      await term.waitFor(`${client}'s pager`, (s) => s.includes('Line 40 of the notes'));
      term.press('C-v');
      await term.waitFor('plain.eml in less', (s) => showsAll(s, want.lines));
      await term.until('the links in the bytes', () => [...want.uris].every((u) => osc8Opens(term.bytes()).some((o) => o.uri === u)));
      expect(want.uris).toContain('https://wiki.example.org/minutes/2024-06');
      term.press('q');
      await term.waitFor(`${client}'s pager after quitting less`, (s) => s.includes('Line 40 of the notes') && !s.includes('(END)'));
    });

    it("opens the newsletter in the browser with the README's Ctrl-B macro, as a private page", async () => {
      term.press('1', 'Enter', 'C-b');
      await term.until('the opener to be called', () => existsSync(join(dir, 'opened')));
      const [count, path] = readFileSync(join(dir, 'opened'), 'utf8').split('\n');
      expect(count).toBe('1');
      expect(path).toMatch(/\/mailview-\d+\/view-[0-9a-f]{16}\.html$/);
      expect(statSync(path!).mode & 0o777).toBe(0o600);
      expect(readFileSync(path!, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Security-Policy"/);
      const back = await term.waitFor('the index after the opener returned', atIndex);
      expect(back).not.toContain('Press any key');
    });

    it('lets nothing of a hostile message reach the terminal', async () => {
      const want = expected('hostile.eml');
      const screen = await pipeMessage(3, 'hostile.eml', want.lines);
      // The payload is shown as inert text, not obeyed: titles, concealed text, fake links.
      expect(screen).toContain('PWNED-title');
      expect(screen).toContain('PWNED-hidden');
      expect(screen).toContain('pay here');
      term.press('q');
      await term.waitFor('the index after quitting less', atIndex);
      expect(foreignEscapes(term.bytes(), 'PWNED')).toEqual([]);
      expect(osc8Opens(term.bytes()).every((o) => want.uris.has(o.uri) || viewLinkUri.test(o.uri))).toBe(true);
    });

    it("shows why the README avoids $display_filter: its own pager lets no OSC 8 through", async () => {
      term.press(':', 'set display_filter="mailview --hyperlinks always --no-pager"', 'Enter');
      term.press('1', 'Enter', 'Enter');
      await term.waitFor(`${client}'s pager showing the sequences as text`, (s) => s.includes('^[]8;id=mv') && s.includes('reader@example.org'));
      expect(osc8Opens(term.bytes())).toEqual([]);
    });

    it('pipes an HTML part from the attachment menu, and views it through the mailcap entry', async () => {
      const want = expected('newsletter.eml');
      const body = want.lines.filter((l) => !/^(From|To|Date|Subject):/.test(l));
      term.press('1', 'Enter', 'v');
      const menu = (s: string) => s.includes('text/html') && s.includes('text/plain') && !s.includes('Item 1:');
      await term.waitFor('the attachment menu', menu);
      term.press('j', 'j', 'C-v');
      await term.waitFor('the HTML part in less', (s) => showsAll(s, body));
      term.press('q');
      await term.waitFor('the attachment menu after quitting less', menu);
      term.press('m');
      // The part fits the screen, so less -F (mailview's default FRX) shows it and ends; with
      // needsterminal and $wait_key set (its default) mutt keeps it there until a key, as
      // docs/clients.md says.
      await term.waitFor('the HTML part through mailcap, and the key prompt', (s) => showsAll(s, body) && s.includes('Press any key'));
      term.press('Enter');
      await term.waitFor('the attachment menu again', menu);
      const links = osc8Opens(term.bytes()).filter((o) => o.uri.startsWith('https://harbour.example/moorings/'));
      expect(new Set(links.map((o) => o.uri)).size).toBe(25);
    });

    it('pipes a text attachment, a calendar attachment and a multipart entry from the attachment menu: nothing is lost', async () => {
      term.press('4', 'Enter', 'v');
      const menu = (s: string) => s.includes('invite.ics') && s.includes('notes.txt') && !s.includes('Item 1:');
      await term.waitFor('the attachment menu', menu);
      const pipeEntry = async (search: string, what: string, shown: (s: string) => boolean) => {
        term.press('/', search, 'Enter', 'C-v');
        const screen = await term.waitFor(what, (s) => shown(s) && !menu(s));
        term.press('q');
        await term.waitFor(`the attachment menu after ${what}`, menu);
        return screen;
      };
      const notes = ['TODO: buy milk for the meeting', 'Agenda: Monday at nine in the harbour office', 'Note: bring the tide tables', 'Last line of the notes.'];
      await pipeEntry('notes.txt', 'the text attachment in less', (s) => showsAll(s, notes));
      const invite = await pipeEntry('invite.ics', 'the calendar in less', (s) => s.includes('Calendar invitation') && s.includes('Harbour office meeting'));
      expect(invite).not.toContain('BEGIN:VCALENDAR');
      // mutt shortens the type in its menu: multipa/alternativ.
      // Its body alone does not say it is an alternative, so both versions are shown: none is lost.
      const agenda = await pipeEntry('alternativ', 'the multipart entry in less', (s) => s.includes('The agenda, plain version.') && s.includes('The agenda, HTML version, with the full agenda.'));
      expect(agenda).not.toContain('--agenda-boundary');
      expect(agenda).not.toContain('Content-Type');
    });
  });
}
