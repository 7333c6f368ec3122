/**
 * The quick-log page's writes through src/writes' audited path: each change is proposed (source: the nudge), the
 * AE's own signed tap is the approval (approver = the AE), then applied — so every quick-log write is in
 * crm_writes with who asked for it and why.
 */
import type { WriteService } from '../../writes/index.js';
import type { QuickLogWriter } from './actions.js';

export function writeServiceWriter(ws: WriteService, approverOf: (ownerId: string) => string): QuickLogWriter {
  return {
    async write(change, meta) {
      const who = approverOf(meta.ownerId);
      const proposal = ws.propose(change, {
        actor: who,
        tool: meta.tool ?? 'notify:quick-log',
        source: meta.source ?? `nudge:${meta.nudgeId}`,
      });
      if (proposal.status === 'applied') return { writeId: proposal.writeId, status: proposal.status };
      const token = ws.issueApproval(proposal.writeId, who);
      const rec = await ws.apply(proposal.writeId, token);
      return { writeId: rec.id, status: rec.status };
    },
  };
}
