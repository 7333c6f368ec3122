/** `mis report weekly`: SM-1 momentum with its waterfall, SM-2 scorecard and SM-3 coverage for one week. */
import { z } from 'zod';
import type { AnalysisContext } from './input.js';
import { activityScorecard, activityScorecardSchema, pipelineCoverage, pipelineCoverageSchema, weeklyMomentum, weeklyMomentumSchema, type PeriodInput } from './metrics/index.js';

export const weeklyReportSchema = z.object({
  report: z.literal('weekly'),
  asOf: z.string(),
  currency: z.string(),
  timezone: z.string(),
  momentum: weeklyMomentumSchema,
  scorecard: activityScorecardSchema,
  coverage: pipelineCoverageSchema,
});
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;

export function weeklyReport(ctx: AnalysisContext, week?: PeriodInput): WeeklyReport {
  return weeklyReportSchema.parse({
    report: 'weekly',
    asOf: ctx.asOf,
    currency: ctx.currency,
    timezone: ctx.timezone,
    momentum: weeklyMomentum(ctx, week),
    scorecard: activityScorecard(ctx, week),
    coverage: pipelineCoverage(ctx),
  });
}
