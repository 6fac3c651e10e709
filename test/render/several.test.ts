// Several messages in one stream are told apart by number and count; the attachment list is
// aligned in columns when it fits the width, and one line per attachment when it does not.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/layout/width.js';
import { render } from '../helpers/run.js';

const plain = ['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

describe('several messages in one stream', () => {
  const message = (n: number) => `From sender@example.org Mon Jun  3 08:00:00 2024\nFrom: sender@example.org\nSubject: number ${n}\n\nBody ${n}.\n\n`;
  it('starts each message with a rule naming its number and the count', async () => {
    const r = await render([1, 2, 3].map(message).join(''), [...plain, '-w', '40']);
    const rules = r.stdout.split('\n').filter((l) => l.includes('─'));
    expect(rules).toEqual([1, 2, 3].map((n) => `Message ${n} of 3 ${'─'.repeat(40 - `Message ${n} of 3 `.length)}`));
    // Each rule comes before its own message.
    expect(r.stdout.indexOf('Message 2 of 3')).toBeGreaterThan(r.stdout.indexOf('Body 1.'));
    expect(r.stdout.indexOf('Message 2 of 3')).toBeLessThan(r.stdout.indexOf('number 2'));
  });
  it('adds nothing to a single message', async () => {
    expect((await render(message(1), plain)).stdout).not.toContain('Message 1 of');
  });
});

describe('the attachment list', () => {
  const part = (name: string, type: string, body: string) =>
    `--b\nContent-Type: ${type}; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(body).toString('base64')}\n`;
  const mail = [
    'From: a@example.org\nSubject: files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee attached.\n',
    part('report-2024.pdf', 'application/pdf', 'x'.repeat(3000)),
    part('写真.png', 'image/png', 'y'.repeat(70)),
    part('a.txt', 'text/plain', 'z'),
    '--b--\n',
  ].join('');

  it('is aligned in columns, by display width, when they fit', async () => {
    const lines = (await render(mail, [...plain, '-w', '80'])).stdout.split('\n');
    const list = lines.slice(lines.indexOf('Attachments:') + 1, lines.indexOf('Attachments:') + 4);
    expect(list).toEqual([' 1. report-2024.pdf  application/pdf  2.9 KiB', ' 2. 写真.png         image/png        70 B', ' 3. a.txt            text/plain       1 B']);
    const column = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    expect(new Set(list.map((l, i) => column(l, ['application', 'image', 'text/'][i]!))).size).toBe(1);
  });

  it('is one line per attachment, wrapped, when the columns do not fit', async () => {
    const lines = (await render(mail, [...plain, '-w', '30'])).stdout.split('\n');
    const list = lines.slice(lines.indexOf('Attachments:') + 1).filter((l) => l !== '');
    expect(list.slice(0, 3)).toEqual([' 1. report-2024.pdf', '    application/pdf  2.9 KiB', ' 2. 写真.png  image/png  70 B']);
  });
});
