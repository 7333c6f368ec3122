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

/** One pass over deals, engagements and findings (a scan per owner was minutes on a 20k-deal portal's trend). */
export function auditSnapshot(ctx: AnalysisContext, findings: ReadonlyArray<Finding>): AuditSnapshotRow[] {
  const d = derive(ctx);
  const from = d.asOfMs - 7 * DAY_MS;
  const rows = new Map<string, AuditSnapshotRow>();
  const row = (ownerId: string) => rows.get(ownerId);
  const withDeals = new Set<string>();
  for (const deal of ctx.data.crm.deals) if (deal.ownerId) withDeals.add(deal.ownerId);
  for (const o of ctx.data.crm.owners) {
    if (o.archived || !withDeals.has(o.id)) continue;
    rows.set(o.id, { ownerId: o.id, openDeals: 0, staleDeals: 0, notesLogged: 0, activitiesLogged: 0, findings: 0 });
  }
  for (const deal of ctx.data.crm.deals) {
    const r = deal.ownerId ? row(deal.ownerId) : undefined;
    if (!r || !d.isOpen(deal)) continue;
    r.openDeals++;
    const last = d.lastActivity(deal)?.at ?? Date.parse(deal.createdAt);
    if (Math.floor((d.asOfMs - last) / DAY_MS) > d.staleThresholdDays(deal)) r.staleDeals++;
  }
  for (const e of ctx.data.crm.engagements) {
    const r = e.ownerId ? row(e.ownerId) : undefined;
    if (!r || e.kind === 'task') continue;
    const t = Date.parse(e.timestamp);
    if (t <= from || t > d.asOfMs || !isDone(e, d.asOfMs)) continue;
    r.activitiesLogged++;
    if (e.kind === 'note') r.notesLogged++;
  }
  for (const f of findings) {
    const r = f.ownerId ? row(f.ownerId) : undefined;
    if (r) r.findings++;
  }
  return [...rows.values()];
}
