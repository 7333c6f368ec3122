import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import {
  forecastAccuracy,
  forecastAccuracySchema,
  forecastLedger,
  forecastLedgerSchema,
  forecastSnapshots,
  type ForecastSnapshot,
} from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { salesScenario } from './scenarios.js';

let ctx: AnalysisContext;
beforeAll(async () => {
  ctx = await contextOf(salesScenario());
});

const WEEK = { from: ist('2026-11-16'), to: ist('2026-11-23') };

describe('SM-6 forecast accuracy (sales scenario, this week)', () => {
  it('snapshot at Mon 00:00 IST: D2 (Demo Done 5L, closes Nov 20), D7 (Demo Done 8L, Nov 18), D6 (Negotiation 6L, Nov 21 then)', () => {
    const fa = forecastAccuracy(ctx, WEEK);
    // forecast = 5×0.3 + 8×0.3 + 6×0.8 = 1.5 + 2.4 + 4.8 = ₹8.7L; commit = D6 (late stage then) = ₹6L
    expect(fa.team.snapshot.deals).toBe(3);
    expect(fa.team.snapshot.pipeline).toBe(19 * L);
    expect(fa.team.snapshot.forecast).toBeCloseTo(8.7 * L, 6);
    expect(fa.team.snapshot).toMatchObject({ commitDeals: 1, commit: 6 * L });
    // actual: D2 5L + D11 2.5L (created this week, not in the snapshot) = 7.5L
    expect(fa.team.actual).toEqual({
      won: { count: 2, amount: 7.5 * L },
      wonFromForecastDeals: { count: 1, amount: 5 * L },
    });
    // error 7.5 − 8.7 = −1.2L; accuracy 1 − 1.2/7.5 = 0.84; commit: 1 − |7.5 − 6|/7.5 = 0.8
    expect(fa.team.forecastScore.error).toBeCloseTo(-1.2 * L, 6);
    expect(fa.team.forecastScore.accuracy).toBeCloseTo(0.84, 12);
    expect(fa.team.forecastScore.actualTo).toBeCloseTo(7.5 / 8.7, 12);
    expect(fa.team.commitScore).toEqual({ error: 1.5 * L, accuracy: 0.8, actualTo: 1.25 });
  });

  it('per AE: Asha forecast 3.9L vs 7.5L won → 1 − 3.6/7.5 = 0.52; Vikram forecast 4.8L, nothing won → accuracy null', () => {
    const fa = forecastAccuracy(ctx, WEEK);
    const asha = fa.byOwner.find((r) => r.ownerId === '101')!;
    expect(asha.snapshot.forecast).toBeCloseTo(3.9 * L, 6);
    expect(asha.forecastScore.accuracy).toBeCloseTo(0.52, 12);
    expect(asha.commitScore).toEqual({ error: 7.5 * L, accuracy: 0, actualTo: null });
    const v = fa.byOwner.find((r) => r.ownerId === '102')!;
    expect(v.snapshot).toMatchObject({ deals: 1, commit: 6 * L });
    expect(v.forecastScore.accuracy).toBeNull();
    expect(v.forecastScore.actualTo).toBe(0);
    expect(forecastAccuracySchema.parse(fa)).toEqual(fa);
  });

  it('forecastSnapshots turns a result into storable rows (team first)', () => {
    const rows = forecastSnapshots(forecastAccuracy(ctx, WEEK));
    expect(rows.map((r) => r.ownerId)).toEqual([null, '101', '102']);
    expect(rows[0]).toMatchObject({ periodStart: WEEK.from, periodEnd: WEEK.to, commit: 6 * L });
  });

  it('the ledger scores stored forecasts; incomplete periods are not averaged', () => {
    const snaps: ForecastSnapshot[] = [
      { periodStart: WEEK.from, periodEnd: WEEK.to, ownerId: null, forecast: 8.7 * L, commit: 6 * L },
      // October: Vikram forecast 10L / commit 15L, won D10 12L → accuracy 1 − 2/12, commit 1 − 3/12 = 0.75, bias (10 − 12)/12
      {
        periodStart: ist('2026-10-01'),
        periodEnd: ist('2026-11-01'),
        ownerId: '102',
        forecast: 10 * L,
        commit: 15 * L,
      },
      // October: Asha forecast 2L, won nothing → accuracy null
      { periodStart: ist('2026-10-01'), periodEnd: ist('2026-11-01'), ownerId: '101', forecast: 2 * L, commit: 0 },
    ];
    const ledger = forecastLedger(ctx, snaps);
    expect(forecastLedgerSchema.parse(ledger)).toEqual(ledger);
    expect(ledger.rows.map((r) => [r.ownerName, r.complete, r.actual])).toEqual([
      ['Asha Rao', true, 0],
      ['Vikram Shah', true, 12 * L],
      ['Team', false, 7.5 * L],
    ]);
    const v = ledger.byOwner.find((o) => o.ownerId === '102')!;
    expect(v.periods).toBe(1);
    expect(v.meanAccuracy).toBeCloseTo(1 - 2 / 12, 12);
    expect(v.meanCommitAccuracy).toBeCloseTo(0.75, 12);
    expect(v.bias).toBeCloseTo(-1 / 6, 12);
    const asha = ledger.byOwner.find((o) => o.ownerId === '101')!;
    expect(asha).toMatchObject({ periods: 1, meanAccuracy: null, bias: null, totalForecast: 2 * L, totalActual: 0 });
    const team = ledger.byOwner.find((o) => o.ownerId === null)!;
    expect(team).toMatchObject({ periods: 0, meanAccuracy: null });
  });

  it('rejects a malformed stored snapshot', () => {
    expect(() =>
      forecastLedger(ctx, [{ periodStart: 'x', periodEnd: WEEK.to, ownerId: null, forecast: 1, commit: 1 }]),
    ).toThrow();
  });
});
