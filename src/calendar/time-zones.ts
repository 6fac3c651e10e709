// The only importer of windows-iana: time zone names (IANA, Windows) and wall-clock arithmetic in a
// zone, by Intl (Node's ICU carries the tz database).
import type { findIana as FindIana } from 'windows-iana';

/** A wall-clock time as written in a calendar, month 1-12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// windows-iana's table (CLDR's windowsZones.xml) is ~80 KB built at load time; only calendars
// need it, so it is loaded on first use (esbuild bundles this require and runs it only then). Its
// production build is named to keep its development twin out of the bundle.
let findIana: typeof FindIana | undefined;
const loadFindIana = (): typeof FindIana =>
  (require('windows-iana/dist/windows-iana.cjs.production.min.js') as { findIana: typeof FindIana }).findIana;

const valid = new Map<string, boolean>();

/** True when Intl knows the zone name (IANA names and their links, `UTC`). */
export function isTimeZone(name: string): boolean {
  let known = valid.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = /^[A-Za-z]/.test(name);
    } catch {
      known = false;
    }
    if (valid.size < 1000) valid.set(name, known);
  }
  return known;
}

/**
 * The IANA zone a calendar's TZID names: an IANA name itself, a Windows name ("W. Europe Standard
 * Time", Outlook and Exchange), or a path ending in an IANA name ("/mozilla.org/20050126_1/Europe/Berlin").
 */
export function ianaZone(tzid: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (name.length > 200) return undefined;
  if (isTimeZone(name)) return name;
  findIana ??= loadFindIana();
  const windows = findIana(name, '001')[0] ?? findIana(name)[0];
  if (windows !== undefined && isTimeZone(windows)) return windows;
  const tail = /([A-Za-z_-]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(name)?.[1];
  return tail !== undefined && tail !== name && isTimeZone(tail) ? tail : undefined;
}

/** The reader's time zone: `TZ` when it names a zone Intl knows (a leading ':' allowed), else the system's. */
export function readerTimeZone(tz: string | undefined): string {
  const name = tz?.replace(/^:/, '').trim();
  if (name && isTimeZone(name)) return name;
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `zone` at an instant (ms since the epoch). */
export function wallTimeAt(epochMs: number, zone: string): WallTime {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    wallFormats.set(zone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(epochMs)) part[p.type] = p.value;
  const year = Number(part.year);
  return { year: part.era === 'BC' ? 1 - year : year, month: Number(part.month), day: Number(part.day), hour: Number(part.hour), minute: Number(part.minute), second: Number(part.second) };
}

/** The wall time as if it were UTC, in ms since the epoch (years 0-99 too, which Date.UTC would shift). */
export function wallAsUtc(w: WallTime): number {
  const date = new Date(Date.UTC(2000, 0, 1, w.hour, w.minute, w.second));
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  return date.getTime();
}

/**
 * The instant a wall-clock time in an IANA zone names. In a gap (spring forward) the time after the
 * gap; in an overlap (fall back) the earlier instant, as RFC 5545 3.3.5 asks.
 */
export function zonedToEpoch(w: WallTime, zone: string): number {
  const local = wallAsUtc(w);
  const offsetAt = (t: number): number => wallAsUtc(wallTimeAt(t, zone)) - t;
  const before = offsetAt(local - 86_400_000);
  const after = offsetAt(local + 86_400_000);
  const candidates = [local - before, local - after].filter((t) => wallAsUtc(wallTimeAt(t, zone)) === local);
  if (candidates.length) return Math.min(...candidates);
  return local - before;
}
