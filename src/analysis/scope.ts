/** A context narrowed to one pipeline: its deals only (engagements stay; metrics read deals through their ids). */
import type { AnalysisContext } from './input.js';

const cache = new WeakMap<AnalysisContext, Map<string, AnalysisContext>>();

/** The same context object for the same pipeline, so derived indexes (derive's WeakMap) are built once. */
export function scopeToPipeline(ctx: AnalysisContext, pipelineId: string | undefined): AnalysisContext {
  if (!pipelineId) return ctx;
  let byPipeline = cache.get(ctx);
  if (!byPipeline) cache.set(ctx, (byPipeline = new Map<string, AnalysisContext>()));
  const hit = byPipeline.get(pipelineId);
  if (hit) return hit;
  const crm = ctx.data.crm;
  const scoped: AnalysisContext = {
    ...ctx,
    data: {
      ...ctx.data,
      crm: {
        ...crm,
        deals: crm.deals.filter((d) => d.pipelineId === pipelineId),
        pipelines: crm.pipelines.filter((p) => p.id === pipelineId),
      },
    },
  };
  byPipeline.set(pipelineId, scoped);
  return scoped;
}
