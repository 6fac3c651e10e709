// The built bundle (dist/, run by bin/mailview.js) patches mailparser and mailsplit at build time
// (scripts/build.mjs) to skip work mailview never uses: it must render every fixture exactly as the
// sources do, which golden.test.ts checks in-process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureArgs, fixtureDir as dir, fixtureEnv, fixtureStderr, richArgs as rich } from './helpers/golden.js';
import { render, root, runBin } from './helpers/run.js';
import { stableIds, visible } from './helpers/terminal.js';

const inputs = readdirSync(dir).filter((f) => /\.(eml|mbox)$/.test(f));
const home = mkdtempSync(join(tmpdir(), 'mailview-bundle-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// `npm test` builds first; run on its own, this file would test whatever dist/ holds.
function staleSources(): string[] {
  const built = statSync(`${root}dist/mailview.cjs`).mtimeMs;
  const sources = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' }).map((f) => `src/${f}`);
  const scripts = readdirSync(`${root}scripts`).map((f) => `scripts/${f}`);
  return [...sources, ...scripts].filter((f) => f.endsWith('.ts') || f.endsWith('.mjs')).filter((f) => statSync(root + f).mtimeMs > built);
}

describe('the built bundle', () => {
  it('is newer than its sources (else run npm run build)', () => expect(staleSources()).toEqual([]));

  it('carries its build-time patches', () => {
    const bundle = readFileSync(`${root}dist/mailview.cjs`, 'utf8');
    expect(bundle).toContain('attachmentDecoder?.(newNode)');
    // The minifier keeps names but numbers one that another module's top level also uses (i, i2 …).
    expect(bundle).toMatch(/chunk\.indexOf\(10,i\d*\)/);
    expect(bundle).toContain('this.buffer=this.buffer.length?Buffer.concat([this.buffer,chunk]):chunk');
    expect(bundle).toContain('matchers.length===1?matchers[0]');
    expect(bundle).toContain('lowered(actual).includes(expected)');
    expect(bundle).toContain('group.type==="body"&&this.state===BODY');
    expect(bundle).toContain('addressMemo.get(value)??rememberAddress(value,this)');
    expect(bundle).toContain('notAscii.test(value)&&(value=Buffer.from(value,"binary").toString())');
    expect(bundle).toContain('headers.set(key,Array.isArray(value)?value.slice():[value])');
    expect(bundle).toContain('typeof str=="string"&&str.indexOf("=?")<0');
    expect(bundle).toContain('this.init(config)}init(config){');
    expect(bundle).toContain('plainAddressList(text)??addressparser');
  });

  for (const file of inputs) {
    const name = file.replace(/\.[^.]+$/, '');
    it(`renders ${name} as the golden says`, () => {
      const r = runBin([...rich, ...fixtureArgs(name)], readFileSync(dir + file), { ...fixtureEnv(name), XDG_CACHE_HOME: home, MAILVIEW_SNAPSHOT: '0' });
      expect(r.code).toBe(fixtureStderr(name).code);
      expect(visible(stableIds(r.stdout))).toBe(readFileSync(`${dir}${name}.ansi.txt`, 'utf8'));
    });
  }
});

// Each generated input rendered by the bundle and by the sources: the same exit code and text.
async function bothAlike(inputs: fc.Arbitrary<string>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(inputs, async (m) => {
      const bytes = Buffer.from(m, 'utf8');
      const built = runBin(rich, bytes, { XDG_CACHE_HOME: home, MAILVIEW_SNAPSHOT: '0' });
      const sources = await render(bytes, rich);
      expect(built.code).toBe(sources.code);
      expect(stableIds(built.stdout)).toBe(stableIds(sources.stdout));
    }),
    { numRuns: 25 },
  );
}

// The splitter patches touch how body lines and boundaries are found: bodies full of lines that
// look like boundaries, mixed line endings, padded base64 and lines across the 256 KiB slices
// the message is fed in, rendered by the bundle and by the sources alike.
describe('the built bundle against the sources, on generated messages', () => {
  const line = fc.constantFrom('text', '-', '--', '--b', '--b0', '--b0-', '- item', '---', '', ' ', '=', 'QUJD', 'QQ==', 'x'.repeat(90), 'Grüße 日本');
  const eol = fc.constantFrom('\r\n', '\n', '\r\n', '\r');
  const body = fc.array(fc.tuple(line, eol), { maxLength: 30 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
  const part = fc.oneof(
    body.map((b) => `Content-Type: text/plain; charset=utf-8\r\n\r\n${b}`),
    fc.tuple(body, fc.constantFrom('application/pdf', 'image/png', 'application/octet-stream')).map(([b, type]) => `Content-Type: ${type}; name="f"\r\nContent-Disposition: attachment; filename="f"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b}`),
  );
  // Filler long enough that the parts after it cross a 256 KiB slice edge somewhere.
  const filler = fc.nat({ max: 300 * 1024 }).map((n) => `Content-Type: text/plain\r\n\r\n${'filler line of text\r\n'.repeat(Math.ceil(n / 21))}`);
  const message = fc.tuple(fc.array(part, { minLength: 1, maxLength: 4 }), filler, fc.boolean()).map(
    ([parts, fill, nested]) => {
      const inner = nested ? [`Content-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\n${parts[0]}\r\n--b1--\r\n`, ...parts.slice(1)] : parts;
      return `From: a@example.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\npreamble\r\n--b0\r\n${[fill, ...inner].join('\r\n--b0\r\n')}\r\n--b0--\r\nepilogue\r\n`;
    },
  );

  it('renders each alike', { timeout: 240_000 }, () => bothAlike(message));
});

// In the bundle most messages of an mbox are read at once (mail.ts parseMailAtOnce, which needs
// the splitter patched to start before it returns) and their address fields are parsed once per
// text and shared; the sources read each message through promises and parse every field.
// Messages of every shape near those lines, repeated addresses among them, render alike.
describe('the built bundle against the sources, on generated mboxes', () => {
  const pick = <T>(...items: T[]) => fc.constantFrom(...items);
  const message = fc.record({
    from: pick('Ann <ann@example.com>', '"Sender, A" <a@example.org>', 'bob at example.org (Bob)', '=?utf-8?q?Caf=C3=A9?= <c@example.net>', 'Grüße <g@example.de>', 'a@example.com\nFrom: Evil <e@example.net>'),
    to: pick('reader@example.org', 'Reader <reader@example.org>, other@example.net', 'list:;', '"john"."q"@example.com'),
    subject: pick('Hello', '=?utf-8?q?caf=C3=A9?=', 'two\n  lines', 'Grüße'),
    type: pick(undefined, 'text/plain; charset=utf-8', 'text/plain; charset=iso-8859-1', 'text/html; charset=utf-8', 'text/plain; format=flowed', 'multipart/mixed; boundary=B', 'text/calendar'),
    encoding: pick(undefined, 'quoted-printable', 'base64', '8bit'),
    body: pick('Hello.\n', 'caf=C3=A9 =\nsoft\n', 'Y2Fmw6k=\n', '<p>Hi <a href="https://example.com/">there</a></p>\n', '--B\n\nx\n--B--\n', 'See https://example.com/a?b=c\n', 'Caf\u00e9\n', `${'a long line of text '.repeat(1000)}\n`),
    crlf: fc.boolean(),
  });
  const mbox = fc.array(message, { minLength: 2, maxLength: 10 }).map((ms) =>
    ms
      .map((m) => {
        const head = `From: ${m.from}\nTo: ${m.to}\nSubject: ${m.subject}\nDate: Tue, 04 Mar 2025 09:30:00 +0000\n${m.type ? `Content-Type: ${m.type}\n` : ''}${m.encoding ? `Content-Transfer-Encoding: ${m.encoding}\n` : ''}\n${m.body}`;
        return `From sender@example.com Tue Mar  4 09:30:00 2025\n${m.crlf ? head.replace(/\n/g, '\r\n') : head}\n`;
      })
      .join(''),
  );

  it('renders each alike', { timeout: 240_000 }, () => bothAlike(mbox));
});
