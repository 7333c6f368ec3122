/**
 * Invariants over many small portals: 60 messy seeded random ones (some read in America/New_York, with DST) and
 * generatePortal({ seed: n, deals: 30 }) for n = 1..20.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import { CHECKS } from '../../../src/analysis/checks/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import { metricIndex } from '../../../src/analysis/metrics/common.js';
import { generatePortal } from '../../../src/generator/index.js';
import { allMetrics, contextOf } from './helpers.js';
import { randomPortal, rng } from './random-portal.js';

const DAY = 86_400_000;

/** How often the random portals hit each path, so the invariants are not vacuous. */
const seen: Record<string, number> = {};
const see = (k: string, n: number) => (seen[k] = (seen[k] ?? 0) + n);

function checkWaterfall(w: m.Waterfall): void {
  const lhs =
    w.start.amount +
    w.created.amount +
    w.reopened.amount +
    w.increased.amount -
    w.decreased.amount -
    w.won.amount -
    w.lost.amount;
  expect(Math.abs(lhs - w.end.amount)).toBeLessThanOrEqual(1e-6 * Math.max(1, w.start.amount + w.end.amount));
  expect(w.start.count + w.created.count + w.reopened.count - w.won.count - w.lost.count).toBe(w.end.count);
}

function checkInvariants(ctx: AnalysisContext, seed: number): void {
  const r = rng(seed * 7919);
  const asOf = Date.parse(ctx.asOf);
  const iso = (t: number) => new Date(t).toISOString();
  // default periods plus random ones: in the past, spanning asOf, starting after asOf
  const periods: (m.PeriodInput | undefined)[] = [undefined];
  for (let i = 0; i < 3; i++) {
    const from = asOf - r() * 120 * DAY + (i === 2 ? 60 * DAY : 0);
    periods.push({ from: iso(from), to: iso(from + (1 + r() * 60) * DAY) });
  }

  for (const period of periods) {
    // the waterfall balances (weeklyMomentum also throws if it does not), team = Σ owners
    const wm = m.weeklyMomentum(ctx, period);
    checkWaterfall(wm.team.waterfall);
    for (const k of ['created', 'reopened', 'increased', 'decreased', 'won', 'lost'] as const)
      see(k, wm.team.waterfall[k].count);
    for (const k of ['advanced', 'regressed', 'stalled', 'pushed'] as const) see(k, wm.team[k].count);
    for (const row of wm.byOwner) checkWaterfall(row.waterfall);
    for (const line of ['start', 'created', 'reopened', 'increased', 'decreased', 'won', 'lost', 'end'] as const) {
      const sum = wm.byOwner.reduce((s, row) => s + row.waterfall[line].amount, 0);
      expect(Math.abs(sum - wm.team.waterfall[line].amount)).toBeLessThan(1e-6);
    }

    // attribution: credits sum to 1 per conversion, both models
    for (const model of m.ATTRIBUTION_MODELS) {
      const a = m.attribution(ctx, model, period);
      for (const d of a.deals)
        expect(Math.abs(d.credits.reduce((s, c) => s + c.credit, 0) - 1)).toBeLessThanOrEqual(1e-9);
      see('multi-touch conversions', a.deals.filter((d) => d.credits.length > 1).length);
      expect(Math.abs(a.byChannel.reduce((s, c) => s + c.conversions, 0) - a.conversions)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, a.conversions),
      );
    }

    // funnel counts never increase down the funnel
    for (const f of [m.funnelConversion(ctx, period), m.funnelConversion(ctx)]) {
      for (let k = 1; k < f.stages.length; k++)
        expect(f.stages[k]!.reached).toBeLessThanOrEqual(f.stages[k - 1]!.reached);
    }

    // coverage ≥ 0
    const pc = m.pipelineCoverage(ctx, period);
    for (const row of [pc.team, ...pc.byOwner]) {
      if (row.coverage !== null) expect(row.coverage).toBeGreaterThanOrEqual(0);
      expect(row.remainingQuota).toBeGreaterThanOrEqual(0);
    }

    // scorecard shares stay within [0, 1] and match their counts
    const sc = m.activityScorecard(ctx, period);
    for (const row of [sc.team, ...sc.byOwner]) {
      expect(row.dealsTouched.touched).toBeLessThanOrEqual(row.dealsTouched.openDeals);
      expect(row.stale.stale).toBeLessThanOrEqual(row.stale.openDeals);
    }
  }

  // a deal is never both won and open: at any instant, and as outputs partition deals
  const ix = metricIndex(ctx);
  // the metrics' activity instants are exactly derive.activities (the hygiene checks' definition)
  for (const tl of ix.deals) expect(ix.activityTimes(tl)).toEqual(ix.d.activities(tl.deal).map((a) => a.at));
  for (const tl of ix.deals) {
    for (const t of [asOf, asOf - r() * 100 * DAY, ...tl.changes]) {
      const s = ix.stateThrough(tl, t);
      expect(s.won && s.open).toBe(false);
      expect(s.won && s.lost).toBe(false);
      if (s.exists) expect(Number(s.open) + Number(s.won) + Number(s.lost)).toBe(1);
    }
  }
  const sp = m.sourcedPipeline(ctx);
  for (const c of sp.classes) expect(c.open.count + c.won.count + c.lost.count).toBe(c.deals);
  // New business (team) and renewals (renewals.team) partition the deals; `all` counts them together.
  const v = m.velocity(ctx);
  const all = m.velocity(ctx, undefined, 'all');
  const existing = ix.deals.filter((tl) => tl.created <= asOf).length;
  const ren = v.renewals!.team;
  expect(v.team.openDeals + v.team.wonDeals + v.team.lostDeals + ren.openDeals + ren.wonDeals + ren.lostDeals).toBe(
    existing,
  );
  expect(all.team.openDeals + all.team.wonDeals + all.team.lostDeals).toBe(existing);
  const wmNow = m.weeklyMomentum(ctx);
  expect(wmNow.team.waterfall.end.count).toBe(v.team.openDeals + ren.openDeals);
}

