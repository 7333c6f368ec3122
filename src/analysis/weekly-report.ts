/** `mis report weekly`: SM-1 momentum with its waterfall, SM-2 scorecard and SM-3 coverage for one week. */
import { z } from 'zod';
import type { AnalysisContext } from './input.js';
import {
  activityScorecard,
  activityScorecardSchema,
  pipelineCoverage,
  pipelineCoverageSchema,
  weeklyMomentum,
  weeklyMomentumSchema,
  type PeriodInput,
} from './metrics/index.js';
import {
  resolvePeriod,
  aging,
  agingSchema,
  attainment,
  attainmentSchema,
  forwardForecast,
  forwardForecastSchema,
  speedToLead,
  speedToLeadSchema,
} from './metrics/index.js';

export const weeklyReportSchema = z.object({
  report: z.literal('weekly'),
  asOf: z.string(),
  currency: z.string(),
  timezone: z.string(),
  momentum: weeklyMomentumSchema,
  scorecard: activityScorecardSchema,
  coverage: pipelineCoverageSchema,
  // Added with the strategy metrics (optional): where a manager looks on Monday.
  attainment: attainmentSchema.optional().describe('quota attainment this quarter, per AE and month'),
  forecast: forwardForecastSchema.optional().describe('forward forecast by month and category, week-over-week change'),
  aging: agingSchema.optional().describe("open deals older than 1.5× their stage's median"),
  speedToLead: speedToLeadSchema.optional().describe('MQLs of the week: first touch vs 4 h, attempts vs 8'),
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
    attainment: attainment(ctx),
    forecast: forwardForecast(ctx),
    aging: aging(ctx),
    speedToLead: speedToLead(ctx, week ?? weekOf(ctx)),
  });
}

function weekOf(ctx: AnalysisContext): PeriodInput {
  const p = resolvePeriod(ctx, undefined, 'week');
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() };
}
