// The only importer of ical.js: iCalendar text (RFC 5545) in, our own Calendar type out, with every
// time resolved to an instant where its zone is known. Recurrences are described, never expanded.
import type ICAL from 'ical.js';
import { ExitCode, MailviewError } from '../document/errors.js';
import type { Calendar, CalendarEvent, CalendarTime, Participant, Recurrence } from './calendar-types.js';
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

const shownComponents = ['vevent', 'vtodo', 'vjournal'];
const conferenceProps = ['conference', 'x-google-conference', 'x-microsoft-skypeteamsmeetingurl', 'x-microsoft-onlinemeetingexternallink'];

/** Parse iCalendar text; throws a MailviewError (data) when it is not iCalendar ical.js can read. */
export function parseCalendar(text: string): Calendar {
  ical ??= loadIcal();
  let parsed: unknown;
  try {
    parsed = ical.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new MailviewError(ExitCode.data, 'calendar', firstLine(err));
  }
  const roots = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed as unknown[]];
  let method: string | undefined;
  const events: CalendarEvent[] = [];
  try {
    for (const jcal of roots) {
      const root = new ical.Component(jcal);
      if (root.name !== 'vcalendar') throw new MailviewError(ExitCode.data, 'calendar', `no VCALENDAR (found ${root.name.toUpperCase().slice(0, 20)})`);
      method ??= textOf(root, 'method')?.toUpperCase();
      const zones = new Zones(ical, root);
      for (const c of root.getAllSubcomponents()) if (shownComponents.includes(c.name)) events.push(readEvent(c, zones));
    }
  } catch (err) {
    throw err instanceof MailviewError ? err : new MailviewError(ExitCode.data, 'calendar', firstLine(err));
  }
  return method === undefined ? { events } : { method, events };
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

function endByDuration(c: Component, zones: Zones): CalendarTime | undefined {
  const p = c.getFirstProperty('dtstart');
  const start = p?.getFirstValue();
  const duration = c.getFirstPropertyValue('duration');
  if (!p || !(start instanceof zones.ical.Time) || !(duration instanceof zones.ical.Duration)) return undefined;
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

/** The VTIMEZONEs of one VCALENDAR and how a time value is pinned to an instant. */
class Zones {
  private readonly own = new Map<string, Component>();
  private readonly built = new Map<string, ICAL.Timezone>();

  constructor(
    readonly ical: Ical,
    root: Component,
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
      if (this.built.size >= 50) return undefined;
      this.built.set(key, (zone = new this.ical.Timezone(startingFrom(this.ical, vtz, v.year - 2))));
    }
    return zone.utcOffset(v);
  }
}

// A yearly rule without COUNT gives the same changes from any later start on.
function startingFrom(ical: Ical, vtz: Component, year: number): Component {
  const copy = new ical.Component(structuredClone(vtz.jCal));
  for (const rule of copy.getAllSubcomponents()) {
    const start = rule.getFirstProperty('dtstart');
    const time = start?.getFirstValue();
    const rrule = rule.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    if (!start || !(time instanceof ical.Time) || !rrule || rrule.count || time.year >= year) continue;
    const moved = time.clone();
    moved.year = year;
    start.setValue(moved);
  }
  return copy;
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
