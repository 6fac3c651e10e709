// Its own file, so that no other test has loaded ical.js into this process before.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { render } from '../helpers/run.js';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\/]ical\.js[\\/]/.test(f));
const mail = (part: string) => `From: a@example.com\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nhello\n${part}--m--\n`;
const calendar = '--m\nContent-Type: text/calendar; method=PUBLISH\n\nBEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20260310T140000Z\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n';

it('loads ical.js for a calendar part only', async () => {
  expect(loaded()).toBe(false);
  expect((await render(mail(''), ['--no-pager'])).code).toBe(0);
  expect(loaded()).toBe(false);
  expect((await render(mail(calendar), ['--no-pager'], { TZ: 'UTC' })).stdout).toContain('┌ Calendar event');
  expect(loaded()).toBe(true);
});
