import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';

const plain = ['--no-pager', '--width', '30', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never', '--headers', ''];
const mail = (body: string, type = 'text/plain; charset=utf-8') => `From: a@example.com\nContent-Type: ${type}\n\n${body}`;

describe('plain-text rendering', () => {
  it('repeats the quote prefix on wrapped lines and normalises >> to > >', async () => {
    const r = await render(mail('>> one two three four five six seven eight\n'), plain);
    expect(r.stdout).toBe('> > one two three four five\n> > six seven eight\n');
  });

  it('reflows format=flowed with delsp=yes and keeps quote depth', async () => {
    const body = 'Don \r\nau \r\ndampf.\r\n> quoted  \r\n> more\r\n>> deep\r\n';
    const r = await render(mail(body, 'text/plain; charset=utf-8; format=flowed; delsp=yes'), plain);
    expect(r.stdout).toBe('Donaudampf.\n> quoted more\n> > deep\n');
  });

  it('dims the signature after "-- " and only there', async () => {
    const r = await render(mail('body -- text\n-- \nsig\n'), ['--no-pager', '--color', 'always', '--headers', '']);
    expect(r.stdout).toBe('body -- text\n\x1b[2m--\x1b[0m\n\x1b[2msig\x1b[0m\n');
  });

  it('keeps a bare URL whole on its own line when it fits', async () => {
    const r = await render(mail('see https://example.com/abcdefghij now\n'), plain);
    expect(r.stdout).toBe('see\nhttps://example.com/abcdefghij\nnow\n');
  });

  it('reads an SMTP transcript in a bounce as a dialogue, not as quotes', async () => {
    const body = '>>> RCPT To:<nobody@example.org>\n<<< 550 5.1.1 User unknown\n> quoted\n';
    const out = (await render(mail(body), [...plain.slice(0, 2), '60', ...plain.slice(3)])).stdout;
    expect(out).toBe('>>> RCPT To:<nobody@example.org>\n<<< 550 5.1.1 User unknown\n> quoted\n');
    expect((await render(mail('>>> only\n'), plain)).stdout).toBe('> > > only\n');
  });
});
