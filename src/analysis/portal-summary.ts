/** What is in the portal, at a glance: owners, pipeline by stage, engagements by owner, SmartLead campaigns. */
import { z } from 'zod';
import { ENGAGEMENT_KINDS, type CrmSnapshot } from '../crm/index.js';
import type { Campaign, CampaignAnalytics, CampaignLead } from '../smartlead/index.js';

const money = z.number().describe('amount in the portal currency');

export const portalSummarySchema = z.object({
  portal: z.object({
    name: z.string().nullable(),
    currency: z.string(),
    timezone: z.string(),
    asOf: z.string(),
    source: z.string(),
    mode: z.enum(['sandbox', 'portal']),
  }),
  totals: z.object({
    owners: z.number(),
    companies: z.number(),
    contacts: z.number(),
    deals: z.number(),
    openDeals: z.number(),
    engagements: z.number(),
  }),
  owners: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      openDeals: z.number(),
      openAmount: money,
      weightedAmount: money,
      wonDeals: z.number(),
      wonAmount: money,
    }),
  ),
  pipelines: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      stages: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          probability: z.number(),
          isClosed: z.boolean(),
          deals: z.number(),
          amount: money,
          weightedAmount: money,
        }),
      ),
      openDeals: z.number(),
      openAmount: money,
      weightedAmount: money,
    }),
  ),
  engagements: z.object({
    byKind: z.record(z.enum(ENGAGEMENT_KINDS), z.number()),
    byOwner: z.array(
      z.object({
        ownerId: z.string().nullable(),
        name: z.string(),
        counts: z.record(z.enum(ENGAGEMENT_KINDS), z.number()),
        total: z.number(),
        last14Days: z.number(),
      }),
    ),
  }),
  smartlead: z
    .object({
      campaigns: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          status: z.string(),
          leads: z.number(),
          sent: z.number(),
          replies: z.number(),
          replyRate: z.number().nullable().describe('replies / unique leads emailed'),
          leadsNotInHubSpot: z.number().describe('leads whose email matches no HubSpot contact'),
        }),
      ),
      totals: z.object({ leads: z.number(), sent: z.number(), replies: z.number(), leadsNotInHubSpot: z.number() }),
    })
    .nullable(),
  requests: z.object({ hubspot: z.number(), smartlead: z.number(), byRoute: z.record(z.string(), z.number()) }),
  durationMs: z.number(),
});
export type PortalSummary = z.infer<typeof portalSummarySchema>;

export interface CampaignRead {
  campaign: Campaign;
  analytics: CampaignAnalytics;
  leads: CampaignLead[];
}

export interface SummaryInput {
  snapshot: CrmSnapshot;
  campaigns: CampaignRead[] | null;
  asOf: string;
  source: string;
  mode: 'sandbox' | 'portal';
  requests: PortalSummary['requests'];
  durationMs: number;
}

const zeroKinds = () =>
  Object.fromEntries(ENGAGEMENT_KINDS.map((k) => [k, 0])) as Record<(typeof ENGAGEMENT_KINDS)[number], number>;

