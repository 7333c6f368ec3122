/**
 * MA-4 Campaign ROI: per campaign, spend against the revenue the time-decay model attributes to it.
 *
 * Definitions:
 * - campaigns: every marketing campaign (PortalData.marketing.campaigns, plus campaign ids seen only on touches) and
 *   every SmartLead campaign (outreach campaigns plus ids that only have spend), id `smartlead:<id>`.
 * - spend: the marketing campaign's `spend`; for SmartLead, PortalData.smartleadSpend[id]. null when unknown.
 * - leads: distinct people the campaign touched up to asOf: contacts with a marketing touch of the campaign; for
 *   SmartLead, distinct leads sent at least one message (whether or not they are HubSpot contacts).
 * - attributed conversions / revenue: time-decay attribution (attribution.ts, half-life from config) over won deals
 *   (in the period when one is given, otherwise all up to asOf).
 * - ROI = attributed revenue ÷ spend (a return multiple, not (revenue − spend) ÷ spend); null when spend is 0 or
 *   unknown. Cost per lead = spend ÷ leads; null when spend is unknown or no lead.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { attributeDeals } from './attribution.js';
import { cmp, metricIndex, money, periodOut, periodSchema, type PeriodInput } from './common.js';

export const campaignRoiSchema = z
  .object({
    metric: z.literal('campaign_roi'),
    period: periodSchema.nullable().describe('conversions closed in this period; null = every won deal up to asOf'),
    halfLifeDays: z.number().positive(),
    currency: z.string(),
    campaigns: z
      .array(
        z.object({
          campaignId: z.string().describe('marketing campaign id, or smartlead:<id>'),
          kind: z.enum(['marketing', 'smartlead']),
          name: z.string(),
          channel: z.string(),
          spend: money.nullable().describe('null when unknown'),
          leads: z.number().int().nonnegative().describe('distinct people touched by the campaign up to asOf'),
          costPerLead: money.nullable().describe('spend ÷ leads'),
          attributedConversions: z.number().nonnegative().describe('Σ time-decay credits'),
          attributedRevenue: money.describe('Σ time-decay credit × deal amount'),
          roi: z.number().nullable().describe('attributed revenue ÷ spend; null when spend is 0 or unknown'),
        }),
      )
      .describe('largest attributed revenue first'),
    totals: z.object({
      spend: money.describe('Σ known spend'),
      attributedRevenue: money.describe('revenue attributed to these campaigns (not to "(none)")'),
      roi: z.number().nullable().describe('attributed revenue of campaigns with known spend ÷ their spend'),
    }),
  })
  .describe('MA-4 campaign ROI: spend, time-decay attributed revenue, revenue ÷ spend, cost per lead');
export type CampaignRoi = z.infer<typeof campaignRoiSchema>;

export function campaignRoi(ctx: AnalysisContext, period?: PeriodInput): CampaignRoi {
  const ix = metricIndex(ctx);
  const { deals, period: p } = attributeDeals(ctx, 'time_decay', period);
  const credited = new Map<string, { conversions: number; revenue: number }>();
  for (const d of deals) {
    for (const c of d.credits) {
      const x = credited.get(c.campaignId) ?? { conversions: 0, revenue: 0 };
      x.conversions += c.credit;
      x.revenue += c.credit * d.amount;
      credited.set(c.campaignId, x);
    }
  }

  interface Row {
    kind: 'marketing' | 'smartlead';
    name: string;
    channel: string;
    spend: number | null;
    leads: Set<string>;
  }
  const rows = new Map<string, Row>();
  for (const c of ctx.data.marketing?.campaigns ?? [])
    rows.set(c.id, { kind: 'marketing', name: c.name, channel: c.channel, spend: c.spend, leads: new Set() });
  for (const t of ctx.data.marketing?.touches ?? []) {
    const at = Date.parse(t.timestamp);
    if (Number.isNaN(at) || at > ix.asOf) continue;
    let r = rows.get(t.campaignId);
    if (!r)
      rows.set(
        t.campaignId,
        (r = { kind: 'marketing', name: t.campaignId, channel: t.channel, spend: null, leads: new Set() }),
      );
    r.leads.add(t.contactId);
  }
  const slRow = (id: number) => {
    const key = `smartlead:${id}`;
    let r = rows.get(key);
    if (!r) {
      const spend = ctx.data.smartleadSpend[id];
      rows.set(
        key,
        (r = {
          kind: 'smartlead',
          name: ix.smartleadCampaignName.get(id) ?? key,
          channel: 'SMARTLEAD',
          spend: spend ?? null,
          leads: new Set(),
        }),
      );
    }
    return r;
  };
  for (const c of ctx.data.outreach?.campaigns ?? []) slRow(c.id);
  for (const id of Object.keys(ctx.data.smartleadSpend)) slRow(Number(id));
  for (const m of ctx.data.outreach?.messages ?? []) {
    if (m.type !== 'SENT' || Date.parse(m.time) > ix.asOf) continue;
    slRow(m.campaignId).leads.add(String(m.leadId));
  }

  const campaigns = [...rows.entries()]
    .map(([campaignId, r]) => {
      const c = credited.get(campaignId) ?? { conversions: 0, revenue: 0 };
      return {
        campaignId,
        kind: r.kind,
        name: r.name,
        channel: r.channel,
        spend: r.spend,
        leads: r.leads.size,
        costPerLead: r.spend !== null && r.leads.size > 0 ? r.spend / r.leads.size : null,
        attributedConversions: c.conversions,
        attributedRevenue: c.revenue,
        roi: r.spend !== null && r.spend > 0 ? c.revenue / r.spend : null,
      };
    })
    .sort((a, b) => b.attributedRevenue - a.attributedRevenue || cmp(a.campaignId, b.campaignId));
  const known = campaigns.filter((c) => c.spend !== null);
  const spend = known.reduce((s, c) => s + c.spend!, 0);
  return {
    metric: 'campaign_roi',
    period: p ? periodOut(ctx, p) : null,
    halfLifeDays: ctx.config.attribution.halfLifeDays,
    currency: ctx.currency,
    campaigns,
    totals: {
      spend,
      attributedRevenue: campaigns.reduce((s, c) => s + c.attributedRevenue, 0),
      roi: spend > 0 ? known.reduce((s, c) => s + c.attributedRevenue, 0) / spend : null,
    },
  };
}
