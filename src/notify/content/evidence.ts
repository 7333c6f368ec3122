/** What the synced cache shows on a deal between two instants: the evidence that a nudge was acted on. */
import { derive, type AnalysisContext } from '../../analysis/index.js';
import type { ActionEvidence, EvidenceFn, EvidenceKind } from '../policy/responsiveness.js';

export function crmEvidence(ctx: AnalysisContext): EvidenceFn {
  const d = derive(ctx);
  return (dealId, afterIso, beforeIso) => {
    const deal = d.deals.get(dealId);
    if (!deal) return null;
    const after = Date.parse(afterIso);
    const before = beforeIso ? Date.parse(beforeIso) : Number.POSITIVE_INFINITY;
    let best: ActionEvidence | null = null;
    const consider = (at: number, kind: EvidenceKind) => {
      if (!(at > after && at <= before)) return;
      if (!best || at < Date.parse(best.at)) best = { kind, at: new Date(at).toISOString() };
    };
    // The first history entry is the deal's creation, not a change.
    deal.stageHistory.slice(1).forEach((h) => consider(Date.parse(h.timestamp), 'stage'));
    deal.closeDateHistory.slice(1).forEach((h) => consider(Date.parse(h.timestamp), 'deal_update'));
    deal.amountHistory.slice(1).forEach((h) => consider(Date.parse(h.timestamp), 'deal_update'));
    for (const e of d.engagementsByDeal.get(dealId) ?? []) {
      if (e.kind === 'task' && e.status !== 'COMPLETED') continue;
      // Logged after the nudge: when it was created in HubSpot (an AE logs yesterday's call today).
      consider(Date.parse(e.createdAt), e.kind);
    }
    return best;
  };
}
