// `npm run screenshots` (scripts/screenshots.sh, after a build; `npm test` has just built) shows
// samples in a VTE terminal under Xvfb and saves PNGs; without those programs it says why and
// exits 0, and then the test that needs them is reported as skipped with that reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'mailview-screenshots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync('bash', [`${root}scripts/screenshots.sh`, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

const check = script(['--check']);
const skipped = /^skipped: (.*)$/m.exec(check.stdout)?.[1];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('npm run screenshots', () => {
  it('says why it skips, and exits 0, when a program is missing', () => {
    const out = join(dir, 'skipped');
    const r = script([out], { XVFB: 'mailview-no-such-xvfb' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('skipped: mailview-no-such-xvfb not installed (Debian package xvfb)\n');
    expect(existsSync(out)).toBe(false);
  });

  it('checks what it needs', () => {
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^(skipped: .+|ready: Xvfb, VTE and import found)\n$/);
  });

  it.skipIf(skipped !== undefined)(`captures the newsletter and the hostile sample in a VTE terminal${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
    const out = join(dir, 'docs');
    const r = script([out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['screenshot-hostile.png', 'screenshot-newsletter.png']);
    for (const name of ['newsletter', 'hostile']) {
      const png = readFileSync(join(out, `screenshot-${name}.png`));
      const [width, height] = pngSize(png);
      // 100 x 32 cells of an 11-point font, cropped to the window.
      expect(width).toBeGreaterThan(700);
      expect(width).toBeLessThan(1300);
      expect(height).toBeGreaterThan(400);
      expect(height).toBeLessThan(900);
      // A window with no text compresses to about 2 KB; the committed ones are under 200 KB.
      expect(png.length).toBeGreaterThan(8 * 1024);
      expect(png.length).toBeLessThan(200 * 1024);
    }
  });
});
