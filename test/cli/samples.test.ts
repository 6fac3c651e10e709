// --sample and `npm start` show the bundled samples (examples/), from the checkout and from an
// installed package, as `npx mailview --sample` runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, MailviewError } from '../../src/document/errors.js';
import { sampleFiles } from '../../src/cli/samples.js';
import { richArgs as rich } from '../helpers/golden.js';
import { root, runBin } from '../helpers/run.js';
import { stableIds, visible } from '../helpers/terminal.js';

const examples = `${root}examples`;
const golden = (name: string, kind: 'ansi' | 'plain') => readFileSync(`${root}test/fixtures/examples/${name}.${kind}.txt`, 'utf8');
const plain = ['--no-pager', '--width', '72', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];
const home = mkdtempSync(join(tmpdir(), 'mailview-samples-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { XDG_CACHE_HOME: home, MAILVIEW_SNAPSHOT: '0' };

function thrown(f: () => unknown): MailviewError | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof MailviewError) return err;
    throw err;
  }
  return undefined;
}

describe('sampleFiles', () => {
  it('is the newsletter when no name is given', () => {
    expect(sampleFiles([], examples)).toEqual([join(examples, 'newsletter.eml')]);
  });

  it('takes names in order', () => {
    expect(sampleFiles(['hostile', 'reply'], examples)).toEqual([join(examples, 'hostile.eml'), join(examples, 'reply.eml')]);
  });

  it('refuses an unknown name with a usage error listing the samples', () => {
    const err = thrown(() => sampleFiles(['newsletter', 'nope'], examples));
    expect(err?.code).toBe(ExitCode.usage);
    expect(err?.why).toBe("no sample 'nope'; the samples are hostile, invitation, newsletter, receipt, reply");
  });

  it('says so when no samples are installed', () => {
    expect(thrown(() => sampleFiles([], undefined))?.code).toBe(ExitCode.noInput);
    expect(thrown(() => sampleFiles([], join(home, 'missing')))?.why).toContain('no samples installed in');
  });
});

describe('mailview --sample (the built bin)', () => {
  it('shows the newsletter', () => {
    const r = runBin(['--sample', ...rich], undefined, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(visible(stableIds(r.stdout))).toBe(golden('newsletter', 'ansi'));
  });

  it('shows a named sample, never reading stdin', () => {
    const r = runBin(['--sample', 'hostile', ...plain], 'From: x@example.com\n\nnot this', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden('hostile', 'plain'));
  });

  it('exits 64 on an unknown name, listing the samples', () => {
    const r = runBin(['--sample', 'nope'], undefined, env);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("mailview: --sample: no sample 'nope'; the samples are hostile, invitation, newsletter, receipt, reply\n");
  });
});

describe('npm start', () => {
  it('prints the newsletter when stdout is a pipe', () => {
    const r = spawnSync('npm', ['start'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    // npm itself may print notices on stderr; mailview prints nothing there.
    expect(r.stderr).not.toContain('mailview');
    expect(r.status).toBe(0);
    const expected = runBin(['--sample'], undefined, env).stdout;
    expect(expected).toContain('Tern Dispatch #12 – March 2025');
    // npm prints the script's name and command first.
    expect(r.stdout.endsWith(expected)).toBe(true);
  });

  it('passes a sample name on: npm start -- hostile', () => {
    const r = spawnSync('npm', ['start', '--', 'hostile'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.endsWith(runBin(['--sample', 'hostile'], undefined, env).stdout)).toBe(true);
    expect(r.stdout).toContain('Subject: Account locked');
  });
});

describe('the installed package', () => {
  // The files `npm pack` would ship, copied to node_modules/mailview with npm's .bin link, as
  // `npm install mailview` (or npx) lays them out.
  function install(): string {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
    const dir = join(home, 'prefix/node_modules/mailview');
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(root, file), join(dir, file));
    }
    mkdirSync(join(home, 'prefix/node_modules/.bin'));
    symlinkSync('../mailview/bin/mailview.js', join(home, 'prefix/node_modules/.bin/mailview'));
    return join(home, 'prefix/node_modules/.bin/mailview');
  }

  it('ships the samples, and --sample finds them through the .bin link', () => {
    const bin = install();
    const r = spawnSync(bin, ['--sample', 'receipt', ...plain], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, ...env } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden('receipt', 'plain'));
  });
});
