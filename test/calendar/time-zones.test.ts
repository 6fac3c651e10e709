import { describe, expect, it } from 'vitest';
import { ianaZone, readerTimeZone, wallAsUtc, wallTimeAt, zonedToEpoch } from '../../src/calendar/time-zones.js';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe('ianaZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['Eastern Standard Time', 'America/New_York'],
    ['GMT Standard Time', 'Europe/London'],
    ['Tokyo Standard Time', 'Asia/Tokyo'],
    ['"Pacific Standard Time"', 'America/Los_Angeles'],
    ['/mozilla.org/20050126_1/Europe/Vienna', 'Europe/Vienna'],
    ['UTC', 'UTC'],
  ])('%s → %s', (tzid, iana) => expect(ianaZone(tzid)).toBe(iana));

  it.each([['Customized Time Zone'], ['Evil/Loop'], [''], ['x'.repeat(500)]])('knows no zone for %j', (tzid) => expect(ianaZone(tzid)).toBeUndefined());
});

describe('readerTimeZone', () => {
  it('takes TZ when Intl knows it, a leading colon allowed', () => {
    expect(readerTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(readerTimeZone(':Europe/Oslo')).toBe('Europe/Oslo');
  });

  it("falls back to the system's zone for an empty or unknown TZ", () => {
    const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(readerTimeZone(undefined)).toBe(system);
    expect(readerTimeZone('')).toBe(system);
    expect(readerTimeZone('Not/AZone')).toBe(system);
  });
});

describe('zonedToEpoch', () => {
  it('pins a wall time to its instant, either side of a change', () => {
    expect(zonedToEpoch(wall(2026, 3, 10, 15), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 10, 14));
    expect(zonedToEpoch(wall(2026, 7, 10, 15), 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 10, 13));
    expect(zonedToEpoch(wall(2026, 3, 12, 9), 'America/New_York')).toBe(Date.UTC(2026, 2, 12, 13));
  });

  it('RFC 5545 3.3.5: a time in the spring gap means the time after it, one in the autumn overlap the first', () => {
    expect(zonedToEpoch(wall(2026, 3, 29, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(zonedToEpoch(wall(2026, 10, 25, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('round-trips with wallTimeAt, early years included', () => {
    expect(wallTimeAt(Date.UTC(2026, 2, 10, 14), 'Europe/Berlin')).toEqual(wall(2026, 3, 10, 15));
    const early = wall(42, 1, 2, 3, 4, 5);
    expect(wallTimeAt(wallAsUtc(early), 'UTC')).toEqual(early);
  });
});
