/** The defaults the strategy sets, each checked on its own. */
import { describe, expect, it } from 'vitest';
import { competitorsOf } from '../../../src/analysis/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../../src/config/index.js';
import { applySettings, defaultProfile } from '../../../src/notify/index.js';
import { contextOf } from '../metrics/helpers.js';
import { L, strategyScenario } from './scenario.js';

describe('strategy defaults', () => {
  it('the team itself is never a competitor: the default list without it on its own portal, and removed when named by config or the portal account', async () => {
    const ownPortal = await contextOf(strategyScenario('Fretron Logistics'));
    expect(DEFAULT_TEAM_CONFIG.risk.competitors).toContain('Fretron'); // a competitor on every other team's portal
    expect(competitorsOf(ownPortal)).not.toContain('Fretron');
    const byConfig = await contextOf(strategyScenario(), {
      config: { ownCompany: ['Fretron'], risk: { competitors: ['Fretron', 'FarEye'] } },
    });
    expect(competitorsOf(byConfig)).toEqual(['FarEye']);
    const byAccount = await contextOf(strategyScenario('Fretron Logistics'), {
      config: { risk: { competitors: ['Fretron', 'FarEye', 'Locus'] } },
    });
    expect(competitorsOf(byAccount)).toEqual(['FarEye', 'Locus']);
    // a lost reason naming the own company is not grouped as a competitor loss
    expect(m.lostReasonGroup('lost to Fretron', competitorsOf(byAccount))).not.toBe('competitor');
  });

  it('handoff SLA / speed to lead defaults to 4 hours; attempts 8 in 14 days', async () => {
    expect(DEFAULT_TEAM_CONFIG.funnel.handoffSlaHours).toBe(4);
    expect(DEFAULT_TEAM_CONFIG.speedToLead).toEqual({ attempts: 8, attemptWindowDays: 14 });
    const ctx = await contextOf(strategyScenario());
    expect(m.handoffSla(ctx, { from: '2026-11-01T00:00:00+05:30', to: '2026-11-08T00:00:00+05:30' }).slaHours).toBe(4);
  });

  it('coverage band 3–5× with above 5× flagged over-stuffed, and the definition stated', async () => {
    // Asha: open closing in Q4 = D5 ₹20 L; won in Q4 = D1 ₹12 L + R1 ₹12 L; quota ₹27 L → remaining ₹3 L → 6.7× (over-stuffed)
    const over = m.pipelineCoverage(
      await contextOf(strategyScenario(), { config: { targets: { quarterlyQuota: { '101': 27 * L } } } }),
    );
    const asha = over.byOwner.find((r) => r.ownerId === '101')!;
    expect(asha.coverage).toBeCloseTo(20 / 3, 9);
    expect([asha.band, asha.targetMax, asha.status]).toEqual(['over_stuffed', 5, 'met']);
    expect(over.definition).toMatch(/3–5×/);
    // quota ₹28 L → remaining ₹4 L → exactly 5×: within the band
    const within = m.pipelineCoverage(
      await contextOf(strategyScenario(), { config: { targets: { quarterlyQuota: { '101': 28 * L } } } }),
    );
    expect(within.byOwner.find((r) => r.ownerId === '101')!.band).toBe('within');
    // default quota ₹50 L → remaining ₹26 L → 0.77×: below
    expect(m.pipelineCoverage(await contextOf(strategyScenario())).byOwner.find((r) => r.ownerId === '101')!.band).toBe(
      'below',
    );
  });

  it('SM-2 targets include 3 stage moves and 2 new deals a week', async () => {
    expect([DEFAULT_TEAM_CONFIG.targets.weekly.stageMoves, DEFAULT_TEAM_CONFIG.targets.weekly.newDeals]).toEqual([
      3, 2,
    ]);
    // 1–30 Nov (30 days = 30/7 weeks): Asha moves D5 (18 Nov) and created D5; Vikram moves D3 (5 Nov) and D4 (10 Nov), created D4
    const s = m.activityScorecard(await contextOf(strategyScenario()), {
      from: '2026-11-01T00:00:00+05:30',
      to: '2026-12-01T00:00:00+05:30',
    });
    const row = (id: string) => s.byOwner.find((r) => r.ownerId === id)!;
    expect([
      row('101').stageMoves!.actual,
      row('101').newDeals!.actual,
      row('102').stageMoves!.actual,
      row('102').newDeals!.actual,
    ]).toEqual([1, 1, 2, 1]);
    expect(row('101').stageMoves!.target).toBeCloseTo((3 * 30) / 7, 9);
    expect(s.team.stageMoves!.actual).toBe(3);
  });

  it("the AE profile's preferred channel allows HubSpot (an in-app task)", () => {
    const p = applySettings(defaultProfile('101'), ['preferredChannel=hubspot']);
    expect(p.preferredChannel).toBe('hubspot');
    expect(defaultProfile('101').preferredChannel).toBe('email');
  });
});
