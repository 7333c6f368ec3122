/** smartlead_list_campaigns: SmartLead campaigns from the synced cache with lead and message counts. */
import { z } from 'zod';
import { pageOf } from '../../bound.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import { cursorInput, limitInput, pageOutput } from '../common.js';

export const inputSchema = z.object({
  status: z
    .string()
    .max(20)
    .optional()
    .describe('only campaigns with this status: DRAFTED, ACTIVE, PAUSED, STOPPED, COMPLETED or ARCHIVED'),
  limit: limitInput(100, 50),
  cursor: cursorInput,
});

export const campaignRowSchema = z.object({
  id: z.number().int().describe('SmartLead campaign id'),
  name: z.string(),
  status: z.string(),
  createdAt: z.string().nullable(),
  leads: z.number().int(),
  sent: z.number().int().describe('messages sent (synced message history)'),
  replies: z.number().int(),
  lastMessageAt: z.string().nullable(),
});

export const outputSchema = z.object({
  connected: z.boolean().describe('false when SmartLead is not read (no SMARTLEAD_API_KEY on a real portal)'),
  campaigns: z.array(campaignRowSchema),
  ...pageOutput,
});

export const tool = () =>
  defineTool({
    name: 'smartlead_list_campaigns',
    title: 'List SmartLead campaigns',
    description:
      'SmartLead campaigns from the synced cache (no API calls): id, name, status, leads, messages sent, replies and the last message time, newest campaign first.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const o = env.session.ctx.data.outreach;
      const stats = new Map<number, { leads: number; sent: number; replies: number; last: string | null }>();
      const stat = (id: number) => {
        let s = stats.get(id);
        if (!s) stats.set(id, (s = { leads: 0, sent: 0, replies: 0, last: null }));
        return s;
      };
      for (const l of o?.leads ?? []) stat(l.campaignId).leads++;
      for (const m of o?.messages ?? []) {
        const s = stat(m.campaignId);
        if (m.type === 'REPLY') s.replies++;
        else s.sent++;
        if (!s.last || m.time > s.last) s.last = m.time;
      }
      const want = args.status?.trim().toUpperCase();
      const rows = (o?.campaigns ?? [])
        .filter((c) => !want || c.status.toUpperCase() === want)
        .map((c) => {
          const s = stat(c.id);
          return {
            id: c.id,
            name: c.name,
            status: c.status,
            createdAt: c.createdAt,
            leads: s.leads,
            sent: s.sent,
            replies: s.replies,
            lastMessageAt: s.last,
          };
        });
      const { cursor, limit, ...query } = args;
      const result = pageOf(rows, { cursor, limit, query, maxBytes: env.maxBytes }, (campaigns, page) => ({
        connected: o !== null,
        campaigns,
        ...page,
      }));
      return {
        result,
        summary: o
          ? `${result.total} SmartLead campaigns; ${result.campaigns.length} shown.`
          : 'SmartLead is not connected: no campaigns.',
      };
    },
  });
