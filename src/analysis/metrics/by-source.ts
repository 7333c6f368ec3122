/**
 * MA-1 By source: leads and pipeline by original source / channel.
 *
 * Definitions:
 * - leads: contacts created (createdAt) up to asOf — in the period when one is given, otherwise ever — by the
 *   contact's original source (hs_analytics_source; "(unknown)" when missing).
 * - deals: deals created up to asOf (in the period when given), by the deal's source: its hs_analytics_source, else
 *   its first contact's (earliest created), else "(unknown)". open / won: the deal's state as of asOf, amount as of
 *   asOf (missing = 0).
 * - class: marketing / sales / unknown per SOURCE_CLASSES (sourced-pipeline.ts).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  UNKNOWN_SOURCE,
  addTo,
  cmp,
  countAmountSchema,
  emptyCountAmount,
  metricIndex,
  periodOut,
  periodSchema,
  resolvePeriod,
  type CountAmount,
  type PeriodInput,
} from './common.js';
import { SOURCE_CLASS_IDS, sourceClass } from './sourced-pipeline.js';

export const bySourceSchema = z
  .object({
    metric: z.literal('by_source'),
    period: periodSchema.nullable().describe('contacts and deals created in this period; null = all up to asOf'),
    currency: z.string(),
    sources: z
      .array(
        z.object({
          source: z.string().describe('original source; "(unknown)" when missing'),
          class: z.enum(SOURCE_CLASS_IDS),
          leads: z.number().int().nonnegative().describe('contacts created with this original source'),
          deals: z.number().int().nonnegative().describe('deals created with this source'),
          open: countAmountSchema.describe('of those deals, open as of asOf'),
          won: countAmountSchema.describe('of those deals, won as of asOf'),
        }),
      )
      .describe('one row per source seen on a contact or a deal, largest won amount first'),
    totals: z.object({
      leads: z.number().int().nonnegative(),
      deals: z.number().int().nonnegative(),
      open: countAmountSchema,
      won: countAmountSchema,
    }),
  })
  .describe('MA-1 leads (contacts created) and pipeline (deals, open and won) by source');
export type BySource = z.infer<typeof bySourceSchema>;

export function bySource(ctx: AnalysisContext, period?: PeriodInput): BySource {
  const ix = metricIndex(ctx);
  const p = period ? resolvePeriod(ctx, period, 'week') : null;
  const counted = (t: number) => (p ? t >= p.from && t <= p.through : t <= ix.asOf);
  const rows = new Map<string, { leads: number; deals: number; open: CountAmount; won: CountAmount }>();
  const row = (source: string) => {
    let r = rows.get(source);
    if (!r) rows.set(source, (r = { leads: 0, deals: 0, open: emptyCountAmount(), won: emptyCountAmount() }));
    return r;
  };
  const totals = { leads: 0, deals: 0, open: emptyCountAmount(), won: emptyCountAmount() };
  for (const c of ix.d.contacts.values()) {
    const at = Date.parse(c.createdAt);
    if (Number.isNaN(at) || !counted(at)) continue;
    const src = c.source?.trim() || UNKNOWN_SOURCE;
    row(src).leads++;
    totals.leads++;
  }
  for (const tl of ix.deals) {
    if (!counted(tl.created)) continue;
    const r = row(ix.dealSource(tl.deal) ?? UNKNOWN_SOURCE);
    const s = ix.current(tl);
    for (const x of [r, totals]) {
      x.deals++;
      if (s.open) addTo(x.open, s.amount);
      else if (s.won) addTo(x.won, s.amount);
    }
  }
  return {
    metric: 'by_source',
    period: p ? periodOut(ctx, p) : null,
    currency: ctx.currency,
    sources: [...rows.entries()]
      .map(([source, r]) => ({ source, class: sourceClass(source === UNKNOWN_SOURCE ? null : source), ...r }))
      .sort(
        (a, b) =>
          b.won.amount - a.won.amount || b.open.amount - a.open.amount || b.leads - a.leads || cmp(a.source, b.source),
      ),
    totals,
  };
}
