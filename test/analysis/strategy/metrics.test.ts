/** Hand-computed checks of the strategy metrics on test/analysis/strategy/scenario.ts (the arithmetic is in each test). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import type { TeamConfigInput } from '../../../src/config/index.js';
import { contextOf } from '../metrics/helpers.js';
import { L, strategyScenario } from './scenario.js';

const CONFIG: TeamConfigInput = {
  quotas: { monthly: { '101': 10 * L } },
  targets: { quarterlyQuota: { '102': 60 * L } },
  spend: { PAID_SEARCH: { '2026-10': L } },
  salesCost: { '2026-10': 2 * L, '2026-11': 2 * L },
  firmographics: {
    industries: ['logistics and supply chain'],
    countries: ['India'],
    employeesMin: 100,
    employeesMax: 1000,
  },
  leaderboard: { enabled: true, visibleTo: ['vikram@example.com'], rankBy: ['won_amount', 'stage_moves'] },
};

let ctx: AnalysisContext;
beforeAll(async () => {
  ctx = await contextOf(strategyScenario(), { config: CONFIG });
});

describe('cac and ltv (trailing 12 months: Dec 2025 – Nov 2026)', () => {
  it('blended CAC = (campaign ₹3 L + SmartLead ₹50,000 + configured ₹1 L + sales ₹4 L) ÷ 2 new customers (D1, D3; R1 is a renewal)', () => {
    const c = m.cac(ctx);
    expect(m.cacSchema.parse(c)).toEqual(c);
    expect(c.newCustomers).toBe(2);
    expect(c.marketingSpend).toBe(3 * L + 50_000 + L);
    expect(c.salesCost).toBe(4 * L);
    expect(c.blendedCac).toBe((4.5 * L + 4 * L) / 2); // ₹4.25 L
    expect(c.marketingCac).toBe((4.5 * L) / 2);
    const social = c.byChannel.find((r) => r.channel === 'PAID_SOCIAL')!;
    expect([social.spend, social.newCustomers, social.newRevenue, social.cac]).toEqual([3 * L, 2, 36 * L, 1.5 * L]);
    expect(c.byChannel.find((r) => r.channel === 'PAID_SEARCH')!.cac).toBeNull(); // spend, no customer
  });

  it('LTV = ARPA (₹36 L ÷ 2 ÷ 12 = ₹1.5 L) × 70 % ÷ monthly churn (1 of 2 renewals lost: 1 − 0.5^(1/12)); LTV:CAC, payback, CAC < LTV ÷ 3', () => {
    const l = m.ltv(ctx);
    expect(m.ltvSchema.parse(l)).toEqual(l);
    expect(l.arpaMonthly).toBe(1.5 * L);
    const churn = 1 - Math.pow(0.5, 1 / 12);
    expect(l.churn).toEqual({ monthly: churn, source: 'measured', lostShareOfRenewals: 0.5 });
    const ltv = (1.5 * L * 0.7) / churn;
    expect(l.ltv).toBeCloseTo(ltv, 6);
    expect(l.ltvToCac).toBeCloseTo(ltv / (4.25 * L), 9);
    expect(l.cacPaybackMonths).toBeCloseTo((4.25 * L) / (1.5 * L * 0.7), 9); // 4.05 months
    const c = m.cac(ctx);
    expect(c.target.maxCac).toBeCloseTo(ltv / 3, 6);
    expect(c.target.status).toBe('met'); // ₹4.25 L < ₹6.24 L
  });

  it('keeps renewals apart: new business 2 won / 1 lost, renewals 1 / 1; GRR = min(12, 10) ÷ (10 + 8), NRR = 12 ÷ 18', () => {
    const l = m.ltv(ctx);
    const seg = Object.fromEntries(l.segments.map((s) => [s.segment, s]));
    expect([seg['new_business']!.won, seg['new_business']!.lost, seg['new_business']!.winRate]).toEqual([2, 1, 2 / 3]);
    // cycle: D1 1 Oct → 20 Oct = 19 d, D3 3 Oct → 5 Nov = 33 d → 26 d
    expect(seg['new_business']!.averageCycleDays).toBe(26);
    expect([seg['renewal']!.won, seg['renewal']!.lost]).toEqual([1, 1]);
    expect(l.retention.grr).toBe(10 / 18);
    expect(l.retention.nrr).toBe(12 / 18);
  });

  it('a configured churn wins over the measured one; with no renewal lost the default is used and said', async () => {
    const conf = await contextOf(strategyScenario(), { config: { ...CONFIG, economics: { monthlyChurn: 0.01 } } });
    expect(m.ltv(conf).churn.source).toBe('configured');
    expect(m.ltv(conf).ltv).toBeCloseTo((1.5 * L * 0.7) / 0.01, 6);
    const input = strategyScenario();
    input.objects!.deals = input.objects!.deals!.filter((d) => d.id !== 'R2');
    delete input.propertyHistory!.deals!['R2'];
    const noLoss = await contextOf(input, { config: CONFIG });
    expect(m.ltv(noLoss).churn).toMatchObject({ monthly: 0.02, source: 'default', lostShareOfRenewals: 0 });
  });
});

describe('stage conversion (default pipeline)', () => {
  it('where deals die: Discovery 5/5, Demo Done 3/(3 + D2 lost) = 75 %, Negotiation 2/2; days per step over deals that were in the stage', () => {
    const c = m.stageConversion(ctx);
    expect(m.stageConversionSchema.parse(c)).toEqual(c);
    const sales = c.pipelines.find((p) => p.pipelineId === 'default')!;
    expect(
      sales.team.steps.map((s) => [
        s.fromStage,
        s.toStage,
        s.entered,
        s.advanced,
        s.lostHere,
        s.stillHere,
        s.conversion,
      ]),
    ).toEqual([
      ['Discovery', 'Demo Done', 6, 5, 0, 1, 1], // D6 still in Discovery
      ['Demo Done', 'Negotiation', 5, 3, 1, 1, 0.75], // D3 and D5 skipped it (passed); D2 lost; D4 still here
      ['Negotiation', 'Won', 3, 2, 0, 1, 1], // D5 still here
    ]);
    // Discovery → next: D1 4, D2 4, D3 33, D4 9, D5 16 days → median 9; Demo Done → Negotiation: D1 only, 5 d; Negotiation → Won: D1 10 d
    expect(sales.team.steps.map((s) => s.medianDays)).toEqual([9, 5, 10]);
    expect(sales.biggestDrop).toEqual({ fromStage: 'Demo Done', toStage: 'Negotiation', conversion: 0.75 });
    expect(sales.byOwner.map((r) => [r.ownerName, r.deals, r.winRate])).toEqual([
      ['Asha Rao', 3, 0.5],
      ['Vikram Shah', 3, 1],
    ]);
    expect(c.pipelines.find((p) => p.pipelineId === 'renewals')!.team.steps[0]!.conversion).toBe(0.5);
  });
});

describe('attainment (Q4 2026)', () => {
  it('Asha ₹12 L vs ₹10 L in Oct (120 %), Vikram ₹24 L vs ₹60 L ÷ 3 in Nov (120 %); quarter 12/30 = 24/60 = 40 %; R1 (renewal) not counted', () => {
    const a = m.attainment(ctx);
    expect(m.attainmentSchema.parse(a)).toEqual(a);
    const asha = a.byOwner.find((r) => r.ownerId === '101')!;
    const vikram = a.byOwner.find((r) => r.ownerId === '102')!;
    expect(asha.months.map((c) => [c.month, c.quota, c.quotaSource, c.won, c.attainment])).toEqual([
      ['2026-10', 10 * L, 'monthly', 12 * L, 1.2],
      ['2026-11', 10 * L, 'monthly', 0, 0],
      ['2026-12', 10 * L, 'monthly', 0, 0],
    ]);
    expect(vikram.months.map((c) => [c.quotaSource, c.won])).toEqual([
      ['quarterly', 0],
      ['quarterly', 24 * L],
      ['quarterly', 0],
    ]);
    expect([asha.attainment, vikram.attainment, a.team.attainment]).toEqual([0.4, 0.4, 0.4]);
    // waterfall: quota ₹30 L a month; gaps 18, 6, 30 → cumulative 18, 24, 54
    expect(a.waterfall.map((w) => [w.gap, w.cumulativeGap])).toEqual([
      [18 * L, 18 * L],
      [6 * L, 24 * L],
      [30 * L, 54 * L],
    ]);
  });

  it('an AE with no quota gets the default (₹50 L ÷ 3 a month), flagged as a default', async () => {
    const plain = await contextOf(strategyScenario());
    const a = m.attainment(plain);
    expect(a.defaultMonthlyQuota).toBe((50 * L) / 3);
    expect(a.byOwner.every((r) => r.usesDefaultQuota && r.months.every((c) => c.quotaSource === 'default'))).toBe(true);
  });
});

describe('forward forecast', () => {
  it('D5 (Negotiation 0.8) is commit in Nov, D4 (Demo Done 0.3) pipeline in Dec, D6 has no close date; a week ago D5 was in Discovery (pipeline)', () => {
    const f = m.forwardForecast(ctx);
    expect(m.forwardForecastSchema.parse(f)).toEqual(f);
    const t = f.team;
    expect(
      t.months.map((x) => [
        x.month,
        x.categories.commit.amount,
        x.categories.best_case.amount,
        x.categories.pipeline.amount,
        x.total.amount,
        x.weighted,
      ]),
    ).toEqual([
      ['2026-11', 20 * L, 0, 0, 20 * L, 16 * L], // 20 × 0.8
      ['2026-12', 0, 0, 10 * L, 10 * L, 3 * L], // 10 × 0.3
      ['2027-01', 0, 0, 0, 0, 0],
    ]);
    expect(t.noCloseDate).toEqual({ count: 1, amount: 5 * L });
    expect(t.weekOverWeek).toEqual({ commit: 20 * L, best_case: 0, pipeline: -20 * L, omitted: 0, total: 0 });
  });

  it("the deal's own category (hs_manual_forecast_category) comes first", async () => {
    const input = strategyScenario();
    input.objects!.deals!.find((d) => d.id === 'D4')!.properties!['hs_manual_forecast_category'] = 'COMMIT';
    const f = m.forwardForecast(await contextOf(input));
    expect(f.team.months[1]!.categories.commit.amount).toBe(10 * L);
  });
});

describe('aging, speed to lead', () => {
  it('Discovery median stay 9 d (4, 4, 9, 16, 33) → limit 13.5 d; D6 in Discovery 80.75 d is aged; Demo Done and Negotiation have < 3 stays', () => {
    const a = m.aging(ctx);
    expect(m.agingSchema.parse(a)).toEqual(a);
    expect(a.team).toEqual({ open: 3, withBaseline: 1, aged: 1, agedAmount: 5 * L, shareAged: 1 });
    const disc = a.byStage.find((s) => s.stageId === 'appointmentscheduled')!;
    expect([disc.medianDays, disc.limitDays, disc.completedStays]).toEqual([9, 13.5, 5]);
    expect(a.deals.map((d) => [d.dealId, d.ageDays])).toEqual([['D6', 80.75]]);
  });

  it('C1 first touched 2 h after MQL with 8 attempts; C2 6 h (late, target 4 h) with 2 → 50 % and 50 %, median 4 h', () => {
    const s = m.speedToLead(ctx);
    expect(m.speedToLeadSchema.parse(s)).toEqual(s);
    expect(s.targetHours).toBe(4);
    expect(s.team).toMatchObject({
      mqls: 2,
      withinTarget: 1,
      shareWithinTarget: 0.5,
      medianHours: 4,
      attemptsMet: 1,
      attemptsShort: 1,
      shareAttemptsMet: 0.5,
      medianAttempts: 5,
    });
    expect(s.contacts.map((c) => [c.contactId, c.touchStatus, c.attempts, c.attemptsStatus]).sort()).toEqual([
      ['C1', 'within', 8, 'met'],
      ['C2', 'late', 2, 'short'],
    ]);
  });
});

describe('lead scores and SA-5 rejections', () => {
  it('C1: fit 20 + 15 + 15, engagement 8 calls capped at 15 → 65 (A), with the reasons', () => {
    const l = m.leadScores(ctx);
    expect(m.leadScoresSchema.parse(l)).toEqual(l);
    const c1 = l.leads.find((x) => x.contactId === 'C1')!;
    expect([c1.fit, c1.engagement, c1.score, c1.band]).toEqual([50, 15, 65, 'A']);
    expect(c1.reasons).toContain('8 calls (+15)');
  });

  it('lift on history: C3 is scored before it converted (1 meeting = 15, not 30) → D band 1 of 2, overall 1 of 3, lift 1.5×', () => {
    const l = m.leadScores(ctx);
    expect(l.overallConversionRate).toBe(1 / 3);
    expect(l.lift.find((b) => b.band === 'D')).toEqual({
      band: 'D',
      contacts: 2,
      converted: 1,
      conversionRate: 0.5,
      lift: 1.5,
    });
    expect(l.lift.find((b) => b.band === 'A')).toMatchObject({ contacts: 1, converted: 0 });
  });

  it('rejections per source: C2 UNQUALIFIED from PAID_SEARCH', () => {
    const r = m.leadScores(ctx).rejections;
    expect(r.total).toBe(1);
    expect(r.bySource).toEqual([{ source: 'PAID_SEARCH', count: 1, reasons: [{ reason: 'Unqualified', count: 1 }] }]);
  });
});

describe('leaderboard (opt-in)', () => {
  it('off by default: no rows for anybody', async () => {
    const plain = await contextOf(strategyScenario());
    const b = m.leaderboard(plain, '102');
    expect([b.enabled, b.view, b.rows]).toEqual([false, 'off', []]);
  });

  it('Q4 won ₹24 L each (R1 counts: Asha ₹12 + 12 L); stage moves Asha 7 (D1 3, D2 2, D5 1, R1 1), Vikram 3 → scores 1 + 1 = 2 and 1 + 3/7', () => {
    const full = m.leaderboard(ctx, '102');
    expect(m.leaderboardSchema.parse(full)).toEqual(full);
    expect(full.view).toBe('full');
    expect(full.rows.map((r) => [r.position, r.ownerName, r.score])).toEqual([
      [1, 'Asha Rao', 2],
      [2, 'Vikram Shah', 1 + 3 / 7],
    ]);
  });

  it('an AE not named in visibleTo sees only their own position; nobody named sees nothing', () => {
    const own = m.leaderboard(ctx, '101');
    expect(own.view).toBe('own');
    expect(own.rows.map((r) => r.ownerId)).toEqual(['101']);
    expect(own.message).toBe('Your position: 1 of 2.');
    expect(m.leaderboard(ctx, null).rows).toEqual([]);
  });
});

describe('budget and channels', () => {
  it('no suggestion with 2 won deals per channel at most (needs 5); intervals are stated: PAID_SOCIAL ROI 12× within [0, 12 × (2 + 1.96√2) ÷ 2]', () => {
    const b = m.budget(ctx);
    expect(m.budgetSchema.parse(b)).toEqual(b);
    expect(b.suggestion).toBeNull();
    expect(b.noSuggestionReason).toMatch(/fewer than two channels/);
    const social = b.channels.find((c) => c.channel === 'PAID_SOCIAL')!;
    expect(social.roi).toBe(12);
    expect(social.roiInterval![0]).toBe(0);
    expect(social.roiInterval![1]).toBeCloseTo((12 * (2 + 1.96 * Math.SQRT2)) / 2, 9);
  });

  it('SmartLead campaign 7: 2 leads sent to, 1 replied (50 %); step 1 sent 2, replies 1; the replied send counts as opened (1 of 2)', () => {
    const c = m.channelPerformance(ctx);
    expect(m.channelPerformanceSchema.parse(c)).toEqual(c);
    expect(c.campaigns[0]).toMatchObject({
      campaignId: 7,
      leadsSent: 2,
      sent: 2,
      replies: 1,
      leadsReplied: 1,
      replyRate: 0.5,
      opens: 1, // SmartLead counts a replied email as opened
      leadsOpened: 1,
      openRate: 0.5,
      clicks: 0,
      bounces: 0,
    });
    expect(c.campaigns[0]!.steps).toEqual([
      {
        step: 1,
        sent: 2,
        replies: 1,
        replyRate: 0.5,
        opened: 1,
        clicked: 0,
        bounced: 0,
        openRate: 0.5,
        clickRate: 0,
        bounceRate: 0,
      },
    ]);
    expect(c.statisticsSynced).toBe(true);
  });
});
