/**
 * SA-3 Sourced pipeline: how much of the pipeline marketing sourced and how much sales sourced.
 *
 * Definitions (deal state as of asOf):
 * - a deal's source: its hs_analytics_source, else its first contact's (earliest created) original source
 *   (hs_analytics_source). Source values are HubSpot's original-source enums.
 * - class: SOURCE_CLASSES maps the source to marketing or sales. REFERRALS (other sites linking to us) and
 *   DIRECT_TRAFFIC are inbound web traffic, so marketing. OFFLINE (imports, events, manual entry: how outbound lists
 *   arrive) is sales. A deal with no source whose contacts exchanged a SmartLead message (SENT or REPLY) before the deal
 *   was created is sales-sourced (source shown as SMARTLEAD); otherwise a missing or unmapped source is `unknown`.
 * - open / won / lost: the deal's state as of asOf, amount as of asOf (missing = 0).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  SMARTLEAD_CHANNEL,
  UNKNOWN_SOURCE,
  addTo,
  cmp,
  countAmountSchema,
  emptyCountAmount,
  metricIndex,
  type CountAmount,
  type MetricIndex,
} from './common.js';
import type { Deal } from '../../crm/index.js';

export const SOURCE_CLASS_IDS = ['marketing', 'sales', 'unknown'] as const;
export type SourceClass = (typeof SOURCE_CLASS_IDS)[number];

/** HubSpot original source → who sourced it. Anything not listed is `unknown`. */
export const SOURCE_CLASSES: Readonly<Record<string, Exclude<SourceClass, 'unknown'>>> = {
  ORGANIC_SEARCH: 'marketing',
  PAID_SEARCH: 'marketing',
  PAID_SOCIAL: 'marketing',
  SOCIAL_MEDIA: 'marketing',
  EMAIL_MARKETING: 'marketing',
  REFERRALS: 'marketing',
  AI_REFERRALS: 'marketing',
  DIRECT_TRAFFIC: 'marketing',
  OTHER_CAMPAIGNS: 'marketing',
  OFFLINE: 'sales',
  [SMARTLEAD_CHANNEL]: 'sales',
};

export function sourceClass(source: string | null): SourceClass {
  return source === null ? 'unknown' : (SOURCE_CLASSES[source.trim().toUpperCase()] ?? 'unknown');
}

/** The deal's source for sourcing purposes: dealSource, else SMARTLEAD when a contact was emailed by SmartLead before the deal existed. */
export function sourcingSource(ix: MetricIndex, deal: Deal): string | null {
  const s = ix.dealSource(deal);
  if (s !== null) return s;
  const created = ix.timeline(deal.id)?.created ?? Date.parse(deal.createdAt);
  for (const id of deal.contactIds) {
    const first = (ix.touchesByContact.get(id) ?? []).find((t) => t.kind === 'smartlead');
    if (first && first.at < created) return SMARTLEAD_CHANNEL;
  }
  return null;
}

const cells = {
  deals: z.number().int().nonnegative().describe('deals existing as of asOf'),
  open: countAmountSchema.describe('open as of asOf'),
  won: countAmountSchema.describe('won as of asOf'),
  lost: countAmountSchema.describe('lost as of asOf'),
};

export const sourcedPipelineSchema = z
  .object({
    metric: z.literal('sourced_pipeline'),
    asOf: z.string(),
    currency: z.string(),
    mapping: z.record(z.string(), z.enum(['marketing', 'sales'])).describe('source → class used (SOURCE_CLASSES)'),
    classes: z
      .array(
        z.object({
          class: z.enum(SOURCE_CLASS_IDS),
          ...cells,
          sources: z
            .array(z.object({ source: z.string().describe('"(unknown)" when none'), ...cells }))
            .describe('by source within the class, largest won amount first'),
        }),
      )
      .describe('marketing, sales, unknown — always all three'),
    marketingShareOfOpen: z.number().min(0).max(1).nullable().describe('marketing open amount ÷ all open amount'),
    marketingShareOfWon: z.number().min(0).max(1).nullable().describe('marketing won amount ÷ all won amount'),
  })
  .describe('SA-3 marketing- vs sales-sourced pipeline (counts and amounts, open and won)');
export type SourcedPipeline = z.infer<typeof sourcedPipelineSchema>;

interface Cells {
  deals: number;
  open: CountAmount;
  won: CountAmount;
  lost: CountAmount;
}
const empty = (): Cells => ({ deals: 0, open: emptyCountAmount(), won: emptyCountAmount(), lost: emptyCountAmount() });

export function sourcedPipeline(ctx: AnalysisContext): SourcedPipeline {
  const ix = metricIndex(ctx);
  const classes = new Map<SourceClass, { total: Cells; sources: Map<string, Cells> }>(
    SOURCE_CLASS_IDS.map((c) => [c, { total: empty(), sources: new Map() }]),
  );
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.exists) continue;
    const source = sourcingSource(ix, tl.deal);
    const c = classes.get(sourceClass(source))!;
    const key = source ?? UNKNOWN_SOURCE;
    let bySource = c.sources.get(key);
    if (!bySource) c.sources.set(key, (bySource = empty()));
    for (const x of [c.total, bySource]) {
      x.deals++;
      if (s.open) addTo(x.open, s.amount);
      else if (s.won) addTo(x.won, s.amount);
      else addTo(x.lost, s.amount);
    }
  }
  const out = SOURCE_CLASS_IDS.map((cls) => {
    const c = classes.get(cls)!;
    return {
      class: cls,
      ...c.total,
      sources: [...c.sources.entries()]
        .map(([source, x]) => ({ source, ...x }))
        .sort((a, b) => b.won.amount - a.won.amount || b.open.amount - a.open.amount || cmp(a.source, b.source)),
    };
  });
  const all = (k: 'open' | 'won') => out.reduce((s, c) => s + c[k].amount, 0);
  const mk = out[0]!;
  const shareOf = (k: 'open' | 'won') => {
    const total = all(k);
    return total > 0 ? Math.min(1, Math.max(0, mk[k].amount / total)) : null;
  };
  return {
    metric: 'sourced_pipeline',
    asOf: new Date(ix.asOf).toISOString(),
    currency: ctx.currency,
    mapping: { ...SOURCE_CLASSES },
    classes: out,
    marketingShareOfOpen: shareOf('open'),
    marketingShareOfWon: shareOf('won'),
  };
}
