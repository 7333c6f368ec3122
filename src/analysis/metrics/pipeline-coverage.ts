/**
 * SM-3 Pipeline coverage: is there enough open pipeline closing this quarter to make the rest of the quota?
 * Default period: this calendar quarter in the team's time zone; `{ from, to }` overrides it.
 *
 * Definitions (deal state as of asOf, from the histories; see common.ts):
 * - open pipeline: deals open as of asOf whose close date (an instant) lies in [from, to); amount (missing = 0).
 *   Deals in every pipeline count. Open deals with no close date are reported apart and not counted.
 * - weighted pipeline: Σ amount × the probability of the deal's current stage (unknown stage = 0).
 * - won: deals won as of asOf whose close moment (common.closedAt: when they last left the open stages) is in the
 *   period up to asOf; amount as of asOf.
 * - quota: config.targets.quarterlyQuota[ownerId], else defaultQuarterlyQuota (per quarter; not scaled for a custom
 *   period). Deals with no owner have no quota (0).
 * - remaining quota = max(0, quota − won).
 * - coverage = open pipeline ÷ remaining quota; null when nothing remains (quota made). Status: met when coverage ≥
 *   config.targets.coverage or nothing remains; behind otherwise.
 * - band (the strategy's 3–5×): below under config.targets.coverage, within up to config.coverageMax, over_stuffed
 *   above it (more pipeline than the quota can use: stale or unqualified deals inflate it), quota_made when nothing
 *   remains. `status` keeps its meaning (met when ≥ the lower bound).
 * Team: every deal (including those with no owner); quota = Σ of the AEs' quotas.
 * For a past quarter the open pipeline is what is still open now with a close date in it (i.e. slipped).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  addTo,
  countAmountSchema,
  emptyCountAmount,
  metricIndex,
  money,
  ownerIdSchema,
  ownerRefs,
  periodOut,
  periodSchema,
  resolvePeriod,
  type CountAmount,
  type PeriodInput,
} from './common.js';

export const COVERAGE_BANDS = ['below', 'within', 'over_stuffed', 'quota_made'] as const;

export const coverageRowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  open: countAmountSchema.describe('deals open as of asOf with close date in the period: count and amount'),
  weighted: money.describe('Σ amount × current stage probability over the open deals above'),
  openWithoutCloseDate: countAmountSchema.describe('open deals with no close date (not in the pipeline above)'),
  won: countAmountSchema.describe('deals won with their close moment in the period, up to asOf'),
  quota: money.describe('quarterly quota (config), Σ over AEs for the team'),
  remainingQuota: money.nonnegative().describe('max(0, quota − won amount)'),
  coverage: z.number().nonnegative().nullable().describe('open amount ÷ remaining quota; null when the quota is made'),
  target: z.number().positive().describe('coverage wanted (config.targets.coverage)'),
  status: z.enum(['met', 'behind']).describe('met when coverage ≥ target or the quota is made'),
  targetMax: z
    .number()
    .positive()
    .optional()
    .describe('top of the healthy band (config.coverageMax); above it the pipeline is over-stuffed'),
  band: z.enum(COVERAGE_BANDS).optional().describe('below the band, within it, over-stuffed above it, or quota made'),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const pipelineCoverageSchema = z
  .object({
    metric: z.literal('pipeline_coverage'),
    period: periodSchema,
    currency: z.string(),
    team: coverageRowSchema,
    byOwner: z.array(coverageRowSchema).describe('AEs: owners of any deal, plus owners with a configured quota'),
    definition: z.string().optional().describe('the coverage definition used, in words'),
  })
  .describe('SM-3 pipeline coverage: open and weighted pipeline closing in the quarter vs the quota still to make');
export type PipelineCoverage = z.infer<typeof pipelineCoverageSchema>;

interface Acc {
  open: CountAmount;
  weighted: number;
  noClose: CountAmount;
  won: CountAmount;
}
const emptyAcc = (): Acc => ({
  open: emptyCountAmount(),
  weighted: 0,
  noClose: emptyCountAmount(),
  won: emptyCountAmount(),
});

export function pipelineCoverage(ctx: AnalysisContext, quarter?: PeriodInput): PipelineCoverage {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, quarter, 'quarter');
  const targets = ctx.config.targets;
  const accs = new Map<string | null, Acc>();
  const team = emptyAcc();
  const acc = (owner: string | null) => {
    let a = accs.get(owner);
    if (!a) accs.set(owner, (a = emptyAcc()));
    return a;
  };

  for (const tl of ix.deals) {
    const s = ix.current(tl);
    const a = acc(tl.deal.ownerId);
    if (s.open) {
      if (s.closeDate === null) {
        addTo(a.noClose, s.amount);
        addTo(team.noClose, s.amount);
      } else if (s.closeDate >= p.from && s.closeDate < p.to) {
        const w = s.amount * (s.stage?.probability ?? 0);
        for (const x of [a, team]) {
          addTo(x.open, s.amount);
          x.weighted += w;
        }
      }
    } else if (s.won) {
      const at = ix.closedAt(tl);
      if (at !== null && at >= p.from && at <= p.through) {
        addTo(a.won, s.amount);
        addTo(team.won, s.amount);
      }
    }
  }
  for (const id of Object.keys(targets.quarterlyQuota)) acc(id);

  const quotaOf = (owner: string | null) =>
    owner === null ? 0 : (targets.quarterlyQuota[owner] ?? targets.defaultQuarterlyQuota);
  const row = (ownerId: string | null, ownerName: string, a: Acc, quota: number): CoverageRow => {
    const remainingQuota = Math.max(0, quota - a.won.amount);
    const coverage = remainingQuota > 0 ? a.open.amount / remainingQuota : null;
    return {
      ownerId,
      ownerName,
      open: a.open,
      weighted: a.weighted,
      openWithoutCloseDate: a.noClose,
      won: a.won,
      quota,
      remainingQuota,
      coverage: coverage === null ? null : Math.max(0, coverage),
      target: targets.coverage,
      status: coverage === null || coverage >= targets.coverage ? 'met' : 'behind',
      targetMax: ctx.config.coverageMax,
      band:
        coverage === null
          ? 'quota_made'
          : coverage < targets.coverage
            ? 'below'
            : coverage > ctx.config.coverageMax
              ? 'over_stuffed'
              : 'within',
    };
  };
  const owners = ownerRefs(ix, accs.keys());
  const byOwner = owners.map((o) => row(o.ownerId, o.ownerName, accs.get(o.ownerId)!, quotaOf(o.ownerId)));
  const teamQuota = owners.reduce((s, o) => s + quotaOf(o.ownerId), 0);
  return {
    metric: 'pipeline_coverage',
    period: periodOut(ctx, p),
    currency: ctx.currency,
    team: row(null, 'Team', team, teamQuota),
    byOwner,
    definition: `coverage = open pipeline with a close date in the period ÷ the period's quota still to win (quota − won); healthy band ${targets.coverage}–${ctx.config.coverageMax}×, above ${ctx.config.coverageMax}× over-stuffed`,
  };
}
