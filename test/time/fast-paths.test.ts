/**
 * The time module's hot paths (a digest tick calls them thousands of times) give exactly what a fresh Intl
 * formatter gives: the zone offset from the memo per quarter hour, and day names from tables read once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, humanDay, zoneOffsetMs } from '../../src/time/index.js';

const ZONES = ['Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];

/** The offset as a formatter built for this one instant reads it. */
function offsetByIntl(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

describe('zoneOffsetMs', () => {
  it('equals a fresh formatter’s offset, across daylight-saving changes and half-hour zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(zoneOffsetMs(ms, zone)).toBe(offsetByIntl(ms, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('changes at the very instant the clocks change (New York, 8 March 2026, 07:00 UTC)', () => {
    const change = Date.UTC(2026, 2, 8, 7);
    expect(zoneOffsetMs(change - 1, 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(change, 'America/New_York')).toBe(-4 * 3_600_000);
  });
});

describe('humanDay', () => {
  it('writes every day of four years as en-GB does, with the year only in another year', () => {
    const withYear = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    const plain = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    const from = Date.UTC(2025, 0, 1) / DAY_MS;
    for (let day = from; day < from + 4 * 366; day++) {
      const d = new Date(day * DAY_MS);
      expect(humanDay(day)).toBe(plain.format(d).replace(',', ''));
      expect(humanDay(day, day + 400)).toBe(withYear.format(d).replace(',', ''));
    }
  });
});
