/**
 * MA-5 channel performance: SmartLead campaigns and sequence steps beside HubSpot sources.
 *
 * Definitions (messages up to asOf; the period, when given, keeps messages sent in it):
 * - per SmartLead campaign: leads (campaign leads), leads sent to (distinct leads with a SENT message), sent
 *   messages, replies (REPLY messages), leads replied (distinct), reply rate = leads replied ÷ leads sent to.
 * - per sequence step (email_seq_number of the SENT message): sent, replies attributed to the step = replies whose
 *   latest earlier SENT message to the same lead is that step; reply rate = replies ÷ sent.
 * - opens, clicks and bounces come from SmartLead's campaign statistics, which the synced cache does not hold:
 *   they are null here (read them live with the smartlead_get_campaign_stats tool) and `statisticsSynced` says so.
 * - HubSpot sources: the MA-1 by-source rows (leads, deals, open and won by original source) over the same period.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { bySource, bySourceSchema } from './by-source.js';
import { compareIds, metricIndex, share, type PeriodInput, resolvePeriod } from './common.js';

const stepSchema = z.object({
  step: z.number().int().nullable().describe('email_seq_number; null when SmartLead did not give one'),
  sent: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  replyRate: share.nullable(),
});

export const channelPerformanceSchema = z
  .object({
    metric: z.literal('channel_performance'),
    statisticsSynced: z.boolean().describe('false: opens, clicks and bounces are not in the cache'),
    campaigns: z.array(
      z.object({
        campaignId: z.number().int(),
        name: z.string(),
        status: z.string(),
        leads: z.number().int().nonnegative(),
        leadsSent: z.number().int().nonnegative(),
        sent: z.number().int().nonnegative(),
        replies: z.number().int().nonnegative(),
        leadsReplied: z.number().int().nonnegative(),
        replyRate: share.nullable().describe('leads replied ÷ leads sent to'),
        opens: z.number().int().nonnegative().nullable(),
        clicks: z.number().int().nonnegative().nullable(),
        bounces: z.number().int().nonnegative().nullable(),
        steps: z.array(stepSchema),
      }),
    ),
    hubspotSources: bySourceSchema.shape.sources,
    note: z.string(),
  })
  .describe('MA-5 channel performance: SmartLead campaigns and sequence steps beside HubSpot sources');
export type ChannelPerformance = z.infer<typeof channelPerformanceSchema>;

export function channelPerformance(ctx: AnalysisContext, period?: PeriodInput): ChannelPerformance {
  const ix = metricIndex(ctx);
  const p = period ? resolvePeriod(ctx, period, 'quarter') : null;
  const out = ctx.data.outreach;
  const msgs = [...(out?.messages ?? [])]
    .filter((m) => {
      const t = Date.parse(m.time);
      return t <= ix.asOf && (!p || (t >= p.from && t <= p.through));
    })
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const campaigns = [...(out?.campaigns ?? [])]
    .sort((a, b) => compareIds(String(a.id), String(b.id)))
    .map((c) => {
      const mine = msgs.filter((m) => m.campaignId === c.id);
      const lastStep = new Map<number, number | null>();
      const steps = new Map<number | null, { sent: number; replies: number; repliedLeads: Set<number> }>();
      const step = (s: number | null) => {
        let x = steps.get(s);
        if (!x) steps.set(s, (x = { sent: 0, replies: 0, repliedLeads: new Set<number>() }));
        return x;
      };
      const sentTo = new Set<number>();
      const replied = new Set<number>();
      let sent = 0;
      let replies = 0;
      for (const m of mine) {
        if (m.type === 'SENT') {
          sent++;
          sentTo.add(m.leadId);
          lastStep.set(m.leadId, m.sequenceNumber);
          step(m.sequenceNumber).sent++;
        } else {
          replies++;
          replied.add(m.leadId);
          if (lastStep.has(m.leadId)) {
            const x = step(lastStep.get(m.leadId)!);
            x.replies++;
            x.repliedLeads.add(m.leadId);
          }
        }
      }
      return {
        campaignId: c.id,
        name: c.name,
        status: c.status,
        leads: (out?.leads ?? []).filter((l) => l.campaignId === c.id).length,
        leadsSent: sentTo.size,
        sent,
        replies,
        leadsReplied: replied.size,
        // Leads who replied among the leads sent to (a second reply, or a reply from a lead never sent to, is not a rate above 1).
        replyRate: sentTo.size > 0 ? [...replied].filter((id) => sentTo.has(id)).length / sentTo.size : null,
        opens: null,
        clicks: null,
        bounces: null,
        steps: [...steps.entries()]
          .sort((a, b) => (a[0] ?? 1e9) - (b[0] ?? 1e9))
          .map(([s, x]) => ({
            step: s,
            sent: x.sent,
            replies: x.replies,
            replyRate: x.sent > 0 ? x.repliedLeads.size / x.sent : null,
          })),
      };
    });
  return {
    metric: 'channel_performance',
    statisticsSynced: false,
    campaigns,
    hubspotSources: bySource(ctx, period).sources,
    note: out
      ? 'opens, clicks and bounces are read live from SmartLead campaign statistics (smartlead_get_campaign_stats); sends and replies come from the synced message history'
      : 'SmartLead is not connected: only HubSpot sources are shown',
  };
}
