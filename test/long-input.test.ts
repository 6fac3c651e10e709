// Long bodies: block and line lists far longer than a function call's argument limit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, runBin } from './helpers/run.js';

describe('long input', () => {
  // Over 16 MiB an input is read as it is parsed: spawned, so that stdin is a real pipe, with a
  // generous timeout that a hang would exceed.
  it('lists a 20 MB base64 attachment by name and size without holding it, and shows the text after the headers', () => {
    const data = `${Buffer.alloc(57, 0xa5).toString('base64')}\r\n`.repeat(280_000);
    const message = `From: a@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the archive.\r\n--b\r\nContent-Type: application/zip; name=archive.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n${data}--b--\r\n`;
    expect(message.length).toBeGreaterThan(20_000_000);
    const r = runBin(['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never'], message);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('See the archive.');
    expect(r.stdout).toMatch(/archive\.zip +application\/zip +15 MiB/);
  });

  it('reads past 20 MB of header lines that never end, and says what it cut', () => {
    const r = runBin(['--no-pager', '--hyperlinks', 'never'], `From: a@example.com\r\nSubject: endless\r\n${'X-Filler: 0123456789012345678901234567890123456789\r\n'.repeat(400_000)}`);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('mailview: -: the header section is larger than 1 MiB; its last 18.8 MiB are not shown\n');
    expect(r.stdout).toMatch(/^Subject: endless$/m);
  });

  it('renders an mbox a message at a time, the last one included', () => {
    const one = (i: number) => `From a@example.com Tue Mar  4 09:30:00 2025\nFrom: a@example.com\nSubject: Message ${i}\n\nBody ${i}.\n\n`;
    const r = runBin(['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never'], Array.from({ length: 3000 }, (_, i) => one(i + 1)).join(''));
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Subject: Message \d+$/gm)).toHaveLength(3000);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Body 3000.');
  });

  // Messages are parsed a few at a time between turns of the event loop: a count that is no
  // multiple of that batch still ends with its last message, its sender's address a link.
  it('renders every message of a 1001-message mbox with OSC 8 sender links, the last one included', () => {
    const one = (i: number) => `From s${i}@example.com Tue Mar  4 09:30:00 2025\nFrom: Sender ${i} <s${i}@example.com>\nTo: r@example.org\nSubject: Message ${i}\n\nBody ${i}.\n\n`;
    const r = runBin(['--no-pager', '--hyperlinks', 'always', '--footnotes', 'never'], Array.from({ length: 1001 }, (_, i) => one(i + 1)).join(''));
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Subject: Message \d+$/gm)).toHaveLength(1001);
    expect(r.stdout).toMatch(/^Message 1001 of 1001 /m);
    expect(r.stdout).toMatch(/^From: Sender 1001 <\x1b\]8;id=[^;]*;mailto:s1001@example\.com\x1b\\s1001@example\.com\x1b\]8;;\x1b\\>$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Body 1001.');
  });

  // Footnotes of an mbox are listed after each message, so none are held across messages.
  it('lists each message’s footnotes after it in a 3000-message mbox, the last one’s numbered from 1', () => {
    const one = (i: number) => `From a@example.com Tue Mar  4 09:30:00 2025\nFrom: a${i}@example.com\nSubject: Message ${i}\n\nSee https://example.com/${i} now.\n\n`;
    const r = runBin(['--no-pager', '--hyperlinks', 'never', '--footnotes', 'always'], Array.from({ length: 3000 }, (_, i) => one(i + 1)).join(''));
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Links:$/gm)).toHaveLength(3000);
    expect(r.stdout.trimEnd().split('\n').slice(-3)).toEqual(['Links:', '[1] mailto:a3000@example.com', '[2] https://example.com/3000']);
  });

  it('renders a 200 000-line plain-text message', async () => {
    const body = Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}`).join('\n');
    const r = await render(`From: a@example.com\nSubject: log\nContent-Type: text/plain\n\n${body}\n`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').slice(-1)).toEqual(['line 200000']);
  });

  it('renders 300 000 short lines with their footnoted links, the last one too', async () => {
    const body = Array.from({ length: 300_000 }, (_, i) => (i % 1000 === 0 ? `see https://example.com/${i}` : `ok ${i}`)).join('\r\n');
    const r = await render(`From: a@example.com\r\nSubject: log\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'always']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('[301] https://example.com/299000');
    expect(lines).toContain('ok 299999');
  });

  it('wraps one 2 MB paragraph', async () => {
    const r = await render(`<p>${'x'.repeat(2_000_000)}</p>`, ['--no-pager', '--html', '--width', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l === 'x'.repeat(10))).toHaveLength(200_000);
  });

  // html-to-text's maxChildNodes once turned everything past the 50 000th child into '...', exit 0.
  it.each([
    ['a 30 000-row report table', (i: number) => `<tr><td>row ${i}</td><td>${i * 3} EUR</td></tr>`, (b: string) => `<table>${b}</table>`],
    ['60 000 paragraphs in one element', (i: number) => `<p>paragraph ${i}</p>`, (b: string) => `<div>${b}</div>`],
  ])('renders %s whole, with what comes after it', async (_name, row, wrap) => {
    const n = _name.startsWith('a 30') ? 30_000 : 60_000;
    const body = Array.from({ length: n }, (_, i) => row(i + 1)).join('');
    const r = await render(`${wrap(body)}<p>Closing paragraph.</p>`, ['--no-pager', '--html', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('...');
    expect(r.stdout).toContain(_name.startsWith('a 30') ? 'row 30000' : 'paragraph 60000');
    expect(r.stdout.trimEnd().endsWith('Closing paragraph.')).toBe(true);
  });

  it('shows the URL of a link too long for OSC 8 as a footnote, with hyperlinks on', async () => {
    const url = `https://files.example/d?t=${'x'.repeat(2100)}`;
    const html = `<p><a href="https://example.com/a">short</a> and <a href="${url}">the long one</a></p>`;
    const r = await render(html, ['--no-pager', '--html', '--hyperlinks', 'always', '--width', '100']);
    expect(r.stdout).toContain('the long one[2]');
    expect(r.stdout.replace(/\n {4}/g, '')).toContain(`[2] ${url}\n`);
    expect(r.stdout).not.toContain('[1]');
    expect(r.stdout).not.toContain(`;${url}`);
    const list = await render(html, ['--html', '--list-links']);
    expect(list.stdout).toBe(`1\thttps://example.com/a\tshort\n2\t${url}\tthe long one\n`);
  });
  // Past the limit a link is shown as its text, told once; the footnotes stop at the limit.
  it('links the first 50,000 URLs of a message, shows the rest as text and says so', async () => {
    const body = Array.from({ length: 50_050 }, (_, i) => `https://example.com/${i}`).join('\n');
    const r = await render(`Subject: many\nContent-Type: text/plain\n\n${body}\n`, ['--no-pager', '--hyperlinks', 'always', '--footnotes', 'never']);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('mailview: -: more than 50000 links in one message; those after the 50000th are shown as plain text\n');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /\x1b\]8;[^;]*;https:\/\/example\.com\//.test(l))).toHaveLength(50_000);
    expect(lines.at(-1)).toBe('https://example.com/50049');
  });

  it('counts links anew for each message of an mbox', async () => {
    const body = Array.from({ length: 50_001 }, (_, i) => `https://example.com/${i}`).join('\n');
    const one = (i: number) => `From a@example.com Tue Mar  4 09:30:00 2025\nSubject: M${i}\n\n${body}\n\n`;
    const r = await render(one(1) + one(2), ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'always']);
    expect(r.code).toBe(65);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stdout.match(/^\[50000\] https:\/\/example\.com\/49999$/gm)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/^\[50001\]/m);
  });

  it('counts the links of an HTML part against the same limit', async () => {
    const html = `<p>${Array.from({ length: 50_001 }, (_, i) => `<a href="https://example.com/${i}">l${i}</a>`).join(' ')}</p>`;
    const r = await render(`Subject: many\nContent-Type: text/html\n\n${html}\n`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'always']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/more than 50000 links in one message/);
    expect(r.stdout).toMatch(/^\[50000\] https:\/\/example\.com\/49999$/m);
    expect(r.stdout).not.toMatch(/^\[50001\]/m);
    expect(r.stdout).toMatch(/l50000$/m);
  });
  // Inputs are laid out before any is shown, and a long HTML file's first pieces with them: its
  // links are still counted on their own, not with those of the text shown before it.
  it('counts a long HTML file\'s links apart from those of another input before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailview-links-'));
    try {
      writeFileSync(join(dir, 'a.txt'), Array.from({ length: 30_000 }, (_, i) => `see http://a.example/p${i}`).join('\n'));
      const anchors = Array.from({ length: 30_000 }, (_, i) => `<p><a href="http://b.example/q${i}">link number ${i} here</a></p>`);
      writeFileSync(join(dir, 'b.html'), `<html><body>${anchors.join('\n')}</body></html>`);
      const r = await render('', ['--no-pager', '--hyperlinks', 'always', join(dir, 'a.txt'), join(dir, 'b.html')]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.match(/\x1b\]8;[^;]*;http:\/\/b\.example\/q\d+\x1b/g)).toHaveLength(30_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
