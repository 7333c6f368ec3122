/**
 * Where the SmartLead view reads its records: a dataset section held in memory (the `DatasetOutreach` fake), or
 * the sandbox's SQLite tables (sandbox/smartlead/sqlite-data.ts). Both answer in the same order, so both serve the
 * same responses.
 */
import type { SmartleadSection } from '../../dataset/index.js';

export type CampaignRecord = SmartleadSection['campaigns'][number];
export type LeadRecord = SmartleadSection['leads'][number];
export type MessageRecord = SmartleadSection['messages'][number];

export interface SmartleadData {
  /** All campaigns, newest (highest) id first. */
  campaigns(): CampaignRecord[];
  campaign(id: number): CampaignRecord | undefined;
  leadCount(campaignId: number): number;
  /** A campaign's leads in dataset order; a page of them when `page` is given. */
  leads(campaignId: number, page?: { offset: number; limit: number }): LeadRecord[];
  lead(campaignId: number, leadId: number): LeadRecord | undefined;
  /** Campaign memberships of an address (matched case-insensitively), in dataset order. */
  leadsByEmail(email: string): LeadRecord[];
  /** Campaign memberships of a lead id, in dataset order. */
  leadsById(leadId: number): LeadRecord[];
  /** Messages of a campaign (or of one lead in it), in dataset order. */
  messages(campaignId: number, leadId?: number): MessageRecord[];
  /** Leads of a campaign that were sent at least one email. */
  contactedLeadIds(campaignId: number): Set<number>;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ------------------------------------------------------------------ memory (a dataset section)

/** A reader over a dataset's `smartlead` section (absent section: no campaigns). */
export function memoryData(section: SmartleadSection | undefined): SmartleadData {
  const campaigns = [...(section?.campaigns ?? [])].sort((a, b) => b.id - a.id);
  const campaignById = new Map(campaigns.map((c) => [c.id, c] as const));
  const leadsByCampaign = new Map<number, LeadRecord[]>();
  const leadByKey = new Map<string, LeadRecord>();
  const byEmail = new Map<string, LeadRecord[]>();
  const byId = new Map<number, LeadRecord[]>();
  for (const l of section?.leads ?? []) {
    const key = `${l.campaign_id}:${l.lead.id}`;
    if (leadByKey.has(key)) continue; // the store's primary key keeps the first as well
    leadByKey.set(key, l);
    push(leadsByCampaign, l.campaign_id, l);
    push(byEmail, normaliseEmail(l.lead.email), l);
    push(byId, l.lead.id, l);
  }
  const messagesByCampaign = new Map<number, MessageRecord[]>();
  const messagesByLead = new Map<string, MessageRecord[]>();
  const contacted = new Map<number, Set<number>>();
  for (const m of section?.messages ?? []) {
    push(messagesByCampaign, m.campaign_id, m);
    push(messagesByLead, `${m.campaign_id}:${m.lead_id}`, m);
    if (m.type === 'SENT') {
      let set = contacted.get(m.campaign_id);
      if (!set) contacted.set(m.campaign_id, (set = new Set()));
      set.add(m.lead_id);
    }
  }
  return {
    campaigns: () => [...campaigns],
    campaign: (id) => campaignById.get(id),
    leadCount: (id) => leadsByCampaign.get(id)?.length ?? 0,
    leads: (id, page) => {
      const list = leadsByCampaign.get(id) ?? [];
      return page ? list.slice(page.offset, page.offset + page.limit) : [...list];
    },
    lead: (campaignId, leadId) => leadByKey.get(`${campaignId}:${leadId}`),
    leadsByEmail: (email) => [...(byEmail.get(normaliseEmail(email)) ?? [])],
    leadsById: (leadId) => [...(byId.get(leadId) ?? [])],
    messages: (campaignId, leadId) => [
      ...((leadId === undefined ? messagesByCampaign.get(campaignId) : messagesByLead.get(`${campaignId}:${leadId}`)) ??
        []),
    ],
    contactedLeadIds: (id) => new Set(contacted.get(id) ?? []),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
