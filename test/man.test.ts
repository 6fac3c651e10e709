// The man page and --help describe the same options, and the page renders.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { usage } from '../src/cli/options.js';
import { root } from './helpers/run.js';
import { missingPrograms, nameWithSkipReason } from './helpers/tmux.js';

const page = `${root}man/mailview.1`;
const roff = readFileSync(page, 'utf8');

/** The option names of --help: every "-x" and "--name" that starts an option line. */
function helpOptions(): string[] {
  const names = usage
    .split('\n')
    .filter((line) => /^\s+-/.test(line))
    .flatMap((line) => line.trim().split(/\s{2,}/)[0]!.match(/--?[A-Za-z][A-Za-z0-9-]*/g) ?? []);
  return [...new Set(names)].sort();
}

/** The option names of the man page: the tags of the .TP entries in OPTIONS. */
function manOptions(): string[] {
  const section = roff.slice(roff.indexOf('.SH OPTIONS'), roff.indexOf('.SH', roff.indexOf('.SH OPTIONS') + 1));
  const lines = section.split('\n');
  const tags = lines.filter((_, i) => i > 0 && lines[i - 1] === '.TP');
  const names = tags.flatMap((tag) => tag.replace(/\\-/g, '-').replace(/\\f[BIRP]/g, '').match(/(?<![\w-])--?[A-Za-z][A-Za-z0-9-]*/g) ?? []);
  return [...new Set(names)].sort();
}

describe('man page', () => {
  it('lists exactly the options of --help', () => {
    expect(helpOptions().length).toBeGreaterThan(15);
    expect(manOptions()).toEqual(helpOptions());
  });

  it("is the file package.json's man field installs", () => {
    expect(existsSync(`${root}${pkg.man}`)).toBe(true);
    expect(pkg.files).toContain('man');
  });

  const missing = missingPrograms(['man']);
  it.skipIf(missing.length > 0)(nameWithSkipReason('renders with man, without warnings', missing), () => {
    const r = spawnSync('man', ['-l', page], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/.\x08/g, '');
    for (const option of helpOptions()) expect(text).toContain(option);
    expect(text).toMatch(/^NAME\n\s+mailview - /m);
  });
});
