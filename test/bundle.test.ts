// The built bundle (dist/, run by bin/mailview.js) patches mailparser and mailsplit at build time
// (scripts/build.mjs) to skip work mailview never uses: it must render every fixture exactly as the
// sources do, which golden.test.ts checks in-process.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runBin } from './helpers/run.js';
import { stableIds, visible } from './helpers/terminal.js';

const dir = `${root}test/fixtures/`;
const inputs = readdirSync(dir).filter((f) => /\.(eml|mbox)$/.test(f));
const rich = ['--no-pager', '--width', '72', '--hyperlinks', 'always', '--color', 'always', '--footnotes', 'never'];
const home = mkdtempSync(join(tmpdir(), 'mailview-bundle-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// `npm test` builds first; run on its own, this file would test whatever dist/ holds.
function staleSources(): string[] {
  const built = statSync(`${root}dist/mailview.cjs`).mtimeMs;
  const sources = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' }).map((f) => `src/${f}`);
  return [...sources, 'scripts/build.mjs'].filter((f) => f.endsWith('.ts') || f.endsWith('.mjs')).filter((f) => statSync(root + f).mtimeMs > built);
}

describe('the built bundle', () => {
  it('is newer than its sources (else run npm run build)', () => expect(staleSources()).toEqual([]));

  it('carries its build-time patches', () => {
    const bundle = readFileSync(`${root}dist/mailview.cjs`, 'utf8');
    expect(bundle).toContain('attachmentDecoder?.(newNode)');
    expect(bundle).toContain('chunk.indexOf(10,i)');
    expect(bundle).toContain('this.buffer=this.buffer.length?Buffer.concat([this.buffer,chunk]):chunk');
  });

  for (const file of inputs) {
    const name = file.replace(/\.[^.]+$/, '');
    it(`renders ${name} as the golden says`, () => {
      const args = existsSync(`${dir}${name}.args`) ? readFileSync(`${dir}${name}.args`, 'utf8').trim().split(/\s+/) : [];
      const r = runBin([...rich, ...args], readFileSync(dir + file), { XDG_CACHE_HOME: home, MAILVIEW_SNAPSHOT: '0' });
      expect(r.code).toBe(0);
      expect(visible(stableIds(r.stdout))).toBe(readFileSync(`${dir}${name}.ansi.txt`, 'utf8'));
    });
  }
});