function checkSchemasAndDeterminism(a: AnalysisContext, b: AnalysisContext): void {
  const first = allMetrics(a);
  const second = allMetrics(b);
  for (const [i, r] of first.entries()) {
    const parsed = r.schema.safeParse(r.value);
    expect(parsed.success, `${r.name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    expect(JSON.stringify(second[i]!.value), r.name).toBe(JSON.stringify(r.value));
  }
}

describe('metric invariants over seeded random portals', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}`, async () => {
      const tz = seed % 3 === 0 ? 'America/New_York' : 'Asia/Kolkata';
      const make = async () => ({ ...(await contextOf(randomPortal(seed))), timezone: tz });
      const ctx = await make();
      checkInvariants(ctx, seed);
      checkSchemasAndDeterminism(ctx, await make());
    });
  }

  it('exercised every path: creations, reopenings, amount changes, wins, losses, stage moves, pushes, multi-touch credit', () => {
    for (const k of [
      'created',
      'reopened',
      'increased',
      'decreased',
      'won',
      'lost',
      'advanced',
      'regressed',
      'stalled',
      'pushed',
      'multi-touch conversions',
    ]) {
      expect(seen[k] ?? 0, k).toBeGreaterThan(0);
    }
  });
});

describe('metric invariants over generated portals (30 deals)', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`generatePortal seed ${seed}`, async () => {
      const ctx = await contextOf(generatePortal({ seed, deals: 30 }));
      checkInvariants(ctx, seed);
      // the scorecard's stale deals are the stale_deal check's findings (on owned deals)
      const owned = new Set(ctx.data.crm.deals.filter((d) => d.ownerId !== null).map((d) => d.id));
      const fromCheck = CHECKS.stale_deal(ctx)
        .map((f) => f.objectId!)
        .filter((id) => owned.has(id));
      expect([...m.activityScorecard(ctx).team.stale.staleDealIds].sort()).toEqual(fromCheck.sort());
      checkSchemasAndDeterminism(ctx, await contextOf(generatePortal({ seed, deals: 30 })));
    });
  }
});
