import { describe, expect, it } from 'vitest';
import { parsePeriod, periodField } from '../../../src/agent/ask/period.js';

// Friday 20 Nov 2026, 18:00 in India.
const c = { asOf: Date.parse('2026-11-20T18:00:00+05:30'), timezone: 'Asia/Kolkata', fiscalYearStartMonth: 4 };
const iso = (p: { from: number; to: number } | null) =>
  p ? [new Date(p.from).toISOString(), new Date(p.to).toISOString()] : null;
const ist = (d: string) => new Date(`${d}T00:00:00+05:30`).toISOString();

describe('ask periods', () => {
  it('reads this/next/last month, week and quarter in the team time zone', () => {
    expect(iso(parsePeriod('which deals close this month?', c))).toEqual([ist('2026-11-01'), ist('2026-12-01')]);
    expect(iso(parsePeriod('closing next month', c))).toEqual([ist('2026-12-01'), ist('2027-01-01')]);
    expect(iso(parsePeriod('created last week', c))).toEqual([ist('2026-11-09'), ist('2026-11-16')]);
    expect(iso(parsePeriod('what moved this wk', c))).toEqual([ist('2026-11-16'), ist('2026-11-23')]);
    expect(iso(parsePeriod('this quarter', c))).toEqual([ist('2026-10-01'), ist('2027-01-01')]);
    expect(iso(parsePeriod('won last quarter', c))).toEqual([ist('2026-07-01'), ist('2026-10-01')]);
  });

  it('names quarters by the financial year the config sets, and says which reading it used', () => {
    expect(parsePeriod('this quarter', c)!.reading).toBe('1 Oct – 31 Dec 2026, Q3 FY 2026-27, Indian financial year');
    expect(iso(parsePeriod('our Q4 number', c))).toEqual([ist('2027-01-01'), ist('2027-04-01')]);
    expect(iso(parsePeriod('this FY', c))).toEqual([ist('2026-04-01'), ist('2027-04-01')]);
    const calendar = { ...c, fiscalYearStartMonth: 1 };
    expect(parsePeriod('this quarter', calendar)!.reading).toBe('1 Oct – 31 Dec 2026, Q4 FY 2026');
    const feb = { ...c, fiscalYearStartMonth: 2 };
    expect(iso(parsePeriod('this quarter', feb))).toEqual([ist('2026-11-01'), ist('2027-02-01')]);
  });

  it('reads named months, day spans and days', () => {
    expect(iso(parsePeriod('deals closing in December', c))).toEqual([ist('2026-12-01'), ist('2027-01-01')]);
    expect(parsePeriod('closing in december', c)!.written).toBe('in December');
    expect(iso(parsePeriod('deals closing in March', c))).toEqual([ist('2027-03-01'), ist('2027-04-01')]);
    expect(iso(parsePeriod('closing in the next 10 days', c))).toEqual([ist('2026-11-20'), ist('2026-12-01')]);
    expect(iso(parsePeriod('anything closing today', c))).toEqual([ist('2026-11-20'), ist('2026-11-21')]);
    expect(parsePeriod('which deals are at risk?', c)).toBeNull();
    expect(parsePeriod('show may deals', c)).toBeNull();
  });

  it('tells the close date from the create date', () => {
    expect(periodField('What new deals came in this month?')).toBe('created');
    expect(periodField('Which deals were created last week?')).toBe('created');
    expect(periodField('Which deals close this month?')).toBe('close');
  });
});
