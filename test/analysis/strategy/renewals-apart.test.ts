/**
 * Win rate, velocity and cycle keep renewals apart from new business (hand-computed on strategy/scenario.ts):
 * new business = D1..D6 (default pipeline), renewals = R1 (renewed ₹10 L → ₹12 L, 1 Sep → 10 Oct) and R2 (₹8 L,
 * churned 12 Oct) in the Renewals pipeline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import { renderVelocity, renderWinLoss } from '../../../src/analysis/text/index.js';
import { contextOf } from '../metrics/helpers.js';
import { ist } from '../metrics/builder.js';
import { L, strategyScenario } from './scenario.js';

let ctx: AnalysisContext;
beforeAll(async () => {
  ctx = await contextOf(strategyScenario());
});
const Q4 = { from: ist('2026-10-01'), to: ist('2027-01-01') };

describe('velocity: new business by default, renewals on their own', () => {
  it('new business: 3 open (D4, D5, D6) × ₹18 L average won ((12 + 24) ÷ 2) × 2/3 ÷ 26 d ((19 + 33) ÷ 2) per day', () => {
    const v = m.velocity(ctx);
    expect(m.velocitySchema.parse(v)).toEqual(v);
    expect(v.scope).toBe('new_business');
    expect(v.team).toMatchObject({ openDeals: 3, wonDeals: 2, lostDeals: 1, averageWonAmount: 18 * L });
    expect(v.team.winRate).toBeCloseTo(2 / 3, 12);
    expect(v.team.averageCycleDays).toBe(26); // D1 1 → 20 Oct = 19 d, D3 3 Oct → 5 Nov = 33 d
    expect(v.team.salesVelocity).toBeCloseTo((3 * 18 * L * (2 / 3)) / 26, 6); // ₹1,38,462 a day
    // the renewal pipeline's stages are not among new business's
    expect(v.team.stages.map((s) => s.pipelineId)).not.toContain('renewals');
  });

  it('renewals: R1 renewed after 39 d (1 Sep → 10 Oct) at ₹12 L, R2 churned: rate 1/2, nothing open → velocity 0', () => {
    const r = m.velocity(ctx).renewals!;
    expect(r.team).toMatchObject({
      openDeals: 0,
      wonDeals: 1,
      lostDeals: 1,
      winRate: 0.5,
      averageWonAmount: 12 * L,
      averageCycleDays: 39,
      salesVelocity: 0, // 0 open × ₹12 L × 1/2 ÷ 39
    });
    expect(r.team.stages.map((s) => s.stageId)).toEqual(['renewal_open']);
    expect(r.byOwner.map((o) => [o.ownerName, o.wonDeals, o.lostDeals])).toEqual([
      ['Asha Rao', 1, 0],
      ['Vikram Shah', 0, 1],
    ]);
    // GRR = min(12, 10) ÷ (10 + 8) = 10/18; NRR = (12 + 0 expansion) ÷ 18 = 12/18
    expect(r.retention).toMatchObject({
      renewalsClosed: 2,
      renewalsLost: 1,
      baseAmount: 18 * L,
      retainedAmount: 12 * L,
    });
    expect(r.retention.grr).toBe(10 / 18);
    expect(r.retention.nrr).toBe(12 / 18);
  });

  it("scope 'all' mixes them as before: 3 open, 3 won, 2 lost → win rate 3/5; no renewals section", () => {
    const all = m.velocity(ctx, undefined, 'all');
    expect(all.team).toMatchObject({ openDeals: 3, wonDeals: 3, lostDeals: 2, winRate: 3 / 5 });
    expect(all.team.averageCycleDays).toBeCloseTo((19 + 33 + 39) / 3, 12);
    expect(all.renewals).toBeUndefined();
  });

  it('the text says new business and shows renewals with GRR / NRR', () => {
    const text = renderVelocity(m.velocity(ctx), ctx.timezone);
    expect(text).toContain('(new business)');
    expect(text).toContain('Renewals and expansions, on their own');
    expect(text).toContain('GRR 56%, NRR 67% over 2 renewals closed (1 churned');
  });
});

describe('win/loss: new business by default, renewals on their own (Q4 2026)', () => {
  it('new business: won D1 + D3 = ₹36 L, lost D2 ₹6 L → 2/3 by count, 36/42 by amount', () => {
    const w = m.winLoss(ctx, Q4);
    expect(m.winLossSchema.parse(w)).toEqual(w);
    expect(w.team.won).toEqual({ count: 2, amount: 36 * L });
    expect(w.team.lost).toEqual({ count: 1, amount: 6 * L });
    expect(w.team.winRateByCount).toBeCloseTo(2 / 3, 12);
    expect(w.team.winRateByAmount).toBeCloseTo(36 / 42, 12);
    expect(w.lostReasons.flatMap((g) => g.dealIds)).toEqual(['D2']);
  });

  it('renewals: renewed R1 ₹12 L, churned R2 ₹8 L (no reason) → 1/2 by count, 12/20 by amount; GRR 10/18, NRR 12/18', () => {
    const r = m.winLoss(ctx, Q4).renewals!;
    expect(r.team).toEqual({
      won: { count: 1, amount: 12 * L },
      lost: { count: 1, amount: 8 * L },
      winRateByCount: 0.5,
      winRateByAmount: 12 / 20,
    });
    expect(r.lostReasons).toEqual([{ label: 'No reason given', count: 1, amount: 8 * L }]);
    expect([r.retention.grr, r.retention.nrr]).toEqual([10 / 18, 12 / 18]);
    const text = renderWinLoss(m.winLoss(ctx, Q4), ctx.timezone);
    expect(text).toContain('renewal rate 50% by count, 60% by amount');
  });

  it("scope 'all': 3 won (₹48 L) and 2 lost (₹14 L) → 3/5", () => {
    const all = m.winLoss(ctx, Q4, 'all');
    expect([all.team.won, all.team.lost]).toEqual([
      { count: 3, amount: 48 * L },
      { count: 2, amount: 14 * L },
    ]);
    expect(all.team.winRateByCount).toBe(3 / 5);
  });

  it('a dealtype of existingbusiness in the sales pipeline counts as an expansion, not new business', async () => {
    const input = strategyScenario();
    input.objects!.deals!.find((d) => d.id === 'D3')!.properties!['dealtype'] = 'existingbusiness';
    const c = await contextOf(input);
    const w = m.winLoss(c, Q4);
    // new business: D1 won, D2 lost; renewals section: R1, D3 won, R2 lost
    expect([w.team.won.count, w.team.lost.count]).toEqual([1, 1]);
    expect([w.renewals!.team.won.count, w.renewals!.team.lost.count]).toEqual([2, 1]);
    // NRR = (R1 ₹12 L + D3 expansion ₹24 L) ÷ ₹18 L base = 2
    expect(w.renewals!.retention.nrr).toBe((12 + 24) / 18);
  });
});
