import { describe, expect, it } from 'vitest';
import { decideCapabilities } from '../../src/cli/capabilities.js';
import { parseOptions } from '../../src/cli/options.js';

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
    expect(decide([], { NO_COLOR: '1' }, true)).toMatchObject({ styles: true, color: false });
    expect(decide([], { NO_COLOR: '1', FORCE_COLOR: '1' }, false).color).toBe(true);
    expect(decide(['--color', 'always'], { NO_COLOR: '1' }).color).toBe(true);
  });
  it('puts the environment above the config file, and the command line above both', () => {
    const withFile = (args: string[], file: string[], env: Record<string, string>) => decideCapabilities(parseOptions(args, file), { env, stdoutIsTTY: true });
    expect(withFile([], ['--color=always'], { NO_COLOR: '1' })).toMatchObject({ styles: true, color: false });
    expect(withFile([], ['--color=always'], { TERM: 'dumb' })).toMatchObject({ styles: false, color: false });
    expect(withFile([], ['--color=never'], { FORCE_COLOR: '1' }).color).toBe(true);
    expect(withFile(['--color', 'always'], ['--color=never'], { NO_COLOR: '1' }).color).toBe(true);
    expect(withFile([], ['--color=never'], {}).styles).toBe(false);
    expect(withFile([], ['--hyperlinks=never'], { FORCE_HYPERLINK: '1' }).hyperlinks).toBe(true);
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
  it('colour and styles: NO_COLOR removes colour only, --color never and FORCE_COLOR=0 all SGR', () => {
    expect(decide([], {}, true)).toMatchObject({ styles: true, color: true });
    expect(decide([], { NO_COLOR: 'yes' }, true)).toMatchObject({ styles: true, color: false });
    expect(decide([], { NO_COLOR: '' }, true)).toMatchObject({ styles: true, color: true });
    expect(decide(['--color', 'never'], {}, true)).toMatchObject({ styles: false, color: false });
    expect(decide(['--color', 'always'], { NO_COLOR: '1' }, false)).toMatchObject({ styles: true, color: true });
    expect(decide([], { FORCE_COLOR: '0' }, true)).toMatchObject({ styles: false, color: false });
    expect(decide([], { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toMatchObject({ styles: true, color: true });
    expect(decide([], { TERM: 'dumb' }, true)).toMatchObject({ styles: false, color: false });
    expect(decide([], {}, false)).toMatchObject({ styles: false, color: false });
  });
  it('link style: both unless given', () => {
    expect(decide([]).linkStyle).toBe('both');
    expect(decide(['--link-style', 'underline']).linkStyle).toBe('underline');
    expect(() => decide(['--link-style', 'blink'])).toThrow(/--link-style expects underline, color, both, none/);
  });
  it('OSC 8 terminator: ST, BEL under aerc unless given', () => {
    expect(decide([], {}, true).terminator).toBe('st');
    expect(decide([], { AERC_MIME_TYPE: 'text/html' }).terminator).toBe('bel');
    expect(decide(['--osc8-terminator', 'st'], { AERC_MIME_TYPE: 'text/html' }).terminator).toBe('st');
    expect(decide(['--osc8-terminator', 'bel']).terminator).toBe('bel');
    expect(() => decide(['--osc8-terminator', 'esc'])).toThrow(/expects st, bel/);
  });
  it('aerc: hyperlinks when AERC_OSC8_URLS=1 (else footnotes), styles and colour on, COLUMNS the width', () => {
    const aerc = { AERC_MIME_TYPE: 'text/html', AERC_SUBJECT: 's', COLUMNS: '77' };
    expect(decide([], { ...aerc, AERC_OSC8_URLS: '1' })).toMatchObject({ hyperlinks: true, footnotes: false, styles: true, color: true, width: 77 });
    expect(decide([], aerc)).toMatchObject({ hyperlinks: false, footnotes: true, styles: true });
    expect(decide(['--hyperlinks', 'always'], aerc)).toMatchObject({ hyperlinks: true, footnotes: false });
    expect(decide([], { ...aerc, AERC_OSC8_URLS: '1', FORCE_HYPERLINK: '0' }).hyperlinks).toBe(false);
    expect(decide([], { ...aerc, NO_COLOR: '1' })).toMatchObject({ styles: true, color: false });
    expect(decide([], { AERC_MIME_TYPE: '', AERC_OSC8_URLS: '1' }, false).hyperlinks).toBe(false);
  });
  it('less navigation: only with hyperlinks and a less 661+ that mailview starts', () => {
    const nav = (args: string[], lessNavigates: boolean) => decideCapabilities(parseOptions(args), { env: {}, stdoutIsTTY: true, lessNavigates }).lessNavigation;
    expect(nav([], true)).toBe(true);
    expect(nav([], false)).toBe(false);
    expect(nav(['--hyperlinks', 'never'], true)).toBe(false);
    expect(decide([], {}, true).lessNavigation).toBe(false);
  });
});
