// MIME edge cases of real mail: parts mailparser drops, refuses or decodes wrongly.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/mime/mail.js';
import type { Part } from '../../src/mime/types.js';
import { render } from '../helpers/run.js';

const head = (type: string, extra = '') => `From: a@example.com\r\nSubject: test\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n${extra}\r\n`;
const args = ['--no-pager', '--width', '80', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

function texts(part: Part): string[] {
  if (part.kind === 'text') return [`${part.subtype}:${part.text}`];
  return part.kind === 'multipart' ? part.children.flatMap(texts) : [];
}

describe('parseMail', () => {
  it('keeps the real subtype of every inline text part', async () => {
    const mail = await parseMail(Buffer.from(head('multipart/mixed; boundary=B') + '--B\r\nContent-Type: text/x-diff\r\n\r\n-a\r\n+b\r\n--B\r\nContent-Type: text/enriched\r\n\r\n<bold>x</bold>\r\n--B--\r\n'));
    expect(texts(mail.root)).toEqual(['x-diff:-a\n+b', 'enriched:<bold>x</bold>']);
  });

  it('keeps a text/calendar part a calendar part, not inline text', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nSUMMARY:Caf\u00e9\r\nEND:VCALENDAR\r\n';
    const mail = await parseMail(Buffer.from(head('multipart/mixed; boundary=B') + `--B\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(ics).toString('base64')}\r\n--B--\r\n`));
    const part = mail.root.kind === 'multipart' ? mail.root.children[0] : undefined;
    expect(part).toMatchObject({ kind: 'calendar', attachment: { contentType: 'text/calendar' }, text: ics });
  });

  it.each(['multipart/mixed', 'multipart/mixed; boundary=""', 'multipart/alternative; boundary=" "'])('reads the body of %j as text', async (type) => {
    const mail = await parseMail(Buffer.from(head(type) + 'the body\r\n'));
    expect(texts(mail.root)).toEqual(['plain:the body\n']);
  });

  it('shows the first 1000 parts of more that would all be shown, with a problem', async () => {
    let body = head('multipart/mixed; boundary=B');
    for (let i = 0; i < 1500; i++) body += `--B\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`;
    const mail = await parseMail(Buffer.from(`${body}--B--\r\n`));
    const shown = texts(mail.root);
    expect(shown.length).toBe(1000);
    expect(shown.at(-1)).toBe('plain:part 999');
    expect(mail.problems).toEqual(['more than 1000 parts; only the first 1000 are shown']);
  });

  it("stops at the parser's node limit, which bounds memory, and shows the parts before it", async () => {
    const parts = Array.from({ length: 10_100 }, (_, i) => `--B\nContent-Type: text/plain\n\n${i}\n`);
    const mail = await parseMail(Buffer.from(`${head('multipart/alternative; boundary=B')}${parts.join('')}--B--\n`));
    expect(mail.problems).toEqual(['more than 10000 parts; only the first 990 are shown']);
    expect(texts(mail.root).length).toBe(990);
  });

  it('decodes 8-bit text without a charset as windows-1252 unless it is UTF-8', async () => {
    const latin = await parseMail(Buffer.concat([Buffer.from(head('text/plain')), Buffer.from([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x20, 0x96, 0x20, 0x80])]));
    expect(texts(latin.root)).toEqual(['plain:Größe – €']);
    const utf8 = await parseMail(Buffer.from(head('text/plain') + 'Größe'));
    expect(texts(utf8.root)).toEqual(['plain:Größe']);
  });

  it('reads raw 8-bit headers as UTF-8, else in the charset of the first text part', async () => {
    const utf8 = await parseMail(Buffer.from('Date: 2 M\u00e4r 2026\r\nList-Archive: <https://b\u00fccher.example/>\r\nSubject: M\u00e4rz\r\n\r\nx'));
    expect(utf8.headers.get('date')).toEqual(['2 M\u00e4r 2026']);
    expect(utf8.headers.get('list-archive')).toEqual(['<https://b\u00fccher.example/>']);
    expect(utf8.headers.get('subject')).toEqual(['M\u00e4rz']);
    const big5 = Buffer.concat([Buffer.from('Subject: '), Buffer.from([0xa4, 0xb5, 0xa4, 0xe9]), Buffer.from('\r\nContent-Type: text/plain; charset=big5\r\n\r\nx')]);
    expect((await parseMail(big5)).headers.get('subject')).toEqual(['\u4eca\u65e5']);
  });
});

