import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import { CHECKS } from '../../../src/analysis/checks/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import { generatePortal } from '../../../src/generator/index.js';
import { allMetrics, contextOf } from './helpers.js';

let ctx: AnalysisContext;
let planted: { kind: string; objectId: string | null }[];
beforeAll(async () => {
  const input = generatePortal({ seed: 42 });
  planted = input.generator?.planted ?? [];
  ctx = await contextOf(input);
});

describe('every metric on the demo portal (generatePortal seed 42)', () => {
  it('runs and validates against its schema, this week / this quarter', () => {
    for (const r of allMetrics(ctx)) {
      const parsed = r.schema.safeParse(r.value);
      expect(parsed.success, `${r.name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('runs and validates over a custom period (the last 90 days)', () => {
    const to = Date.parse(ctx.asOf);
    const period = { from: new Date(to - 90 * 86_400_000).toISOString(), to: new Date(to).toISOString() };
    for (const r of allMetrics(ctx, period)) expect(r.schema.safeParse(r.value).success, r.name).toBe(true);
  });

  it('is deterministic: a fresh context gives identical output', async () => {
    const again = await contextOf(generatePortal({ seed: 42 }));
    const a = allMetrics(ctx).map((r) => JSON.stringify(r.value));
    const b = allMetrics(again).map((r) => JSON.stringify(r.value));
    expect(b).toEqual(a);
  });

  it('agrees with itself: the week ends with the open deals velocity counts; stale deals are among them', () => {
    const wm = m.weeklyMomentum(ctx);
    const v = m.velocity(ctx, undefined, 'all'); // momentum counts renewals too
    expect(wm.team.waterfall.end.count).toBe(v.team.openDeals);
    expect(m.velocity(ctx).team.openDeals + m.velocity(ctx).renewals!.team.openDeals).toBe(v.team.openDeals);
    const sc = m.activityScorecard(ctx);
    expect(sc.team.stale.openDeals).toBeLessThanOrEqual(v.team.openDeals);
  });

  it('finds exactly the stale deals the generator planted (default 14-day threshold)', () => {
    const want = planted.filter((p) => p.kind === 'stale_deal').map((p) => p.objectId);
    expect(want.length).toBeGreaterThan(0);
    expect([...m.activityScorecard(ctx).team.stale.staleDealIds].sort()).toEqual([...want].sort());
    // and exactly the stale_deal check's findings
    expect(
      CHECKS.stale_deal(ctx)
        .map((f) => f.objectId)
        .sort(),
    ).toEqual([...want].sort());
  });
});
