import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import { lostReasonGroup, normalizeLostReason, winLoss, winLossSchema } from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { salesScenario } from './scenarios.js';

let ctx: AnalysisContext;
beforeAll(async () => {
  ctx = await contextOf(salesScenario());
});

const Q4 = { from: ist('2026-10-01'), to: ist('2027-01-01') };

describe('SM-5 win/loss (sales scenario)', () => {
  it('this week: won D2 ₹5L + D11 ₹2.5L, lost D7 ₹8L → 2/3 by count, 7.5/15.5 by amount', () => {
    const wl = winLoss(ctx);
    expect(wl.team).toEqual({
      won: { count: 2, amount: 7.5 * L },
      lost: { count: 1, amount: 8 * L },
      winRateByCount: 2 / 3,
      winRateByAmount: 7.5 / 15.5,
    });
    expect(wl.lostReasons).toEqual([
      {
        group: 'competitor',
        label: 'Competitor / incumbent',
        count: 1,
        amount: 8 * L,
        reasons: [{ reason: 'Went with a competitor (LogiNext)', count: 1 }],
        dealIds: ['7'],
      },
    ]);
    // D2 has its own source; D11 takes its contact's; D7 has neither
    expect(wl.bySource.map((s) => [s.source, s.won.amount, s.lost.amount])).toEqual([
      ['PAID_SEARCH', 5 * L, 0],
      ['ORGANIC_SEARCH', 2.5 * L, 0],
      ['(unknown)', 0, 8 * L],
    ]);
    expect(wl.byOwner.map((o) => o.ownerId)).toEqual(['101']);
  });

  it('Q4: won D2 5 + D11 2.5 + D10 12 = ₹19.5L; lost D7 8 + D12 1.5 + D14 0 = ₹9.5L; D8 (lost Oct 20, reopened) is open now', () => {
    const wl = winLoss(ctx, Q4);
    expect(wl.team).toEqual({
      won: { count: 3, amount: 19.5 * L },
      lost: { count: 3, amount: 9.5 * L },
      winRateByCount: 0.5,
      winRateByAmount: 19.5 / 29,
    });
    expect(wl.lostReasons.map((r) => [r.group, r.count, r.amount, r.reasons.map((x) => x.reason)])).toEqual([
      ['competitor', 1, 8 * L, ['Went with a competitor (LogiNext)']],
      ['price_budget', 1, 1.5 * L, ['No budget this FY']], // "  No   budget this FY " normalised
      ['unspecified', 1, 0, []],
    ]);
    // D14: no deal source; first contact = the earliest created (c14b, EMAIL_MARKETING), not c14a (REFERRALS)
    expect(wl.bySource.map((s) => s.source)).toEqual([
      'OFFLINE',
      'PAID_SEARCH',
      'ORGANIC_SEARCH',
      '(unknown)',
      'EMAIL_MARKETING',
    ]);
    const v = wl.byOwner.find((o) => o.ownerId === '102')!;
    expect(v.won).toEqual({ count: 1, amount: 12 * L });
    expect(v.lost).toEqual({ count: 2, amount: 1.5 * L });
    expect(v.winRateByCount).toBe(1 / 3);
  });

  it('groups lost reasons', () => {
    expect(normalizeLostReason('  Price   too high ')).toBe('Price too high');
    expect(normalizeLostReason('   ')).toBeNull();
    const g = (s: string) => lostReasonGroup(normalizeLostReason(s), ['FarEye']);
    expect(g('No budget this FY')).toBe('price_budget');
    expect(g('Decided to build in-house')).toBe('build_in_house');
    expect(g('Existing vendor renewed')).toBe('competitor');
    expect(g('Chose FarEye')).toBe('competitor');
    expect(g('No decision - went dark')).toBe('no_decision');
    expect(g('Project put on hold')).toBe('timing');
    expect(g('Business downsized')).toBe('timing');
    expect(g('Champion left')).toBe('other');
    expect(lostReasonGroup(null)).toBe('unspecified');
  });

  it('validates and is deterministic', () => {
    const wl = winLoss(ctx, Q4);
    expect(winLossSchema.parse(wl)).toEqual(wl);
    expect(winLoss(ctx, Q4)).toEqual(wl);
  });
});
