/**
 * Unit economics (strategy targets: CAC < LTV ÷ 3, CAC payback in months). Default period: the 12 calendar months
 * ending with asOf's month (economics.ts); `{ from, to }` overrides it.
 *
 * Definitions (standard RevOps, interpreted where the strategy gives no formula; every document repeats them):
 * - new customers: new-business deals (not renewals/expansions, economics.isRenewal) won with their close moment in
 *   the period. A channel's new customers: those whose source (deal hs_analytics_source, else first contact's) is it.
 * - marketing spend: economics.spendIn (portal campaign spend of campaigns active in the period + config.spend).
 * - sales cost: Σ config.salesCost over the period's months.
 * - blended CAC = (marketing spend + sales cost) ÷ new customers; marketing CAC = marketing spend ÷ new customers;
 *   channel CAC = the channel's marketing spend ÷ its new customers (sales cost is not split by channel).
 * - ARPA (monthly) = Σ amount of the new customers' deals ÷ new customers ÷ config.economics.amountMonths (deal
 *   amounts are contract values for that many months; 12 = annual).
 * - churn (monthly, logos): config.economics.monthlyChurn when set; else measured on renewal-pipeline deals closed in
 *   the period: lost share per term r = lost ÷ (won + lost), monthly = 1 − (1 − r)^(1 ÷ amountMonths); when no
 *   renewal closed or none was lost, config.economics.defaultMonthlyChurn, shown as a default.
 * - LTV = ARPA × gross margin (config.grossMargin) ÷ monthly churn. LTV:CAC = LTV ÷ blended CAC.
 *   CAC payback (months) = blended CAC ÷ (ARPA × gross margin). Check: blended CAC < LTV ÷ config.economics.ltvToCacTarget.
 * - new business vs renewals, kept apart: won/lost, win rate (by count), average won amount, average cycle (days from
 *   creation to close moment of won deals) and velocity (open deals × average won × win rate ÷ average cycle, per
 *   day) for new business, renewals (renewal pipelines) and expansions (existing-business deals elsewhere).
 * - GRR / NRR over renewal-pipeline deals closed in the period: base = each deal's first recorded amount (the
 *   contract up for renewal), retained = its amount when won, 0 when lost. GRR = Σ min(retained, base) ÷ Σ base;
 *   NRR = (Σ retained + expansion won amount) ÷ Σ base. null when no renewal closed.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  DAY_MS,
  UNKNOWN_SOURCE,
  cmp,
  metricIndex,
  money,
  periodOut,
  periodSchema,
  ratio,
  share,
  sum,
  type PeriodInput,
} from './common.js';
import {
  DEAL_SEGMENTS,
  closedIn,
  dealSegment,
  retentionOf,
  retentionSchema,
  spendIn,
  trailingYear,
  type ClosedDeal,
  type DealSegment,
} from './economics.js';

const SEGMENTS = DEAL_SEGMENTS;
type Segment = DealSegment;

const segmentSchema = z.object({
  segment: z.enum(SEGMENTS),
  won: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  wonAmount: money,
  winRate: share.nullable().describe('won ÷ (won + lost) by count'),
  averageWonAmount: money.nullable(),
  averageCycleDays: z.number().nonnegative().nullable().describe('days from creation to close moment, won deals'),
  openDeals: z.number().int().nonnegative().describe('open now'),
  velocityPerDay: money.nullable().describe('open deals × average won amount × win rate ÷ average cycle days'),
});

const churnSchema = z.object({
  monthly: share,
  source: z
    .enum(['configured', 'measured', 'default'])
    .describe('config.economics.monthlyChurn, measured on renewals, or the default'),
  lostShareOfRenewals: share.nullable().describe('renewals lost ÷ renewals closed in the period'),
});

export const cacSchema = z
  .object({
    metric: z.literal('cac'),
    period: periodSchema,
    currency: z.string(),
    definition: z.string(),
    newCustomers: z.number().int().nonnegative(),
    marketingSpend: money,
    salesCost: money,
    salesCostMonths: z.number().int().nonnegative().describe('months of the period with a configured sales cost'),
    blendedCac: money
      .nullable()
      .describe('(marketing spend + sales cost) ÷ new customers; null without a customer or any cost'),
    marketingCac: money.nullable(),
    byChannel: z
      .array(
        z.object({
          channel: z.string(),
          campaignSpend: money.describe('portal campaign spend of campaigns active in the period'),
          configuredSpend: money.describe('config.spend for the period months'),
          spend: money,
          newCustomers: z.number().int().nonnegative(),
          newRevenue: money,
          cac: money.nullable().describe('spend ÷ new customers'),
        }),
      )
      .describe('largest spend first'),
    ltv: money.nullable(),
    target: z.object({
      ratio: z.number().positive().describe('config.economics.ltvToCacTarget (the strategy: 3)'),
      maxCac: money.nullable().describe('LTV ÷ ratio'),
      status: z.enum(['met', 'missed', 'unknown']).describe('met when blended CAC < LTV ÷ ratio'),
    }),
  })
  .describe('Customer acquisition cost, blended and per channel, against the CAC < LTV ÷ 3 target');
export type Cac = z.infer<typeof cacSchema>;

export const ltvSchema = z
  .object({
    metric: z.literal('ltv'),
    period: periodSchema,
    currency: z.string(),
    definition: z.string(),
    newCustomers: z.number().int().nonnegative(),
    arpaMonthly: money.nullable().describe('average monthly revenue per new account'),
    amountMonths: z.number().positive(),
    grossMargin: share,
    churn: churnSchema,
    ltv: money.nullable().describe('ARPA × gross margin ÷ monthly churn'),
    blendedCac: money.nullable(),
    ltvToCac: z.number().nonnegative().nullable(),
    cacPaybackMonths: z.number().nonnegative().nullable().describe('blended CAC ÷ (ARPA × gross margin)'),
    segments: z.array(segmentSchema).describe('new business, renewals and expansions reported apart'),
    retention: retentionSchema,
  })
  .describe('Lifetime value, LTV:CAC, CAC payback, and renewals kept apart from new business');
export type Ltv = z.infer<typeof ltvSchema>;

const CAC_DEFINITION =
  'blended CAC = (marketing spend + sales cost) ÷ new-business deals won; channel CAC = channel spend ÷ its won new-business deals (by source); target CAC < LTV ÷ 3';
const LTV_DEFINITION =
  'LTV = monthly ARPA (won new-business amount ÷ deals ÷ months an amount covers) × gross margin ÷ monthly logo churn (measured on renewals, else configured or the default); payback = CAC ÷ (ARPA × gross margin)';

interface Core {
  p: ReturnType<typeof trailingYear>;
  closed: (ClosedDeal & { segment: Segment })[];
  newWon: ClosedDeal[];
  spend: ReturnType<typeof spendIn>;
  marketingSpend: number;
  blendedCac: number | null;
  marketingCac: number | null;
  arpa: number | null;
  churn: z.infer<typeof churnSchema>;
  ltv: number | null;
}

function core(ctx: AnalysisContext, period: PeriodInput | undefined): Core {
  const ix = metricIndex(ctx);
  const p = trailingYear(ctx, period);
  const econ = ctx.config.economics;
  const closed = closedIn(ctx, ix, p).map((c) => ({ ...c, segment: dealSegment(ctx, c.tl.deal) }));
  const newWon = closed.filter((c) => c.won && c.segment === 'new_business');
  const spend = spendIn(ctx, p);
  const marketingSpend = sum([...spend.byChannel.values()].map((l) => l.campaign + l.configured));
  const cost = marketingSpend + spend.salesCost;
  const n = newWon.length;
  const blendedCac = n > 0 && cost > 0 ? cost / n : null;
  const marketingCac = n > 0 && marketingSpend > 0 ? marketingSpend / n : null;
  const arpa = n > 0 ? sum(newWon.map((c) => c.amount)) / n / econ.amountMonths : null;
  const renewals = closed.filter((c) => c.segment === 'renewal');
  const lostShare = ratio(renewals.filter((c) => !c.won).length, renewals.length);
  let churn: Core['churn'];
  if (econ.monthlyChurn !== null)
    churn = { monthly: econ.monthlyChurn, source: 'configured', lostShareOfRenewals: lostShare };
  else if (lostShare !== null && lostShare > 0)
    churn = {
      monthly: 1 - Math.pow(1 - lostShare, 1 / econ.amountMonths),
      source: 'measured',
      lostShareOfRenewals: lostShare,
    };
  else churn = { monthly: econ.defaultMonthlyChurn, source: 'default', lostShareOfRenewals: lostShare };
  const ltv = arpa !== null && churn.monthly > 0 ? (arpa * ctx.config.grossMargin) / churn.monthly : null;
  return { p, closed, newWon, spend, marketingSpend, blendedCac, marketingCac, arpa, churn, ltv };
}

export function cac(ctx: AnalysisContext, period?: PeriodInput): Cac {
  const c = core(ctx, period);
  const rows = new Map<
    string,
    { campaignSpend: number; configuredSpend: number; newCustomers: number; newRevenue: number }
  >();
  const row = (ch: string) => {
    let r = rows.get(ch);
    if (!r) rows.set(ch, (r = { campaignSpend: 0, configuredSpend: 0, newCustomers: 0, newRevenue: 0 }));
    return r;
  };
  for (const l of c.spend.byChannel.values()) {
    const r = row(l.channel);
    r.campaignSpend += l.campaign;
    r.configuredSpend += l.configured;
  }
  for (const w of c.newWon) {
    const r = row(w.source || UNKNOWN_SOURCE);
    r.newCustomers++;
    r.newRevenue += w.amount;
  }
  const byChannel = [...rows.entries()]
    .map(([channel, r]) => {
      const spend = r.campaignSpend + r.configuredSpend;
      return { channel, ...r, spend, cac: r.newCustomers > 0 && spend > 0 ? spend / r.newCustomers : null };
    })
    .sort((a, b) => b.spend - a.spend || b.newCustomers - a.newCustomers || cmp(a.channel, b.channel));
  const target = ctx.config.economics.ltvToCacTarget;
  const maxCac = c.ltv === null ? null : c.ltv / target;
  return {
    metric: 'cac',
    period: periodOut(ctx, c.p),
    currency: ctx.currency,
    definition: CAC_DEFINITION,
    newCustomers: c.newWon.length,
    marketingSpend: c.marketingSpend,
    salesCost: c.spend.salesCost,
    salesCostMonths: c.spend.salesCostMonths,
    blendedCac: c.blendedCac,
    marketingCac: c.marketingCac,
    byChannel,
    ltv: c.ltv,
    target: {
      ratio: target,
      maxCac,
      status: maxCac === null || c.blendedCac === null ? 'unknown' : c.blendedCac < maxCac ? 'met' : 'missed',
    },
  };
}

export function ltv(ctx: AnalysisContext, period?: PeriodInput): Ltv {
  const c = core(ctx, period);
  const ix = metricIndex(ctx);
  const gm = ctx.config.grossMargin;
  const open = new Map<Segment, number>(SEGMENTS.map((s) => [s, 0]));
  for (const tl of ix.deals)
    if (ix.current(tl).open) {
      const seg = dealSegment(ctx, tl.deal);
      open.set(seg, open.get(seg)! + 1);
    }
  const segments = SEGMENTS.map((segment) => {
    const xs = c.closed.filter((x) => x.segment === segment);
    const won = xs.filter((x) => x.won);
    const winRate = ratio(won.length, xs.length);
    const averageWonAmount = won.length ? sum(won.map((x) => x.amount)) / won.length : null;
    const averageCycleDays = won.length
      ? sum(won.map((x) => Math.max(0, x.at - x.tl.created) / DAY_MS)) / won.length
      : null;
    const openDeals = open.get(segment)!;
    const velocityPerDay =
      winRate !== null && averageWonAmount !== null && averageCycleDays
        ? (openDeals * averageWonAmount * winRate) / averageCycleDays
        : null;
    return {
      segment,
      won: won.length,
      lost: xs.length - won.length,
      wonAmount: sum(won.map((x) => x.amount)),
      winRate,
      averageWonAmount,
      averageCycleDays,
      openDeals,
      velocityPerDay,
    };
  });
  const payback = c.blendedCac !== null && c.arpa !== null && c.arpa * gm > 0 ? c.blendedCac / (c.arpa * gm) : null;
  return {
    metric: 'ltv',
    period: periodOut(ctx, c.p),
    currency: ctx.currency,
    definition: LTV_DEFINITION,
    newCustomers: c.newWon.length,
    arpaMonthly: c.arpa,
    amountMonths: ctx.config.economics.amountMonths,
    grossMargin: gm,
    churn: c.churn,
    ltv: c.ltv,
    blendedCac: c.blendedCac,
    ltvToCac: c.ltv !== null && c.blendedCac !== null ? c.ltv / c.blendedCac : null,
    cacPaybackMonths: payback,
    segments,
    retention: retentionOf(ctx, c.closed),
  };
}
