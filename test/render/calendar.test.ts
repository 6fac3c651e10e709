import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/document/document.js';
import { renderCalendars } from '../../src/render/calendar.js';
import { createContext } from '../../src/links/context.js';
import { wrapBlock } from '../../src/layout/wrap.js';
import { render } from '../helpers/run.js';

const vcal = (method: string | undefined, event: string) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${method ? `METHOD:${method}\r\n` : ''}BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20260310T140000Z\r\nDTEND:20260310T150000Z\r\nSUMMARY:Planning\r\n${event}END:VEVENT\r\nEND:VCALENDAR\r\n`;
const part = (text: string, filename?: string) => ({ text, attachment: { contentType: 'text/calendar', size: text.length, related: false, ...(filename ? { filename } : {}) } });

function textOf(blocks: readonly Block[]): string {
  return blocks.flatMap((b) => wrapBlock(b, 200).map((l) => l.spans.map((s) => s.text).join('').trimEnd())).join('\n');
}

function shown(...texts: string[]): { text: string; problems: string[] } {
  const ctx = createContext('t');
  const text = renderCalendars(texts.map((t) => part(t)), 'UTC', ctx).map((s) => textOf([...s])).join('\n--\n');
  return { text, problems: ctx.problems };
}

describe('renderCalendars', () => {
  it.each([
    ['REQUEST', '', 'Calendar invitation'],
    ['REQUEST', 'SEQUENCE:3\r\n', 'Updated calendar invitation'],
    ['REQUEST', 'STATUS:CANCELLED\r\n', 'Cancelled calendar event'],
    ['CANCEL', '', 'Cancelled calendar event'],
    ['CANCEL', 'RECURRENCE-ID:20260317T140000Z\r\n', 'Cancelled occurrence of a calendar event'],
    ['REPLY', '', 'Reply to a calendar invitation'],
    ['PUBLISH', '', 'Calendar event'],
    ['COUNTER', '', 'Counter-proposal to a calendar invitation'],
    [undefined, '', 'Calendar event'],
    ['X-ODD', '', 'Calendar event (X-ODD)'],
  ])('METHOD %s %j is a %s', (method, extra, title) => {
    expect(shown(vcal(method, extra)).text.split('\n')[0]).toBe(`┌ ${title}`);
  });

  it("lists attendees with their answer and role, RFC 5545's defaults for missing ones", () => {
    const { text } = shown(
      vcal('REQUEST', 'ATTENDEE;CN=Ann;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:ann@example.com\r\nATTENDEE:mailto:bo@example.com\r\nATTENDEE;CUTYPE=ROOM;PARTSTAT=DECLINED;ROLE=NON-PARTICIPANT;CN=Room 1:mailto:r1@example.com\r\nATTENDEE;PARTSTAT=TENTATIVE;ROLE=OPT-PARTICIPANT:urn:uuid:1234\r\n'),
    );
    expect(text).toContain('│ Attendees: Ann <ann@example.com> (accepted, chair)\n│            bo@example.com (needs action, required)\n│            Room 1 <r1@example.com> (room, declined, for information)\n│            urn:uuid:1234 (tentative, optional)');
  });

  it("gives a reply's answer and comment", () => {
    const { text } = shown(vcal('REPLY', 'ATTENDEE;CN=Bo;PARTSTAT=TENTATIVE:mailto:bo@example.com\r\nCOMMENT:Maybe late\r\n'));
    expect(text).toContain('│ Answer:    Bo <bo@example.com> has accepted tentatively\n│ Comment:   Maybe late');
  });

  it('offers the Teams link of a description as Join, and links the description', () => {
    const { text } = shown(vcal('REQUEST', 'DESCRIPTION:Join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0>\r\n'));
    expect(text).toContain('│ Join:      https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0');
  });

  it('keeps a summary on one line, so it cannot forge the fields under it', () => {
    const { text } = shown(vcal('REQUEST', 'SUMMARY:Lunch\\nOrganizer: boss@example.com\r\n').replace('SUMMARY:Planning\r\n', ''));
    expect(text).toContain('│ Event:     Lunch Organizer: boss@example.com\n');
  });

  it('renders an HTML description as HTML, not as tags', () => {
    const { text } = shown(vcal('REQUEST', 'DESCRIPTION:<b>Agenda</b><br>Read <a href="https://example.com/doc">the doc</a>\r\n'));
    expect(text).toContain('Agenda');
    expect(text).toContain('the doc');
    expect(text).not.toContain('<b>');
  });

  it('shows a calendar sent twice (an alternative and invite.ics) once, and two different ones both', () => {
    const a = vcal('REQUEST', '');
    expect(shown(a, a.replace(/\r\n/g, '\n')).text.match(/┌/g)).toHaveLength(1);
    expect(shown(a, vcal('REQUEST', 'SEQUENCE:1\r\n')).text.match(/┌/g)).toHaveLength(2);
  });

  it('says in one line, and as a problem, that a calendar could not be read', () => {
    const ctx = createContext('t');
    const blocks = renderCalendars([part('BEGIN:VCALENDAR\r\ngarbage\r\nEND:VCALENDAR\r\n', 'x.ics')], 'UTC', ctx).flatMap((s) => [...s]);
    expect(blocks).toHaveLength(1);
    expect(textOf(blocks)).toMatch(/^\[mailview: the calendar part x\.ics could not be read: invalid line .*"garbage"\]$/);
    expect(ctx.problems).toEqual([expect.stringMatching(/^the calendar part x\.ics could not be read: /)]);
  });

  it('says in one line, and as a problem, what was clamped: a DURATION of ten billion weeks', () => {
    const text = vcal('REQUEST', 'SEQUENCE:0\r\n').replace('DTEND:20260310T150000Z\r\n', 'DURATION:P9999999999W\r\n');
    const { text: out, problems } = shown(text);
    expect(out.split('\n')[0]).toBe('[mailview: the calendar part: a DURATION of P9999999999W is longer than 100 years; the end shown is 100 years after the start]');
    expect(out).toMatch(/Tue 10 Mar 2026 14:00 – .* 2126 14:00 UTC/);
    expect(problems).toEqual([expect.stringMatching(/^the calendar part: a DURATION of P9999999999W/)]);
  });

  it('renders the events of a large calendar as they are read, the last one included', () => {
    const events = Array.from({ length: 300 }, (_, i) => `BEGIN:VEVENT\r\nUID:${i}\r\nDTSTART:20260310T140000Z\r\nSUMMARY:Event ${i + 1}\r\nEND:VEVENT\r\n`).join('');
    const [section] = renderCalendars([part(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${events}END:VCALENDAR\r\n`)], 'UTC', createContext('t'));
    expect(Array.isArray(section)).toBe(false);
    expect(textOf([...section!])).toMatch(/Event 300$/m);
  });

  it('does not parse a calendar larger than 4 MiB', () => {
    const { text, problems } = shown(vcal('REQUEST', `DESCRIPTION:${'x'.repeat(4 * 1024 * 1024)}\r\n`));
    expect(text).toBe('[mailview: the calendar part is too large to read (over 4 MiB)]');
    expect(problems).toHaveLength(1);
  });
});

