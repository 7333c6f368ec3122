/**
 * What the AE said vs what HubSpot shows, from the latest reconcile results (reconciliations joined to ae_updates).
 * Rows are read loosely: an absent table row, an unknown shape or a discrepancy without a deal is simply skipped.
 */
import { z } from 'zod';
import { derive, type AnalysisContext } from '../../analysis/index.js';
import { reconciliationsOf, type StateStore } from '../../state/index.js';
import type { Said } from './digest.js';

const looseResult = z.object({
  discrepancies: z
    .array(
      z.object({
        type: z.string(),
        dealId: z.string().nullable().optional(),
        mention: z.string().optional(),
        claimed: z.record(z.string(), z.unknown()).optional(),
        crm: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

export function latestSaid(state: StateStore, ctx: AnalysisContext, ownerId: string): Map<string, Said> {
  const out = new Map<string, Said>();
  let rows: { json: string; runAt: string }[];
  try {
    rows = reconciliationsOf(state, ownerId, 20);
  } catch {
    return out;
  }
  const d = derive(ctx);
  const label = (key: string, v: unknown): string => {
    if ((key === 'stage' || key === 'dealstage') && typeof v === 'string') {
      for (const s of d.stages.values()) if (s.id === v) return s.label;
    }
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v === null
        ? '—'
        : JSON.stringify(v);
  };
  const describe = (o: Record<string, unknown> | undefined) =>
    o && Object.keys(o).length
      ? Object.entries(o)
          .map(([k, v]) => `${k.replace(/^deal/, '')} ${label(k, v)}`)
          .join(', ')
      : 'nothing logged';
  for (const row of rows) {
    let parsed: z.infer<typeof looseResult>;
    try {
      const r = looseResult.safeParse(JSON.parse(row.json));
      if (!r.success) continue;
      parsed = r.data;
    } catch {
      continue;
    }
    for (const x of parsed.discrepancies) {
      if (!x.dealId || out.has(x.dealId)) continue;
      out.set(x.dealId, {
        mention: (x.mention ?? '').slice(0, 200),
        type: x.type,
        claimed: describe(x.claimed),
        crm: describe(x.crm),
        at: row.runAt,
      });
    }
  }
  return out;
}
