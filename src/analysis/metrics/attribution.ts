/**
 * MA-2 first-touch and MA-3 time-decay multi-touch attribution of won revenue to channels and campaigns.
 *
 * Definitions:
 * - conversions: deals won as of asOf (with a period: whose close moment, common.closedAt, is in it). Revenue = the
 *   deal's amount as of asOf (missing = 0).
 * - touches of a deal: the marketing touches of every contact associated with the deal, plus the SmartLead messages
 *   (SENT and REPLY) exchanged with those contacts' emails as channel "SMARTLEAD", campaign `smartlead:<campaign id>`,
 *   strictly before the deal's close moment (and not after asOf). A touch on two of the deal's contacts counts twice.
 * - first_touch: the earliest touch gets the whole credit (touches at the same earliest instant share it equally).
 * - time_decay: touch i gets weight 2^(−Δdays_i / halfLife) with Δdays_i = (close − touch) in days and halfLife =
 *   config.attribution.halfLifeDays, normalised so a deal's credits sum to exactly 1 (the last credit is 1 − the
 *   others, so no rounding drift).
 * - a deal with no touch gives its whole credit to channel "(none)", campaign "(none)".
 * - credited conversions of a channel / campaign = Σ credits; credited revenue = Σ credit × deal amount.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  DAY_MS,
  cmp,
  compareIds,
  iso,
  isoTime,
  metricIndex,
  money,
  periodOut,
  periodSchema,
  resolvePeriod,
  type MetricIndex,
  type PeriodInput,
  type Touch,
} from './common.js';

export const ATTRIBUTION_MODELS = ['first_touch', 'time_decay'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
export const NO_TOUCH = '(none)';

export const attributionSchema = z
  .object({
    metric: z.literal('attribution'),
    model: z.enum(ATTRIBUTION_MODELS),
    halfLifeDays: z
      .number()
      .positive()
      .nullable()
      .describe('time-decay half-life (config.attribution.halfLifeDays); null for first touch'),
    period: periodSchema.nullable().describe('conversions closed in this period; null = every won deal up to asOf'),
    currency: z.string(),
    conversions: z.number().int().nonnegative().describe('won deals attributed'),
    revenue: money.describe('Σ amount of those deals'),
    byChannel: z
      .array(
        z.object({
          channel: z.string(),
          conversions: z.number().nonnegative().describe('Σ credits'),
          revenue: money.describe('Σ credit × amount'),
        }),
      )
      .describe('largest credited revenue first; "(none)" = deals with no touch'),
    byCampaign: z
      .array(
        z.object({
          campaignId: z.string().describe('marketing campaign id, smartlead:<id>, or "(none)"'),
          name: z.string(),
          channel: z.string(),
          conversions: z.number().nonnegative(),
          revenue: money,
        }),
      )
      .describe('largest credited revenue first'),
    deals: z
      .array(
        z.object({
          dealId: z.string(),
          ownerId: z.string().nullable(),
          closedAt: isoTime,
          amount: money,
          credits: z
            .array(
              z.object({
                contactId: z.string().nullable(),
                campaignId: z.string(),
                channel: z.string(),
                at: isoTime.nullable(),
                credit: z.number().min(0).max(1),
              }),
            )
            .describe('one per touch (oldest first); sums to 1'),
        }),
      )
      .describe('every conversion with its credits, by deal id'),
  })
  .describe('MA-2/MA-3 attribution of won deals to marketing touches and SmartLead messages');
export type Attribution = z.infer<typeof attributionSchema>;
export type AttributedDeal = Attribution['deals'][number];

/** Credits per touch for one conversion; sums to exactly 1 (the last credit absorbs rounding). Empty touches → []. */
export function touchCredits(
  touches: readonly { at: number }[],
  closedAt: number,
  model: AttributionModel,
  halfLifeDays: number,
): number[] {
  const n = touches.length;
  if (n === 0) return [];
  let weights: number[];
  if (model === 'first_touch') {
    const first = touches.reduce((m, t) => Math.min(m, t.at), Infinity);
    weights = touches.map((t) => (t.at === first ? 1 : 0));
  } else {
    const ages = touches.map((t) => Math.max(0, closedAt - t.at) / DAY_MS);
    const youngest = ages.reduce((m, a) => Math.min(m, a), Infinity);
    // Relative to the youngest touch, so very old touches never underflow all weights to 0.
    weights = ages.map((a) => Math.pow(2, -(a - youngest) / halfLifeDays));
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const credits = weights.map((w) => w / total);
  let lastNonZero = -1;
  credits.forEach((c, i) => {
    if (c > 0) lastNonZero = i;
  });
  const others = credits.reduce((s, c, i) => (i === lastNonZero ? s : s + c), 0);
  credits[lastNonZero] = Math.max(0, 1 - others);
  return credits;
}

export interface CampaignInfo {
  name: string;
  channel: string;
}

export function campaignCatalog(ctx: AnalysisContext, ix: MetricIndex): Map<string, CampaignInfo> {
  const m = new Map<string, CampaignInfo>();
  for (const c of ctx.data.marketing?.campaigns ?? []) m.set(c.id, { name: c.name, channel: c.channel });
  for (const [id, name] of ix.smartleadCampaignName) m.set(`smartlead:${id}`, { name, channel: 'SMARTLEAD' });
  return m;
}

export function attributeDeals(
  ctx: AnalysisContext,
  model: AttributionModel,
  period?: PeriodInput,
): { deals: AttributedDeal[]; period: ReturnType<typeof resolvePeriod> | null } {
  const ix = metricIndex(ctx);
  const halfLife = ctx.config.attribution.halfLifeDays;
  const p = period ? resolvePeriod(ctx, period, 'week') : null;
  const deals: AttributedDeal[] = [];
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.won) continue;
    const closedAt = ix.closedAt(tl);
    if (closedAt === null) continue;
    if (p && (closedAt < p.from || closedAt > p.through)) continue;
    const touches: Touch[] = [];
    for (const cid of tl.deal.contactIds)
      for (const t of ix.touchesByContact.get(cid) ?? []) if (t.at < closedAt) touches.push(t);
    touches.sort((a, b) => a.at - b.at || cmp(a.campaignId, b.campaignId) || compareIds(a.contactId, b.contactId));
    const credits = touchCredits(touches, closedAt, model, halfLife);
    deals.push({
      dealId: tl.deal.id,
      ownerId: tl.deal.ownerId,
      closedAt: iso(closedAt),
      amount: s.amount,
      credits:
        touches.length === 0
          ? [{ contactId: null, campaignId: NO_TOUCH, channel: NO_TOUCH, at: null, credit: 1 }]
          : touches.map((t, i) => ({
              contactId: t.contactId,
              campaignId: t.campaignId,
              channel: t.channel,
              at: iso(t.at),
              credit: credits[i]!,
            })),
    });
  }
  return { deals, period: p };
}