describe('calendar parts in a message', () => {
  const mail = (parts: string) => `From: a@example.com\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n${parts}--m--\n`;
  const alternative = `--m\nContent-Type: multipart/alternative; boundary="a"\n\n--a\nContent-Type: text/plain\n\nplain body\n--a\nContent-Type: text/html\n\n<p>html body</p>\n--a\nContent-Type: text/calendar; method=REQUEST\nContent-Transfer-Encoding: base64\n\n${Buffer.from(vcal('REQUEST', '')).toString('base64')}\n--a--\n`;
  const args = ['--no-pager', '--width', '72', '--footnotes', 'never'];

  it('shows a calendar alternative that lost to HTML (or to plain), after the body, not as an attachment', async () => {
    for (const prefer of ['html', 'plain']) {
      const r = await render(mail(alternative), [...args, '--prefer', prefer], { TZ: 'UTC' });
      expect(r.stdout).toMatch(new RegExp(`${prefer} body\\n\\n┌ Calendar invitation\\n│ Event: +Planning\\n│ When: +Tue 10 Mar 2026 14:00–15:00 UTC\\n$`));
    }
  });

  it('shows an invite.ics sent as application/octet-stream or application/ics, and lists it', async () => {
    for (const type of ['application/ics', 'application/octet-stream']) {
      const ics = `--m\nContent-Type: ${type}; name="invite.ics"\nContent-Disposition: attachment; filename="invite.ics"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(vcal('PUBLISH', '')).toString('base64')}\n`;
      const r = await render(mail(`--m\nContent-Type: text/plain\n\nhello\n${ics}`), args, { TZ: 'Europe/Berlin' });
      expect(r.stdout).toContain('│ When:      Tue 10 Mar 2026 15:00–16:00 CET');
      expect(r.stdout).toMatch(/Attachments:\n 1\. invite\.ics {2}\S+ {2}\d+ B\n$/);
    }
  });

  it('decodes a calendar in the charset its part names', async () => {
    const latin1 = Buffer.from(vcal('REQUEST', '').replace('Planning', 'R\u00e9union'), 'latin1').toString('base64');
    const r = await render(mail(`--m\nContent-Type: text/calendar; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n${latin1}\n`), args, { TZ: 'UTC' });
    expect(r.stdout).toContain('Event:     Réunion');
  });

  it('exits 65 with a notice for a calendar it cannot read, the body shown in full', async () => {
    const r = await render(mail(`--m\nContent-Type: text/plain\n\nthe body\n--m\nContent-Type: text/calendar\n\nnot a calendar\n`), args);
    expect(r.code).toBe(65);
    expect(r.stdout).toContain('the body\n\n[mailview: the calendar part could not be read:');
    expect(r.stderr).toMatch(/^mailview: -: the calendar part could not be read: .*\n$/);
  });
});