describe('rendering', () => {
  it('lists yEnc data by name and size and shows the text around it', async () => {
    const data = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7 + 3) % 256).filter((b) => ![0, 10, 13, 61].includes(b)));
    const mail = Buffer.concat([Buffer.from(`${head('text/plain', 'Content-Transfer-Encoding: 8bit\r\n')}Before.\r\n=ybegin line=128 size=4711 name=a b.bin\r\n`), data, Buffer.from('\r\n=yend size=4711\r\nAfter.\r\n')]);
    const r = await render(mail, args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Before.\n');
    expect(r.stdout).toContain('After.\n');
    expect(r.stdout).toMatch(/^ 1\. a b\.bin {2}application\/octet-stream {2}4\.6 KiB$/m);
    expect(r.stdout).not.toContain('\ufffd');
  });

  it('lists binary data under a text/plain label instead of showing it', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500)]);
    const r = await render(head('text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64\r\n') + png.toString('base64'), args);
    expect(r.stdout).toMatch(/^ 1\. \(no name\) {2}text\/plain {2}binary data {2}508 B$/m);
  });

  it('shows a message whose body holds NUL bytes, neutralised', async () => {
    const r = await render(head('text/plain') + 'one\x00two\r\n', args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('one\ufffdtwo');
  });

  it('decodes UTF-16 parts, with or without a BOM', async () => {
    const le = Buffer.from('Hi w\u00f6rld\r\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [type, bytes] of [['text/plain; charset=utf-16le', le], ['text/plain', be], ['text/plain', Buffer.concat([Buffer.from([0xfe, 0xff]), be])]] as const) {
      const r = await render(Buffer.concat([Buffer.from(head(type, 'Content-Transfer-Encoding: binary\r\n')), bytes]), args);
      expect(r.stdout, type).toContain('\nHi w\u00f6rld\n');
    }
  });

  it('lists a multipart/related image the HTML never points at', async () => {
    const img = (id: string, name: string) => `--R\r\nContent-Type: image/png; name=${name}\r\nContent-ID: <${id}>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n`;
    const r = await render(head('multipart/related; boundary=R') + '--R\r\nContent-Type: text/html\r\n\r\n<p><img src="cid:Shown@x"> hi</p>\r\n' + img('shown@x', 'shown.png') + img('unused@x', 'unused.png') + '--R--\r\n', args);
    expect(r.stdout).toContain('unused.png');
    expect(r.stdout).not.toMatch(/^ *\d\. shown\.png/m);
  });
});

describe('obsolete address syntax', () => {
  it('reads a mailing-list archive sender, `user at host (Name)`, as that mailbox with the comment as its name', async () => {
    const mail = await parseMail(Buffer.from('From: gpoo at example.com (=?utf-8?q?Germ=C3=A1n_Poo?=)\r\nTo: a at example.org (A), b@example.net\r\nSubject: s\r\n\r\nhi\r\n'));
    expect(mail.from).toEqual([{ name: 'Germán Poo', address: 'gpoo@example.com' }]);
    // Not one mailbox named "a at example.org, A" at b@example.net: two mailboxes.
    expect(mail.to).toEqual([
      { name: 'A', address: 'a@example.org' },
      { name: '', address: 'b@example.net' },
    ]);
  });

  it('reads an obsolete local part of quoted words and a domain with spaces around its dots', async () => {
    const mail = await parseMail(Buffer.from('From: a@example.com\r\nTo: "john"."q" . public@example.com, jdoe@test  . example, "Doe, J" <d@example.com>\r\nSubject: s\r\n\r\nhi\r\n'));
    expect(mail.to).toEqual([
      { name: '', address: 'john.q.public@example.com' },
      { name: '', address: 'jdoe@test.example' },
      { name: 'Doe, J', address: 'd@example.com' },
    ]);
  });

  it('leaves `at` alone in a quoted name, a comment or a name before an angle address', async () => {
    const mail = await parseMail(Buffer.from('From: "bob at example.com" <x@example.org>\r\nTo: Meet at example.com <y@example.org>, z@example.org (seen at example.com)\r\nSubject: s\r\n\r\nhi\r\n'));
    expect(mail.from).toEqual([{ name: 'bob at example.com', address: 'x@example.org' }]);
    expect(mail.to.map((a) => a.address)).toEqual(['y@example.org', 'z@example.org']);
  });
});

describe('a read error under a streamed message', () => {
  it('is said by its code, never in Node wording', async () => {
    async function* more(): AsyncGenerator<Buffer> {
      yield Buffer.from('more text\r\n');
      throw Object.assign(new Error('EIO: i/o error, read at Object.readSync (node:fs:1)'), { code: 'EIO' });
    }
    const failed = parseMail({ bytes: Buffer.from('From: a@example.com\r\nSubject: s\r\n\r\nhi\r\n'), more: more() });
    await expect(failed).rejects.toMatchObject({ why: 'EIO' });
    await expect(failed).rejects.not.toMatchObject({ why: expect.stringContaining('node:') });
  });
});
