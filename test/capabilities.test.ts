import { describe, expect, it } from 'vitest';
import { decideCapabilities } from '../src/capabilities.js';
import { parseOptions } from '../src/options.js';

const decide = (args: string[], env: Record<string, string> = {}, tty = false, columns?: number) =>
  decideCapabilities(parseOptions(args), { env, stdoutIsTTY: tty, ...(columns ? { columns } : {}) });

describe('decideCapabilities', () => {
  it('auto: hyperlinks and colour on a terminal, footnotes when hyperlinks are off', () => {
    expect(decide([], {}, true)).toMatchObject({ hyperlinks: true, color: true, footnotes: false });
    expect(decide([], {}, false)).toMatchObject({ hyperlinks: false, color: false, footnotes: true });
  });
  it('environment overrides auto only', () => {
    expect(decide([], { FORCE_HYPERLINK: '0' }, true).hyperlinks).toBe(false);
    expect(decide([], { FORCE_HYPERLINK: '1' }, false).hyperlinks).toBe(true);
    expect(decide(['--hyperlinks', 'never'], { FORCE_HYPERLINK: '1' }).hyperlinks).toBe(false);
    expect(decide([], { NO_COLOR: '1' }, true).color).toBe(false);
    expect(decide([], { NO_COLOR: '1', FORCE_COLOR: '1' }, false).color).toBe(true);
    expect(decide(['--color', 'always'], { NO_COLOR: '1' }).color).toBe(true);
  });
  it('width: flag, else COLUMNS or the terminal capped by --max-width, else 80', () => {
    expect(decide(['--width', '33'], { COLUMNS: '200' }).width).toBe(33);
    expect(decide([], { COLUMNS: '90' }).width).toBe(90);
    expect(decide([], { COLUMNS: '250' }).width).toBe(100);
    expect(decide(['--max-width', '120'], {}, true, 250).width).toBe(120);
    expect(decide([], {}, true, 64).width).toBe(64);
    expect(decide([], {}).width).toBe(80);
  });
  it('footnotes always/never regardless of hyperlinks', () => {
    expect(decide(['--footnotes', 'always'], {}, true).footnotes).toBe(true);
    expect(decide(['--footnotes', 'never'], {}, false).footnotes).toBe(false);
  });
});
