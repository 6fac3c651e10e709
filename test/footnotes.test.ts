import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';

const html = `From: a@example.com
Subject: links
Content-Type: text/html; charset=utf-8

<p><a href="https://one.example/">One</a>, <a href="https://two.example/">Two</a> and <a href="https://one.example/">one again</a>.</p>
`;

describe('--list-links', () => {
  it('numbers links as the footnotes do', async () => {
    const list = (await render(html, ['--list-links'])).stdout;
    const notes = (await render(html, ['--no-pager', '--footnotes', 'always', '--hyperlinks', 'never'])).stdout;
    expect(list).toBe('1\tmailto:a@example.com\ta@example.com\n2\thttps://one.example/\tOne\n3\thttps://two.example/\tTwo\n');
    expect(notes).toContain('One[2], Two[3] and one again[2].');
    expect(notes).toContain('[2] https://one.example/\n[3] https://two.example/\n');
  });
});
