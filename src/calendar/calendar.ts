// The only importer of ical.js: iCalendar text (RFC 5545) in, our own Calendar type out, with every
// time resolved to an instant where its zone is known. Recurrences are described, never expanded.
import type ICAL from 'ical.js';
import { ExitCode, MailviewError } from '../document/errors.js';
import type { Calendar, CalendarEvent, CalendarTime, Participant, Recurrence } from './calendar-types.js';
import { shownComponents, splitCalendars } from './calendar-split.js';
import { ianaZone, wallAsUtc, zonedToEpoch, type WallTime } from './time-zones.js';

export type { Calendar, CalendarEvent, CalendarTime, Participant, Recurrence } from './calendar-types.js';

type Ical = typeof ICAL;
type Component = ICAL.Component;
type Property = ICAL.Property;
type Time = ICAL.Time;

// ical.js's set-up is ~300 KB of code a mail without a calendar never needs: loaded on first use
// (esbuild bundles this require and runs it only then; vitest provides require() too).
let ical: Ical | undefined;
const loadIcal = (): Ical => {
  const m = require('ical.js') as Ical & { default?: Ical };
  const loaded = m.default ?? m;
  // Expand zones to the year asked for (plus ical.js's five), not to the current year: the same
  // output whatever today is, and no centuries of expansion for an old date.
  loaded.Timezone._minimumExpansionYear = 1;
  return loaded;
};

const conferenceProps = ['conference', 'x-google-conference', 'x-microsoft-skypeteamsmeetingurl', 'x-microsoft-onlinemeetingexternallink'];

/** Parse iCalendar text; throws a MailviewError (data) when it is not iCalendar ical.js can read. */
export function parseCalendar(text: string): Calendar {
  const loaded = (ical ??= loadIcal());
  let method: string | undefined;
  const events: CalendarEvent[] = [];
  const notices = new Set<string>();
  try {
    for (const { root, shown } of calendarsOf(loaded, text.replace(/^\uFEFF/, ''))) {
      if (root.name !== 'vcalendar') throw new MailviewError(ExitCode.data, 'calendar', `no VCALENDAR (found ${root.name.toUpperCase().slice(0, 20)})`);
      method ??= textOf(root, 'method')?.toUpperCase();
      const zones = new Zones(loaded, root, notices);
      for (const c of shown()) events.push(readEvent(c, zones));
    }
  } catch (err) {
    throw err instanceof MailviewError ? err : new MailviewError(ExitCode.data, 'calendar', firstLine(err));
  }
  return { ...(method === undefined ? {} : { method }), events, notices: [...notices] };
}

interface Read {
  readonly root: Component;
  readonly shown: () => Iterable<Component>;
}

// ical.js parses only a whole text into one tree, several times the text's size: a calendar of ten
// thousand events took over 100 MiB. Its VCALENDARs are therefore parsed without their events,
// and each event on its own when it is read, so that one event's tree is held at a time. A text
// whose BEGIN and END lines do not nest is parsed whole, for ical.js to judge.
function* calendarsOf(loaded: Ical, text: string): Generator<Read> {
  const parse = (t: string): unknown[] => {
    try {
      return loaded.parse(t) as unknown[];
    } catch (err) {
      throw new MailviewError(ExitCode.data, 'calendar', firstLine(err));
    }
  };
  const split = splitCalendars(text);
  if (split === undefined) {
    const parsed = parse(text);
    const roots = Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed];
    for (const jcal of roots) {
      const root = new loaded.Component(jcal);
      yield { root, shown: () => root.getAllSubcomponents().filter((c) => shownComponents.includes(c.name)) };
    }
    return;
  }
  // parseCalendar reads every event before it returns, so a syntax error in any still fails the whole text.
  for (const { frame, shown } of split) {
    const root = new loaded.Component(parse(frame));
    const texts = shown.slice();
    shown.length = 0;
    yield {
      root,
      *shown() {
        for (let i = 0; i < texts.length; i++) {
          const one = new loaded.Component(parse(`BEGIN:VCALENDAR\r\n${texts[i]!}\r\nEND:VCALENDAR\r\n`));
          texts[i] = '';
          yield* one.getAllSubcomponents();
        }
      },
    };
  }
}

