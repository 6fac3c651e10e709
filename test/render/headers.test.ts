import { describe, expect, it } from 'vitest';
import { humanSize } from '../../src/render/headers.js';
import { render } from '../helpers/run.js';

describe('header block', () => {
  const mail = (extra: string) => `From: a@example.com\nSubject: s\n${extra}\nhi\n`;
  const rich = ['--no-pager', '--hyperlinks', 'always', '--color', 'never', '--footnotes', 'never'];

  it('links List-Unsubscribe (web address preferred) and Archived-At', async () => {
    const r = await render(mail('List-Unsubscribe: <mailto:u@example.com>, <https://example.com/u?x=1>\nArchived-At: <https://example.com/a/1>\n'), rich);
    expect(r.stdout).toMatch(/^List: \x1b\]8;id=[^;]+;https:\/\/example.com\/u\?x=1\x1b\\Unsubscribe\x1b\]8;;\x1b\\ · \x1b\]8;id=[^;]+;https:\/\/example.com\/a\/1\x1b\\Archive\x1b\]8;;\x1b\\$/m);
  });

  it('falls back to a mailto: unsubscribe and shows no List line without list headers', async () => {
    expect((await render(mail('List-Unsubscribe: <mailto:u@example.com?subject=stop>\n'), rich)).stdout).toContain('mailto:u@example.com?subject=stop\x1b\\Unsubscribe');
    expect((await render(mail(''), rich)).stdout).not.toContain('List:');
    expect((await render(mail('List-Archive: <https://example.com/l>\n'), [...rich, '--headers', ''])).stdout).not.toContain('List:');
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
  ])('humanSize(%i) is %s', (bytes, text) => expect(humanSize(bytes)).toBe(text));
});

describe('sender checks', () => {
  const plain = ['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never', '--width', '100'];
  const headerOf = async (head: string, args: readonly string[] = []) => (await render(`${head}\nSubject: s\n\nhi\n`, [...plain, ...args])).stdout.split('\n\n')[0];

  it('quotes a display name that holds a comma or another separator, so it cannot read as two mailboxes', async () => {
    const shown = await headerOf('From: "Doe, Jane" <jane@example.com>\nTo: "a@example.com>, Bo \\"B\\"" <bo@example.com>, John Q. Public <jqp@example.com>');
    expect(shown).toContain('From: "Doe, Jane" <jane@example.com>\n');
    expect(shown).toContain('To: "a@example.com>, Bo \\"B\\"" <bo@example.com>, John Q. Public <jqp@example.com>\n');
  });

  it('checks the display name an archive sender carries in its comment', async () => {
    expect(await headerOf('From: x at evil.example (support@paypal.com)')).toMatch(/^From: support@paypal.com <x@evil.example> \[→ evil.example\]\n/);
  });

  it.each([
    ['an address as display name', '"service@paypal.com" <alerts@evil.example>'],
    ['a domain as display name', 'PayPal.com <x@evil.example>'],
    ['a URL as display name', '"https://www.paypal.com/" <x@evil.example>'],
    ['a disguised domain', '"“PayPal。com” Security" <x@evil.example>'],
    ['an encoded display name', '=?UTF-8?B?c2VydmljZUBwYXlwYWwuY29t?= <x@evil.example>'],
  ])('flags %s naming another domain', async (_name, from) => {
    expect(await headerOf(`From: ${from}`)).toMatch(/^From: .*<x@evil\.example> \[→ evil\.example\]$|^From: .*<alerts@evil\.example> \[→ evil\.example\]$/m);
  });

  it.each([
    ['a whole mailbox as display name', '"PayPal <service@paypal.com>" <x@evil.example>'],
    ['a zero-width space inside the domain', '=?UTF-8?Q?pay=E2=80=8Bpal.com?= <x@evil.example>'],
    ['fullwidth letters and dot', '=?UTF-8?B?77yw772B772Z772Q772B772M77yO772D772P772N?= <x@evil.example>'],
    ['a lock emoji and a domain in a sentence', '"🔒 Security team of www.paypal.com" <x@evil.example>'],
  ])('flags %s (hostile)', async (_name, from) => expect(await headerOf(`From: ${from}`)).toMatch(/<x@evil\.example> \[→ evil\.example\]$/m));

  it.each([
    ['a quoted address as Reply-To name', '"help@paypal.com" <x@evil.example>'],
    ['an address in a comment', '(help@paypal.com) x@evil.example'],
    ['one foreign address among several', 'help@paypal.com, "Support" <x@evil.example>'],
  ])('flags %s by the real address', async (_name, replyTo) => {
    expect(await headerOf(`From: PayPal <service@paypal.com>\nReply-To: ${replyTo}`)).toMatch(/^Reply-To: .* \[replies → evil\.example\]$/m);
  });

  it('does not trust an authserv-id hidden in a comment or with another id in front', async () => {
    const forged = 'Authentication-Results: evil.example (mx.example.org); dmarc=pass header.from=paypal.com\nAuthentication-Results: mx.example.org.evil.example; dkim=pass';
    expect(await headerOf(`From: PayPal <service@paypal.com>\n${forged}`, ['--trust-authserv', 'mx.example.org'])).not.toContain('Auth');
  });

  it.each([
    ['a plain name', 'PayPal <service@paypal.com>'],
    ['the same domain', '"service@paypal.com" <service@mail.paypal.com>'],
    ['no name', 'alerts@evil.example'],
    ['a name with a dot but no domain', '"J. R. Smith" <jr@example.com>'],
  ])('does not flag %s', async (_name, from) => expect(await headerOf(`From: ${from}`)).not.toContain('[→'));

  it('shows and marks a Reply-To of another domain, even when not asked for', async () => {
    const head = await headerOf('From: PayPal <service@paypal.com>\nReply-To: "service@paypal.com" <help@evil.example>');
    expect(head).toMatch(/^From: PayPal <service@paypal\.com>\nReply-To: .*help@evil\.example.* \[replies → evil\.example\]$/m);
  });

  it('shows no Reply-To of the same domain unless asked for, and marks none', async () => {
    const head = 'From: PayPal <service@paypal.com>\nReply-To: <help@mail.paypal.com>';
    expect(await headerOf(head)).not.toContain('Reply-To');
    expect(await headerOf(head, ['--headers', 'from,reply-to'])).toMatch(/^Reply-To: <?help@mail\.paypal\.com>?$/m);
  });

  it('shows no header block, and so no checks, with --headers ""', async () => {
    const r = await render('From: "a@paypal.com" <x@evil.example>\nReply-To: y@evil.example\n\nhi\n', [...plain, '--headers', '']);
    expect(r.stdout).toBe('hi\n');
  });

  const ar = [
    'Authentication-Results: mx.example.org; dkim=fail (bad signature) header.d=paypal.com; spf=pass smtp.mailfrom=bounce@evil.example; dmarc=fail (p=reject) header.from=paypal.com',
    'Authentication-Results: mx.example.org (forged by the sender? no: stripped by the server); dkim=pass header.d=esp.example',
    'Authentication-Results: evil.example; dkim=pass header.d=paypal.com; dmarc=pass header.from=paypal.com',
  ].join('\n');

  it('shows no Authentication-Results without --trust-authserv', async () => {
    expect(await headerOf(`From: PayPal <service@paypal.com>\n${ar}`)).not.toContain('Auth');
  });

  it('shows only the trusted server\'s results and warns of a DMARC or DKIM failure for the From domain', async () => {
    const head = await headerOf(`From: PayPal <service@paypal.com>\n${ar}`, ['--trust-authserv', 'other.example,MX.example.org', '--width', '200']);
    expect(head).toMatch(/^From: PayPal <service@paypal\.com>\nAuth: dmarc=fail \(paypal\.com\) · dkim=fail \(paypal\.com\) · dkim=pass \(esp\.example\) · spf=pass \(evil\.example\) \[→ not verified as paypal\.com\]$/m);
    expect(head).not.toContain('dmarc=pass');
  });

  it('takes --trust-authserv more than once, and warns of nothing when all pass', async () => {
    const good = 'Authentication-Results: mx.example.org; dkim=pass header.d=paypal.com; dmarc=pass header.from=paypal.com';
    const head = await headerOf(`From: PayPal <service@paypal.com>\n${good}`, ['--trust-authserv', 'a.example', '--trust-authserv', 'mx.example.org']);
    expect(head).toMatch(/^Auth: dmarc=pass \(paypal\.com\) · dkim=pass \(paypal\.com\)$/m);
  });

  it('does not warn of a DKIM failure for another domain than From', async () => {
    const other = 'Authentication-Results: mx.example.org; dkim=fail header.d=esp.example; dmarc=pass header.from=paypal.com';
    expect(await headerOf(`From: PayPal <service@paypal.com>\n${other}`, ['--trust-authserv', 'mx.example.org'])).not.toContain('not verified');
  });

  it('marks the warnings in the warning style', async () => {
    const r = await render('From: "a@paypal.com" <x@evil.example>\nReply-To: y@other.example\n\nhi\n', ['--no-pager', '--hyperlinks', 'never', '--color', 'always', '--footnotes', 'never']);
    const warnings = r.stdout.match(/\x1b\[[0-9;]*m \[[^\]]*\]/g) ?? [];
    expect(warnings).toHaveLength(2);
  });
});

