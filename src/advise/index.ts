/**
 * The RevOps advisor: deterministic answers to the RevOps questions (lifecycle stages, lead scoring, pipeline stage
 * management, the metrics to track, data hygiene) built from this portal's own numbers — the metrics and checks —
 * each with a prioritised plan and what the data cannot tell. A request outside RevOps says so.
 */
import type { AnalysisContext } from '../analysis/index.js';
import type { AdviseOptions, AdviseTopic } from './common.js';
import type { AdviceReport } from './report.js';
import { adviseHygiene } from './hygiene.js';
import { adviseLifecycle } from './lifecycle.js';
import { adviseMetrics } from './metrics.js';
import { advisePipeline } from './pipeline.js';
import { adviseOutOfScope } from './scope.js';
import { adviseScoring } from './scoring.js';

export function advise(
  ctx: AnalysisContext,
  topic: AdviseTopic,
  opts: AdviseOptions & { request?: string } = {},
): AdviceReport {
  switch (topic) {
    case 'lifecycle':
      return adviseLifecycle(ctx);
    case 'scoring':
      return adviseScoring(ctx);
    case 'pipeline':
      return advisePipeline(ctx);
    case 'metrics':
      return adviseMetrics(ctx);
    case 'hygiene':
      return adviseHygiene(ctx, opts);
    case 'out_of_scope':
      return adviseOutOfScope(ctx, opts.request ?? null);
  }
}

export { ADVISE_TOPICS, type AdviseTopic, type AdviseOptions, type PlanItem, type RecordRef } from './common.js';
export { classifyQuestion, asksForAdvice } from './scope.js';
export { renderAdvice, type RenderOptions } from './render.js';
export { adviceReportSchema, type AdviceReport } from './report.js';
export { MAX_STAY_FACTOR } from './pipeline.js';
export { STUCK_DAYS, QUALIFY_HOURS } from './lifecycle.js';
export type { PipelineAdvice } from './pipeline.js';
export type { LifecycleAdvice } from './lifecycle.js';
export type { ScoringAdvice } from './scoring.js';
export type { MetricsAdvice } from './metrics.js';
export type { HygieneAdvice } from './hygiene.js';
export type { OutOfScopeAdvice } from './scope.js';
