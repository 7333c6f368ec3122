import { describe, expect, it } from 'vitest';
import { amountsAgree, closeDateDay, parseAmounts, parseDates } from '../../src/reconcile/index.js';

// asOf Fri 20 Nov 2026 18:00 IST. Weeks start on Monday (16 Nov).
const IST = { asOf: '2026-11-20T18:00:00+05:30', timezone: 'Asia/Kolkata' };
const one = (text: string, ctx = IST, fallback: 'past' | 'future' = 'future') => {
  const found = parseDates(text, ctx, fallback);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};
const values = (text: string) => parseAmounts(text).map((a) => a.value);

describe('amounts in Indian notation', () => {
  it('reads lakh and crore in the ways AEs write them', () => {
    expect(values('POC on, 15.2L')).toEqual([1_520_000]);
    expect(values('15.2 lakhs')).toEqual([1_520_000]);
    expect(values('80 lakhs, was 75 lacs')).toEqual([8_000_000, 7_500_000]);
    expect(values('₹1.1 Cr')).toEqual([11_000_000]);
    expect(values('1.15 crore deal')).toEqual([11_500_000]);
    expect(values('Rs. 4.2L')).toEqual([420_000]);
    expect(values('~50k pilot')).toEqual([50_000]);
  });

  it('reads Indian and western digit grouping and plain numbers from 10,000 up', () => {
    expect(values('value 1,52,000')).toEqual([152_000]);
    expect(values('₹15,20,000')).toEqual([1_520_000]);
    expect(values('1,20,00,000 total')).toEqual([12_000_000]);
    expect(values('1,520,000')).toEqual([1_520_000]);
    expect(values('152000 incl GST')).toEqual([152_000]);
    // 1,5,2 is neither grouping.
    expect(values('1,5,20')).toEqual([]);
  });

  it('does not read counts, stages, days or ids as money', () => {
    expect(values('final 2 now')).toEqual([]);
    expect(values('500 trucks, 30 days pilot')).toEqual([]);
    expect(values('PO by 15th Dec')).toEqual([]);
    expect(values('FY27 budget, Q4')).toEqual([]);
    expect(values('call at 10:30')).toEqual([]);
  });

  it('keeps the precision written: "15L" agrees with ₹15.3 L, "15.2L" does not', () => {
    const [fifteen] = parseAmounts('15L');
    const [precise] = parseAmounts('15.2L');
    expect(amountsAgree(fifteen!, 1_530_000)).toBe(true);
    expect(amountsAgree(fifteen!, 1_560_000)).toBe(false);
    expect(amountsAgree(precise!, 1_540_000)).toBe(false);
    expect(amountsAgree(precise!, 1_520_000)).toBe(true);
    // Never stricter than 1 %: an exact figure agrees with a CRM amount rounded to the nearest thousand.
    expect(amountsAgree(parseAmounts('1,52,000')[0]!, 152_900)).toBe(true);
    // "~" widens it to 5 %.
    expect(amountsAgree(parseAmounts('~8L')[0]!, 810_000)).toBe(true);
  });
});

describe('dates resolved against asOf in the team time zone', () => {
  it('"by 15th" is next month once the 15th has passed, this month otherwise', () => {
    expect(one('PO by 15th').date).toBe('2026-12-15');
    expect(one('PO by 25th').date).toBe('2026-11-25');
    // Across the year end.
    expect(one('PO by 15th', { ...IST, asOf: '2026-12-20T12:00:00+05:30' }).date).toBe('2027-01-15');
    // The 31st in a 30-day month is its last day.
    expect(one('closing by 31st', { ...IST, asOf: '2026-11-05T12:00:00+05:30' }).date).toBe('2026-11-30');
  });

  it('reads day-month forms and picks the nearest year', () => {
    expect(one('PO by 4th Jan').date).toBe('2027-01-04');
    expect(one('closing by Jan 21st').date).toBe('2027-01-21');
    expect(one('signed on 9 Nov').date).toBe('2026-11-09');
    expect(one('closing 17/03').date).toBe('2027-03-17');
    expect(one('closing 15.12.2026').date).toBe('2026-12-15');
    const end = one('closing by end Dec');
    expect([end.date, end.to]).toEqual(['2026-12-31', '2026-12-31']);
  });

  it('reads weekdays by the tense of their clause', () => {
    expect(one('next Tue').date).toBe('2026-11-24');
    expect(one('F2F with Hitesh on Wed', IST, 'past').date).toBe('2026-11-18');
    expect(one('demo by Wed').date).toBe('2026-11-25');
    expect(one('last Mon').date).toBe('2026-11-09');
  });

  it('reads Hinglish and relative words', () => {
    expect(one('kal call hua').date).toBe('2026-11-19');
    expect(one('kal call hai').date).toBe('2026-11-21');
    expect(one('spoke yday').date).toBe('2026-11-19');
    const week = one('F2F this week');
    expect([week.from, week.to]).toEqual(['2026-11-16', '2026-11-22']);
    expect(one('next wk').from).toBe('2026-11-23');
    expect(one('in 2 weeks').date).toBe('2026-12-04');
  });

  it('uses the team time zone for "today"', () => {
    // 20 Nov 20:00Z is already 21 Nov in India, still 20 Nov in New York.
    const at = '2026-11-20T20:00:00Z';
    expect(one('spoke yday', { asOf: at, timezone: 'Asia/Kolkata' }).date).toBe('2026-11-20');
    expect(one('spoke yday', { asOf: at, timezone: 'America/New_York' }).date).toBe('2026-11-19');
    // HubSpot close dates are stored at 00:00Z: read as that date in any zone; other instants in the zone.
    expect(closeDateDay('2026-12-11T00:00:00.000Z', 'America/New_York')).toBe('2026-12-11');
    expect(closeDateDay('2026-12-10T20:00:00.000Z', 'Asia/Kolkata')).toBe('2026-12-11');
  });
});
