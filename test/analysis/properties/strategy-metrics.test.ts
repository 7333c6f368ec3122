/**
 * fast-check properties of the strategy metrics over the seeded messy portals of test/analysis/metrics/random-portal.ts
 * (fast-check picks the seed and the quotas; shrinking gives the smallest failing seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as m from '../../../src/analysis/metrics/index.js';
import { contextOf } from '../metrics/helpers.js';
import { randomPortal } from '../metrics/random-portal.js';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('strategy metric invariants', () => {
  it('attainment: team won and quota = Σ AEs (+ unowned won); period = Σ months; waterfall cumulates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        async (seed, quota) => {
          const ctx = await contextOf(randomPortal(seed), { config: { quotas: { monthly: { '101': quota } } } });
          const a = m.attainment(ctx);
          a.team.months.forEach((t, i) => {
            expect(
              close(
                t.quota,
                a.byOwner.reduce((s, r) => s + r.months[i]!.quota, 0),
              ),
            ).toBe(true);
            expect(t.won).toBeGreaterThanOrEqual(0);
          });
          expect(close(a.team.won, a.byOwner.reduce((s, r) => s + r.won, 0) + a.unownedWon)).toBe(true);
          for (const r of [...a.byOwner, a.team])
            expect(
              close(
                r.won,
                r.months.reduce((s, c) => s + c.won, 0),
              ),
            ).toBe(true);
          const last = a.waterfall[a.waterfall.length - 1]!;
          expect(close(last.cumulativeGap, a.team.quota - a.team.won)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('forward forecast: the four categories partition each month; team = Σ AEs; week-over-week total = Σ categories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (seed, commit) => {
          const ctx = await contextOf(randomPortal(seed), {
            config: {
              forecastCategories: { commitMinProbability: Math.max(commit, 0.3), bestCaseMinProbability: 0.3 },
            },
          });
          const f = m.forwardForecast(ctx);
          for (const r of [f.team, ...f.byOwner]) {
            for (const x of r.months) {
              const c = x.categories;
              expect(c.commit.count + c.best_case.count + c.pipeline.count + c.omitted.count).toBe(x.total.count);
              expect(
                close(c.commit.amount + c.best_case.amount + c.pipeline.amount + c.omitted.amount, x.total.amount),
              ).toBe(true);
            }
            const w = r.weekOverWeek;
            expect(close(w.total, w.commit + w.best_case + w.pipeline + w.omitted)).toBe(true);
          }
          f.team.months.forEach((x, i) =>
            expect(x.total.count).toBe(f.byOwner.reduce((s, r) => s + r.months[i]!.total.count, 0)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('stage conversion: every rate in [0, 1]; advanced ≤ entered; entered never grows along the pipeline', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const c = m.stageConversion(await contextOf(randomPortal(seed)));
        for (const p of c.pipelines) {
          for (const r of [p.team, ...p.byOwner]) {
            r.steps.forEach((s, i) => {
              if (s.conversion !== null) expect(s.conversion >= 0 && s.conversion <= 1).toBe(true);
              expect(s.advanced).toBeLessThanOrEqual(s.entered);
              expect(s.advanced + s.lostHere + s.stillHere).toBeLessThanOrEqual(s.entered);
              if (i > 0) expect(s.entered).toBeLessThanOrEqual(r.steps[i - 1]!.entered);
            });
          }
          expect(p.team.deals).toBe(p.byOwner.reduce((s, r) => s + r.deals, 0));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('aging and speed to lead shares stay in [0, 1]; every metric output passes its own schema', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const ctx = await contextOf(randomPortal(seed), {
          config: { leaderboard: { enabled: true, visibleTo: ['101'] } },
        });
        const a = m.agingSchema.parse(m.aging(ctx));
        expect(a.team.aged).toBeLessThanOrEqual(a.team.withBaseline);
        m.speedToLeadSchema.parse(m.speedToLead(ctx));
        m.cacSchema.parse(m.cac(ctx));
        m.ltvSchema.parse(m.ltv(ctx));
        m.leadScoresSchema.parse(m.leadScores(ctx));
        m.budgetSchema.parse(m.budget(ctx));
        m.channelPerformanceSchema.parse(m.channelPerformance(ctx));
        const board = m.leaderboardSchema.parse(m.leaderboard(ctx, '101'));
        expect(board.rows.map((r) => r.position)).toEqual(board.rows.map((_, i) => i + 1));
      }),
      { numRuns: 15 },
    );
  });
});
