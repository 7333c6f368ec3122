/** HC-4: per-AE compliance at a point in time, stored with every check run so `mis audit` can show the trend. */
import { z } from 'zod';
import type { Finding } from './finding.js';
import { derive, isDone } from './derive.js';
import type { AnalysisContext } from './input.js';
import { DAY_MS } from './time.js';

export const auditRowSchema = z.object({
  ownerId: z.string(),
  openDeals: z.number().int(),
  /** Open deals past their stale threshold (the stale_deal rule). */
  staleDeals: z.number().int(),
  /** Notes the AE logged in the 7 days up to asOf. */
  notesLogged: z.number().int(),
  /** Calls, emails, meetings and notes the AE logged in the 7 days up to asOf. */
  activitiesLogged: z.number().int(),
  findings: z.number().int(),
});
export type AuditSnapshotRow = z.infer<typeof auditRowSchema>;

export function auditSnapshot(ctx: AnalysisContext, findings: ReadonlyArray<Finding>): AuditSnapshotRow[] {
  const d = derive(ctx);
  const from = d.asOfMs - 7 * DAY_MS;
  const owners = ctx.data.crm.owners.filter((o) => !o.archived && ctx.data.crm.deals.some((deal) => deal.ownerId === o.id));
  return owners.map((o) => {
    const open = ctx.data.crm.deals.filter((deal) => deal.ownerId === o.id && d.isOpen(deal));
    const stale = open.filter((deal) => {
      const last = d.lastActivity(deal)?.at ?? Date.parse(deal.createdAt);
      return Math.floor((d.asOfMs - last) / DAY_MS) > d.staleThresholdDays(deal);
    });
    const logged = ctx.data.crm.engagements.filter((e) => {
      const t = Date.parse(e.timestamp);
      return e.ownerId === o.id && e.kind !== 'task' && t > from && t <= d.asOfMs && isDone(e, d.asOfMs);
    });
    return {
      ownerId: o.id,
      openDeals: open.length,
      staleDeals: stale.length,
      notesLogged: logged.filter((e) => e.kind === 'note').length,
      activitiesLogged: logged.length,
      findings: findings.filter((f) => f.ownerId === o.id).length,
    };
  });
}
