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