// ical.js's own ParserError says what is wrong with the text; a TypeError or the like only says
// where ical.js tripped on it, in JavaScript words a reader of mail should never see.
function firstLine(err: unknown): string {
  const parserError = (ical?.parse as { ParserError?: new () => Error } | undefined)?.ParserError;
  const own = err instanceof Error && (err.constructor === Error || (parserError !== undefined && err instanceof parserError));
  if (!own) return 'not iCalendar that mailview can read';
  const message = err.message;
  const line = (message.split('\n')[0] ?? '').trim() || 'unreadable';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function readEvent(c: Component, zones: Zones): CalendarEvent {
  const start = timeOf(c, 'dtstart', zones);
  const rrule = c.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  const optional = {
    summary: textOf(c, 'summary'),
    location: textOf(c, 'location'),
    description: textOf(c, 'description'),
    comment: textOf(c, 'comment'),
    url: textOf(c, 'url'),
    start,
    end: timeOf(c, 'dtend', zones) ?? timeOf(c, 'due', zones) ?? endByDuration(c, zones),
    recurrence: rrule ? recurrence(rrule, zones) : undefined,
    recurrenceId: timeOf(c, 'recurrence-id', zones),
    organizer: participant(c.getFirstProperty('organizer')),
    status: textOf(c, 'status')?.toUpperCase(),
  };
  const conference = [...new Set(conferenceProps.flatMap((name) => c.getAllProperties(name).map(valueText)).filter((u) => /^https?:\/\//i.test(u)))];
  return {
    component: c.name.toUpperCase(),
    ...defined(optional),
    conference,
    exceptions: c.getAllProperties('exdate').flatMap((p) => p.getValues().map((v: Time) => zones.resolve(v, p))),
    extraDates: c.getAllProperties('rdate').reduce((n, p) => n + p.getValues().length, 0),
    attendees: c.getAllProperties('attendee').flatMap((p) => participant(p) ?? []),
    sequence: Number(c.getFirstPropertyValue('sequence') ?? 0) || 0,
  };
}

// Drops the undefined members, which exactOptionalPropertyTypes keeps out of optional fields.
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function valueText(p: Property): string {
  const v = p.getFirstValue();
  return v === null ? '' : String(v).trim();
}

function textOf(c: Component, name: string): string | undefined {
  const p = c.getFirstProperty(name);
  if (!p) return undefined;
  const text = p.getValues().map(String).join(', ');
  return text.trim() === '' ? undefined : text;
}

function timeOf(c: Component, name: string, zones: Zones): CalendarTime | undefined {
  const p = c.getFirstProperty(name);
  const v = p?.getFirstValue();
  return p && v instanceof zones.ical.Time ? zones.resolve(v, p) : undefined;
}

/** The longest DURATION followed: ical.js adds a duration month by month, so ten billion weeks take a minute. */
export const maxDurationDays = 100 * 366;

function endByDuration(c: Component, zones: Zones): CalendarTime | undefined {
  const p = c.getFirstProperty('dtstart');
  const start = p?.getFirstValue();
  let duration = c.getFirstPropertyValue('duration');
  if (!p || !(start instanceof zones.ical.Time) || !(duration instanceof zones.ical.Duration)) return undefined;
  if (Math.abs(duration.toSeconds()) > maxDurationDays * 86400) {
    zones.notices.add(`a DURATION of ${duration.toString().slice(0, 30)} is longer than 100 years; the end shown is 100 years after the start`);
    duration = zones.ical.Duration.fromData({ days: maxDurationDays, isNegative: duration.isNegative });
  }
  const end = start.clone();
  end.addDuration(duration);
  return zones.resolve(end, p);
}

function recurrence(r: ICAL.Recur, zones: Zones): Recurrence {
  const parts = r.parts as Record<string, unknown[] | undefined>;
  const list = <T>(name: string, map: (v: unknown) => T): T[] => (parts[name] ?? []).map(map);
  const known = new Set(['BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS']);
  return {
    freq: String(r.freq ?? '').toUpperCase(),
    interval: Number.isFinite(r.interval) && r.interval > 0 ? r.interval : 1,
    ...(typeof r.count === 'number' && Number.isFinite(r.count) ? { count: r.count } : {}),
    ...(r.until ? { until: zones.resolve(r.until) } : {}),
    byDay: list('BYDAY', String),
    byMonthDay: list('BYMONTHDAY', Number),
    byMonth: list('BYMONTH', Number),
    bySetPos: list('BYSETPOS', Number),
    other: Object.keys(parts).filter((k) => !known.has(k) && (parts[k]?.length ?? 0) > 0),
  };
}

function participant(p: Property | null): Participant | undefined {
  if (!p) return undefined;
  const param = (name: string): string | undefined => {
    const v = p.getParameter(name);
    const text = Array.isArray(v) ? v.join(', ') : v;
    return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
  };
  return {
    uri: valueText(p),
    ...defined({ name: param('cn'), status: param('partstat')?.toUpperCase(), role: param('role')?.toUpperCase(), type: param('cutype')?.toUpperCase(), delegatedTo: param('delegated-to') }),
  };
}

/**
 * How many time-zone changes one calendar may have ical.js expand in all: a real zone needs a few
 * dozen per year asked for, so this is never met by one, and it bounds a hostile one.
 */
export const zoneExpansionBudget = 20_000;

/** The VTIMEZONEs of one VCALENDAR and how a time value is pinned to an instant. */
class Zones {
  private readonly own = new Map<string, Component>();
  private readonly built = new Map<string, ICAL.Timezone>();
  /** Zone changes still allowed to be expanded (zoneExpansionBudget at the start). */
  spare = zoneExpansionBudget;

  constructor(
    readonly ical: Ical,
    root: Component,
    /** What was clamped or cut while reading, one line each. */
    readonly notices: Set<string>,
  ) {
    for (const vtz of root.getAllSubcomponents('vtimezone')) {
      const tzid = textOf(vtz, 'tzid');
      if (tzid !== undefined && saneZone(vtz)) this.own.set(tzid, vtz);
    }
  }

  /** Resolve a DATE or DATE-TIME value with its property's TZID. */
  resolve(v: Time, p?: Property): CalendarTime {
    const wall: WallTime = { year: v.year, month: v.month, day: v.day, hour: v.hour, minute: v.minute, second: v.second };
    if (v.isDate) return { kind: 'date', wall };
    if (v.zone === this.ical.Timezone.utcTimezone) return { kind: 'instant', epoch: wallAsUtc(wall), wall };
    const tzid = p?.getFirstParameter('tzid');
    if (typeof tzid !== 'string' || tzid.trim() === '') return { kind: 'floating', wall };
    // A TZID the tz database knows (IANA or Windows name) is read by it, as Thunderbird and Google
    // do; the VTIMEZONE (RFC 5545 3.6.5) defines any other, such as Outlook's "Customized Time Zone".
    const iana = ianaZone(tzid);
    if (iana) return { kind: 'instant', epoch: zonedToEpoch(wall, iana), wall, zone: iana };
    const offset = this.offset(tzid, v);
    if (offset !== undefined) return { kind: 'instant', epoch: wallAsUtc(wall) - offset * 1000, wall, zone: tzid };
    return { kind: 'floating', wall, unknownZone: tzid };
  }

  // ical.js expands a VTIMEZONE's rules from their DTSTART (Outlook writes 1601) on, slowly: each
  // year asked for gets a copy whose yearly rules start two years before it.
  private offset(tzid: string, v: Time): number | undefined {
    const vtz = this.own.get(tzid);
    if (!vtz) return undefined;
    const key = `${v.year}\n${tzid}`;
    let zone = this.built.get(key);
    if (!zone) {
      if (this.built.size >= 50) return this.cut(tzid);
      const copy = startingFrom(this.ical, vtz, v.year - 2);
      const cost = expansionCost(this.ical, copy, v.year + this.ical.Timezone.EXTRA_COVERAGE);
      if (cost > this.spare) return this.cut(tzid);
      this.spare -= cost;
      this.built.set(key, (zone = new this.ical.Timezone(copy)));
    }
    return zone.utcOffset(v);
  }

  // A time whose zone would cost more than the budget is shown as written, and the reader told.
  private cut(tzid: string): undefined {
    this.notices.add(`the time zone ${tzid.slice(0, 40)} needs too much work to follow; some times in it are shown as written`);
    return undefined;
  }
}

// A yearly rule without COUNT gives the same changes from any later start on; so does one whose
// COUNT cannot run out before the years asked for.
function startingFrom(ical: Ical, vtz: Component, year: number): Component {
  const copy = new ical.Component(structuredClone(vtz.jCal));
  for (const rule of copy.getAllSubcomponents()) {
    const start = rule.getFirstProperty('dtstart');
    const time = start?.getFirstValue();
    const rrule = rule.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    if (!start || !(time instanceof ical.Time) || !rrule || time.year >= year) continue;
    if (rrule.count && rrule.count < (year + 2 + ical.Timezone.EXTRA_COVERAGE - time.year + 1) * perYear(rrule)) continue;
    const moved = time.clone();
    moved.year = year;
    start.setValue(moved);
  }
  return copy;
}

// At most how many changes a yearly rule gives in one year (saneZone allows only yearly ones).
function perYear(r: ICAL.Recur): number {
  const parts = r.parts as Record<string, unknown[] | undefined>;
  const months = parts.BYMONTH?.length || 12;
  const days = parts.BYMONTHDAY?.length || (parts.BYDAY?.length ?? 0) * 5 || 1;
  return Math.min(366, months * days);
}

// At most how many changes ical.js makes when it expands a zone up to `until`.
function expansionCost(ical: Ical, vtz: Component, until: number): number {
  let cost = 0;
  for (const rule of vtz.getAllSubcomponents()) {
    cost += 1 + rule.getAllProperties('rdate').reduce((n, p) => n + p.getValues().length, 0);
    const time = rule.getFirstPropertyValue('dtstart');
    const rrule = rule.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    if (!rrule || !(time instanceof ical.Time)) continue;
    const years = Math.max(0, until - time.year + 1) * perYear(rrule);
    cost += rrule.count ? Math.min(rrule.count, years) : years;
  }
  return cost;
}

// ical.js expands a VTIMEZONE's rules year by year up to the year asked for: a rule other than a
// yearly one by month and day (every real zone's) could make that expansion endless, so such a
// VTIMEZONE is not used.
function saneZone(vtz: Component): boolean {
  const rules = vtz.getAllSubcomponents();
  if (rules.length > 50) return false;
  let dates = 0;
  for (const rule of rules) {
    for (const p of rule.getAllProperties('rrule')) {
      const r = p.getFirstValue() as ICAL.Recur;
      const parts = Object.entries(r.parts as Record<string, unknown[] | undefined>).filter(([, v]) => v?.length);
      if (r.freq !== 'YEARLY' || r.interval !== 1 || parts.some(([k, v]) => !['BYMONTH', 'BYDAY', 'BYMONTHDAY'].includes(k) || v!.length > 31)) return false;
    }
    dates += rule.getAllProperties('rdate').reduce((n, p) => n + p.getValues().length, 0);
  }
  return dates <= 1000;
}
