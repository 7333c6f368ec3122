/** HC-1 input: the stage claims of recorded reconciliations, for `mis check`'s stage_mismatch. */
import type { AeUpdateStageClaim } from '../analysis/index.js';
import type { StoredReconciliation } from '../state/index.js';
import { reconcileResultSchema } from './schema.js';

/** Days an update's stage claims keep feeding the daily check. */
export const STAGE_CLAIM_DAYS = 14;

export function stageClaimsFromStored(rows: ReadonlyArray<StoredReconciliation>): AeUpdateStageClaim[] {
  const out: AeUpdateStageClaim[] = [];
  for (const row of rows) {
    let parsed;
    try {
      parsed = reconcileResultSchema.safeParse(JSON.parse(row.json));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    for (const d of parsed.data.discrepancies) {
      if ((d.type !== 'stage_mismatch' && d.type !== 'lost_not_closed') || !d.dealId) continue;
      const stage = d.claimed['stage'];
      if (typeof stage !== 'string') continue;
      const label = d.claimed['stageLabel'];
      const phrase = d.claimed['phrase'];
      out.push({
        dealId: d.dealId,
        ownerId: row.ownerId,
        updateId: row.id,
        receivedAt: row.receivedAt,
        claimedStageId: stage,
        claimedStageLabel: typeof label === 'string' ? label : stage,
        quote: d.quote ?? d.mention,
        phrase: typeof phrase === 'string' ? phrase : '',
      });
    }
  }
  return out;
}
