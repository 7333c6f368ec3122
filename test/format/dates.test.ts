/** Dates as people read them: one "Tue 20 Oct" for instants and calendar days, and a 24-hour clock from 00:00. */
import { describe, expect, it } from 'vitest';
import { formatDateTime, humanDay } from '../../src/format/index.js';
import { dayNumber, dayString, humanDay as sayDay } from '../../src/time/index.js';

describe('formatDateTime', () => {
  it('reads a moment after midnight as 00:05, never 24:05, in every locale the team zones use', () => {
    // 18:35Z is 00:05 the next day in India; 05:05Z is 00:05 in New York (EST); 00:05Z in London.
    expect(formatDateTime('2026-11-23T18:35:00Z', 'Asia/Kolkata')).toMatch(/^Tue, 24 Nov 2026, 00:05/);
    expect(formatDateTime('2026-11-24T05:05:00Z', 'America/New_York')).toMatch(/^Tue, 24 Nov 2026, 00:05/);
    expect(formatDateTime('2026-11-24T00:05:00Z', 'Europe/London')).toMatch(/^Tue, 24 Nov 2026, 00:05/);
  });
});

describe('humanDay', () => {
  it('gives an instant its local day and a calendar day itself', () => {
    expect(humanDay('2026-11-23T20:00:00Z', 'Asia/Kolkata')).toBe('Tue 24 Nov'); // 01:30 on the 24th in India
    expect(humanDay('2026-11-24T03:00:00Z', 'America/New_York')).toBe('Mon 23 Nov'); // 22:00 on the 23rd
    expect(humanDay('2026-11-24', 'America/New_York')).toBe('Tue 24 Nov');
  });

  it('adds the year only when it is not the year of today', () => {
    expect(humanDay('2027-01-04', 'Asia/Kolkata', '2026-12-06')).toBe('Mon 4 Jan 2027');
    expect(humanDay('2026-01-05', 'Asia/Kolkata', '2026-12-06T10:00:00Z')).toBe('Mon 5 Jan');
    // today as a moment is its local day too: 31 Dec 20:00 in New York is still 2026
    expect(humanDay('2027-01-01', 'America/New_York', '2027-01-01T01:00:00Z')).toBe('Fri 1 Jan 2027');
  });

  it('is the time module’s day name, so every surface says a day the same way', () => {
    for (const day of ['2026-02-28', '2026-12-31', '2028-02-29']) {
      expect(humanDay(day, 'UTC', '2026-06-01')).toBe(sayDay(dayNumber(day), dayNumber('2026-06-01')));
      expect(dayString(dayNumber(day))).toBe(day);
    }
  });
});
