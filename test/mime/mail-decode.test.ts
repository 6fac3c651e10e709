import { describe, expect, it } from 'vitest';
import { headerSectionAsUtf8 } from '../../src/mime/mail-decode.js';
import { render } from '../helpers/run.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

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