export function summarizePortal(input: SummaryInput): PortalSummary {
  const { snapshot: s, asOf } = input;
  const stageOf = new Map(s.pipelines.flatMap((p) => p.stages.map((st) => [`${p.id}:${st.id}`, st] as const)));
  const isOpen = (pipelineId: string, stageId: string) => !(stageOf.get(`${pipelineId}:${stageId}`)?.isClosed ?? false);

  const owners = s.owners
    .filter((o) => !o.archived)
    .map((o) => {
      const mine = s.deals.filter((d) => d.ownerId === o.id);
      const open = mine.filter((d) => isOpen(d.pipelineId, d.stageId));
      const won = mine.filter((d) => stageOf.get(`${d.pipelineId}:${d.stageId}`)?.isWon);
      return {
        id: o.id,
        name: o.name,
        email: o.email,
        openDeals: open.length,
        openAmount: sum(open.map((d) => d.amount ?? 0)),
        weightedAmount: sum(
          open.map((d) => (d.amount ?? 0) * (stageOf.get(`${d.pipelineId}:${d.stageId}`)?.probability ?? 0)),
        ),
        wonDeals: won.length,
        wonAmount: sum(won.map((d) => d.amount ?? 0)),
      };
    });

  const pipelines = s.pipelines.map((p) => {
    const stages = p.stages.map((st) => {
      const deals = s.deals.filter((d) => d.pipelineId === p.id && d.stageId === st.id);
      const amount = sum(deals.map((d) => d.amount ?? 0));
      return {
        id: st.id,
        label: st.label,
        probability: st.probability,
        isClosed: st.isClosed,
        deals: deals.length,
        amount,
        weightedAmount: st.isClosed ? 0 : amount * st.probability,
      };
    });
    const open = stages.filter((st) => !st.isClosed);
    return {
      id: p.id,
      label: p.label,
      stages,
      openDeals: sum(open.map((x) => x.deals)),
      openAmount: sum(open.map((x) => x.amount)),
      weightedAmount: sum(open.map((x) => x.weightedAmount)),
    };
  });

  const byKind = zeroKinds();
  const byOwner = new Map<string | null, { counts: ReturnType<typeof zeroKinds>; last14Days: number }>();
  const since = Date.parse(asOf) - 14 * 86_400_000;
  for (const e of s.engagements) {
    byKind[e.kind]++;
    const row = byOwner.get(e.ownerId) ?? { counts: zeroKinds(), last14Days: 0 };
    row.counts[e.kind]++;
    const t = Date.parse(e.timestamp);
    if (t >= since && t <= Date.parse(asOf)) row.last14Days++;
    byOwner.set(e.ownerId, row);
  }
  const ownerName = new Map(s.owners.map((o) => [o.id, o.name]));
  const engagementRows = [...byOwner.entries()]
    .map(([ownerId, r]) => ({
      ownerId,
      name: ownerId ? (ownerName.get(ownerId) ?? `Owner ${ownerId}`) : 'No owner',
      counts: r.counts,
      total: sum(Object.values(r.counts)),
      last14Days: r.last14Days,
    }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));

  let smartlead: PortalSummary['smartlead'] = null;
  if (input.campaigns) {
    const hubspotEmails = new Set(
      s.contacts.map((c) => c.email?.trim().toLowerCase()).filter((e): e is string => Boolean(e)),
    );
    const campaigns = input.campaigns.map(({ campaign, analytics, leads }) => ({
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      leads: leads.length,
      sent: analytics.sentCount,
      replies: analytics.replyCount,
      replyRate: analytics.uniqueSentCount > 0 ? analytics.replyCount / analytics.uniqueSentCount : null,
      leadsNotInHubSpot: leads.filter((l) => !hubspotEmails.has(l.email.trim().toLowerCase())).length,
    }));
    smartlead = {
      campaigns,
      totals: {
        leads: sum(campaigns.map((c) => c.leads)),
        sent: sum(campaigns.map((c) => c.sent)),
        replies: sum(campaigns.map((c) => c.replies)),
        leadsNotInHubSpot: sum(campaigns.map((c) => c.leadsNotInHubSpot)),
      },
    };
  }

  return portalSummarySchema.parse({
    portal: {
      name: s.account.name,
      currency: s.account.currency,
      timezone: s.account.timezone,
      asOf,
      source: input.source,
      mode: input.mode,
    },
    totals: {
      owners: s.owners.filter((o) => !o.archived).length,
      companies: s.companies.length,
      contacts: s.contacts.length,
      deals: s.deals.length,
      openDeals: s.deals.filter((d) => isOpen(d.pipelineId, d.stageId)).length,
      engagements: s.engagements.length,
    },
    owners,
    pipelines,
    engagements: { byKind, byOwner: engagementRows },
    smartlead,
    requests: input.requests,
    durationMs: input.durationMs,
  });
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