describe('tracking notice', () => {
  const html = (body: string) => `From: a@example.com\nSubject: s\nContent-Type: text/html\n\n<p>Hello</p>${body}\n`;
  const plain = ['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

  it('follows the header block and counts 1×1 images', async () => {
    const r = await render(html('<img src="https://t.example/o.gif" width="1" height="1"><img src="https://pixel.example/p" width="0" height="0"><img src="https://shop.example/logo.png" width="100" alt="Logo">'), plain);
    expect(r.stdout).toMatch(/^Subject: s\nTracking: 2 open-tracking images \(not loaded\) from t\.example, pixel\.example\n\nHello/m);
  });

  it('is left out with --no-tracking-notice, and absent without tracking images', async () => {
    expect((await render(html('<img src="https://t.example/o.gif" width="1" height="1">'), [...plain, '--no-tracking-notice'])).stdout).not.toContain('Tracking:');
    expect((await render(html('<img src="https://shop.example/logo.png" width="100" alt="Logo">'), plain)).stdout).not.toContain('Tracking:');
  });
});

describe('Authentication-Results of an enclosed message', () => {
  it('are never trusted: the server removed forged ones only from the outer message', async () => {
    const inner = 'From: PayPal <service@paypal.com>\nAuthentication-Results: mx.example.org; dmarc=pass header.from=paypal.com\nSubject: inner\n\nPay now.\n';
    const outer = `From: friend@example.org\nAuthentication-Results: mx.example.org; dmarc=pass header.from=example.org\nSubject: Fwd\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee below\n--b\nContent-Type: message/rfc822\n\n${inner}--b--\n`;
    const r = await render(outer, ['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never', '--trust-authserv', 'mx.example.org']);
    expect(r.stdout).toContain('Auth: dmarc=pass (example.org)');
    expect(r.stdout).toContain('│ From: PayPal <service@paypal.com>');
    expect(r.stdout).not.toContain('paypal.com)');
  });
});
