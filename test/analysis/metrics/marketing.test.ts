import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import {
  accountAttribution,
  accountAttributionSchema,
  attribution,
  attributionSchema,
  bySource,
  bySourceSchema,
  campaignRoi,
  campaignRoiSchema,
  sourcedPipeline,
  sourcedPipelineSchema,
  touchCredits,
  valuePerMql,
  valuePerMqlSchema,
} from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { marketingScenario } from './scenarios.js';

let ctx: AnalysisContext;
beforeAll(async () => {
  ctx = await contextOf(marketingScenario());
});

// M1's time-decay weights (half-life 7 days, close Nov 19 12:00): mk-google 14 d → 2^-2 = 0.25, mk-webinar 7 d → 0.5,
// SmartLead SENT 1 d → 2^(-1/7) ≈ 0.9057; the REPLY at the close instant is not before the close.
const W = [0.25, 0.5, Math.pow(2, -1 / 7)] as const;
const S = W[0] + W[1] + W[2];

describe('SA-3 sourced pipeline', () => {
  it('marketing: M1 (C1 ORGANIC_SEARCH) won 10L, M3 (C3 PAID_SOCIAL) open 4L, M6 (C8 ORGANIC_SEARCH) lost 1L; sales: M2 (OFFLINE) won 6L, M7 (C4 OFFLINE) won 2L, M4 (no source, SmartLead before the deal) open 3L; unknown: M5 open 2L', () => {
    const sp = sourcedPipeline(ctx);
    expect(sourcedPipelineSchema.parse(sp)).toEqual(sp);
    const [mk, sales, unknown] = sp.classes;
    expect(mk).toMatchObject({
      class: 'marketing',
      deals: 3,
      open: { count: 1, amount: 4 * L },
      won: { count: 1, amount: 10 * L },
      lost: { count: 1, amount: 1 * L },
    });
    expect(mk!.sources.map((s) => s.source)).toEqual(['ORGANIC_SEARCH', 'PAID_SOCIAL']);
    expect(sales).toMatchObject({
      class: 'sales',
      deals: 3,
      open: { count: 1, amount: 3 * L },
      won: { count: 2, amount: 8 * L },
    });
    expect(sales!.sources.map((s) => s.source)).toEqual(['OFFLINE', 'SMARTLEAD']);
    expect(unknown).toMatchObject({ class: 'unknown', deals: 1, open: { count: 1, amount: 2 * L } });
    // open 4 / (4 + 3 + 2); won 10 / (10 + 8)
    expect(sp.marketingShareOfOpen).toBe(4 / 9);
    expect(sp.marketingShareOfWon).toBe(10 / 18);
    expect(sp.mapping['REFERRALS']).toBe('marketing');
    expect(sp.mapping['OFFLINE']).toBe('sales');
  });
});

describe('MA-1 by source', () => {
  it('leads by contact source and deals by deal source (else first contact)', () => {
    const bs = bySource(ctx);
    expect(bySourceSchema.parse(bs)).toEqual(bs);
    expect(bs.sources.map((s) => [s.source, s.class, s.leads, s.deals, s.open.amount, s.won.amount])).toEqual([
      ['ORGANIC_SEARCH', 'marketing', 2, 2, 0, 10 * L], // C1, C8; M1 won, M6 lost
      ['OFFLINE', 'sales', 1, 2, 0, 8 * L], // C4; M2 (deal source), M7 (C4)
      ['(unknown)', 'unknown', 1, 2, 5 * L, 0], // C6; M4 (C6 has no source) 3L + M5 2L
      ['PAID_SOCIAL', 'marketing', 2, 1, 4 * L, 0], // C2, C3; M3
      ['EMAIL_MARKETING', 'marketing', 1, 0, 0, 0], // C5
      ['REFERRALS', 'marketing', 1, 0, 0, 0], // C7 (M2 carries its own source)
    ]);
    expect(bs.totals).toEqual({
      leads: 8,
      deals: 7,
      open: { count: 3, amount: 9 * L },
      won: { count: 3, amount: 18 * L },
    });
  });

  it('with a period: only contacts and deals created in it', () => {
    const bs = bySource(ctx, { from: ist('2026-11-16'), to: ist('2026-11-23') });
    // contacts C1, C2, C3, C4, C6; deals M1, M3, M4
    expect(bs.totals.leads).toBe(5);
    expect(bs.totals.deals).toBe(3);
  });
});

