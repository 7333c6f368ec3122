/**
 * Quota attainment per AE per month and for the quarter, with the team's monthly sales-vs-quota waterfall.
 * Default period: this calendar quarter (team time zone); `{ from, to }` takes the months that start in it.
 *
 * Definitions:
 * - won: new-business deals (renewals and expansions are reported by `ltv`, economics.isRenewal) won as of asOf
 *   with their close moment in the month (up to asOf); amount as of asOf; the deal's current owner.
 * - monthly quota of an AE: config.quotas.byMonth[owner][YYYY-MM], else config.quotas.monthly[owner], else
 *   config.targets.quarterlyQuota[owner] ÷ 3, else the default (config.quotas.defaultMonthly, else
 *   targets.defaultQuarterlyQuota ÷ 3), flagged `default` so nobody mistakes it for a target they were given.
 * - attainment = won ÷ quota (null when the quota is 0). Period: Σ won ÷ Σ quota over its months.
 * - AEs: owners with a configured quota plus owners of any deal. Team = Σ AEs (won deals with no owner are listed
 *   apart and added to the team's won, not to any AE).
 * - waterfall, per month: quota, won, gap = quota − won, cumulative quota and won, and the cumulative gap.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  metricIndex,
  money,
  ownerIdSchema,
  ownerRefs,
  periodOut,
  periodSchema,
  resolvePeriod,
  type PeriodInput,
} from './common.js';
import { isRenewal, monthKey, monthsIn } from './economics.js';

const QUOTA_SOURCES = ['month', 'monthly', 'quarterly', 'default'] as const;
const cellSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  quota: money,
  quotaSource: z
    .enum(QUOTA_SOURCES)
    .describe('config.quotas.byMonth, quotas.monthly, targets.quarterlyQuota ÷ 3, or the default'),
  won: money,
  wonDeals: z.number().int().nonnegative(),
  attainment: z.number().nonnegative().nullable().describe('won ÷ quota'),
});
const rowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  months: z.array(cellSchema),
  quota: money,
  won: money,
  attainment: z.number().nonnegative().nullable().describe('Σ won ÷ Σ quota over the months'),
  usesDefaultQuota: z.boolean().describe('true when any month uses the default quota'),
});

export const attainmentSchema = z
  .object({
    metric: z.literal('attainment'),
    period: periodSchema,
    currency: z.string(),
    definition: z.string(),
    defaultMonthlyQuota: money.describe('quota of an AE with none configured'),
    team: rowSchema,
    byOwner: z.array(rowSchema),
    unownedWon: money.describe('won new business with no owner (in the team, in no AE row)'),
    waterfall: z.array(
      z.object({
        month: z.string(),
        quota: money,
        won: money,
        gap: money.describe('quota − won (negative = over quota)'),
        cumulativeQuota: money,
        cumulativeWon: money,
        cumulativeGap: money,
      }),
    ),
  })
  .describe('Quota attainment per AE per month and for the period, and the monthly sales-vs-quota waterfall');
export type Attainment = z.infer<typeof attainmentSchema>;

export function attainment(ctx: AnalysisContext, period?: PeriodInput): Attainment {
  const ix = metricIndex(ctx);
  const tz = ctx.timezone;
  const p = resolvePeriod(ctx, period, 'quarter');
  const starts = monthsIn(p.from, p.to, tz);
  const months = starts.map((m) => monthKey(m, tz));
  const { quotas, targets } = ctx.config;
  const defaultMonthly = quotas.defaultMonthly ?? targets.defaultQuarterlyQuota / 3;
  const quotaOf = (owner: string, month: string): { quota: number; quotaSource: (typeof QUOTA_SOURCES)[number] } => {
    const m = quotas.byMonth[owner]?.[month];
    if (m !== undefined) return { quota: m, quotaSource: 'month' };
    const monthly = quotas.monthly[owner];
    if (monthly !== undefined) return { quota: monthly, quotaSource: 'monthly' };
    const q = targets.quarterlyQuota[owner];
    if (q !== undefined) return { quota: q / 3, quotaSource: 'quarterly' };
    return { quota: defaultMonthly, quotaSource: 'default' };
  };

  const won = new Map<string | null, Map<string, { amount: number; deals: number }>>();
  const owners = new Set<string | null>([
    ...Object.keys(quotas.monthly),
    ...Object.keys(quotas.byMonth),
    ...Object.keys(targets.quarterlyQuota),
  ]);
  const inMonths = new Set(months);
  for (const tl of ix.deals) {
    if (tl.deal.ownerId !== null) owners.add(tl.deal.ownerId);
    const s = ix.current(tl);
    if (!s.won || isRenewal(ctx, tl.deal)) continue;
    const at = ix.closedAt(tl);
    if (at === null || at < p.from || at > p.through) continue;
    const key = monthKey(at, tz);
    if (!inMonths.has(key)) continue;
    let byMonth = won.get(tl.deal.ownerId);
    if (!byMonth) won.set(tl.deal.ownerId, (byMonth = new Map<string, { amount: number; deals: number }>()));
    const c = byMonth.get(key) ?? { amount: 0, deals: 0 };
    c.amount += s.amount;
    c.deals++;
    byMonth.set(key, c);
  }
  owners.delete(null);

  const byOwner = ownerRefs(ix, owners).map((o) => {
    const cells = months.map((month) => {
      const q = quotaOf(o.ownerId!, month);
      const w = won.get(o.ownerId)?.get(month) ?? { amount: 0, deals: 0 };
      return { month, ...q, won: w.amount, wonDeals: w.deals, attainment: q.quota > 0 ? w.amount / q.quota : null };
    });
    const quota = cells.reduce((s, c) => s + c.quota, 0);
    const wonSum = cells.reduce((s, c) => s + c.won, 0);
    return {
      ownerId: o.ownerId,
      ownerName: o.ownerName,
      months: cells,
      quota,
      won: wonSum,
      attainment: quota > 0 ? wonSum / quota : null,
      usesDefaultQuota: cells.some((c) => c.quotaSource === 'default'),
    };
  });
  const unowned = months.map((m) => won.get(null)?.get(m) ?? { amount: 0, deals: 0 });
  const teamCells = months.map((month, i) => {
    const quota = byOwner.reduce((s, r) => s + r.months[i]!.quota, 0);
    const w = byOwner.reduce((s, r) => s + r.months[i]!.won, 0) + unowned[i]!.amount;
    const deals = byOwner.reduce((s, r) => s + r.months[i]!.wonDeals, 0) + unowned[i]!.deals;
    return {
      month,
      quota,
      quotaSource: (byOwner.some((r) => r.months[i]!.quotaSource === 'default')
        ? 'default'
        : 'monthly') as (typeof QUOTA_SOURCES)[number],
      won: w,
      wonDeals: deals,
      attainment: quota > 0 ? w / quota : null,
    };
  });
  const tq = teamCells.reduce((s, c) => s + c.quota, 0);
  const tw = teamCells.reduce((s, c) => s + c.won, 0);
  let cq = 0;
  let cw = 0;
  const waterfall = teamCells.map((c) => {
    cq += c.quota;
    cw += c.won;
    return {
      month: c.month,
      quota: c.quota,
      won: c.won,
      gap: c.quota - c.won,
      cumulativeQuota: cq,
      cumulativeWon: cw,
      cumulativeGap: cq - cw,
    };
  });
  return {
    metric: 'attainment',
    period: periodOut(ctx, p),
    currency: ctx.currency,
    definition:
      'attainment = new business won (close moment in the month) ÷ the monthly quota; quarter = Σ won ÷ Σ quota; renewals are not counted',
    defaultMonthlyQuota: defaultMonthly,
    team: {
      ownerId: null,
      ownerName: 'Team',
      months: teamCells,
      quota: tq,
      won: tw,
      attainment: tq > 0 ? tw / tq : null,
      usesDefaultQuota: byOwner.some((r) => r.usesDefaultQuota),
    },
    byOwner,
    unownedWon: unowned.reduce((s, c) => s + c.amount, 0),
    waterfall,
  };
}
