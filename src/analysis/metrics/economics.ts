/**
 * What the unit-economics metrics share (cac, ltv, attainment, budget, forecast): calendar months in the team's
 * time zone, renewals told apart from new business, the trailing-12-months default period, spend by channel and
 * the won new-business deals of a period.
 *
 * - Renewal: a deal in a renewal pipeline (config.renewals.pipelines; empty = a pipeline whose id or label says
 *   "renewal") or whose `dealtype` is one of config.renewals.dealTypes (default existingbusiness). Everything else is
 *   new business.
 * - Spend of a period, by channel: (a) portal campaign spend (marketing campaigns by their channel, SmartLead
 *   campaigns as SMARTLEAD). Campaign spend in the portal has no dates, so a campaign's whole spend counts in a
 *   period when the campaign touched someone (marketing touch or SmartLead SENT message) in it; (b) config.spend
 *   [channel][YYYY-MM] for each month that starts in the period.
 * - Sales cost: Σ config.salesCost[YYYY-MM] over the months that start in the period.
 */
import { z } from 'zod';
import type { Deal } from '../../crm/index.js';
import type { AnalysisContext } from '../input.js';
import { zoneOffsetMs } from '../time.js';
import {
  SMARTLEAD_CHANNEL,
  UNKNOWN_SOURCE,
  metricIndex,
  type MetricIndex,
  type Period,
  type PeriodInput,
  resolvePeriod,
  asOfMs,
  type DealTimeline,
} from './common.js';

/** 00:00 local on the first of the month containing `t`. */
export function startOfMonth(t: number, tz: string): number {
  const local = new Date(t + zoneOffsetMs(t, tz));
  const guess = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  return guess - zoneOffsetMs(guess, tz);
}

/** The month `n` months after the one starting at `start` (n may be negative). */
export function addMonths(start: number, n: number, tz: string): number {
  const local = new Date(start + zoneOffsetMs(start, tz) + 12 * 3_600_000);
  const guess = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n, 1);
  return guess - zoneOffsetMs(guess, tz);
}

/** YYYY-MM of the local month containing `t`. */
export function monthKey(t: number, tz: string): string {
  const local = new Date(t + zoneOffsetMs(t, tz));
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Month starts m with from ≤ m < to. */
export function monthsIn(from: number, to: number, tz: string): number[] {
  const out: number[] = [];
  let m = startOfMonth(from, tz);
  if (m < from) m = addMonths(m, 1, tz);
  for (; m < to; m = addMonths(m, 1, tz)) out.push(m);
  return out;
}

/** Default for the economics metrics: the 12 calendar months ending with asOf's month (this month included). */
export function trailingYear(ctx: AnalysisContext, input: PeriodInput | undefined): Period {
  if (input) return resolvePeriod(ctx, input, 'quarter');
  const asOf = asOfMs(ctx);
  const thisMonth = startOfMonth(asOf, ctx.timezone);
  const from = addMonths(thisMonth, -11, ctx.timezone);
  const to = addMonths(thisMonth, 1, ctx.timezone);
  return { kind: 'custom', from, to, through: Math.min(to - 1, asOf) };
}

export function isRenewal(ctx: AnalysisContext, deal: Deal): boolean {
  const cfg = ctx.config.renewals;
  const pipelines = cfg.pipelines.length
    ? new Set(cfg.pipelines)
    : new Set(ctx.data.crm.pipelines.filter((p) => /renewal/i.test(p.id) || /renewal/i.test(p.label)).map((p) => p.id));
  if (pipelines.has(deal.pipelineId)) return true;
  const type = deal.properties['dealtype']?.trim();
  return !!type && cfg.dealTypes.includes(type);
}

/** Which business a deal is: new business, a renewal (renewal pipeline) or an expansion (existing business elsewhere). */
export const DEAL_SEGMENTS = ['new_business', 'renewal', 'expansion'] as const;
export type DealSegment = (typeof DEAL_SEGMENTS)[number];

function renewalPipelines(ctx: AnalysisContext): Set<string> {
  const cfg = ctx.config.renewals.pipelines;
  return cfg.length
    ? new Set(cfg)
    : new Set(ctx.data.crm.pipelines.filter((p) => /renewal/i.test(p.id) || /renewal/i.test(p.label)).map((p) => p.id));
}

export function dealSegment(ctx: AnalysisContext, deal: Deal): DealSegment {
  if (!isRenewal(ctx, deal)) return 'new_business';
  return renewalPipelines(ctx).has(deal.pipelineId) ? 'renewal' : 'expansion';
}

/** True for a pipeline that holds renewals only (config.renewals.pipelines, else "renewal" in its id or label). */
export function isRenewalPipeline(ctx: AnalysisContext, pipelineId: string): boolean {
  return renewalPipelines(ctx).has(pipelineId);
}

/**
 * Deal scope of the win-rate, velocity and cycle metrics: new business by default; `renewals` = renewals and
 * expansions (economics.isRenewal); `all` = every deal, as before they were told apart.
 */
export const DEAL_SCOPES = ['new_business', 'renewals', 'all'] as const;
export type DealScope = (typeof DEAL_SCOPES)[number];
export const dealScopeSchema = z
  .enum(DEAL_SCOPES)
  .describe(
    'deals counted: new_business (default) = not in a renewal pipeline and dealtype not existing business; renewals = renewal pipelines and existing-business deals; all = every deal',
  );

export function inScope(ctx: AnalysisContext, deal: Deal, scope: DealScope): boolean {
  if (scope === 'all') return true;
  return isRenewal(ctx, deal) === (scope === 'renewals');
}

export const retentionSchema = z
  .object({
    renewalsClosed: z.number().int().nonnegative(),
    renewalsLost: z.number().int().nonnegative(),
    baseAmount: z.number().describe('Σ first recorded amount of renewal deals closed in the period'),
    retainedAmount: z.number().describe('Σ amount of the renewals won'),
    expansionWonAmount: z.number(),
    grr: z.number().nonnegative().nullable().describe('Σ min(retained, base) ÷ Σ base'),
    nrr: z.number().nonnegative().nullable().describe('(Σ retained + expansion won) ÷ Σ base'),
  })
  .describe(
    'gross and net revenue retention over renewal-pipeline deals closed in the period: base = first recorded amount, retained = amount when won, 0 when lost; null when no renewal closed',
  );
export type Retention = z.infer<typeof retentionSchema>;

/** GRR / NRR over the renewal-pipeline deals among `closed` (expansions add to NRR). */
export function retentionOf(ctx: AnalysisContext, closed: readonly ClosedDeal[]): Retention {
  let base = 0;
  let retained = 0;
  let capped = 0;
  let renewalsClosed = 0;
  let renewalsLost = 0;
  let expansionWonAmount = 0;
  for (const r of closed) {
    const seg = dealSegment(ctx, r.tl.deal);
    if (seg === 'expansion' && r.won) expansionWonAmount += r.amount;
    if (seg !== 'renewal') continue;
    const first = r.tl.amount.values.find((v) => v !== null) ?? r.amount;
    const kept = r.won ? r.amount : 0;
    renewalsClosed++;
    if (!r.won) renewalsLost++;
    base += first;
    retained += kept;
    capped += Math.min(kept, first);
  }
  return {
    renewalsClosed,
    renewalsLost,
    baseAmount: base,
    retainedAmount: retained,
    expansionWonAmount,
    grr: base > 0 ? capped / base : null,
    nrr: base > 0 ? (retained + expansionWonAmount) / base : null,
  };
}

export interface ClosedDeal {
  tl: DealTimeline;
  at: number;
  amount: number;
  won: boolean;
  renewal: boolean;
  source: string;
}

/** Deals closed (won or lost) as of asOf with their close moment in [from, through]. */
export function closedIn(ctx: AnalysisContext, ix: MetricIndex, p: Period): ClosedDeal[] {
  const out: ClosedDeal[] = [];
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.won && !s.lost) continue;
    const at = ix.closedAt(tl);
    if (at === null || at < p.from || at > p.through) continue;
    out.push({
      tl,
      at,
      amount: s.amount,
      won: s.won,
      renewal: isRenewal(ctx, tl.deal),
      source: ix.dealSource(tl.deal) ?? UNKNOWN_SOURCE,
    });
  }
  return out;
}

