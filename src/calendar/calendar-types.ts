// Our own calendar types, what src/calendar.ts makes of ical.js's objects (RFC 5545 terms).
import type { WallTime } from './time-zones.js';

/** A time as a calendar gives it. */
export type CalendarTime =
  /** VALUE=DATE: a whole day, the same wherever the reader is. */
  | { readonly kind: 'date'; readonly wall: WallTime }
  /** A point in time; `zone` is the zone it was written in (an IANA name where known), none for UTC. */
  | { readonly kind: 'instant'; readonly epoch: number; readonly wall: WallTime; readonly zone?: string }
  /** A wall time with no zone (RFC 5545 3.3.5 floating), or in a zone that cannot be resolved. */
  | { readonly kind: 'floating'; readonly wall: WallTime; readonly unknownZone?: string };

/** An organizer or attendee: enum parameters as written (upper case). */
export interface Participant {
  readonly uri: string;
  readonly name?: string;
  readonly status?: string;
  readonly role?: string;
  readonly type?: string;
  readonly delegatedTo?: string;
}

/** An RRULE, as data. */
export interface Recurrence {
  readonly freq: string;
  readonly interval: number;
  readonly count?: number;
  readonly until?: CalendarTime;
  readonly byDay: readonly string[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
  readonly bySetPos: readonly number[];
  /** Names of the other BY… parts present, which the description leaves out. */
  readonly other: readonly string[];
}

/** One VEVENT, VTODO or VJOURNAL. */
export interface CalendarEvent {
  readonly component: string;
  readonly summary?: string;
  readonly location?: string;
  readonly description?: string;
  readonly comment?: string;
  readonly url?: string;
  /** Video-call links: RFC 7986 CONFERENCE, Google's and Microsoft's X- properties. */
  readonly conference: readonly string[];
  readonly start?: CalendarTime;
  /** DTEND, DTSTART + DURATION, or a to-do's DUE. */
  readonly end?: CalendarTime;
  readonly recurrence?: Recurrence;
  readonly exceptions: readonly CalendarTime[];
  readonly extraDates: number;
  readonly recurrenceId?: CalendarTime;
  readonly organizer?: Participant;
  readonly attendees: readonly Participant[];
  readonly sequence: number;
  readonly status?: string;
}

/** A parsed iCalendar object. */
export interface Calendar {
  readonly method?: string;
  readonly events: readonly CalendarEvent[];
  /** What was clamped or cut to keep the work bounded, one line each. */
  readonly notices: readonly string[];
}
