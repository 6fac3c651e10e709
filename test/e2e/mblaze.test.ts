// Real mblaze: mshow with the README's filter line shows the newsletter's HTML part through
// mailview, its links intact; and why the line ends in `exit 62` (mshow(1), FILTERS: 62 prints the
// output raw; 0 escapes every control byte, links included).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runBin } from '../helpers/run.js';
import { foreignEscapes, osc8Opens, parseLinkList, readmeBlocks } from '../helpers/terminal-bytes.js';
import { makeSandbox, missingPrograms, nameWithSkipReason, sandboxEnv } from '../helpers/tmux.js';

const file = `${root}test/e2e/fixtures/newsletter.eml`;

function mshow(filterLine: string): string {
  const dir = makeSandbox();
  writeFileSync(join(dir, 'filter'), `${filterLine}\n`);
  const r = spawnSync('mshow', ['-A', 'text/html', file], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...sandboxEnv(dir), MBLAZE: dir, MBLAZE_PAGER: 'cat', MBLAZE_NOCOLOR: '1' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const missing = missingPrograms(['mshow']);
describe.skipIf(missing.length > 0)(nameWithSkipReason("mblaze's mshow with the README's filter line", missing), () => {
  const line = readmeBlocks('mblaze')[0]!;

  it("shows the HTML part rendered, with every one of its links as an OSC 8 link and no other escape", () => {
    const out = mshow(line);
    expect(out).toContain('new tide tables');
    const want = new Set(parseLinkList(runBin(['--list-links', '--headers', '', file]).stdout).map((l) => l.uri));
    expect(new Set(osc8Opens(out).map((o) => o.uri))).toEqual(want);
    expect(foreignEscapes(out, 'PWNED')).toEqual([]);
  });

  it('escapes the links when the filter exits 0, which is why the line ends in exit 62', () => {
    const out = mshow(line.replace(/; exit 62$/, ''));
    expect(out).toContain('new tide tables');
    expect(osc8Opens(out)).toEqual([]);
  });
});
