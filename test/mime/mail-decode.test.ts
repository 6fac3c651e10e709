import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerEnd, headerSectionAsUtf8, qpStream } from '../../src/mime/mail-decode.js';
import { render } from '../helpers/run.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('headerEnd', () => {
  it('is after the first empty line, LF or CR LF, or the whole input', () => {
    // The plain definition: both searched over the whole input, the earlier end taken.
    const plain = (bytes: Buffer) => {
      const ends = [bytes.indexOf('\n\n'), bytes.indexOf('\r\n\r\n')].map((at, i) => (at < 0 ? -1 : at + 2 + 2 * i)).filter((n) => n >= 0);
      return ends.length ? Math.min(...ends) : bytes.length;
    };
    const text = fc.array(fc.constantFrom('\r', '\n', 'a', ':', ' '), { maxLength: 40 }).map((cs) => Buffer.from(cs.join('')));
    fc.assert(fc.property(text, (bytes) => headerEnd(bytes) === plain(bytes)), { numRuns: 5000 });
  });
});

describe('headerSectionAsUtf8', () => {
  it('reads raw 8-bit header bytes in the charset of the first text part', () => {
    const mail = latin1('Subject: Gr\xfc\xdfe\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nbody\r\n');
    expect(headerSectionAsUtf8(mail).toString('utf8')).toContain('Subject: Grüße');
  });

  it('leaves a raw byte inside a Q encoded word to the word\'s own charset, so it is decoded once', async () => {
    const mail = latin1('From: h@example.com\r\nSubject: =?iso-8859-1?Q?Gr\xfc\xdfe_aus_M\xfcnchen?= und M\xfcnchen\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nbody\r\n');
    const r = await render(mail, ['--no-pager', '--headers', 'subject', '--hyperlinks', 'never', '--footnotes', 'never']);
    expect(r.stdout).toContain('Subject: Grüße aus München und München');
  });
});

describe('qpStream', () => {
  // mailsplit's own decoder, which qpStream stands in for: the same bytes for any input, however cut.
  const require = createRequire(import.meta.url);
  const libqp = require(require.resolve('libqp', { paths: [require.resolve('@zone-eu/mailsplit')] })) as { decode(s: string): Buffer };

  async function decoded(pieces: Buffer[]): Promise<Buffer> {
    const out: Buffer[] = [];
    const stream = qpStream();
    stream.on('data', (b: Buffer) => out.push(b));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    for (const p of pieces) stream.write(p);
    stream.end();
    await ended;
    return Buffer.concat(out);
  }

  const cases = ['=41=4=\n1=\r\nB', 'a \t\r\nb\t=  \nc= \r\n', '==41=\n=\n=', 'x=4', 'x=', '=\r=0D=0a= ', 'caf=C3=A9 \n\n \t', 'a =\n\nb', '=4\n1', '=\n41'];
  it.each(cases)('decodes %j as libqp does, in one piece and cut anywhere', async (text) => {
    const bytes = latin1(text);
    const whole = libqp.decode(text);
    expect(await decoded([bytes])).toEqual(whole);
    for (let i = 0; i <= bytes.length; i++) expect(await decoded([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole);
  });

  it('agrees with libqp on arbitrary text cut at arbitrary places', async () => {
    const alphabet = fc.constantFrom('=', '=', '4', '1', 'a', 'F', 'g', ' ', '\t', '\r', '\n', '\n', 'é');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 5 }), async (chars, cuts) => {
        const bytes = latin1(chars.join(''));
        const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, k) => bytes.subarray(from, [...at, bytes.length][k]));
        expect(await decoded(pieces)).toEqual(libqp.decode(bytes.toString('latin1')));
      }),
      { numRuns: 500 },
    );
  });
  // Fed 20 MB in 5,000 chunks, none with a line feed: searching all the text held so far at every
  // chunk copied it each time (gigabytes in all, past the test's timeout).
  it('decodes a long part without line feeds, in many chunks, in one pass', async () => {
    const chunk = latin1('caf=C3=A9 =\r'.repeat(4096 / 12));
    const pieces = Array.from({ length: 5000 }, () => chunk);
    const out = await decoded(pieces);
    expect(out.length).toBe(5000 * 341 * 8);
    expect(out.equals(libqp.decode(Buffer.concat(pieces).toString('latin1')))).toBe(true);
  });
});
