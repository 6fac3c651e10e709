// Calendar times and recurrence rules in words, in the reader's time zone.
import type { CalendarTime, Recurrence } from '../calendar/calendar.js';
import { wallAsUtc, wallTimeAt, type WallTime } from '../calendar/time-zones.js';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const icalDays: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** What "when" says: the times in the reader's zone, and the times as the event wrote them when they differ. */
export interface When {
  readonly text: string;
  readonly note?: string;
}

/** "Tue 10 Mar 2026 15:00–16:00 CET", all-day events as dates; `note` gives the event's own zone's times. */
export function describeWhen(start: CalendarTime, end: CalendarTime | undefined, zone: string): When {
  if (start.kind === 'date') return { text: dayRange(start.wall, end?.kind === 'date' ? lastDay(start.wall, end.wall) : start.wall) };
  const s = readerWall(start, zone);
  const e = end && end.kind !== 'date' ? readerWall(end, zone) : undefined;
  const text = timeRange(s, e, zoneName(start, zone), end ? zoneName(end, zone) : '') + floatingNote(start);
  const own = [start, ...(end ? [end] : [])].some((t) => t.kind === 'instant' && t.zone !== undefined && !sameWall(t.wall, readerWall(t, zone)));
  if (!own || start.kind !== 'instant') return { text };
  const endZone = end?.kind === 'instant' ? end.zone : undefined;
  const written = endZone === start.zone || end === undefined || end.kind === 'date' ? `${timeRange(start.wall, end?.kind === 'instant' ? end.wall : undefined, '', '')} ${start.zone ?? 'UTC'}` : `${day(start.wall)} ${clock(start.wall)} ${start.zone ?? 'UTC'} – ${day(end.wall)} ${clock(end.wall)} ${endZone ?? 'UTC'}`;
  return { text, note: `(${written}, the event's time zone)` };
}

/** One time alone: "Tue 10 Mar 2026 15:00 CET", or the day of a date. */
export function describeTime(t: CalendarTime, zone: string): string {
  if (t.kind === 'date') return day(t.wall);
  return `${day(readerWall(t, zone))} ${clock(readerWall(t, zone))}${suffix(zoneName(t, zone))}${floatingNote(t)}`;
}

function readerWall(t: CalendarTime, zone: string): WallTime {
  return t.kind === 'instant' ? wallTimeAt(t.epoch, zone) : t.wall;
}

