import { describe, expect, it } from 'vitest';
import type { CalendarTime, Recurrence } from '../../src/calendar/calendar.js';
import { describeExceptions, describeRecurrence, describeTime, describeWhen } from '../../src/render/calendar-time.js';
import { zonedToEpoch } from '../../src/calendar/time-zones.js';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0) => ({ year, month, day, hour, minute, second: 0 });
const date = (y: number, m: number, d: number): CalendarTime => ({ kind: 'date', wall: wall(y, m, d) });
const at = (zone: string, y: number, m: number, d: number, h: number, min = 0): CalendarTime => ({ kind: 'instant', epoch: zonedToEpoch(wall(y, m, d, h, min), zone), wall: wall(y, m, d, h, min), zone });
const utc = (y: number, m: number, d: number, h: number, min = 0): CalendarTime => ({ kind: 'instant', epoch: Date.UTC(y, m - 1, d, h, min), wall: wall(y, m, d, h, min) });
const rule = (r: Partial<Recurrence> & { freq: string }): Recurrence => ({ interval: 1, byDay: [], byMonthDay: [], byMonth: [], bySetPos: [], other: [], ...r });

describe('describeWhen', () => {
  it('gives the times in the reader zone, and the event zone when its clock differs', () => {
    const start = at('Europe/Berlin', 2026, 3, 10, 15);
    const end = at('Europe/Berlin', 2026, 3, 10, 16);
    expect(describeWhen(start, end, 'Europe/Berlin')).toEqual({ text: 'Tue 10 Mar 2026 15:00–16:00 CET' });
    expect(describeWhen(start, end, 'Europe/Paris')).toEqual({ text: 'Tue 10 Mar 2026 15:00–16:00 CET' });
    expect(describeWhen(start, end, 'America/New_York')).toEqual({ text: 'Tue 10 Mar 2026 10:00–11:00 EDT', note: "(Tue 10 Mar 2026 15:00–16:00 Europe/Berlin, the event's time zone)" });
  });

  it('names both days when the event crosses midnight for the reader, and both zones across a DST change', () => {
    expect(describeWhen(utc(2026, 3, 10, 14), utc(2026, 3, 10, 15), 'Asia/Tokyo').text).toBe('Tue 10 Mar 2026 23:00 – Wed 11 Mar 2026 00:00 GMT+9');
    expect(describeWhen(utc(2026, 3, 28, 23), utc(2026, 3, 29, 3), 'Europe/Berlin').text).toBe('Sun 29 Mar 2026 00:00 CET – 05:00 CEST');
  });

  it('shows all-day events as dates, DTEND being the day after the last', () => {
    expect(describeWhen(date(2026, 4, 15), date(2026, 4, 18), 'Pacific/Auckland').text).toBe('Wed 15 Apr 2026 – Fri 17 Apr 2026 (all day)');
    expect(describeWhen(date(2026, 5, 1), date(2026, 5, 2), 'UTC').text).toBe('Fri 1 May 2026 (all day)');
    expect(describeWhen(date(2026, 5, 1), undefined, 'UTC').text).toBe('Fri 1 May 2026 (all day)');
  });

  it('says when a time has no zone, or one it does not know', () => {
    expect(describeWhen({ kind: 'floating', wall: wall(2026, 3, 10, 9) }, undefined, 'UTC').text).toBe('Tue 10 Mar 2026 09:00 (no time zone given)');
    expect(describeTime({ kind: 'floating', wall: wall(2026, 3, 10, 9), unknownZone: 'Mars/Olympus' }, 'UTC')).toBe('Tue 10 Mar 2026 09:00 (in time zone "Mars/Olympus", not known here)');
  });
});

describe('describeRecurrence', () => {
  const tuesday = at('Europe/Berlin', 2026, 3, 10, 15);
  it.each<[string, Recurrence, string]>([
    ['weekly on the start day, UNTIL', rule({ freq: 'WEEKLY', until: utc(2027, 6, 30, 21, 59) }), 'every Tuesday until 30 June 2027'],
    ['every 2 weeks on two days', rule({ freq: 'WEEKLY', interval: 2, byDay: ['MO', 'WE'] }), 'every 2 weeks on Monday and Wednesday'],
    ['weekdays', rule({ freq: 'WEEKLY', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'] }), 'every weekday'],
    ['monthly by position', rule({ freq: 'MONTHLY', byDay: ['3TH'] }), 'monthly on the 3rd Thursday'],
    ['monthly on the last Friday', rule({ freq: 'MONTHLY', byDay: ['-1FR'] }), 'monthly on the last Friday'],
    ['monthly on the start day, COUNT', rule({ freq: 'MONTHLY', count: 10 }), 'monthly on the 10th, 10 times'],
    ['every 3 months on two days', rule({ freq: 'MONTHLY', interval: 3, byMonthDay: [1, -1] }), 'every 3 months on the 1st and last day'],
    ['the last weekday of the month', rule({ freq: 'MONTHLY', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], bySetPos: [-1] }), 'monthly on the last weekday'],
    ['yearly on the start day', rule({ freq: 'YEARLY' }), 'yearly on 10 March'],
    ['yearly by position', rule({ freq: 'YEARLY', byMonth: [5], byDay: ['2SU'] }), 'yearly on the 2nd Sunday of May'],
    ['daily, once', rule({ freq: 'DAILY', count: 1 }), 'every day, once'],
    ['every 4 hours', rule({ freq: 'HOURLY', interval: 4 }), 'every 4 hours'],
    ['11th, 12th, 13th, 22nd', rule({ freq: 'MONTHLY', byMonthDay: [11, 12, 13, 22] }), 'monthly on the 11th, 12th, 13th and 22nd'],
    ['parts it leaves out', rule({ freq: 'DAILY', other: ['BYHOUR'] }), 'every day (further rules: BYHOUR)'],
  ])('%s', (_name, r, words) => expect(describeRecurrence(r, tuesday, 'Europe/Berlin')).toBe(words));

  it("says the days are the event zone's when the reader's day differs", () => {
    expect(describeRecurrence(rule({ freq: 'WEEKLY' }), at('Asia/Tokyo', 2026, 3, 10, 8), 'America/Los_Angeles')).toBe("every Tuesday, days as in the event's time zone");
  });

  it('counts the exceptions and lists the first five', () => {
    const dates = [1, 2, 3, 4, 5, 6].map((d) => date(2026, 4, d));
    expect(describeExceptions(dates.slice(0, 1), 'UTC')).toBe('except on 1 date (Wed 1 Apr 2026)');
    expect(describeExceptions(dates, 'UTC')).toBe('except on 6 dates (Wed 1 Apr 2026, Thu 2 Apr 2026, Fri 3 Apr 2026, Sat 4 Apr 2026, Sun 5 Apr 2026, …)');
  });
});
