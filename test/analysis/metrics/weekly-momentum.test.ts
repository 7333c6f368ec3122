import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import {
  weeklyMomentum,
  weeklyMomentumSchema,
  type MomentumRow,
  type WeeklyMomentum,
} from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { salesScenario } from './scenarios.js';

let ctx: AnalysisContext;
let wm: WeeklyMomentum;
beforeAll(async () => {
  ctx = await contextOf(salesScenario());
  wm = weeklyMomentum(ctx);
});

const ca = (count: number, amount: number) => ({ count, amount });
const cat = (row: MomentumRow, k: 'new' | 'advanced' | 'regressed' | 'stalled' | 'won' | 'lost' | 'pushed') => ({
  count: row[k].count,
  amount: row[k].amount,
  ids: row[k].dealIds,
});

describe('SM-1 weekly momentum (sales scenario)', () => {
  it('uses the local week: Monday 00:00 IST to the next Monday', () => {
    expect(wm.period).toEqual({
      kind: 'week',
      from: ist('2026-11-16'),
      to: ist('2026-11-23'),
      asOf: ist('2026-11-20 18:00'),
      complete: false,
    });
    expect(wm.period.from).toBe('2026-11-15T18:30:00.000Z');
  });

  it('team waterfall: start ₹38L + created ₹6.5L + reopened ₹7L + increased ₹2L − decreased ₹1.5L − won ₹7.5L − lost ₹8L = end ₹36.5L', () => {
    const w = wm.team.waterfall;
    // start (open Mon 00:00 IST): D1 10 + D2 5 + D3 2 + D4 3 (created Sun 23:30 IST) + D6 6 + D7 8 + D9 3 + D13 1 = 38L, 8 deals
    expect(w.start).toEqual(ca(8, 38 * L));
    // created: D5 (Mon 00:30 IST = Sun 19:00 UTC) 4L + D11 2.5L
    expect(w.created).toEqual(ca(2, 6.5 * L));
    // reopened: D8 lost Oct 20, back to Demo Done Tue at 7L
    expect(w.reopened).toEqual(ca(1, 7 * L));
    // increased: D8 7L → 9L; decreased: D6 6L → 4.5L
    expect(w.increased).toEqual(ca(1, 2 * L));
    expect(w.decreased).toEqual(ca(1, 1.5 * L));
    // won: D2 5L + D11 2.5L; lost: D7 8L
    expect(w.won).toEqual(ca(2, 7.5 * L));
    expect(w.lost).toEqual(ca(1, 8 * L));
    // end: D1 10 + D3 2 (the 2.5L set Saturday is after asOf) + D4 3 + D5 4 + D6 4.5 + D8 9 + D9 3 + D13 1 = 36.5L
    expect(w.end).toEqual(ca(8, 36.5 * L));
    expect(
      w.start.amount +
        w.created.amount +
        w.reopened.amount +
        w.increased.amount -
        w.decreased.amount -
        w.won.amount -
        w.lost.amount,
    ).toBe(w.end.amount);
  });

  it('team categories', () => {
    const t = wm.team;
    expect(cat(t, 'new')).toEqual({ count: 2, amount: 6.5 * L, ids: ['5', '11'] }); // D4 (Sunday 23:30 IST) is last week's
    expect(cat(t, 'advanced')).toEqual({ count: 1, amount: 10 * L, ids: ['1'] }); // Discovery → Negotiation
    expect(cat(t, 'regressed')).toEqual({ count: 1, amount: 4.5 * L, ids: ['6'] }); // Negotiation → Demo Done
    expect(cat(t, 'stalled')).toEqual({ count: 2, amount: 3 * L, ids: ['3', '13'] }); // no activity, no stage move: 2L + 1L
    expect(cat(t, 'won')).toEqual({ count: 2, amount: 7.5 * L, ids: ['2', '11'] });
    expect(cat(t, 'lost')).toEqual({ count: 1, amount: 8 * L, ids: ['7'] });
    // D9 Nov 30 → Dec 31 (3L), D6 Nov 21 → Nov 30 (4.5L); not D8 (its close date moved when it was reopened)
    expect(cat(t, 'pushed')).toEqual({ count: 2, amount: 7.5 * L, ids: ['6', '9'] });
  });

  it('per AE: Asha ₹26L + 6.5 − 7.5 − 8 = ₹17L; Vikram ₹12L + 7 + 2 − 1.5 = ₹19.5L', () => {
    expect(wm.byOwner.map((r) => r.ownerName)).toEqual(['Asha Rao', 'Vikram Shah']);
    const [asha, vikram] = wm.byOwner as [MomentumRow, MomentumRow];
    expect(asha.waterfall).toEqual({
      start: ca(4, 26 * L),
      created: ca(2, 6.5 * L),
      reopened: ca(0, 0),
      increased: ca(0, 0),
      decreased: ca(0, 0),
      won: ca(2, 7.5 * L),
      lost: ca(1, 8 * L),
      end: ca(3, 17 * L),
    });
    expect(vikram.waterfall).toEqual({
      start: ca(4, 12 * L),
      created: ca(0, 0),
      reopened: ca(1, 7 * L),
      increased: ca(1, 2 * L),
      decreased: ca(1, 1.5 * L),
      won: ca(0, 0),
      lost: ca(0, 0),
      end: ca(5, 19.5 * L),
    });
    expect(cat(asha, 'pushed').ids).toEqual(['9']);
    expect(cat(vikram, 'stalled')).toEqual({ count: 2, amount: 3 * L, ids: ['3', '13'] });
  });

  it('a custom period: the previous week (Nov 9 – Nov 16 IST) sees D4 created at Sunday 23:30 IST', () => {
    const prev = weeklyMomentum(ctx, { from: ist('2026-11-09'), to: ist('2026-11-16') });
    expect(prev.period.kind).toBe('custom');
    expect(prev.team.new.dealIds).toEqual(['4']);
    // D12 lost Thu Nov 5 and D14 Fri Nov 6 fall in the week before; nothing closed Nov 9–15
    expect(prev.team.waterfall.won.count + prev.team.waterfall.lost.count).toBe(0);
    // start Nov 9: D1 10 + D2 5 + D3 2 + D6 6 + D7 8 + D9 3 + D13 1 = 35L; + D4 3L created = 38L = this week's start
    expect(prev.team.waterfall.start).toEqual(ca(7, 35 * L));
    expect(prev.team.waterfall.end).toEqual(wm.team.waterfall.start);
  });

  it('validates against its schema and is deterministic', () => {
    expect(weeklyMomentumSchema.parse(wm)).toEqual(wm);
    expect(weeklyMomentum(ctx)).toEqual(wm);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => weeklyMomentum(ctx, { from: ist('2026-11-20'), to: ist('2026-11-16') })).toThrow(/not before/);
    expect(() => weeklyMomentum(ctx, { from: 'yesterday', to: ist('2026-11-16') })).toThrow(/ISO 8601/);
  });
});
