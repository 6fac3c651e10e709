// A message that shows nothing of its body says so, without an exit code: nothing was left out.
import { describe, expect, it } from 'vitest';
import { render } from '../helpers/run.js';

const args = ['--no-pager', '--width', '80', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];

describe('a message with no text', () => {
  it.each([
    ['no body at all', 'From: a@example.com\nSubject: s\n\n'],
    ['empty plain and HTML alternatives', 'From: a@example.com\nSubject: s\nContent-Type: multipart/alternative; boundary=B\n\n--B\nContent-Type: text/plain\n\n\n--B\nContent-Type: text/html\n\n<p> </p>\n--B--\n'],
    ['HTML the sender hid whole', 'From: a@example.com\nSubject: s\nContent-Type: text/html\n\n<div hidden>x</div>\n'],
    ['a base64 body with nothing to decode', 'From: a@example.com\nSubject: s\nContent-Transfer-Encoding: base64\n\n!!!!\n'],
  ])('%s: one notice, exit 0', async (_what, mail) => {
    const r = await render(mail, args);
    expect(r.stdout).toBe('From: a@example.com\nSubject: s\n\n[mailview: the message has no text]\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('an enclosed message with no text says so inside its bar', async () => {
    const r = await render('From: a@example.com\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nsee below\n--B\nContent-Type: message/rfc822\n\n\n--B--\n', args);
    expect(r.stdout).toContain('┌ Enclosed message\n│ [mailview: the message has no text]\n');
    expect(r.code).toBe(0);
  });

  it('no notice when an attachment or a calendar is all there is', async () => {
    const r = await render('From: a@example.com\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: application/pdf; name=a.pdf\nContent-Disposition: attachment; filename=a.pdf\n\nJVBE\n--B--\n', args);
    expect(r.stdout).not.toContain('no text');
  });
});
