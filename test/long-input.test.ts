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

  it('wraps one 2 MB paragraph', async () => {
    const r = await render(`<p>${'x'.repeat(2_000_000)}</p>`, ['--no-pager', '--html', '--width', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l === 'x'.repeat(10))).toHaveLength(200_000);
  });
});
