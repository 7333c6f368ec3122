/**
 * The local day of an instant has one implementation (time/calendar.ts `localDate`): it must agree with the
 * person's local clock (`localTime`) and with the weekday names people read, in zones either side of UTC and
 * across their daylight-saving changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayDiff, localDate, localTime, weekdayName, weekdayOf } from '../../src/time/index.js';

const ZONES = ['Asia/Kolkata', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London', 'UTC'];
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('localDate', () => {
  it('is the day on the local clock, for ms and ISO instants alike', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
        const iso = new Date(ms).toISOString();
        expect(localDate(ms, zone)).toBe(localTime(iso, zone).day);
        expect(localDate(iso, zone)).toBe(localTime(iso, zone).day);
      }),
    );
  });

  it('reads midnight UTC as a moment: the evening before in New York, the same morning in Kolkata', () => {
    expect(localDate('2026-11-20T00:00:00.000Z', 'America/New_York')).toBe('2026-11-19');
    expect(localDate('2026-11-20T00:00:00.000Z', 'Asia/Kolkata')).toBe('2026-11-20');
    expect(localDate('2026-11-19T18:30:00.000Z', 'Asia/Kolkata')).toBe('2026-11-20');
  });

  it('lies at most a day from the UTC date', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
        expect(Math.abs(dayDiff(new Date(ms).toISOString().slice(0, 10), localDate(ms, zone)))).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('weekdayName', () => {
  it('spells out the short weekday of the same day', () => {
    expect(weekdayName('2026-11-20')).toBe('Friday');
    fc.assert(
      fc.property(instant, (ms) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        expect(weekdayName(day).slice(0, 3)).toBe(weekdayOf(day));
      }),
    );
  });
});
