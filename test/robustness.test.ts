// No input makes mailview hang, crash or print a stack trace; what cannot be laid out is still shown.
import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';
import { invariantErrors, stripEscapes } from './helpers/terminal.js';

const args = ['--no-pager', '--width', '80', '--hyperlinks', 'always', '--color', 'always'];
const head = (type: string, extra = '') => `From: a@example.com\r\nSubject: test\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n${extra}\r\n`;

async function run(input: string | Buffer) {
  const r = await render(input, args);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(invariantErrors(r.stdout, 80)).toEqual([]);
  return { ...r, text: stripEscapes(r.stdout) };
}

describe('hostile structure', () => {
  it('shows HTML nested 100 000 levels deep as text, with a notice, exit 65', async () => {
    const r = await run(head('text/html') + '<div>'.repeat(100_000) + 'deep text' + '</div>'.repeat(100_000));
    expect(r.text).toContain('[mailview: the HTML part is nested more than 1000 levels deep; showing its');
    expect(r.text).toContain('deep text');
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('mailview: -: the HTML part is nested more than 1000 levels deep; showing its text without layout\n');
  });

  it('falls back to the text/plain alternative', async () => {
    const mail = head('multipart/alternative; boundary=X') + '--X\r\nContent-Type: text/plain\r\n\r\nthe plain alternative\r\n--X\r\nContent-Type: text/html\r\n\r\n' + '<span>'.repeat(5000) + 'html text\r\n--X--\r\n';
    const r = await run(mail);
    expect(r.text).toContain('plain-text alternative]');
    expect(r.text).toContain('the plain alternative');
    expect(r.text).not.toContain('html text');
    expect(r.code).toBe(65);
  });

  it('renders HTML nested as deep as real mail (200 levels) normally', async () => {
    const r = await run(head('text/html') + '<div>'.repeat(200) + '<b>bold</b>' + '</div>'.repeat(200));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[1mbold');
  });

  it.each([
    ['divs', '<div>', '</div>', 990],
    ['blockquotes', '<blockquote>', '</blockquote>', 990],
    ['tables', '<table><tr><td>', '</td></tr></table>', 330],
    ['list items', '<ul><li>', '</li></ul>', 495],
  ])('lays out %s nested just under the limit without running out of stack', async (_name, open, close, n) => {
    const r = await run(head('text/html') + open.repeat(n) + '<b>bold</b> text' + close.repeat(n));
    expect(r.code).toBe(0);
    expect(r.text).toContain('bold text');
  });

  it('shows a 2 MB single-line header up to the 1 MiB cap, says what was cut, and shows the body', async () => {
    const r = await run(`From: a@example.com\r\nSubject: ${'x'.repeat(2 * 1024 * 1024)}\r\n\r\nthe body\r\n`);
    expect(r.code).toBe(65);
    expect(r.text).toContain('the body');
    expect(r.text).toMatch(/Subject: x{20}/);
    expect(r.text.replace(/\s+/g, ' ')).toContain('[mailview: the header section is larger than 1 MiB; its last 1.0 MiB are not shown]');
  });

  it('reads past header lines that never end, holding only the first MiB', async () => {
    const lines = 'X-Filler: 0123456789012345678901234567890123456789\r\n'.repeat(60_000);
    const r = await run(`From: a@example.com\r\nSubject: endless\r\n${lines}`);
    expect(r.code).toBe(65);
    expect(r.text).toMatch(/^Subject: endless$/m);
    expect(r.text).toMatch(/the header section is larger than 1 MiB; its last 2.0 MiB are not\s+shown/);
  });

  it('reads a part with a bogus charset', async () => {
    const r = await run(head('text/plain; charset=x-no-such-charset') + 'hello world\r\n');
    expect(r.code).toBe(0);
    expect(r.text).toContain('hello world');
  });

  it('reads truncated base64', async () => {
    const r = await run(head('text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64\r\n') + 'SGVsbG8gd29y\r\nbGQ');
    expect(r.code).toBe(0);
    expect(r.text).toContain('Hello wor');
  });

  it('reads a multipart whose closing boundary never comes', async () => {
    const r = await run(head('multipart/mixed; boundary=Z') + '--Z\r\nContent-Type: text/plain\r\n\r\nfirst part');
    expect(r.code).toBe(0);
    expect(r.text).toContain('first part');
  });

  it('refuses binary junk with one line and 65', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = await run(junk);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('mailview: -: binary data, not a message, HTML or text\n');
  });

  it('refuses empty input with one line and 66', async () => {
    const r = await run('');
    expect(r.code).toBe(66);
    expect(r.stderr).toBe('mailview: no input: stdin is empty\n');
  });

  it('skips whitespace lines before the header', async () => {
    const r = await run(`${' '.repeat(40)}\r\nFrom: a@example.com\r\nSubject: padded\r\n\r\nbody\r\n`);
    expect(r.code).toBe(0);
    expect(r.text).toContain('Subject: padded');
  });
});

// Shapes that made a backtracking regex quadratic; the test timeout is the bound.
describe('hostile HTML sizes', () => {
  it('a tag name that never closes', async () => {
    const r = await render(`<html><body><p>x</p><${'a'.repeat(200_000)}`, ['--no-pager', '--html']);
    expect(r.code).toBe(0);
  });
  it('many <base openings without >', async () => {
    const r = await render(`<html><body>${'<base '.repeat(11_000)}<p>x</p>`, ['--no-pager', '--html']);
    expect(r.code).toBe(0);
  });
});
