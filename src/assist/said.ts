/**
 * What the AE last said about a deal in a weekly update, from the stored reconciliations (`mis reconcile` records
 * every run): the mention as written and where it differed from the CRM. Rows are read loosely: an unknown shape or
 * an unreadable row is skipped, never an error, so an older reconcile format cannot break a brief.
 */
import { z } from 'zod';
import { recentReconciliations, type StateStore } from '../state/index.js';

export interface SaidAboutDeal {
  updateId: string;
  receivedAt: string;
  /** The mention, verbatim (CRM-adjacent text written by the AE: data). */
  quote: string;
  /** Where the update and the CRM disagreed: type, what the AE said, what the CRM holds. */
  differences: Array<{ type: string; claimed: Record<string, unknown>; crm: Record<string, unknown> }>;
}

const looseResult = z.object({
  mentions: z.array(z.object({ text: z.string(), dealId: z.string().nullable().optional() })).default([]),
  discrepancies: z
    .array(
      z.object({
        type: z.string(),
        dealId: z.string().nullable().optional(),
        claimed: z.record(z.string(), z.unknown()).default({}),
        crm: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .default([]),
});

/** The latest update (within `days` before asOf) that mentions each deal: dealId → what was said. */
export function saidByDeal(store: StateStore, asOf: string, days = 60): Map<string, SaidAboutDeal> {
  const until = new Date(Date.parse(asOf) + 86_400_000).toISOString();
  const since = new Date(Date.parse(asOf) - days * 86_400_000).toISOString();
  const out = new Map<string, SaidAboutDeal>();
  // Oldest first: later updates overwrite earlier ones.
  for (const row of recentReconciliations(store, since, until)) {
    let parsed: z.infer<typeof looseResult>;
    try {
      const r = looseResult.safeParse(JSON.parse(row.json));
      if (!r.success) continue;
      parsed = r.data;
    } catch {
      continue;
    }
    const byDeal = new Map<string, SaidAboutDeal>();
    for (const m of parsed.mentions) {
      if (!m.dealId || byDeal.has(m.dealId)) continue;
      byDeal.set(m.dealId, {
        updateId: row.id,
        receivedAt: row.receivedAt,
        quote: m.text.slice(0, 400),
        differences: [],
      });
    }
    for (const x of parsed.discrepancies) {
      if (!x.dealId) continue;
      const s = byDeal.get(x.dealId);
      if (s) s.differences.push({ type: x.type, claimed: x.claimed, crm: x.crm });
    }
    for (const [id, s] of byDeal) out.set(id, s);
  }
  return out;
}
