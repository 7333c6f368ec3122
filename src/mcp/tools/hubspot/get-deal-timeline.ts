/** hubspot_get_deal_timeline: one deal with its stage history and every activity on it, newest first. */
import { z } from 'zod';
import { isDone } from '../../../analysis/index.js';
import { UsageError } from '../../../errors/index.js';
import { pageOf } from '../../bound.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import { cursorInput, dealRow, dealRowSchema, limitInput, pageOutput } from '../common.js';

export const EVENT_KINDS = ['call', 'email', 'meeting', 'note', 'task', 'smartlead_sent', 'smartlead_reply'] as const;

export const inputSchema = z.object({
  dealId: z.string().min(1).max(64).describe('HubSpot deal id (from hubspot_search_deals)'),
  kinds: z
    .array(z.enum(EVENT_KINDS))
    .max(EVENT_KINDS.length)
    .optional()
    .describe('only these kinds of event; default all'),
  limit: limitInput(50, 20),
  cursor: cursorInput,
});

export const eventSchema = z.object({
  at: z.string().describe('when it happened (hs_timestamp; for tasks the due date)'),
  kind: z.enum(EVENT_KINDS),
  id: z.string().describe('engagement id, or campaignId:leadId:time for a SmartLead message'),
  ownerId: z.string().nullable(),
  done: z.boolean().describe('counts as activity: not a future or canceled meeting, not an open task'),
  direction: z.string().nullable(),
  status: z.string().nullable(),
  subject: quotedSchema.nullable(),
  body: quotedSchema.nullable(),
});

export const outputSchema = z.object({
  asOf: z.string(),
  deal: dealRowSchema,
  contactIds: z.array(z.string()),
  companyIds: z.array(z.string()),
  stageHistory: z
    .array(z.object({ stageId: z.string().nullable(), stage: z.string().nullable(), at: z.string() }))
    .describe('oldest first'),
  closeDateHistory: z.array(z.object({ closeDate: z.string().nullable(), at: z.string() })).describe('oldest first'),
  amountHistory: z.array(z.object({ amount: z.string().nullable(), at: z.string() })).describe('oldest first'),
  events: z.array(eventSchema).describe('engagements on the deal and SmartLead messages of its contacts, newest first'),
  ...pageOutput,
});

export const tool = () =>
  defineTool({
    name: 'hubspot_get_deal_timeline',
    title: 'Deal timeline',
    description:
      "One deal's stage, close-date and amount history and every engagement and SmartLead message of its contacts, newest first, paged; bodies are quoted CRM data.",
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const d = env.derived();
      const deal = d.deals.get(args.dealId);
      if (!deal)
        throw new UsageError(
          `no deal ${args.dealId} in the synced portal`,
          'Find the id with hubspot_search_deals (by name, owner or stage); if it was just created, sync first (mis sync).',
        );
      const wanted = args.kinds ? new Set<string>(args.kinds) : null;
      type Event = z.infer<typeof eventSchema>;
      const events: Event[] = [];
      for (const e of d.engagementsByDeal.get(deal.id) ?? []) {
        if (wanted && !wanted.has(e.kind)) continue;
        events.push({
          at: e.timestamp,
          kind: e.kind,
          id: e.id,
          ownerId: e.ownerId,
          done: isDone(e, d.asOfMs),
          direction: e.direction,
          status: e.status,
          subject: quote(`hubspot ${e.kind} ${e.id} subject`, e.subject, 200),
          body: quote(`hubspot ${e.kind} ${e.id}`, e.body),
        });
      }
      for (const cid of deal.contactIds) {
        const email = d.contacts.get(cid)?.email?.trim().toLowerCase();
        if (!email) continue;
        for (const m of d.smartleadByEmail.get(email) ?? []) {
          const kind = m.type === 'REPLY' ? 'smartlead_reply' : 'smartlead_sent';
          if (wanted && !wanted.has(kind)) continue;
          events.push({
            at: m.time,
            kind,
            id: `${m.campaignId}:${m.leadId}:${m.time}`,
            ownerId: null,
            done: Date.parse(m.time) <= d.asOfMs,
            direction: m.type === 'REPLY' ? 'INBOUND' : 'OUTBOUND',
            status: null,
            subject: quote(`smartlead ${m.type.toLowerCase()} subject`, m.subject, 200),
            body: quote(`smartlead ${m.type.toLowerCase()} (campaign ${m.campaignId}, lead ${m.leadId})`, m.body),
          });
        }
      }
      events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id));
      const stageLabel = (id: string | null) => (id ? (d.stageById(deal.pipelineId, id)?.label ?? id) : null);
      const { cursor, limit, ...query } = args;
      const result = pageOf(events, { cursor, limit, query, maxBytes: env.maxBytes }, (page, info) => ({
        asOf: ctx.asOf,
        deal: dealRow(deal, env),
        contactIds: deal.contactIds.slice(0, 50),
        companyIds: deal.companyIds.slice(0, 20),
        stageHistory: deal.stageHistory
          .slice(-30)
          .map((h) => ({ stageId: h.value, stage: stageLabel(h.value), at: h.timestamp })),
        closeDateHistory: deal.closeDateHistory.slice(-20).map((h) => ({ closeDate: h.value, at: h.timestamp })),
        amountHistory: deal.amountHistory.slice(-20).map((h) => ({ amount: h.value, at: h.timestamp })),
        events: page,
        ...info,
      }));
      return {
        result,
        summary: `Deal ${deal.id}: ${result.total} events, ${result.events.length} shown (its name and texts are in the quoted fields).`,
      };
    },
  });
