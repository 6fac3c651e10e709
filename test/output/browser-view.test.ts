// --browser and the `View in browser` link: the file written, its policy, and the opener.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { browserPage as pageOfParsed } from '../../src/output/browser-view.js';
import { parseInput } from '../../src/mime/parse-input.js';

// The page of raw input, parsed as the main pass parses it when a browser view is wanted.
async function browserPage(input: { name: string; bytes: Buffer }, settings: { html: boolean; unwrap: boolean }): Promise<string> {
  return pageOfParsed(await parseInput(input, { html: settings.html, keepRelated: true }), { unwrap: settings.unwrap });
}
import { main } from '../../src/cli/cli.js';
import { pagePolicy } from '../../src/output/safe-page.js';
import { dot, hostileMail, loadedUrls, logo, parsePage } from '../helpers/page.js';
import { corpusDir, filesUnder } from '../helpers/run.js';

const uid = process.getuid?.() ?? -1;

/** A private XDG_RUNTIME_DIR and an opener that records its arguments. */
function place() {
  const runtime = mkdtempSync(join(tmpdir(), 'mailview-run-'));
  const record = join(runtime, 'opened');
  const opener = join(runtime, 'opener.sh');
  writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > '${record}'\n`, { mode: 0o755 });
  return { runtime, record, opener, env: { XDG_RUNTIME_DIR: runtime, MAILVIEW_OPEN: opener } };
}

async function run(input: string | Buffer, argv: string[], env: Record<string, string>, tty = false) {
  const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 80 } : {});
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io = { argv, env, stdin: Readable.from([Buffer.from(input)]), stdout, stderr, pid: 7, uid, hostname: 'reader-box', platform: 'linux' };
  const code = await main(io);
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('--browser', () => {
  it('writes a private file and calls the opener with its path as one argument', async () => {
    const p = place();
    const r = await run(hostileMail, ['--browser'], p.env);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const [count, path, ...rest] = readFileSync(p.record, 'utf8').trimEnd().split('\n');
    expect(count).toBe('1');
    expect(rest).toEqual([]);
    expect(path).toMatch(new RegExp(`^${p.runtime}/mailview/view-[0-9a-f]{16}\\.html$`));
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    expect(statSync(join(p.runtime, 'mailview')).mode & 0o777).toBe(0o700);
  });

  it('the page: the policy first in <head>, cid: images as data:, nothing remote loadable', async () => {
    const p = place();
    await run(hostileMail, ['--browser'], p.env);
    const page = readFileSync(readFileSync(p.record, 'utf8').split('\n')[1]!, 'utf8');
    const doc = parsePage(page);
    const first = doc.head[0];
    expect(first?.name).toBe('meta');
    expect(first?.attribs['http-equiv']).toBe('Content-Security-Policy');
    expect(first?.attribs.content).toBe(pagePolicy);
    for (const directive of ["default-src 'none'", "script-src 'none'", 'img-src data:', "form-action 'none'", "base-uri 'none'"]) expect(pagePolicy).toContain(directive);
    const png = `data:image/png;base64,${logo}`;
    expect(doc.images).toEqual([png, `data:image/gif;base64,${dot}`, png]);
    expect(doc.backgrounds).toEqual([png]);
    const loaded = loadedUrls(page);
    expect(loaded.length).toBeGreaterThan(2);
    expect(loaded.filter((u) => !u.startsWith('data:image/'))).toEqual([]);
    expect(doc.names.filter((n) => ['script', 'iframe', 'form', 'link', 'base', 'object', 'embed', 'svg', 'video', 'input', 'source'].includes(n))).toEqual([]);
    expect(page).not.toMatch(/http-equiv\s*=\s*["']?refresh/i);
    expect(doc.metas).toEqual(['Content-Security-Policy', undefined, undefined]);
    expect(doc.eventHandlers).toEqual([]);
  });

  it('links go to their cleaned targets; links the policy refuses lose their href', async () => {
    const p = place();
    await run(hostileMail, ['--browser'], p.env);
    const doc = parsePage(readFileSync(readFileSync(p.record, 'utf8').split('\n')[1]!, 'utf8'));
    expect(doc.links).toEqual(['https://shop.example/deal?id=7', 'https://cdn.example/relative', '#top', 'mailto:sales@shop.example']);
    expect(doc.text).toContain('[image: Remote banner]');
    expect(doc.text).toContain('run me');
    expect(doc.text).toContain('Sale ends Friday');
  });

  it('removes view files older than an hour, keeps newer ones', async () => {
    const p = place();
    const dir = join(p.runtime, 'mailview');
    mkdirSync(dir, { mode: 0o700 });
    const old = join(dir, 'view-00000000000000aa.html');
    const recent = join(dir, 'view-00000000000000bb.html');
    for (const f of [old, recent]) writeFileSync(f, 'x');
    const twoHoursAgo = Date.now() / 1000 - 7200;
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    await run(hostileMail, ['--browser'], p.env);
    const left = readdirSync(dir);
    expect(left).not.toContain('view-00000000000000aa.html');
    expect(left).toContain('view-00000000000000bb.html');
    expect(left).toHaveLength(2);
  });

  it.skipIf(uid < 0)('refuses a directory that others can enter, in one line, exit 74', async () => {
    const p = place();
    mkdirSync(join(p.runtime, 'mailview'));
    chmodSync(join(p.runtime, 'mailview'), 0o755);
    const r = await run(hostileMail, ['--browser'], p.env);
    expect(r.code).toBe(74);
    expect(r.stderr).toBe(`mailview: ${p.runtime}/mailview: not a private directory (it must be yours, mode 0700, and not a link)\n`);
  });

  it('an opener that cannot start or fails is exit 69, one line', async () => {
    const p = place();
    const missing = await run(hostileMail, ['--browser'], { ...p.env, MAILVIEW_OPEN: '/nonexistent/opener' });
    expect(missing.code).toBe(69);
    expect(missing.stderr).toBe("mailview: browser: '/nonexistent/opener' not found\n");
    const failing = await run(hostileMail, ['--browser'], { XDG_RUNTIME_DIR: p.runtime, BROWSER: 'false:no-such-browser-x %s' });
    expect(failing.code).toBe(69);
    expect(failing.stderr).toBe(
      "mailview: browser: none of 2 commands worked (BROWSER is a colon-separated list): 'false' failed (exit 1); 'no-such-browser-x %s' not found\n",
    );
  });

  it('reads BROWSER as a colon-separated list, %s standing for the file and %% for a percent sign', async () => {
    const p = place();
    const r = await run('<p>Hi</p>', ['--browser'], { XDG_RUNTIME_DIR: p.runtime, BROWSER: `no-such-browser-x:false:${p.opener} --flag=100%% --open=%s` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(p.record, 'utf8')).toMatch(new RegExp(`^2\\n--flag=100%\\n--open=${p.runtime}/mailview/view-[0-9a-f]{16}\\.html\\n$`));
  });

  it('falls back to $TMPDIR/mailview-UID without XDG_RUNTIME_DIR, and to the first entry of BROWSER', async () => {
    const p = place();
    const tmp = mkdtempSync(join(tmpdir(), 'mailview-tmp-'));
    const r = await run('<p>Hi</p>', ['--browser'], { TMPDIR: tmp, BROWSER: `${p.opener}:lynx` });
    expect(r.code).toBe(0);
    expect(readFileSync(p.record, 'utf8')).toMatch(new RegExp(`^1\\n${tmp}/mailview-${uid}/view-[0-9a-f]{16}\\.html\\n$`));
  });
});

describe('browserPage', () => {
  it('shows HTML nested too deeply for the page as its text, as the terminal does', async () => {
    const page = await browserPage({ name: '-', bytes: Buffer.from(`${'<div>'.repeat(5000)}deep <b>text</b>`) }, { html: true, unwrap: true });
    expect(page).toContain('<pre style="white-space: pre-wrap">deep text</pre>');
  });

  it('a plain-text message becomes a page of its text', async () => {
    const page = await browserPage({ name: '-', bytes: Buffer.from('Subject: Hi\r\n\r\n<b>not markup</b>\r\n') }, { html: false, unwrap: true });
    expect(page).toContain('<title>Hi</title>');
    expect(page).toContain('&lt;b&gt;not markup&lt;/b&gt;');
  });
});

describe('View in browser link when paging', () => {
  const pagedTo = (file: string) => ['--hyperlinks', 'always', '--pager', `cat > '${file}'`];

  it('is an OSC 8 file://HOST/PATH link mailview made, to a file written while paging', async () => {
    const p = place();
    const paged = join(p.runtime, 'paged');
    expect((await run(hostileMail, pagedTo(paged), p.env, true)).code).toBe(0);
    const text = readFileSync(paged, 'utf8');
    const link = /\x1b\]8;id=[^;]+;(file:\/\/reader-box(\/[^\x1b]+))\x1b\\(?:\x1b\[[0-9;]*m)?View in browser(?:\x1b\[0m)?\x1b\]8;;\x1b\\/.exec(text);
    expect(link).not.toBeNull();
    const path = decodeURIComponent(link![2]!);
    expect(path).toMatch(new RegExp(`^${p.runtime}/mailview/view-[0-9a-f]{16}\\.html$`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parsePage(readFileSync(path, 'utf8')).head[0]?.attribs.content).toBe(pagePolicy);
    // The link policy still refuses the mail's own file: link.
    expect(text).not.toContain('file:///etc/passwd');
    expect(text.indexOf('View in browser')).toBeLessThan(text.indexOf('Sale ends Friday'));
  });

  it('is no footnote: the numbers stay those of --list-links', async () => {
    const p = place();
    const paged = join(p.runtime, 'paged');
    await run(hostileMail, [...pagedTo(paged), '--footnotes', 'always'], p.env, true);
    const text = readFileSync(paged, 'utf8').replace(/\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\/g, '');
    expect(text).toContain('View in browser\n');
    const list = text.slice(text.indexOf('Links:'));
    expect(list).not.toContain('view-');
    expect(list).toContain('file:///etc/passwd (not followed)');
    const listed = await run(hostileMail, ['--list-links'], p.env);
    expect(list).toContain(`[1] ${listed.stdout.split('\t')[1]}`);
  });

  it('is not offered for plain text, without a pager or without hyperlinks', async () => {
    const p = place();
    const plain = 'From: a@example.com\r\nSubject: Hi\r\n\r\nJust text.\r\n';
    const paged = join(p.runtime, 'paged');
    await run(plain, pagedTo(paged), p.env, true);
    expect(readFileSync(paged, 'utf8')).not.toContain('View in browser');
    await run(hostileMail, [...pagedTo(paged), '--hyperlinks', 'never'], p.env, true);
    expect(readFileSync(paged, 'utf8')).not.toContain('View in browser');
    expect((await run(hostileMail, ['--hyperlinks', 'always', '--no-pager'], p.env, true)).stdout).not.toContain('View in browser');
    expect(() => readdirSync(join(p.runtime, 'mailview'))).toThrow();
  });
});


// Real mail HTML, newsletters full of remote images, styles and tracking among it.
describe.skipIf(!existsSync(corpusDir))(`the corpus (${corpusDir})`, () => {
  it('every page starts with the policy and names nothing remote that could load', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let html = 0;
    for (const file of filesUnder(corpusDir)) {
      const bytes = readFileSync(file);
      let page: string;
      try {
        page = await browserPage({ name: file, bytes }, { html: /\.html?$/.test(file), unwrap: true });
      } catch (err) {
        // Input the terminal view refuses too (binary data, a MIME parse failure) is no page either.
        if ((err as { code?: number }).code === 65) continue;
        throw err;
      }
      if (!page.includes('<pre style="white-space: pre-wrap">')) html++;
      if (parsePage(page).head[0]?.attribs.content !== pagePolicy) failures.push(`${file}: no policy first`);
      const remote = loadedUrls(page).filter((u) => !u.startsWith('data:image/'));
      if (remote.length) failures.push(`${file}: ${remote.slice(0, 3).join(' ')}`);
    }
    expect(html).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
