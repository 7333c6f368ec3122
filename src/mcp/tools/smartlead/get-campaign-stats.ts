/** smartlead_get_campaign_stats: one campaign's funnel from the synced cache, and how much of it HubSpot saw. */
import { z } from 'zod';
import { UsageError } from '../../../errors/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';

export const inputSchema = z.object({
  campaignId: z.number().int().describe('SmartLead campaign id (from smartlead_list_campaigns)'),
});

export const outputSchema = z.object({
  campaignId: z.number().int(),
  name: z.string(),
  status: z.string(),
  leads: z.number().int(),
  leadsByStatus: z.record(z.string(), z.number().int()).describe('per-campaign lead state → count'),
  unsubscribed: z.number().int(),
  contacted: z.number().int().describe('leads sent at least one message'),
  replied: z.number().int().describe('leads who replied at least once'),
  replyRate: z.number().nullable().describe('replied ÷ contacted; null when none contacted'),
  sent: z.number().int().describe('messages sent'),
  replies: z.number().int().describe('reply messages'),
  firstSentAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  inHubspot: z.object({
    leadsWithContact: z.number().int().describe('leads whose email is a HubSpot contact'),
    leadsWithDeal: z.number().int().describe('of those, with a deal'),
    openDealAmount: z.number().describe('open amount of those deals (each deal once)'),
  }),
  spend: z.number().nullable().describe('recorded spend for the campaign, if known'),
  truncated: z.boolean().describe('true when something was shortened to fit the size bound'),
});

export const tool = () =>
  defineTool({
    name: 'smartlead_get_campaign_stats',
    title: 'SmartLead campaign stats',
    description:
      'One SmartLead campaign from the synced cache: leads by status, contacted, replied, reply rate, messages, and how many of its leads are HubSpot contacts with deals (and their open amount).',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const o = ctx.data.outreach;
      const c = o?.campaigns.find((x) => x.id === args.campaignId);
      if (!o || !c)
        throw new UsageError(
          `no SmartLead campaign ${args.campaignId} in the synced cache`,
          'List the campaign ids with smartlead_list_campaigns.',
        );
      const d = env.derived();
      const leads = o.leads.filter((l) => l.campaignId === c.id);
      const msgs = o.messages.filter((m) => m.campaignId === c.id);
      const leadsByStatus: Record<string, number> = {};
      for (const l of leads) leadsByStatus[l.status] = (leadsByStatus[l.status] ?? 0) + 1;
      const contacted = new Set(msgs.filter((m) => m.type === 'SENT').map((m) => m.leadId));
      const replied = new Set(msgs.filter((m) => m.type === 'REPLY').map((m) => m.leadId));
      const times = msgs.map((m) => m.time).sort();
      const sentTimes = msgs
        .filter((m) => m.type === 'SENT')
        .map((m) => m.time)
        .sort();
      const contactByEmail = new Map<string, string[]>();
      for (const ct of d.contacts.values()) {
        const e = ct.email?.trim().toLowerCase();
        if (e) contactByEmail.set(e, [...(contactByEmail.get(e) ?? []), ct.id]);
      }
      const dealsByContact = new Map<string, string[]>();
      for (const deal of d.deals.values())
        for (const cid of deal.contactIds) dealsByContact.set(cid, [...(dealsByContact.get(cid) ?? []), deal.id]);
      let withContact = 0;
      let withDeal = 0;
      const openDeals = new Set<string>();
      for (const l of leads) {
        const cids = contactByEmail.get(l.email.trim().toLowerCase()) ?? [];
        if (!cids.length) continue;
        withContact++;
        const dealIds = cids.flatMap((cid) => dealsByContact.get(cid) ?? []);
        if (dealIds.length) withDeal++;
        for (const id of dealIds) if (d.isOpen(d.deals.get(id)!)) openDeals.add(id);
      }
      const result = {
        campaignId: c.id,
        name: c.name,
        status: c.status,
        leads: leads.length,
        leadsByStatus,
        unsubscribed: leads.filter((l) => l.isUnsubscribed).length,
        contacted: contacted.size,
        replied: replied.size,
        replyRate: contacted.size ? replied.size / contacted.size : null,
        sent: msgs.length - msgs.filter((m) => m.type === 'REPLY').length,
        replies: msgs.filter((m) => m.type === 'REPLY').length,
        firstSentAt: sentTimes[0] ?? null,
        lastMessageAt: times.at(-1) ?? null,
        inHubspot: {
          leadsWithContact: withContact,
          leadsWithDeal: withDeal,
          openDealAmount: [...openDeals].reduce((s, id) => s + (d.deals.get(id)?.amount ?? 0), 0),
        },
        spend: ctx.data.smartleadSpend[c.id] ?? null,
        truncated: false,
      };
      return {
        result,
        summary: `Campaign ${c.id}: ${result.leads} leads, ${result.contacted} contacted, ${result.replied} replied${result.replyRate !== null ? ` (${Math.round(result.replyRate * 100)}%)` : ''}.`,
      };
    },
  });
