import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import {
  activityScorecard,
  activityScorecardSchema,
  staleAt,
  type ActivityScorecard,
  type ScorecardRow,
} from '../../../src/analysis/metrics/index.js';
import { metricIndex } from '../../../src/analysis/metrics/common.js';
import { ist } from './builder.js';
import { contextOf } from './helpers.js';
import { salesScenario } from './scenarios.js';

let ctx: AnalysisContext;
let sc: ActivityScorecard;
beforeAll(async () => {
  ctx = await contextOf(salesScenario());
  sc = activityScorecard(ctx);
});

const kpi = (actual: number, target: number, status: string) => ({ actual, target, status });

describe('SM-2 activity scorecard (sales scenario, this week)', () => {
  it('Asha: 16 calls (the Sunday 23:30 IST call is last week), 5 emails, 3 meetings (not the canceled nor Saturday one), 5 notes (no task)', () => {
    const asha = sc.byOwner.find((r) => r.ownerId === '101')!;
    expect(asha.calls).toEqual(kpi(16, 15, 'met'));
    expect(asha.emails).toEqual(kpi(5, 20, 'behind'));
    expect(asha.meetings).toEqual(kpi(3, 3, 'met'));
    expect(asha.notes).toEqual(kpi(5, 5, 'met'));
    // open at asOf: D1, D5, D9; touched: D1 (calls), D9 (note) → 2/3 < 80 %
    expect(asha.dealsTouched).toEqual({ openDeals: 3, touched: 2, share: 2 / 3, target: 0.8, status: 'behind' });
    expect(asha.stale).toEqual({ openDeals: 3, stale: 0, share: 0, max: 0.2, status: 'met', staleDealIds: [] });
  });

  it('Vikram: 2 calls, 1 meeting; touched D4, D6 of 5 open; stale D3 (41 days) and D8 (61 days), not D13 (exactly 14 days)', () => {
    const v = sc.byOwner.find((r) => r.ownerId === '102')!;
    expect(v.calls).toEqual(kpi(2, 15, 'behind'));
    expect(v.emails).toEqual(kpi(0, 20, 'behind'));
    expect(v.meetings).toEqual(kpi(1, 3, 'behind'));
    expect(v.notes).toEqual(kpi(0, 5, 'behind'));
    expect(v.dealsTouched).toEqual({ openDeals: 5, touched: 2, share: 0.4, target: 0.8, status: 'behind' });
    expect(v.stale).toEqual({
      openDeals: 5,
      stale: 2,
      share: 0.4,
      max: 0.2,
      status: 'behind',
      staleDealIds: ['3', '8'],
    });
  });

  it('team: sums, targets × 2 AEs; touched 4/8, stale 2/8 = 25 % > 20 %', () => {
    const t: ScorecardRow = sc.team;
    expect(t.calls).toEqual(kpi(18, 30, 'behind'));
    expect(t.emails).toEqual(kpi(5, 40, 'behind'));
    expect(t.meetings).toEqual(kpi(4, 6, 'behind'));
    expect(t.notes).toEqual(kpi(5, 10, 'behind'));
    expect(t.dealsTouched.share).toBe(0.5);
    expect(t.stale.share).toBe(0.25);
    expect(t.stale.status).toBe('behind');
  });

  it('the stale rule is "more than the threshold in whole days": D13 is 14 days quiet, threshold 14', () => {
    const ix = metricIndex(ctx);
    const d13 = ix.timeline('13')!;
    expect(staleAt(ix, d13, ix.asOf)).toEqual({
      stale: false,
      days: 14,
      threshold: 14,
      lastActivity: Date.parse(ist('2026-11-06 18:00')),
    });
    expect(staleAt(ix, d13, ix.asOf + 86_400_000).stale).toBe(true);
  });

  it('honours stale thresholds by category from config (early = 10 days makes D13 stale)', async () => {
    const c2 = await contextOf(salesScenario(), { config: { stale: { byCategory: { early: 10 } } } });
    const v = activityScorecard(c2).byOwner.find((r) => r.ownerId === '102')!;
    expect(v.stale.staleDealIds).toEqual(['3', '8', '13']);
  });

  it('a custom two-week period doubles the targets', () => {
    const two = activityScorecard(ctx, { from: ist('2026-11-09'), to: ist('2026-11-23') });
    expect(two.weeksInPeriod).toBe(2);
    const asha = two.byOwner.find((r) => r.ownerId === '101')!;
    // + the Sunday Nov 15 23:30 call
    expect(asha.calls).toEqual(kpi(17, 30, 'behind'));
    const v = two.byOwner.find((r) => r.ownerId === '102')!;
    // the D13 call on Fri Nov 6 is before Nov 9
    expect(v.calls.actual).toBe(2);
  });

  it('validates and is deterministic', () => {
    expect(activityScorecardSchema.parse(sc)).toEqual(sc);
    expect(activityScorecard(ctx)).toEqual(sc);
  });
});
