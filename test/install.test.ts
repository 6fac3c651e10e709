// The README's install lines, run as written: `npm pack` in the checkout, then a global install of
// the packed file into a throw-away prefix, which must give the command and the man page.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { readmeBlocks } from './helpers/terminal-bytes.js';
import { root } from './helpers/run.js';
import { missingPrograms, nameWithSkipReason } from './helpers/tmux.js';

const lines = readmeBlocks('Set-up')
  .flatMap((b) => b.split('\n'))
  .map((l) => l.replace(/\s+#.*$/, '').trim());
const pack = lines.find((l) => l.startsWith('npm pack'));
const install = lines.find((l) => l.startsWith('npm install -g'));

const dir = mkdtempSync(join(tmpdir(), 'mailview-install-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README', () => {
  it('installs a packed file, not a link to the checkout', () => {
    expect(pack).toBe('npm pack');
    expect(install).toBe('npm install -g ./mailview-*.tgz');
  });
});

const missing = missingPrograms(['npm']);
describe.skipIf(missing.length > 0)(nameWithSkipReason("the README's npm pack and npm install -g", missing), () => {
  it('install the command, its version and its man page', () => {
    const prefix = join(dir, 'prefix');
    // The README's lines as sh runs them; npm is pointed at the throw-away prefix and directory,
    // takes the dependencies from its cache when it can, and skips `prepare` (pretest built dist/
    // already, and other tests read it meanwhile).
    const env = {
      ...process.env,
      npm_config_prefix: prefix,
      npm_config_pack_destination: dir,
      npm_config_ignore_scripts: 'true',
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const packed = spawnSync('sh', ['-c', pack!], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(packed.status, packed.stderr).toBe(0);
    expect(existsSync(join(dir, `mailview-${pkg.version}.tgz`))).toBe(true);
    const installed = spawnSync('sh', ['-c', install!], { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
    expect(installed.status, installed.stderr).toBe(0);

    const bin = join(prefix, 'bin/mailview');
    expect(lstatSync(join(prefix, 'lib/node_modules/mailview')).isSymbolicLink()).toBe(false);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(version.stdout).toBe(`mailview ${pkg.version}\n`);
    expect(readFileSync(join(prefix, 'share/man/man1/mailview.1'), 'utf8')).toBe(readFileSync(join(root, 'man/mailview.1'), 'utf8'));
  }, 300_000);
});
