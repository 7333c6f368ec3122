/**
 * The weekly report opens with where a manager looks: forecast by category with the change since last week,
 * attainment, speed to lead vs the SLA, aging — hand-computed on test/analysis/strategy/scenario.ts (asOf Fri
 * 20 Nov 2026 18:00 IST, default config: quota ₹50 L a quarter per AE, SLA 4 h).
 */
import { describe, expect, it } from 'vitest';
import { weeklyReport, weeklyReportSchema } from '../../../src/analysis/index.js';
import { renderGlance, renderWeekly } from '../../../src/analysis/text/index.js';
import { contextOf } from '../metrics/helpers.js';
import { strategyScenario } from '../strategy/scenario.js';

describe('weekly report: at a glance', () => {
  it('states the forecast, attainment, speed to lead and aging, each from the report', async () => {
    const ctx = await contextOf(strategyScenario());
    const r = weeklyReport(ctx);
    expect(weeklyReportSchema.parse(r)).toEqual(r);
    const g = renderGlance(r)!;
    // November: D5 (Negotiation 0.8) ₹20 L is commit; a week ago it was in Discovery (pipeline) → commit +₹20 L
    expect(g).toContain('Forecast Nov 2026: commit ₹20 L, best case ₹0, pipeline ₹0; over 3 months commit +₹20 L');
    // Q4 won new business: Asha D1 ₹12 L, Vikram D3 ₹24 L of 2 × ₹50 L → 36 %; Asha 12/50 = 24 % is furthest behind
    expect(g).toContain('team 36% (₹36 L of ₹1 Cr); furthest behind Asha Rao 24%');
    // MQLs C1 (2 Nov) and C2 (3 Nov) were before this week (Mon 16 Nov)
    expect(g).toContain('Speed to lead: no new MQL this week (SLA 4 h)');
    // only Discovery has ≥ 3 completed stays (median 9 d → 13.5 d); D6 has sat there 80.75 d → 1 of 1
    expect(g).toContain(
      "Aging: 100% of open deals with a stage baseline are older than 1.5× their stage's median (1 of 1)",
    );
    expect(renderWeekly(r).startsWith('At a glance\n')).toBe(true);
  });

  it('says how many new MQLs were touched within the SLA in a week that had some', async () => {
    const ctx = await contextOf(strategyScenario());
    // the week of Mon 2 Nov: C1 touched after 2 h (within 4 h), C2 after 6 h (late) → 1 of 2
    const r = weeklyReport(ctx, { from: '2026-11-01T18:30:00.000Z', to: '2026-11-08T18:30:00.000Z' });
    expect(renderGlance(r)).toContain(
      'Speed to lead: 1 of 2 new MQLs touched within the 4 h SLA (50% of those judged)',
    );
  });
});
