/**
 * Positive reinforcement: today's wins (activity logged against a daily share of the weekly target, stage moves,
 * deals won) and the week so far against the KPI targets (the SM-2 scorecard's counts, so the numbers agree).
 */
import { z } from 'zod';
import { derive, startOfDay, DAY_MS, type AnalysisContext } from '../../analysis/index.js';
import { activityScorecard } from '../../analysis/metrics/index.js';
import { formatMoney } from '../../format/index.js';

const kpi = z.object({ actual: z.number().int().nonnegative(), target: z.number().nonnegative() });

export const winsSchema = z.object({
  callsToday: z.number().int().nonnegative(),
  callsTargetToday: z.number().int().nonnegative().describe('the weekly call target ÷ 5 working days, rounded up'),
  meetingsToday: z.number().int().nonnegative(),
  notesToday: z.number().int().nonnegative(),
  stageMoves: z
    .array(z.object({ dealId: z.string(), dealName: z.string(), from: z.string(), to: z.string() }))
    .describe('deals moved forward today'),
  dealsWon: z
    .array(
      z.object({ dealId: z.string(), dealName: z.string(), amount: z.number().nullable(), amountText: z.string() }),
    )
    .describe('deals won today'),
});
export type Wins = z.infer<typeof winsSchema>;

export const weekSchema = z
  .object({ calls: kpi, emails: kpi, meetings: kpi, notes: kpi })
  .describe('this week (Monday 00:00 local) so far vs the weekly KPI targets');
export type WeekProgress = z.infer<typeof weekSchema>;

export function winsAndWeek(ctx: AnalysisContext, ownerId: string): { wins: Wins; week: WeekProgress } {
  const asOf = Date.parse(ctx.asOf);
  const from = startOfDay(asOf, ctx.timezone);
  const today = activityScorecard(ctx, {
    from: new Date(from).toISOString(),
    to: new Date(from + DAY_MS).toISOString(),
  }).byOwner.find((r) => r.ownerId === ownerId);
  const week = activityScorecard(ctx).byOwner.find((r) => r.ownerId === ownerId);
  const t = ctx.config.targets.weekly;
  const d = derive(ctx);
  const stageMoves: Wins['stageMoves'] = [];
  const dealsWon: Wins['dealsWon'] = [];
  for (const deal of d.deals.values()) {
    if (deal.ownerId !== ownerId) continue;
    const h = deal.stageHistory;
    for (let i = 1; i < h.length; i++) {
      const at = Date.parse(h[i]!.timestamp);
      if (at < from || at > asOf) continue;
      const prev = h[i - 1]!.value ? d.stageById(deal.pipelineId, h[i - 1]!.value!) : undefined;
      const next = h[i]!.value ? d.stageById(deal.pipelineId, h[i]!.value!) : undefined;
      if (!prev || !next) continue;
      if (next.isWon)
        dealsWon.push({
          dealId: deal.id,
          dealName: deal.name,
          amount: deal.amount,
          amountText: formatMoney(deal.amount, ctx.currency),
        });
      else if (!next.isClosed && next.order > prev.order)
        stageMoves.push({ dealId: deal.id, dealName: deal.name, from: prev.label, to: next.label });
    }
  }
  const k = (actual: number | undefined, target: number) => ({ actual: actual ?? 0, target });
  return {
    wins: {
      callsToday: today?.calls.actual ?? 0,
      callsTargetToday: Math.ceil(t.calls / 5),
      meetingsToday: today?.meetings.actual ?? 0,
      notesToday: today?.notes.actual ?? 0,
      stageMoves,
      dealsWon,
    },
    week: {
      calls: k(week?.calls.actual, t.calls),
      emails: k(week?.emails.actual, t.emails),
      meetings: k(week?.meetings.actual, t.meetings),
      notes: k(week?.notes.actual, t.notes),
    },
  };
}