export interface SpendLine {
  channel: string;
  campaign: number;
  configured: number;
}

/** Marketing spend of the period by channel, and the sales cost. */
export function spendIn(
  ctx: AnalysisContext,
  p: Period,
): { byChannel: Map<string, SpendLine>; salesCost: number; salesCostMonths: number; months: string[] } {
  const ix = metricIndex(ctx);
  const tz = ctx.timezone;
  const byChannel = new Map<string, SpendLine>();
  const line = (channel: string) => {
    let l = byChannel.get(channel);
    if (!l) byChannel.set(channel, (l = { channel, campaign: 0, configured: 0 }));
    return l;
  };
  const activeMarketing = new Set<string>();
  for (const t of ctx.data.marketing?.touches ?? []) {
    const at = Date.parse(t.timestamp);
    if (at >= p.from && at <= p.through) activeMarketing.add(t.campaignId);
  }
  for (const c of ctx.data.marketing?.campaigns ?? [])
    if (c.spend && activeMarketing.has(c.id)) line(c.channel).campaign += c.spend;
  const activeSmartlead = new Set<number>();
  for (const m of ctx.data.outreach?.messages ?? []) {
    if (m.type !== 'SENT') continue;
    const at = Date.parse(m.time);
    if (at >= p.from && at <= p.through && at <= ix.asOf) activeSmartlead.add(m.campaignId);
  }
  for (const [id, amount] of Object.entries(ctx.data.smartleadSpend))
    if (activeSmartlead.has(Number(id))) line(SMARTLEAD_CHANNEL).campaign += amount;
  const months = monthsIn(p.from, p.to, tz).map((m) => monthKey(m, tz));
  for (const [channel, perMonth] of Object.entries(ctx.config.spend))
    for (const m of months) if (perMonth[m]) line(channel).configured += perMonth[m];
  let salesCost = 0;
  let salesCostMonths = 0;
  for (const m of months) {
    const v = ctx.config.salesCost[m];
    if (v !== undefined) {
      salesCost += v;
      salesCostMonths++;
    }
  }
  return { byChannel, salesCost, salesCostMonths, months };
}
