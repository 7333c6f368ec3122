/**
 * Pipeline aging (seed 001): the share of open deals that have sat in their stage longer than config.aging.factor
 * (1.5) × that stage's median stay.
 *
 * Definitions:
 * - a stay: a run of consecutive stage-history entries (≤ asOf) with the same stage; completed when a later entry
 *   changes the stage. Its days = (next stage's first instant − the stay's first instant) ÷ 1 day.
 * - a stage's median = the median days of completed stays in it over every deal (all history up to asOf).
 * - age of an open deal = days from the start of its current stay to asOf (no history: from its creation).
 * - aged: age > factor × the stage's median. Deals in a stage with fewer than 3 completed stays have no baseline and
 *   are counted apart (never aged).
 * - share aged = aged ÷ open deals with a baseline; per stage, per AE (current owner) and team.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { DAY_MS, cmp, compareIds, metricIndex, money, ownerIdSchema, ownerRefs, percentile, share } from './common.js';

const MIN_STAYS = 3;

const countsSchema = z.object({
  open: z.number().int().nonnegative(),
  withBaseline: z.number().int().nonnegative(),
  aged: z.number().int().nonnegative(),
  agedAmount: money,
  shareAged: share.nullable().describe('aged ÷ open deals with a baseline'),
});

export const agingSchema = z
  .object({
    metric: z.literal('aging'),
    asOf: z.string(),
    currency: z.string(),
    factor: z.number().positive(),
    definition: z.string(),
    team: countsSchema,
    byStage: z.array(
      countsSchema.extend({
        pipelineId: z.string(),
        stageId: z.string(),
        label: z.string(),
        medianDays: z.number().nonnegative().nullable(),
        completedStays: z.number().int().nonnegative(),
        limitDays: z.number().nonnegative().nullable(),
      }),
    ),
    byOwner: z.array(countsSchema.extend({ ownerId: ownerIdSchema, ownerName: z.string() })),
    deals: z
      .array(
        z.object({
          dealId: z.string(),
          dealName: z.string(),
          ownerId: ownerIdSchema,
          stage: z.string(),
          ageDays: z.number().nonnegative(),
          limitDays: z.number().nonnegative(),
          amount: money,
        }),
      )
      .describe('aged deals, oldest relative to their limit first'),
  })
  .describe("Share of open deals older than 1.5× their stage's median stay");
export type Aging = z.infer<typeof agingSchema>;

export function aging(ctx: AnalysisContext): Aging {
  const ix = metricIndex(ctx);
  const factor = ctx.config.aging.factor;
  const stays = new Map<string, number[]>();
  const current: { tl: (typeof ix.deals)[number]; key: string; since: number }[] = [];
  for (const tl of ix.deals) {
    const { at, values } = tl.stage;
    const pl = tl.deal.pipelineId;
    let start = 0;
    for (let i = 1; i <= at.length; i++) {
      if (i < at.length && values[i] === values[start]) continue;
      if (i < at.length) {
        const key = `${pl}:${values[start]}`;
        const list = stays.get(key) ?? [];
        list.push((at[i]! - Math.max(at[start]!, tl.created)) / DAY_MS);
        stays.set(key, list);
      }
      start = i;
    }
    const s = ix.current(tl);
    if (!s.open) continue;
    let since = tl.created;
    for (let i = at.length - 1; i >= 0; i--) {
      if (values[i] !== s.stageId) break;
      since = Math.max(at[i]!, tl.created);
    }
    current.push({ tl, key: `${pl}:${s.stageId}`, since });
  }
  const empty = () => ({ open: 0, withBaseline: 0, aged: 0, agedAmount: 0 });
  const team = empty();
  const byStage = new Map<string, ReturnType<typeof empty>>();
  const byOwner = new Map<string | null, ReturnType<typeof empty>>();
  const agedDeals: Aging['deals'] = [];
  for (const c of current) {
    const list = stays.get(c.key) ?? [];
    const median = list.length >= MIN_STAYS ? percentile(list, 0.5) : null;
    const age = (ix.asOf - c.since) / DAY_MS;
    const s = ix.current(c.tl);
    const targets = [team, byStage.get(c.key) ?? empty(), byOwner.get(c.tl.deal.ownerId) ?? empty()];
    byStage.set(c.key, targets[1]!);
    byOwner.set(c.tl.deal.ownerId, targets[2]!);
    const aged = median !== null && age > factor * median;
    for (const t of targets) {
      t.open++;
      if (median !== null) t.withBaseline++;
      if (aged) {
        t.aged++;
        t.agedAmount += s.amount;
      }
    }
    if (aged)
      agedDeals.push({
        dealId: c.tl.deal.id,
        dealName: c.tl.deal.name,
        ownerId: c.tl.deal.ownerId,
        stage: s.stage?.label ?? s.stageId,
        ageDays: age,
        limitDays: factor * median!,
        amount: s.amount,
      });
  }
  const withShare = <T extends ReturnType<typeof empty>>(x: T) => ({
    ...x,
    shareAged: x.withBaseline > 0 ? x.aged / x.withBaseline : null,
  });
  const stageRows = [...ix.d.stages.values()]
    .filter(
      (st) => !st.isClosed && (byStage.has(`${st.pipelineId}:${st.id}`) || stays.has(`${st.pipelineId}:${st.id}`)),
    )
    .sort((a, b) => cmp(a.pipelineId, b.pipelineId) || a.order - b.order)
    .map((st) => {
      const key = `${st.pipelineId}:${st.id}`;
      const list = stays.get(key) ?? [];
      const median = list.length >= MIN_STAYS ? percentile(list, 0.5) : null;
      return {
        pipelineId: st.pipelineId,
        stageId: st.id,
        label: st.label,
        medianDays: median,
        completedStays: list.length,
        limitDays: median === null ? null : factor * median,
        ...withShare(byStage.get(key) ?? empty()),
      };
    });
  agedDeals.sort((a, b) => b.ageDays / b.limitDays - a.ageDays / a.limitDays || compareIds(a.dealId, b.dealId));
  return {
    metric: 'aging',
    asOf: ctx.asOf,
    currency: ctx.currency,
    factor,
    definition: `aged = an open deal in its current stage longer than ${factor} × the median completed stay in that stage (stages with fewer than ${MIN_STAYS} completed stays have no baseline)`,
    team: withShare(team),
    byStage: stageRows,
    byOwner: ownerRefs(ix, byOwner.keys()).map((o) => ({
      ownerId: o.ownerId,
      ownerName: o.ownerName,
      ...withShare(byOwner.get(o.ownerId)!),
    })),
    deals: agedDeals,
  };
}
