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
  lifecycleOf,
  SMARTLEAD_CHANNEL,
  MetricInvariantError,
  type PeriodInput,
  type PeriodOut,
  type Period,
  type CountAmount,
  type LifecycleStage,
} from './common.js';
export {
  weeklyMomentum,
  weeklyMomentumSchema,
  momentumRowSchema,
  waterfallSchema,
  type WeeklyMomentum,
  type MomentumRow,
  type Waterfall,
} from './weekly-momentum.js';
export {
  activityScorecard,
  activityScorecardSchema,
  scorecardRowSchema,
  KPI_STATUSES,
  type ActivityScorecard,
  type ScorecardRow,
} from './activity-scorecard.js';
export {
  pipelineCoverage,
  pipelineCoverageSchema,
  coverageRowSchema,
  type PipelineCoverage,
  type CoverageRow,
} from './pipeline-coverage.js';
export {
  velocity,
  velocitySchema,
  velocityRowSchema,
  stageVelocitySchema,
  type Velocity,
  type VelocityRow,
} from './velocity.js';
export {
  winLoss,
  winLossSchema,
  LOST_REASON_GROUPS,
  LOST_REASON_GROUP_IDS,
  normalizeLostReason,
  lostReasonGroup,
  type WinLoss,
  type LostReasonGroup,
} from './win-loss.js';
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
export {
  funnelConversion,
  funnelConversionSchema,
  FUNNEL_STAGES,
  type FunnelConversion,
  type FunnelStage,
} from './funnel-conversion.js';
export { handoffSla, handoffSlaSchema, HANDOFF_STATUSES, type HandoffSla } from './handoff-sla.js';
export {
  sourcedPipeline,
  sourcedPipelineSchema,
  SOURCE_CLASSES,
  SOURCE_CLASS_IDS,
  sourceClass,
  type SourcedPipeline,
  type SourceClass,
} from './sourced-pipeline.js';
export { bySource, bySourceSchema, type BySource } from './by-source.js';
export {
  attribution,
  attributionSchema,
  touchCredits,
  ATTRIBUTION_MODELS,
  NO_TOUCH,
  type Attribution,
  type AttributionModel,
} from './attribution.js';
export { campaignRoi, campaignRoiSchema, type CampaignRoi } from './campaign-roi.js';
export { accountAttribution, accountAttributionSchema, type AccountAttribution } from './account-attribution.js';
export { valuePerMql, valuePerMqlSchema, type ValuePerMql } from './value-per-mql.js';
// Unit economics, conversion, attainment, forward forecast, aging, speed to lead, lead scores, leaderboard, budget, MA-5.
export { startOfMonth, addMonths, monthKey, monthsIn, trailingYear, isRenewal } from './economics.js';
export { cac, cacSchema, ltv, ltvSchema, type Cac, type Ltv } from './unit-economics.js';
export {
  stageConversion,
  stageConversionSchema,
  type StageConversion,
  type ConversionStep,
} from './stage-conversion.js';
export { attainment, attainmentSchema, type Attainment } from './attainment.js';
export {
  forwardForecast,
  forwardForecastSchema,
  forecastReportSchema,
  forecastCategory,
  type ForwardForecast,
  type ForecastReport,
} from './forward-forecast.js';
export { aging, agingSchema, type Aging } from './aging.js';
export { speedToLead, speedToLeadSchema, type SpeedToLead } from './speed-to-lead.js';
export {
  leadScores,
  leadScoresSchema,
  scoreContact,
  SCORE_BANDS,
  type LeadScores,
  type LeadScore,
} from './lead-scores.js';
export { leaderboard, leaderboardSchema, type Leaderboard } from './leaderboard.js';
export { budget, budgetSchema, type Budget } from './budget.js';
export { channelPerformance, channelPerformanceSchema, type ChannelPerformance } from './channel-performance.js';
export { COVERAGE_BANDS } from './pipeline-coverage.js';
