// Long bodies: block and line lists far longer than a function call's argument limit.
import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';

describe('long input', () => {
  it('renders a 200 000-line plain-text message', async () => {
    const body = Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}`).join('\n');
    const r = await render(`From: a@example.com\nSubject: log\nContent-Type: text/plain\n\n${body}\n`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').slice(-1)).toEqual(['line 200000']);
  });

  it('renders a million short lines with their footnoted links, the last one too', async () => {
    const body = Array.from({ length: 1_000_000 }, (_, i) => (i % 1000 === 0 ? `see https://example.com/${i}` : `ok ${i}`)).join('\r\n');
    const r = await render(`From: a@example.com\r\nSubject: log\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`, ['--no-pager', '--hyperlinks', 'never', '--footnotes', 'always']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('[1001] https://example.com/999000');
    expect(lines).toContain('ok 999999');
  });

  it('wraps one 2 MB paragraph', async () => {
    const r = await render(`<p>${'x'.repeat(2_000_000)}</p>`, ['--no-pager', '--html', '--width', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l === 'x'.repeat(10))).toHaveLength(200_000);
  });
});
