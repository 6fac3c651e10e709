import { describe, expect, it } from 'vitest';
import { maxDurationDays, parseCalendar, zoneExpansionBudget, type CalendarTime } from '../../src/calendar/calendar.js';
import { MailviewError } from '../../src/document/errors.js';

const calendar = (event: string, extra = '') => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n${extra}BEGIN:VEVENT\r\nUID:u1\r\n${event}END:VEVENT\r\nEND:VCALENDAR\r\n`;
const only = (text: string) => parseCalendar(text).events[0]!;

const berlinRules = `BEGIN:VTIMEZONE\r\nTZID:Custom Berlin\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n`;

function epoch(t: CalendarTime | undefined): number | undefined {
  return t?.kind === 'instant' ? t.epoch : undefined;
}

describe('parseCalendar', () => {
  it('reads the method, the texts (unescaped) and the people', () => {
    const c = parseCalendar(calendar('SUMMARY:Plan\\, review\\nand more\r\nORGANIZER;CN="A, B":mailto:a@example.com\r\nATTENDEE;PARTSTAT=declined;ROLE=OPT-PARTICIPANT:mailto:c@example.com\r\n'));
    expect(c.method).toBe('REQUEST');
    const e = c.events[0]!;
    expect(e.summary).toBe('Plan, review\nand more');
    expect(e.organizer).toEqual({ uri: 'mailto:a@example.com', name: 'A, B' });
    expect(e.attendees).toEqual([{ uri: 'mailto:c@example.com', status: 'DECLINED', role: 'OPT-PARTICIPANT' }]);
  });

  it('resolves times by UTC, by the VTIMEZONE, by an IANA or Windows name, and keeps floating ones', () => {
    expect(epoch(only(calendar('DTSTART:20260310T140000Z\r\n')).start)).toBe(Date.UTC(2026, 2, 10, 14));
    expect(epoch(only(calendar('DTSTART;TZID=Custom Berlin:20260710T150000\r\n', berlinRules)).start)).toBe(Date.UTC(2026, 6, 10, 13));
    expect(only(calendar('DTSTART;TZID=Custom Berlin:20260710T150000\r\n', berlinRules)).start).toMatchObject({ zone: 'Custom Berlin' });
    expect(only(calendar('DTSTART;TZID=America/Chicago:20260710T150000\r\n')).start).toMatchObject({ epoch: Date.UTC(2026, 6, 10, 20), zone: 'America/Chicago' });
    expect(only(calendar('DTSTART;TZID=W. Europe Standard Time:20260310T150000\r\n')).start).toMatchObject({ epoch: Date.UTC(2026, 2, 10, 14), zone: 'Europe/Berlin' });
    expect(only(calendar('DTSTART:20260310T150000\r\n')).start).toEqual({ kind: 'floating', wall: { year: 2026, month: 3, day: 10, hour: 15, minute: 0, second: 0 } });
    expect(only(calendar('DTSTART;TZID=Nowhere:20260310T150000\r\n')).start).toMatchObject({ kind: 'floating', unknownZone: 'Nowhere' });
  });

  it('reads all-day dates, DURATION, RRULE parts, EXDATEs and RDATEs', () => {
    const e = only(calendar('DTSTART;VALUE=DATE:20260415\r\nDURATION:P3D\r\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH;COUNT=5;BYHOUR=9\r\nEXDATE;VALUE=DATE:20260615,20260815\r\nRDATE;VALUE=DATE:20261224\r\n'));
    expect(e.start).toEqual({ kind: 'date', wall: { year: 2026, month: 4, day: 15, hour: 0, minute: 0, second: 0 } });
    expect(e.end).toMatchObject({ kind: 'date', wall: { year: 2026, month: 4, day: 18 } });
    expect(e.recurrence).toEqual({ freq: 'MONTHLY', interval: 2, count: 5, byDay: ['3TH'], byMonthDay: [], byMonth: [], bySetPos: [], other: ['BYHOUR'] });
    expect(e.exceptions).toHaveLength(2);
    expect(e.extraDates).toBe(1);
  });

  it('collects web conference links and leaves other schemes out', () => {
    const e = only(calendar('X-GOOGLE-CONFERENCE:https://meet.google.com/abc\r\nCONFERENCE;VALUE=URI:https://meet.google.com/abc\r\nX-MICROSOFT-SKYPETEAMSMEETINGURL:javascript:alert(1)\r\n'));
    expect(e.conference).toEqual(['https://meet.google.com/abc']);
  });

  it("reads a custom VTIMEZONE's 1601 rules in any year, DST included", () => {
    for (const year of [1990, 2026, 9000]) {
      const e = only(calendar(`DTSTART;TZID=Custom Berlin:${year}0710T150000\r\nDTEND;TZID=Custom Berlin:${year}0110T150000\r\n`, berlinRules));
      expect([epoch(e.start), epoch(e.end)]).toEqual([Date.UTC(year, 6, 10, 13), Date.UTC(year, 0, 10, 14)]);
    }
  });

  it('ignores a VTIMEZONE whose rules ical.js would expand without end, and says the zone is unknown', () => {
    const evil = 'BEGIN:VTIMEZONE\r\nTZID:Evil\r\nBEGIN:STANDARD\r\nDTSTART:00010101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n';
    expect(only(calendar('DTSTART;TZID=Evil:20260310T150000\r\n', evil)).start).toMatchObject({ kind: 'floating', unknownZone: 'Evil' });
  });

  it('describes a huge COUNT without expanding it', () => {
    expect(only(calendar('DTSTART:20260310T150000Z\r\nRRULE:FREQ=SECONDLY;COUNT=999999999999\r\n')).recurrence?.count).toBe(999999999999);
  });

  it('clamps a DURATION longer than 100 years, and says so', () => {
    const c = parseCalendar(calendar('DTSTART:20261201T100000Z\r\nDURATION:P9999999999W\r\n'));
    expect(epoch(c.events[0]!.end)).toBe(Date.UTC(2026, 11, 1, 10) + maxDurationDays * 86_400_000);
    expect(c.notices).toEqual([expect.stringMatching(/DURATION of P9999999999W is longer than 100 years/)]);
    expect(parseCalendar(calendar('DTSTART:20261201T100000Z\r\nDURATION:P2W\r\n')).notices).toEqual([]);
  });

  it('stops expanding time zones at a budget: a rule for every day with a huge COUNT, asked for in fifty years', () => {
    const daily = (kind: string, from: string, to: string) =>
      `BEGIN:${kind}\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:${from}\r\nTZOFFSETTO:${to}\r\nRRULE:FREQ=YEARLY;COUNT=2000000000;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU\r\nEND:${kind}\r\n`;
    const zone = `BEGIN:VTIMEZONE\r\nTZID:Hostile\r\n${daily('STANDARD', '+0200', '+0100')}${daily('DAYLIGHT', '+0100', '+0200')}END:VTIMEZONE\r\n`;
    const exdates = Array.from({ length: 50 }, (_, i) => `EXDATE;TZID=Hostile:${9999 - i * 100}0310T150000\r\n`).join('');
    const c = parseCalendar(calendar(`DTSTART;TZID=Hostile:99990310T150000\r\n${exdates}`, zone));
    expect(c.events[0]!.start).toMatchObject({ kind: 'instant', zone: 'Hostile' });
    expect(c.events[0]!.exceptions).toHaveLength(50);
    expect(c.events[0]!.exceptions.at(-1)).toMatchObject({ kind: 'floating', unknownZone: 'Hostile' });
    expect(c.notices).toEqual([expect.stringMatching(/time zone Hostile needs too much work/)]);
    expect(zoneExpansionBudget).toBeLessThanOrEqual(20_000);
  }, 30_000);

  it('reads events one by one as the whole text would be read: order, zones after events, two VCALENDARs, nested alarms', () => {
    const event = (n: number) => `BEGIN:VEVENT\r\nUID:${n}\r\nSUMMARY:E${n}\r\nDTSTART;TZID=Custom Berlin:20260710T150000\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n`;
    const text = `BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\n${event(1)}${event(2)}${berlinRules}END:VCALENDAR\r\nBEGIN:VCALENDAR\r\n${berlinRules}${event(3)}END:VCALENDAR\r\n`;
    const c = parseCalendar(text);
    expect(c.method).toBe('PUBLISH');
    expect(c.events.map((e) => [e.summary, epoch(e.start)])).toEqual([1, 2, 3].map((n) => [`E${n}`, Date.UTC(2026, 6, 10, 13)]));
  });

  it.each([
    ['not iCalendar at all', 'hello there'],
    ['a line without a colon', calendar('SUMMARY:x\r\nnonsense\r\n')],
    ['a bad date', calendar('DTSTART:2026-03-10 15:00\r\n')],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n'],
    ['an unclosed component', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n'],
  ])('throws a MailviewError for %s', (_name, text) => {
    expect(() => parseCalendar(text)).toThrow(MailviewError);
  });
});

describe('parseCalendar on what ical.js trips over', () => {
  it.each(['', '\r\n', 'BEGIN:VEVENT\r\nEND:VEVENT\r\n'])('%j: a reason in words, never JavaScript error text', (text) => {
    let why = '';
    try {
      parseCalendar(text);
    } catch (err) {
      why = String((err as { why?: unknown }).why);
    }
    expect(why).not.toMatch(/undefined|properties|TypeError|is not a function/);
  });
});
