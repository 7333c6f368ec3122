/**
 * HC-4 trend: per AE per week, the compliance snapshot stored by that week's last check run; weeks with no
 * stored run are reconstructed from the cache at the week's end (engagement counts are exact; stages are
 * today's, so stale counts for past weeks are an approximation, and are marked as reconstructed).
 */
import { z } from 'zod';
import { auditSnapshot } from './audit.js';
import type { Finding } from './finding.js';
import type { AnalysisContext } from './input.js';
import { addDays, startOfWeek } from './time.js';

/** One AE's compliance snapshot as a check run stored it (state/ keeps these rows; the trend reads them). */
export interface AuditRow {
  runId: string;
  asOf: string;
  ownerId: string;
  openDeals: number;
  staleDeals: number;
  notesLogged: number;
  activitiesLogged: number;
  findings: number;
}

export const auditTrendSchema = z.object({
  asOf: z.string(),
  weeks: z.number().int(),
  owners: z.array(
    z.object({
      ownerId: z.string(),
      name: z.string(),
      weeks: z.array(
        z.object({
          weekStart: z.string().describe('Monday 00:00 in the team time zone (ISO instant)'),
          asOf: z.string().describe('the moment the snapshot describes'),
          source: z.enum(['stored', 'reconstructed']),
          openDeals: z.number().int(),
          staleDeals: z.number().int(),
          staleShare: z.number().nullable(),
          notesLogged: z.number().int().describe('notes logged in the 7 days up to asOf'),
          activitiesLogged: z
            .number()
            .int()
            .describe('calls, emails, meetings and notes logged in the 7 days up to asOf'),
          findings: z.number().int(),
        }),
      ),
    }),
  ),
});
export type AuditTrend = z.infer<typeof auditTrendSchema>;

export function auditTrend(
  ctx: AnalysisContext,
  weeks: number,
  stored: ReadonlyArray<AuditRow>,
  runChecks: (c: AnalysisContext) => Finding[],
): AuditTrend {
  const asOfMs = Date.parse(ctx.asOf);
  const thisWeek = startOfWeek(asOfMs, ctx.timezone);
  const byOwner = new Map<string, AuditTrend['owners'][number]['weeks']>();
  for (let k = weeks - 1; k >= 0; k--) {
    const weekStart = startOfWeek(addDays(thisWeek, -7 * k) + 3_600_000, ctx.timezone);
    const weekEnd = Math.min(asOfMs, startOfWeek(addDays(weekStart, 7) + 3_600_000, ctx.timezone) - 1);
    const inWeek = stored.filter((r) => Date.parse(r.asOf) >= weekStart && Date.parse(r.asOf) <= weekEnd);
    let rows: {
      ownerId: string;
      asOf: string;
      source: 'stored' | 'reconstructed';
      openDeals: number;
      staleDeals: number;
      notesLogged: number;
      activitiesLogged: number;
      findings: number;
    }[];
    if (inWeek.length) {
      const latest = new Map<string, AuditRow>();
      for (const r of inWeek) latest.set(r.ownerId, r); // rows come oldest first: the week's last run wins
      rows = [...latest.values()].map((r) => ({ ...r, source: 'stored' as const }));
    } else {
      const past: AnalysisContext = { ...ctx, asOf: new Date(weekEnd).toISOString() };
      rows = auditSnapshot(past, runChecks(past)).map((r) => ({
        ...r,
        asOf: past.asOf,
        source: 'reconstructed' as const,
      }));
    }
    for (const r of rows) {
      const list = byOwner.get(r.ownerId) ?? [];
      list.push({
        weekStart: new Date(weekStart).toISOString(),
        asOf: r.asOf,
        source: r.source,
        openDeals: r.openDeals,
        staleDeals: r.staleDeals,
        staleShare: r.openDeals ? r.staleDeals / r.openDeals : null,
        notesLogged: r.notesLogged,
        activitiesLogged: r.activitiesLogged,
        findings: r.findings,
      });
      byOwner.set(r.ownerId, list);
    }
  }
  const names = new Map(ctx.data.crm.owners.map((o) => [o.id, o.name]));
  return auditTrendSchema.parse({
    asOf: ctx.asOf,
    weeks,
    owners: [...byOwner.entries()]
      .map(([ownerId, w]) => ({ ownerId, name: names.get(ownerId) ?? `Owner ${ownerId}`, weeks: w }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  });
}
