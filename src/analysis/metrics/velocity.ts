/**
 * SM-4 Velocity: how long deals sit in each stage, how long a won deal takes, and the sales-velocity formula with
 * each factor shown, per AE and for the team.
 *
 * Definitions (histories up to asOf; a day = 24 h, fractional):
 * - A stay is a run of consecutive stage-history entries with the same stage; it starts at its first entry and ends
 *   at the next entry with another stage. A deal with no stage history has one stay, in its current stage, from
 *   creation. Only stays in open stages known to the pipelines are reported.
 * - completed stays: stays that have ended (the deal moved on, whether it is now open or closed). Median and p75
 *   (linear interpolation, PERCENTILE.INC) of their length, per stage. With a period, only stays that ended in it.
 * - current age: for deals open as of asOf, the time since they entered their current stage (median, p75, count).
 * - closed deals: won / lost as of asOf (common.closedAt = close moment); with a period, those closed in it,
 *   otherwise all of them.
 * - average cycle days: mean over the won closed deals of (close moment − createdAt) in days.
 * - win rate: won ÷ (won + lost) by count over the closed deals.
 * - average won deal size: mean amount of the won closed deals that have an amount.
 * - open deals: deals open as of asOf.
 * - sales velocity = open deals × average won deal size × win rate ÷ average cycle days (currency per day); null when
 *   a factor is missing or the cycle is 0.
 * Owner = the deal's current owner; the team row counts every deal.
 * New business and renewals are kept apart (economics.isRenewal): `team` and `byOwner` count new business only by
 * default (`scope`), and `renewals` gives the same figures for renewals and expansions on their own (team and per
 * AE) with gross / net revenue retention over the renewals closed in the period (economics.retentionOf).
 * Stages listed: those of pipelines holding deals of the scope (new business: no renewal-only pipeline).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  closedIn,
  dealScopeSchema,
  inScope,
  isRenewalPipeline,
  retentionOf,
  retentionSchema,
  type DealScope,
} from './economics.js';
import {
  DAY_MS,
  metricIndex,
  money,
  ownerIdSchema,
  ownerRefs,
  percentile,
  periodOut,
  periodSchema,
  ratio,
  resolvePeriod,
  share,
  sum,
  valueThrough,
  type PeriodInput,
} from './common.js';

const dist = (what: string) =>
  z
    .object({
      count: z.number().int().nonnegative(),
      medianDays: z.number().nullable(),
      p75Days: z.number().nullable(),
    })
    .describe(what);

export const stageVelocitySchema = z.object({
  pipelineId: z.string(),
  stageId: z.string(),
  label: z.string(),
  order: z.number().int().describe('position in the pipeline (0-based)'),
  completed: dist('stays in this stage that have ended: days from entering to leaving'),
  currentAge: dist('deals open in this stage now: days since they entered it'),
});

export const velocityRowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  stages: z.array(stageVelocitySchema).describe('open stages of every pipeline, in pipeline then stage order'),
  openDeals: z.number().int().nonnegative().describe('deals open as of asOf'),
  wonDeals: z.number().int().nonnegative().describe('won deals considered (closed in the period, or all)'),
  lostDeals: z.number().int().nonnegative().describe('lost deals considered'),
  winRate: share.nullable().describe('won ÷ (won + lost), by count'),
  averageWonAmount: money.nullable().describe('mean amount of won deals with an amount'),
  averageCycleDays: z.number().nullable().describe('mean days from creation to close over won deals'),
  medianCycleDays: z.number().nullable().describe('median days from creation to close over won deals'),
  salesVelocity: money.nullable().describe('openDeals × averageWonAmount × winRate ÷ averageCycleDays, per day'),
});
export type VelocityRow = z.infer<typeof velocityRowSchema>;

export const velocitySchema = z
  .object({
    metric: z.literal('velocity'),
    period: periodSchema
      .nullable()
      .describe('window for closed deals and completed stays; null = all history up to asOf'),
    asOf: z.string(),
    currency: z.string(),
    team: velocityRowSchema,
    byOwner: z.array(velocityRowSchema),
    scope: dealScopeSchema.optional().describe('which deals team and byOwner count (default new_business)'),
    renewals: z
      .object({
        team: velocityRowSchema,
        byOwner: z.array(velocityRowSchema),
        retention: retentionSchema.describe(
          'GRR / NRR over renewals closed in the period (all history when no period is given)',
        ),
      })
      .optional()
      .describe('renewals and expansions on their own (present when scope is new_business)'),
  })
  .describe('SM-4 velocity: days in stage, cycle length and sales velocity (with its factors)');
export type Velocity = z.infer<typeof velocitySchema>;

interface Acc {
  completed: Map<string, number[]>;
  current: Map<string, number[]>;
  open: number;
  won: number;
  lost: number;
  wonAmounts: number[];
  cycles: number[];
}
const emptyAcc = (): Acc => ({
  completed: new Map(),
  current: new Map(),
  open: 0,
  won: 0,
  lost: 0,
  wonAmounts: [],
  cycles: [],
});
const add = (m: Map<string, number[]>, k: string, v: number) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

export function velocity(ctx: AnalysisContext, period?: PeriodInput, scope: DealScope = 'new_business'): Velocity {
  const core = velocityCore(ctx, period, scope);
  if (scope !== 'new_business') return core;
  const ren = velocityCore(ctx, period, 'renewals');
  const ix = metricIndex(ctx);
  const p = period
    ? resolvePeriod(ctx, period, 'week')
    : { kind: 'custom' as const, from: -Infinity, to: Infinity, through: ix.asOf };
  const closed = closedIn(ctx, ix, p);
  return {
    ...core,
    renewals: {
      team: { ...ren.team, ownerName: 'Team (renewals)' },
      byOwner: ren.byOwner,
      retention: retentionOf(ctx, closed),
    },
  };
}

function velocityCore(ctx: AnalysisContext, period: PeriodInput | undefined, scope: DealScope): Velocity {
  const ix = metricIndex(ctx);
  const p = period ? resolvePeriod(ctx, period, 'week') : null;
  const inWindow = (t: number) => (p ? t >= p.from && t <= p.through : t <= ix.asOf);
  const accs = new Map<string | null, Acc>();
  const team = emptyAcc();

  for (const tl of ix.deals) {
    if (tl.created > ix.asOf || !inScope(ctx, tl.deal, scope)) continue;
    const owner = tl.deal.ownerId;
    let a = accs.get(owner);
    if (!a) accs.set(owner, (a = emptyAcc()));
    const targets = [a, team];
    const pipelineId = tl.deal.pipelineId;
    const isOpenStage = (id: string) => {
      const s = ix.d.stageById(pipelineId, id);
      return s !== undefined && !s.isClosed;
    };

    // stays
    const stays: { stage: string; start: number }[] = [];
    if (tl.stage.at.length === 0) stays.push({ stage: tl.stage.before, start: tl.created });
    for (let i = 0; i < tl.stage.at.length; i++) {
      const v = tl.stage.values[i]!;
      if (stays.length > 0 && stays[stays.length - 1]!.stage === v) continue;
      stays.push({ stage: v, start: tl.stage.at[i]! });
    }
    for (let i = 0; i < stays.length; i++) {
      const st = stays[i]!;
      if (!isOpenStage(st.stage)) continue;
      const key = `${pipelineId}:${st.stage}`;
      const next = stays[i + 1];
      if (next) {
        if (inWindow(next.start)) for (const x of targets) add(x.completed, key, (next.start - st.start) / DAY_MS);
      }
    }

    const s = ix.current(tl);
    if (s.open) {
      for (const x of targets) x.open++;
      const last = stays[stays.length - 1];
      if (last && last.stage === s.stageId && isOpenStage(last.stage)) {
        for (const x of targets) add(x.current, `${pipelineId}:${last.stage}`, (ix.asOf - last.start) / DAY_MS);
      }
    } else {
      const closed = ix.closedAt(tl);
      if (closed === null || !inWindow(closed)) continue;
      if (s.won) {
        for (const x of targets) {
          x.won++;
          if (valueThrough(tl.amount, ix.asOf) !== null) x.wonAmounts.push(s.amount);
          x.cycles.push(Math.max(0, closed - tl.created) / DAY_MS);
        }
      } else for (const x of targets) x.lost++;
    }
  }

  const scoped = new Set(ix.deals.filter((tl) => inScope(ctx, tl.deal, scope)).map((tl) => tl.deal.pipelineId));
  const shown = (id: string) =>
    scope === 'all' || scoped.has(id) || (scope === 'new_business' && !isRenewalPipeline(ctx, id));
  const stageList = ctx.data.crm.pipelines
    .filter((pl) => shown(pl.id))
    .flatMap((pl) =>
      pl.stages
        .map((st) => ix.d.stageById(pl.id, st.id))
        .filter((st): st is NonNullable<typeof st> => st !== undefined && !st.isClosed)
        .map((st) => ({ pipelineId: pl.id, stageId: st.id, label: st.label, order: st.order })),
    );
  const distOf = (xs: number[] | undefined) => ({
    count: xs?.length ?? 0,
    medianDays: percentile(xs ?? [], 0.5),
    p75Days: percentile(xs ?? [], 0.75),
  });
  const row = (ownerId: string | null, ownerName: string, a: Acc): VelocityRow => {
    const winRate = ratio(a.won, a.won + a.lost);
    const averageWonAmount = a.wonAmounts.length > 0 ? sum(a.wonAmounts) / a.wonAmounts.length : null;
    const averageCycleDays = a.cycles.length > 0 ? sum(a.cycles) / a.cycles.length : null;
    const salesVelocity =
      winRate !== null && averageWonAmount !== null && averageCycleDays !== null && averageCycleDays > 0
        ? (a.open * averageWonAmount * winRate) / averageCycleDays
        : null;
    return {
      ownerId,
      ownerName,
      stages: stageList.map((st) => {
        const key = `${st.pipelineId}:${st.stageId}`;
        return { ...st, completed: distOf(a.completed.get(key)), currentAge: distOf(a.current.get(key)) };
      }),
      openDeals: a.open,
      wonDeals: a.won,
      lostDeals: a.lost,
      winRate,
      averageWonAmount,
      averageCycleDays,
      medianCycleDays: percentile(a.cycles, 0.5),
      salesVelocity,
    };
  };
  return {
    metric: 'velocity',
    period: p ? periodOut(ctx, p) : null,
    asOf: new Date(ix.asOf).toISOString(),
    currency: ctx.currency,
    team: row(null, 'Team', team),
    byOwner: ownerRefs(ix, accs.keys()).map((o) => row(o.ownerId, o.ownerName, accs.get(o.ownerId)!)),
    scope,
  };
}
