/** Building AnalysisContexts for the metric tests, and running every metric once. */
import type { z } from 'zod';
import { portalDataFromDataset, type AnalysisContext } from '../../../src/analysis/index.js';
import * as m from '../../../src/analysis/metrics/index.js';
import { parseTeamConfig, type TeamConfigInput } from '../../../src/config/index.js';
import { parsePortal, type PortalDatasetInput } from '../../../src/dataset/index.js';

export async function contextOf(
  input: PortalDatasetInput,
  opts: { config?: TeamConfigInput; asOf?: string } = {},
): Promise<AnalysisContext> {
  const dataset = parsePortal(input, 'test');
  const data = await portalDataFromDataset(dataset);
  return {
    data,
    config: parseTeamConfig(opts.config ?? {}),
    asOf: opts.asOf ?? new Date(dataset.portal.asOf).toISOString(),
    timezone: dataset.portal.timezone,
    currency: dataset.portal.currency,
  };
}

/** Every metric with its schema, in one list, so tests can run and validate them all. */
export function allMetrics(
  ctx: AnalysisContext,
  period?: m.PeriodInput,
): { name: string; schema: z.ZodType; value: unknown }[] {
  const quarter = m.resolvePeriod(ctx, undefined, 'quarter');
  const q = { from: new Date(quarter.from).toISOString(), to: new Date(quarter.to).toISOString() };
  const snaps = m.forecastSnapshots(m.forecastAccuracy(ctx, period ?? q));
  return [
    { name: 'weeklyMomentum', schema: m.weeklyMomentumSchema, value: m.weeklyMomentum(ctx, period) },
    { name: 'activityScorecard', schema: m.activityScorecardSchema, value: m.activityScorecard(ctx, period) },
    { name: 'pipelineCoverage', schema: m.pipelineCoverageSchema, value: m.pipelineCoverage(ctx, period) },
    { name: 'velocity', schema: m.velocitySchema, value: m.velocity(ctx, period) },
    { name: 'winLoss', schema: m.winLossSchema, value: m.winLoss(ctx, period) },
    { name: 'forecastAccuracy', schema: m.forecastAccuracySchema, value: m.forecastAccuracy(ctx, period ?? q) },
    { name: 'forecastLedger', schema: m.forecastLedgerSchema, value: m.forecastLedger(ctx, snaps) },
    { name: 'funnelConversion', schema: m.funnelConversionSchema, value: m.funnelConversion(ctx, period) },
    { name: 'handoffSla', schema: m.handoffSlaSchema, value: m.handoffSla(ctx, period) },
    { name: 'sourcedPipeline', schema: m.sourcedPipelineSchema, value: m.sourcedPipeline(ctx) },
    { name: 'bySource', schema: m.bySourceSchema, value: m.bySource(ctx, period) },
    { name: 'attribution:first_touch', schema: m.attributionSchema, value: m.attribution(ctx, 'first_touch', period) },
    { name: 'attribution:time_decay', schema: m.attributionSchema, value: m.attribution(ctx, 'time_decay', period) },
    { name: 'campaignRoi', schema: m.campaignRoiSchema, value: m.campaignRoi(ctx, period) },
    { name: 'accountAttribution', schema: m.accountAttributionSchema, value: m.accountAttribution(ctx) },
    { name: 'valuePerMql', schema: m.valuePerMqlSchema, value: m.valuePerMql(ctx) },
  ];
}
