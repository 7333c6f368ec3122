/** What the quick-log page shows about a deal: its name and its pipeline's open stages (from the synced cache). */
import { derive, type AnalysisContext } from '../analysis/index.js';
import type { ActionsDeps } from './actions.js';

export function dealLookup(ctx: AnalysisContext): NonNullable<ActionsDeps['deal']> {
  const d = derive(ctx);
  return (dealId) => {
    const deal = d.deals.get(dealId);
    if (!deal) return null;
    const pipeline = ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
    const stages = (pipeline?.stages ?? []).filter((s) => !s.isClosed).map((s) => ({ id: s.id, label: s.label }));
    return { label: deal.name ?? `Deal ${deal.id}`, stageId: deal.stageId, stages };
  };
}
