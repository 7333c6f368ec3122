/**
 * Sales and marketing metrics: pure functions of an AnalysisContext, each with a zod output schema whose
 * descriptions state its definitions. Periods default to this week (Monday 00:00 in the team's time zone) unless
 * a metric says otherwise, and take `{ from, to }` (ISO) overrides. Shared conventions: common.ts.
 */
export {
  periodInputSchema,
  periodSchema,
  countAmountSchema,
  resolvePeriod,
  staleAt,
  LIFECYCLE_STAGES,
  SMARTLEAD_CHANNEL,
  MetricInvariantError,
  type PeriodInput,
  type PeriodOut,
  type Period,
  type CountAmount,
  type LifecycleStage,
} from './common.js';
export { weeklyMomentum, weeklyMomentumSchema, momentumRowSchema, waterfallSchema, type WeeklyMomentum, type MomentumRow, type Waterfall } from './weekly-momentum.js';
export { activityScorecard, activityScorecardSchema, scorecardRowSchema, KPI_STATUSES, type ActivityScorecard, type ScorecardRow } from './activity-scorecard.js';
export { pipelineCoverage, pipelineCoverageSchema, coverageRowSchema, type PipelineCoverage, type CoverageRow } from './pipeline-coverage.js';
export { velocity, velocitySchema, velocityRowSchema, stageVelocitySchema, type Velocity, type VelocityRow } from './velocity.js';
export { winLoss, winLossSchema, LOST_REASON_GROUPS, LOST_REASON_GROUP_IDS, normalizeLostReason, lostReasonGroup, type WinLoss, type LostReasonGroup } from './win-loss.js';
export {
  forecastAccuracy,
  forecastAccuracySchema,
  forecastRowSchema,
  forecastLedger,
  forecastLedgerSchema,
  forecastSnapshotSchema,
  forecastSnapshots,
  forecastAccuracyScore,
  type ForecastAccuracy,
  type ForecastRow,
  type ForecastLedger,
  type ForecastSnapshot,
} from './forecast-accuracy.js';
export { funnelConversion, funnelConversionSchema, FUNNEL_STAGES, type FunnelConversion, type FunnelStage } from './funnel-conversion.js';
export { handoffSla, handoffSlaSchema, HANDOFF_STATUSES, type HandoffSla } from './handoff-sla.js';
export { sourcedPipeline, sourcedPipelineSchema, SOURCE_CLASSES, SOURCE_CLASS_IDS, sourceClass, type SourcedPipeline, type SourceClass } from './sourced-pipeline.js';
export { bySource, bySourceSchema, type BySource } from './by-source.js';
export { attribution, attributionSchema, touchCredits, ATTRIBUTION_MODELS, NO_TOUCH, type Attribution, type AttributionModel } from './attribution.js';
export { campaignRoi, campaignRoiSchema, type CampaignRoi } from './campaign-roi.js';
export { accountAttribution, accountAttributionSchema, type AccountAttribution } from './account-attribution.js';
export { valuePerMql, valuePerMqlSchema, type ValuePerMql } from './value-per-mql.js';
