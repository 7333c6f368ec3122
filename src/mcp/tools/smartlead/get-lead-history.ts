/** smartlead_get_lead_history: one lead's SmartLead messages (by email), with the HubSpot contact and deals it maps to. */
import { z } from 'zod';
import { UsageError } from '../../../errors/index.js';
import { pageOf } from '../../bound.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import { cursorInput, limitInput, pageOutput } from '../common.js';

export const inputSchema = z.object({
  email: z.string().min(3).max(254).describe("the lead's email address (case-insensitive)"),
  campaignId: z.number().int().optional().describe('only this SmartLead campaign'),
  limit: limitInput(50, 20),
  cursor: cursorInput,
});

export const outputSchema = z.object({
  email: z.string(),
  leads: z
    .array(
      z.object({
        campaignId: z.number().int(),
        leadId: z.number().int(),
        status: z.string(),
        name: z.string().nullable(),
        companyName: z.string().nullable(),
      }),
    )
    .describe('the lead in each campaign'),
  hubspotContactIds: z.array(z.string()).describe('HubSpot contacts with this email (empty: SmartLead-only)'),
  hubspotDealIds: z.array(z.string()).describe('deals of those contacts'),
  messages: z
    .array(
      z.object({
        time: z.string(),
        type: z.enum(['SENT', 'REPLY']),
        campaignId: z.number().int(),
        sequenceNumber: z.number().int().nullable(),
        subject: quotedSchema.nullable(),
        body: quotedSchema.nullable(),
      }),
    )
    .describe('newest first'),
  ...pageOutput,
});

export const tool = () =>
  defineTool({
    name: 'smartlead_get_lead_history',
    title: 'SmartLead lead history',
    description:
      "A lead's SmartLead messages (sent and replies, newest first) with the HubSpot contacts and deals its email maps to; bodies are quoted data.",
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const o = env.session.ctx.data.outreach;
      const d = env.derived();
      const email = args.email.trim().toLowerCase();
      const leads = (o?.leads ?? []).filter(
        (l) =>
          l.email.trim().toLowerCase() === email && (args.campaignId === undefined || l.campaignId === args.campaignId),
      );
      if (!leads.length) {
        throw new UsageError(
          o
            ? `no SmartLead lead with email ${args.email}${args.campaignId !== undefined ? ` in campaign ${args.campaignId}` : ''}`
            : 'SmartLead is not connected',
          o
            ? 'Check the address (from a deal timeline or a smartlead_unsynced finding), or drop campaignId.'
            : 'Set SMARTLEAD_API_KEY and run mis sync to read SmartLead.',
        );
      }
      const keys = new Set(leads.map((l) => `${l.campaignId}:${l.leadId}`));
      const messages = (o?.messages ?? [])
        .filter((m) => keys.has(`${m.campaignId}:${m.leadId}`))
        .sort((a, b) => b.time.localeCompare(a.time))
        .map((m) => ({
          time: m.time,
          type: m.type,
          campaignId: m.campaignId,
          sequenceNumber: m.sequenceNumber,
          subject: quote(`smartlead ${m.type.toLowerCase()} subject`, m.subject, 200),
          body: quote(`smartlead ${m.type.toLowerCase()} (campaign ${m.campaignId})`, m.body),
        }));
      const contacts = [...d.contacts.values()].filter((c) => c.email?.trim().toLowerCase() === email).map((c) => c.id);
      const contactSet = new Set(contacts);
      const deals = [...d.deals.values()].filter((x) => x.contactIds.some((c) => contactSet.has(c))).map((x) => x.id);
      const { cursor, limit, ...query } = args;
      const result = pageOf(messages, { cursor, limit, query, maxBytes: env.maxBytes }, (page, info) => ({
        email,
        leads: leads.map((l) => ({
          campaignId: l.campaignId,
          leadId: l.leadId,
          status: l.status,
          name: [l.firstName, l.lastName].filter(Boolean).join(' ') || null,
          companyName: l.companyName,
        })),
        hubspotContactIds: contacts,
        hubspotDealIds: deals.slice(0, 50),
        messages: page,
        ...info,
      }));
      return {
        result,
        summary: `${email}: ${result.total} SmartLead messages in ${leads.length} campaign(s); HubSpot contacts: ${contacts.length ? contacts.join(', ') : 'none'}.`,
      };
    },
  });
