import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/document/document.js';
import { addFootnotes, bareTarget, showsTarget } from '../../src/output/footnotes.js';
import { render } from '../helpers/run.js';

const html = `From: a@example.com
Subject: links
Content-Type: text/html; charset=utf-8

<p><a href="https://one.example/">One</a>, <a href="https://two.example/">Two</a> and <a href="https://one.example/">one again</a>.</p>
`;

describe('--list-links', () => {
  it('numbers links as the footnotes do', async () => {
    const list = (await render(html, ['--list-links'])).stdout;
    const notes = (await render(html, ['--no-pager', '--footnotes', 'always', '--hyperlinks', 'never'])).stdout;
    expect(list).toBe('1\tmailto:a@example.com\ta@example.com\n2\thttps://one.example/\tOne\n3\thttps://two.example/\tTwo\n');
    expect(notes).toContain('One[2], Two[3] and one again[2].');
    expect(notes).toContain('[2] https://one.example/\n[3] https://two.example/\n');
  });
});

const tableMail = `From: a@example.com
Subject: table links
Content-Type: text/html; charset=utf-8

<p><a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a></p>
<table><tr><th>Item</th><th>Price</th></tr>
<tr><td><a href="https://shop.example/tulip">Tulip</a></td><td>6.90</td></tr>
<tr><td><a href="https://evil.example/login">https://www.paypal.com/</a></td><td>0.00</td></tr></table>
`;

describe('links inside data tables', () => {
  it('get footnote markers and list entries', async () => {
    const notes = (await render(tableMail, ['--no-pager', '--footnotes', 'always', '--hyperlinks', 'never', '--width', '72'])).stdout;
    expect(notes).toMatch(/^Tulip\[4\] +│ 6\.90$/m);
    expect(notes).toContain('[4] https://shop.example/tulip\n');
    expect(notes).toContain('[5] https://evil.example/login\n');
  });

  it('are checked for deceptive text', async () => {
    const out = (await render(tableMail, ['--no-pager', '--footnotes', 'never', '--hyperlinks', 'never', '--width', '72'])).stdout;
    expect(out).toContain('https://www.paypal.com/ [→ evil.example]');
  });

  it('appear in --list-links, while links that are not followed are left out', async () => {
    const list = (await render(tableMail, ['--list-links'])).stdout;
    expect(list).toBe('1\tmailto:a@example.com\ta@example.com\n4\thttps://shop.example/tulip\tTulip\n5\thttps://evil.example/login\thttps://www.paypal.com/\n');
  });
});

describe('footnote markers for less 661+ (navigation)', () => {
  const link = (href: string, id: string, followed = true) => ({ href, id, followed });
  const blocks: Block[] = [
    {
      kind: 'text',
      margins: [],
      spans: [
        { text: 'Read ' },
        { text: 'the story', link: link('https://one.example/', 'r-1') },
        { text: ' and ' },
        { text: 'this', link: link('javascript:x', 'r-2', false) },
        { text: ' or ' },
        { text: 'https://two.example/', link: link('https://two.example/', 'r-3') },
      ],
    },
  ];
  const spans = (out: Block[]) => out.flatMap((b) => b.spans);

  it('links each marker to #<id> of its entry, and the entry carries that id', () => {
    const out = addFootnotes(blocks, true);
    const marker = spans(out).find((s) => s.text === '[1]');
    expect(marker?.link).toEqual({ href: '#r-1.ref', id: 'r-1.fn', followed: true });
    const entry = spans(out).find((s) => s.link?.id === 'r-1.ref');
    expect(entry).toEqual({ text: 'https://one.example/', link: { href: 'https://one.example/', id: 'r-1.ref', followed: true } });
  });
  it('leaves the markers and entries of links that are not followed plain', () => {
    const out = addFootnotes(blocks, true);
    expect(spans(out).find((s) => s.text === '[2]')?.link).toBeUndefined();
    expect(spans(out).find((s) => s.text.startsWith('javascript:'))).toEqual({ text: 'javascript:x (not followed)' });
  });
  it('never writes a # URI without navigation', () => {
    const out = addFootnotes(blocks);
    expect(spans(out).filter((s) => s.link?.href.startsWith('#'))).toEqual([]);
    expect(spans(out).find((s) => s.text === '[1]')).toEqual({ text: '[1]' });
    expect(spans(out).find((s) => s.text === 'https://one.example/')).toEqual({ text: 'https://one.example/' });
  });
});

