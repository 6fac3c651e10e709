import { describe, expect, it } from 'vitest';
import { humanSize } from '../../src/render/headers.js';
import { render } from '../helpers/run.js';

describe('header block', () => {
  const mail = (extra: string) => `From: a@example.com\nSubject: s\n${extra}\nhi\n`;
  const rich = ['--no-pager', '--hyperlinks', 'always', '--color', 'never', '--footnotes', 'never'];

  it('links List-Unsubscribe (web address preferred) and Archived-At', async () => {
    const r = await render(mail('List-Unsubscribe: <mailto:u@example.com>, <https://example.com/u?x=1>\nArchived-At: <https://example.com/a/1>\n'), rich);
    expect(r.stdout).toMatch(/^List: \x1b\]8;id=[^;]+;https:\/\/example.com\/u\?x=1\x1b\\Unsubscribe\x1b\]8;;\x1b\\ · \x1b\]8;id=[^;]+;https:\/\/example.com\/a\/1\x1b\\Archive\x1b\]8;;\x1b\\$/m);
  });

  it('falls back to a mailto: unsubscribe and shows no List line without list headers', async () => {
    expect((await render(mail('List-Unsubscribe: <mailto:u@example.com?subject=stop>\n'), rich)).stdout).toContain('mailto:u@example.com?subject=stop\x1b\\Unsubscribe');
    expect((await render(mail(''), rich)).stdout).not.toContain('List:');
    expect((await render(mail('List-Archive: <https://example.com/l>\n'), [...rich, '--headers', ''])).stdout).not.toContain('List:');
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
  ])('humanSize(%i) is %s', (bytes, text) => expect(humanSize(bytes)).toBe(text));
});