describe('MA-2 / MA-3 attribution', () => {
  it('time decay: M1 ₹10L split 0.25 : 0.5 : 2^(-1/7) over mk-google, mk-webinar, SmartLead; M2 ₹6L all to mk-linkedin; M7 ₹2L to (none)', () => {
    const a = attribution(ctx, 'time_decay');
    expect(attributionSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({ conversions: 3, revenue: 18 * L, halfLifeDays: 7 });
    const m1 = a.deals.find((d) => d.dealId === 'M1')!;
    expect(m1.credits.map((c) => c.campaignId)).toEqual(['mk-google', 'mk-webinar', 'smartlead:77']);
    m1.credits.forEach((c, i) => expect(c.credit).toBeCloseTo(W[i]! / S, 12));
    expect(m1.credits.reduce((s, c) => s + c.credit, 0)).toBeCloseTo(1, 12);
    expect(a.deals.find((d) => d.dealId === 'M7')!.credits).toEqual([
      { contactId: null, campaignId: '(none)', channel: '(none)', at: null, credit: 1 },
    ]);
    const ch = Object.fromEntries(a.byChannel.map((c) => [c.channel, c]));
    expect(ch['PAID_SOCIAL']).toEqual({ channel: 'PAID_SOCIAL', conversions: 1, revenue: 6 * L });
    expect(ch['(none)']).toEqual({ channel: '(none)', conversions: 1, revenue: 2 * L });
    expect(ch['SMARTLEAD']!.revenue).toBeCloseTo((10 * L * W[2]) / S, 6);
    expect(ch['PAID_SEARCH']!.conversions).toBeCloseTo(W[0] / S, 12);
    expect(a.byChannel.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(3, 12);
    expect(a.byCampaign.find((c) => c.campaignId === 'smartlead:77')).toMatchObject({
      name: 'SmartLead 77',
      channel: 'SMARTLEAD',
    });
  });

  it('first touch: M1 → mk-google (Nov 5), M2 → mk-linkedin, M7 → (none)', () => {
    const a = attribution(ctx, 'first_touch');
    expect(a.halfLifeDays).toBeNull();
    expect(a.byChannel).toEqual([
      { channel: 'PAID_SEARCH', conversions: 1, revenue: 10 * L },
      { channel: 'PAID_SOCIAL', conversions: 1, revenue: 6 * L },
      { channel: '(none)', conversions: 1, revenue: 2 * L },
    ]);
  });

  it('a period: only deals won in it (this week: M1)', () => {
    const a = attribution(ctx, 'first_touch', { from: ist('2026-11-16'), to: ist('2026-11-23') });
    expect(a.deals.map((d) => d.dealId)).toEqual(['M1']);
  });

  it('touchCredits: ties share first touch; time decay sums to exactly 1', () => {
    const day = 86_400_000;
    expect(touchCredits([{ at: 0 }, { at: 0 }, { at: day }], 2 * day, 'first_touch', 7)).toEqual([0.5, 0.5, 0]);
    const credits = touchCredits(
      [{ at: 0 }, { at: 3 * day }, { at: 3 * day }, { at: 10 * day }],
      11 * day,
      'time_decay',
      7,
    );
    expect(credits.reduce((s, c) => s + c, 0)).toBe(1);
    expect(credits[1]).toBe(credits[2]);
    expect(touchCredits([], 0, 'time_decay', 7)).toEqual([]);
    // 10,000 days old: no underflow to 0/0
    expect(touchCredits([{ at: -10_000 * day }], 0, 'time_decay', 7)).toEqual([1]);
  });
});

describe('MA-4 campaign ROI', () => {
  it('revenue ÷ spend; cost per lead = spend ÷ people touched', () => {
    const roi = campaignRoi(ctx);
    expect(campaignRoiSchema.parse(roi)).toEqual(roi);
    const c = Object.fromEntries(roi.campaigns.map((x) => [x.campaignId, x]));
    // mk-linkedin: ₹6L ÷ ₹3L = 2; 1 lead (C7) → ₹3L per lead
    expect(c['mk-linkedin']).toMatchObject({
      spend: 3 * L,
      leads: 1,
      costPerLead: 3 * L,
      attributedConversions: 1,
      attributedRevenue: 6 * L,
      roi: 2,
    });
    // mk-google: ₹10L × 0.25/S ÷ ₹1L; leads C1, C2 → ₹50,000 per lead
    expect(c['mk-google']!.roi).toBeCloseTo((10 * L * W[0]) / S / (1 * L), 12);
    expect(c['mk-google']).toMatchObject({ leads: 2, costPerLead: 50_000 });
    // mk-webinar: spend 0 → ROI null, cost per lead 0
    expect(c['mk-webinar']).toMatchObject({ spend: 0, roi: null, costPerLead: 0, leads: 1 });
    // mk-tradeshow: spend unknown, no touch
    expect(c['mk-tradeshow']).toMatchObject({
      spend: null,
      roi: null,
      costPerLead: null,
      leads: 0,
      attributedRevenue: 0,
    });
    // SmartLead 77: ₹50,000; 3 leads sent (C1's, C6's, and one not in HubSpot)
    expect(c['smartlead:77']).toMatchObject({ kind: 'smartlead', spend: 50_000, leads: 3 });
    expect(c['smartlead:77']!.costPerLead).toBeCloseTo(50_000 / 3, 9);
    expect(c['smartlead:77']!.roi).toBeCloseTo((10 * L * W[2]) / S / 50_000, 12);
    // totals: spend 1 + 0 + 3 + 0.5 = ₹4.5L; revenue to campaigns = 18 − 2 (none) = ₹16L
    expect(roi.totals.spend).toBe(4.5 * L);
    expect(roi.totals.attributedRevenue).toBeCloseTo(16 * L, 6);
    expect(roi.totals.roi).toBeCloseTo(16 / 4.5, 12);
  });
});

describe('MA-6 account attribution', () => {
  it('company A: C1 and C2 → 5 touches over 3 channels, won ₹10L; B: 1 touch, ₹6L; C: 1 SmartLead message, ₹0; D: left out', () => {
    const acc = accountAttribution(ctx);
    expect(accountAttributionSchema.parse(acc)).toEqual(acc);
    expect(acc.accounts.map((a) => a.companyId)).toEqual(['A', 'B', 'C']);
    const a = acc.accounts[0]!;
    expect(a).toMatchObject({
      contacts: 2,
      touchedContacts: 2,
      touches: 5,
      campaigns: 3,
      wonDeals: 1,
      wonRevenue: 10 * L,
    });
    expect(a.channels).toEqual([
      { channel: 'PAID_SEARCH', touches: 2 },
      { channel: 'SMARTLEAD', touches: 2 },
      { channel: 'EMAIL_MARKETING', touches: 1 },
    ]);
    expect(a.firstTouch).toEqual({
      at: ist('2026-11-05 12:00'),
      channel: 'PAID_SEARCH',
      campaignId: 'mk-google',
      contactId: 'C1',
    });
    expect(a.lastTouch).toMatchObject({ at: ist('2026-11-19 12:00'), channel: 'SMARTLEAD' });
    expect(acc.accounts[2]).toMatchObject({ companyId: 'C', touches: 1, wonRevenue: 0 });
  });
});

describe('value per MQL', () => {
  it('= revenue per customer × MQL→customer rate, per contact source', () => {
    const v = valuePerMql(ctx);
    expect(valuePerMqlSchema.parse(v)).toEqual(v);
    // all: MQLs C1 C2 C3 C5 C6 C7 = 6; customers C1, C7 (both MQLs) → 2/6; revenue 10 + 6 + 2 = 18L over 2 customers = 9L → 3L per MQL
    expect(v.all).toEqual({
      source: '(all)',
      mqls: 6,
      customersFromMqls: 2,
      closeRate: 1 / 3,
      customers: 2,
      revenue: 18 * L,
      averageRevenuePerCustomer: 9 * L,
      valuePerMql: 3 * L,
    });
    expect(v.bySource.map((r) => [r.source, r.mqls, r.customers, r.revenue, r.valuePerMql])).toEqual([
      ['ORGANIC_SEARCH', 1, 1, 10 * L, 10 * L], // C1 (C8 never reached MQL); M1
      ['REFERRALS', 1, 1, 6 * L, 6 * L], // C7; M2 credits its contact's source
      ['PAID_SOCIAL', 2, 0, 0, null],
      ['(unknown)', 1, 0, 0, null],
      ['EMAIL_MARKETING', 1, 0, 0, null],
      ['OFFLINE', 0, 0, 2 * L, null], // M7's C4 never became an MQL or customer
    ]);
  });
});