export function attribution(ctx: AnalysisContext, model: AttributionModel, period?: PeriodInput): Attribution {
  const ix = metricIndex(ctx);
  const { deals, period: p } = attributeDeals(ctx, model, period);
  const catalog = campaignCatalog(ctx, ix);
  const byChannel = new Map<string, { conversions: number; revenue: number }>();
  const byCampaign = new Map<string, { name: string; channel: string; conversions: number; revenue: number }>();
  for (const d of deals) {
    for (const c of d.credits) {
      if (c.credit === 0) continue;
      const ch = byChannel.get(c.channel) ?? { conversions: 0, revenue: 0 };
      ch.conversions += c.credit;
      ch.revenue += c.credit * d.amount;
      byChannel.set(c.channel, ch);
      let cp = byCampaign.get(c.campaignId);
      if (!cp) {
        const info = catalog.get(c.campaignId);
        byCampaign.set(
          c.campaignId,
          (cp = { name: info?.name ?? c.campaignId, channel: info?.channel ?? c.channel, conversions: 0, revenue: 0 }),
        );
      }
      cp.conversions += c.credit;
      cp.revenue += c.credit * d.amount;
    }
  }
  return {
    metric: 'attribution',
    model,
    halfLifeDays: model === 'time_decay' ? ctx.config.attribution.halfLifeDays : null,
    period: p ? periodOut(ctx, p) : null,
    currency: ctx.currency,
    conversions: deals.length,
    revenue: deals.reduce((s, d) => s + d.amount, 0),
    byChannel: [...byChannel.entries()]
      .map(([channel, v]) => ({ channel, ...v }))
      .sort((a, b) => b.revenue - a.revenue || b.conversions - a.conversions || cmp(a.channel, b.channel)),
    byCampaign: [...byCampaign.entries()]
      .map(([campaignId, v]) => ({ campaignId, ...v }))
      .sort((a, b) => b.revenue - a.revenue || b.conversions - a.conversions || cmp(a.campaignId, b.campaignId)),
    deals,
  };
}
