// Calendar parts are hostile text too: whatever their properties hold, the output keeps the terminal
// invariants, a run ends with 0 or 65 (never a stack trace), and every profile shows the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';
import { invariantErrors, stripEscapes } from './helpers/terminal.js';

const piece = fc.constantFrom(
  'word', 'Grüße', '日本語', '🙂', ' ', '\\n', '\\,', '\\;', ';', ':', ',', '"', '<a href="https://evil.example/">https://bank.example/</a>', '<br>',
  '\x1b', '\x1b[2J', '\x1b]0;title\x07', '\x1b]8;;https://evil.example/\x1b\\', '\x07', '\x00', '\x7f', '\x9b', '\u202e', '\u2066',
  'https://meet.google.com/abc', 'javascript:alert(1)', 'mailto:a@example.com', 'https://teams.microsoft.com/l/meetup-join/x',
);
const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
const tzid = fc.constantFrom('Europe/Berlin', 'W. Europe Standard Time', 'Customized Time Zone', 'America/New_York', 'Nowhere/Zone', '"Tokyo Standard Time"', '');
const stamp = fc.constantFrom('20260310T150000', '20260310T150000Z', '20260310', '99991231T235959', '00010101T000000', 'X');
const rrule = fc.constantFrom(
  'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z', 'FREQ=MONTHLY;BYDAY=3TH', 'FREQ=DAILY;COUNT=4294967295000', 'FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'FREQ=SECONDLY;BYHOUR=1', 'FREQ=BOGUS', 'garbage', 'FREQ=WEEKLY;INTERVAL=0',
);
const timezone = fc.constantFrom(
  '',
  'BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n',
  'BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:00010101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=MINUTELY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n',
);
const property = fc.oneof(
  fc.tuple(fc.constantFrom('SUMMARY', 'LOCATION', 'DESCRIPTION', 'COMMENT', 'URL', 'X-GOOGLE-CONFERENCE', 'STATUS'), text).map(([n, v]) => `${n}:${v}`),
  fc.tuple(fc.constantFrom('DTSTART', 'DTEND', 'DUE', 'EXDATE', 'RDATE', 'RECURRENCE-ID'), tzid, stamp).map(([n, z, v]) => `${n}${z ? `;TZID=${z}` : ''}${v.length === 8 ? ';VALUE=DATE' : ''}:${v}`),
  rrule.map((r) => `RRULE:${r}`),
  fc.tuple(fc.constantFrom('ATTENDEE', 'ORGANIZER'), text, fc.constantFrom('ACCEPTED', 'DECLINED', 'X-ODD', '\x1b[5m'), text).map(([n, cn, ps, a]) => `${n};CN="${cn.replace(/"/g, '')}";PARTSTAT=${ps}:mailto:${a}`),
  fc.constantFrom('SEQUENCE:2', 'SEQUENCE:x', 'DURATION:PT1H', 'DURATION:P3D', 'BEGIN:VALARM', 'END:VALARM'),
);
const calendar = fc
  .tuple(fc.constantFrom('REQUEST', 'CANCEL', 'REPLY', 'PUBLISH', 'X-ODD', ''), timezone, fc.array(property, { maxLength: 12 }), fc.constantFrom(true, true, true, false))
  .map(([method, tz, props, closed]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${method ? `METHOD:${method}\r\n` : ''}${tz}BEGIN:VEVENT\r\nUID:1\r\n${props.join('\r\n')}\r\n${closed ? 'END:VEVENT\r\nEND:VCALENDAR\r\n' : ''}`);
// A NUL in an 8-bit body makes the whole input binary data (input.ts), so it travels in base64 only.
const message = fc
  .tuple(calendar, fc.constantFrom('text/calendar', 'application/ics'), fc.boolean())
  .map(([ics, type, b64]) => `From: a@example.com\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n--b\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${b64 ? 'base64' : '8bit'}\r\n\r\n${b64 ? Buffer.from(ics).toString('base64') : ics.replace(/\0/g, '')}\r\n--b--\r\n`);

describe('calendar properties', () => {
  it('random calendar parts', async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.integer({ min: 20, max: 200 }), fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Los_Angeles'), async (m, w, tz) => {
        const outputs = new Set<string>();
        for (const [hyperlinks, color] of [['always', 'always'], ['never', 'never']]) {
          const r = await render(m, ['--no-pager', '--width', String(w), '--hyperlinks', hyperlinks!, '--color', color!, '--footnotes', 'always'], { TZ: tz });
          expect(r.stderr).not.toMatch(/^\s+at /m);
          expect([0, 65]).toContain(r.code);
          expect(r.stdout).toContain('body');
          expect(invariantErrors(r.stdout, w)).toEqual([]);
          outputs.add(stripEscapes(r.stdout));
        }
        expect(outputs.size).toBe(1);
      }),
      { numRuns: 80 },
    );
  });
});