describe('a link too long for OSC 8, with navigation', () => {
  it('gets a plain marker and its URL in the list, never a # link', () => {
    const long = { href: `https://long.example/${'a'.repeat(2100)}`, id: 'l-1', followed: false, long: true };
    const blocks: Block[] = [{ kind: 'text', margins: [], spans: [{ text: 'Long', link: long }, { text: ' and ' }, { text: 'short', link: { href: 'https://s.example/', id: 'l-2', followed: true } }] }];
    const spans = addFootnotes(blocks, true, (r) => r.long === true).flatMap((b) => b.spans);
    expect(spans.find((s) => s.text === '[1]')).toEqual({ text: '[1]' });
    expect(spans.find((s) => s.text === long.href)).toEqual({ text: long.href });
    expect(spans.filter((s) => s.text === '[2]')).toEqual([]);
  });
});

describe('several messages in one stream', () => {
  const mbox = [1, 2, 3]
    .map((i) => `From a@example.com Tue Mar  4 09:30:00 2025\nFrom: a${i}@example.com\nSubject: m${i}\nContent-Type: text/html\n\n<p><a href="https://shared.example/">Shared</a> and <a href="https://only${i}.example/">own</a>.</p>\n\n`)
    .join('');

  it('numbers each message’s links from 1 and lists them after that message', async () => {
    const out = (await render(mbox, ['--no-pager', '--footnotes', 'always', '--hyperlinks', 'never'])).stdout;
    const messages = out.split(/^Message \d of 3 .*$/m).slice(1);
    expect(messages).toHaveLength(3);
    for (const [i, m] of messages.entries()) {
      expect(m).toContain('Shared[2] and own[3].');
      expect(m).toContain(`Links:\n[1] mailto:a${i + 1}@example.com\n[2] https://shared.example/\n[3] https://only${i + 1}.example/\n`);
    }
  });

  it('gives --list-links the numbers the reader sees, message by message', async () => {
    const list = (await render(mbox, ['--list-links'])).stdout;
    const expected = [1, 2, 3].map((i) => `1\tmailto:a${i}@example.com\ta${i}@example.com\n2\thttps://shared.example/\tShared\n3\thttps://only${i}.example/\town\n`).join('');
    expect(list).toBe(expected);
  });

  it('keeps a single message’s footnotes whole', () => {
    const end: Block = { kind: 'blank', spans: [], margins: [], messageEnd: true };
    const link = (href: string, id: string): Block => ({ kind: 'text', spans: [{ text: 'x', link: { href, id, followed: true } }], margins: [] });
    const blocks = addFootnotes([link('https://a.example/', 'l1'), end, link('https://b.example/', 'l2'), end]);
    const texts = blocks.map((b) => b.spans.map((s) => s.text).join(''));
    expect(texts).toEqual(['x[1]', '', 'Links:', 'https://a.example/', 'x[1]', '', 'Links:', 'https://b.example/']);
    expect(blocks.some((b) => b.messageEnd)).toBe(false);
  });
});

describe('showsTarget', () => {
  it('answers as the comparison of bare targets does, shortcut or not', () => {
    const part = fc.constantFrom('a@example.com', 'A@Example.COM', 'x.io/a', 'x.io/a/', ' a@b.c', 'a@b.c ', 'mailto:a@b.c', 'https://x.io', 'http://', '%41', '%E0%A4', '', '/');
    const text = fc.array(fc.oneof(part, fc.string({ maxLength: 4 })), { maxLength: 3 }).map((xs) => xs.join(''));
    const prefix = fc.constantFrom('', 'mailto:', 'MAILTO:', 'https://', 'http://', 'mailto:mailto:');
    // Targets made from the text itself, as header addresses and bare URLs are, and unrelated ones.
    const pair = fc.oneof(
      fc.tuple(text, prefix).map(([t, p]) => [t, p + t] as const),
      fc.tuple(text, prefix, text).map(([t, p, u]) => [t, p + u] as const),
    );
    fc.assert(
      fc.property(pair, ([t, href]) => {
        expect(showsTarget(t, href)).toBe(bareTarget(t, href));
      }),
      { numRuns: 5000 },
    );
  });
});