function floatingNote(t: CalendarTime): string {
  if (t.kind !== 'floating') return '';
  return t.unknownZone === undefined ? ' (no time zone given)' : ` (in time zone "${shorten(t.unknownZone)}", not known here)`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function suffix(text: string): string {
  return text ? ` ${text}` : '';
}

function timeRange(s: WallTime, e: WallTime | undefined, sZone: string, eZone: string): string {
  if (!e) return `${day(s)} ${clock(s)}${suffix(sZone)}`;
  const zones = sZone === eZone ? { first: '', last: eZone } : { first: suffix(sZone), last: eZone };
  const to = sameDay(s, e) ? clock(e) : `${day(e)} ${clock(e)}`;
  const dash = sameDay(s, e) && !zones.first ? '–' : ' – ';
  return `${day(s)} ${clock(s)}${zones.first}${dash}${to}${suffix(zones.last)}`;
}

function dayRange(first: WallTime, last: WallTime): string {
  return sameDay(first, last) ? `${day(first)} (all day)` : `${day(first)} – ${day(last)} (all day)`;
}

// RFC 5545 3.6.1: an all-day event's DTEND is the day after its last day.
function lastDay(start: WallTime, end: WallTime): WallTime {
  const last = new Date(wallAsUtc(end) - 86_400_000);
  return wallAsUtc(end) - wallAsUtc(start) > 86_400_000 ? wallOf(last) : start;
}

function wallOf(d: Date): WallTime {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
}

function sameDay(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return sameDay(a, b) && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

function weekday(w: WallTime): number {
  return new Date(wallAsUtc(w)).getUTCDay();
}

/** "Tue 10 Mar 2026". */
export function day(w: WallTime): string {
  return `${weekdays[weekday(w)]!.slice(0, 3)} ${w.day} ${months[w.month - 1]?.slice(0, 3) ?? '?'} ${w.year}`;
}

/** "30 June 2027". */
export function longDate(w: WallTime): string {
  return `${w.day} ${months[w.month - 1] ?? '?'} ${w.year}`;
}

function clock(w: WallTime): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(w.hour)}:${two(w.minute)}${w.second ? `:${two(w.second)}` : ''}`;
}

const abbreviations = new Map<string, Intl.DateTimeFormat[]>();

// en-GB names European zones (CET, BST), en-US American ones (EST, PDT); elsewhere "GMT+9".
function zoneName(t: CalendarTime, zone: string): string {
  if (t.kind !== 'instant') return '';
  let formats = abbreviations.get(zone);
  if (!formats) abbreviations.set(zone, (formats = ['en-GB', 'en-US'].map((l) => new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: 'short' }))));
  const names = formats.map((f) => f.formatToParts(t.epoch).find((p) => p.type === 'timeZoneName')?.value ?? '');
  return names.find((n) => /^[A-Z]{2,5}$/.test(n)) ?? names[0] ?? '';
}

/** The reader's date of a time: "30 June 2027". */
function dateOf(t: CalendarTime, zone: string): string {
  return longDate(readerWall(t, zone));
}

/** An RRULE in words: "every Tuesday until 30 June 2027", "monthly on the 3rd Thursday, 10 times". */
export function describeRecurrence(r: Recurrence, start: CalendarTime | undefined, zone: string): string {
  const every = frequency(r, start?.wall);
  const limit = r.count !== undefined ? `, ${r.count === 1 ? 'once' : `${r.count} times`}` : r.until ? ` until ${dateOf(r.until, zone)}` : '';
  const other = r.other.length ? ` (further rules: ${r.other.join(', ')})` : '';
  // The rule repeats in the event's zone: its days may not be the reader's.
  const shifted = start?.kind === 'instant' && !sameDay(start.wall, readerWall(start, zone)) ? ", days as in the event's time zone" : '';
  return `${every}${limit}${other}${shifted}`;
}

type Phrase = (r: Recurrence, wall: WallTime | undefined) => string;

const byFrequency: Record<string, Phrase> = {
  SECONDLY: (r) => unit(r, 'second'),
  MINUTELY: (r) => unit(r, 'minute'),
  HOURLY: (r) => unit(r, 'hour'),
  DAILY: (r) => (r.byDay.length ? `${unit(r, 'day')} on ${dayList(r.byDay)}` : unit(r, 'day')),
  WEEKLY: (r, w) => {
    const days = r.byDay.length ? dayList(r.byDay) : w ? weekdays[weekday(w)]! : '';
    if (r.interval === 1) return days === 'Monday to Friday' ? 'every weekday' : `every ${days || 'week'}`;
    return `every ${r.interval} weeks${days ? ` on ${days}` : ''}`;
  },
  MONTHLY: (r, w) => `${r.interval === 1 ? 'monthly' : `every ${r.interval} months`}${monthDays(r, w)}`,
  YEARLY: (r, w) => {
    const lead = r.interval === 1 ? 'yearly' : `every ${r.interval} years`;
    const inMonths = r.byMonth.length ? r.byMonth.map((m) => months[m - 1] ?? `month ${m}`) : w ? [months[w.month - 1]!] : [];
    if (r.byDay.length) return `${lead}${positionalDays(r)} of ${joinWords(inMonths)}`;
    const dayNumbers = r.byMonthDay.length ? r.byMonthDay : w ? [w.day] : [];
    return `${lead} on ${joinWords(dayNumbers.map(String))} ${joinWords(inMonths)}`.trimEnd();
  },
};

function frequency(r: Recurrence, wall: WallTime | undefined): string {
  const phrase = byFrequency[r.freq];
  return phrase ? phrase(r, wall) : `repeating (${r.freq.toLowerCase() || 'no frequency given'})`;
}

function unit(r: Recurrence, name: string): string {
  return r.interval === 1 ? `every ${name}` : `every ${r.interval} ${name}s`;
}

function monthDays(r: Recurrence, wall: WallTime | undefined): string {
  if (r.byDay.length) return positionalDays(r);
  const days = r.byMonthDay.length ? r.byMonthDay : wall ? [wall.day] : [];
  return days.length ? ` on the ${joinWords(days.map((d) => (d === -1 ? 'last day' : ordinal(d))))}` : '';
}

// BYDAY=3TH → "the 3rd Thursday"; BYDAY=MO,…,FR;BYSETPOS=-1 → "the last weekday".
function positionalDays(r: Recurrence): string {
  if (r.bySetPos.length) {
    const set = dayList(r.byDay) === 'Monday to Friday' ? 'weekday' : dayList(r.byDay.map((d) => d.slice(-2)), 'or');
    return ` on the ${joinWords(r.bySetPos.map(ordinal))} ${set}`;
  }
  const words = r.byDay.map((d) => {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(d);
    const name = weekdays[icalDays[m?.[2] ?? ''] ?? -1] ?? d;
    return m?.[1] ? `the ${ordinal(Number(m[1]))} ${name}` : `every ${name}`;
  });
  return ` on ${joinWords(words)}`;
}

function dayList(byDay: readonly string[], conjunction = 'and'): string {
  const names = byDay.map((d) => weekdays[icalDays[d.slice(-2)] ?? -1] ?? d);
  if (byDay.length === 5 && ['MO', 'TU', 'WE', 'TH', 'FR'].every((d) => byDay.includes(d))) return 'Monday to Friday';
  return joinWords(names, conjunction);
}

function ordinal(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)} to last`;
  const tens = n % 100;
  const end = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${end}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

/** The EXDATEs in words: "except on 2 dates (Tue 17 Mar 2026, Tue 24 Mar 2026)". */
export function describeExceptions(dates: readonly CalendarTime[], zone: string): string {
  const shown = dates.slice(0, 5).map((t) => day(readerWall(t, zone)));
  const more = dates.length > shown.length ? ', …' : '';
  return `except on ${dates.length === 1 ? '1 date' : `${dates.length} dates`} (${shown.join(', ')}${more})`;
}
