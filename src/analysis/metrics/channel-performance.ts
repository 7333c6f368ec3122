/**
 * MA-5 channel performance: SmartLead campaigns and sequence steps beside HubSpot sources.
 *
 * Definitions (messages up to asOf; the period, when given, keeps messages sent in it):
 * - per SmartLead campaign: leads (campaign leads), leads sent to (distinct leads with a SENT message), sent
 *   messages, replies (REPLY messages), leads replied (distinct), reply rate = leads replied ÷ leads sent to.
 * - per sequence step (email_seq_number of the SENT message): sent, replies attributed to the step = replies whose
 *   latest earlier SENT message to the same lead is that step; reply rate = replies ÷ sent.
 * - opens, clicks and bounces come from SmartLead's campaign statistics (one row per sent email), which sync keeps on
 *   each SENT message: opens = Σ open_count and clicks = Σ click_count over the sends, bounces = sends bounced;
 *   leads opened / clicked = distinct leads with a send opened / clicked; open rate = leads opened ÷ leads sent to,
 *   click rate = leads clicked ÷ leads sent to, bounce rate = bounces ÷ sent. Per step: sends opened / clicked /
 *   bounced ÷ sent. A campaign none of whose sends has statistics shows them as null; `statisticsSynced` is true
 *   when every send in the cache has them.
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
  opened: z.number().int().nonnegative().nullable().optional().describe('sends of this step opened at least once'),
  clicked: z.number().int().nonnegative().nullable().optional().describe('sends of this step clicked'),
  bounced: z.number().int().nonnegative().nullable().optional().describe('sends of this step that bounced'),
  openRate: share.nullable().optional().describe('sends opened ÷ sent'),
  clickRate: share.nullable().optional().describe('sends clicked ÷ sent'),
  bounceRate: share.nullable().optional().describe('sends bounced ÷ sent'),
});

export const channelPerformanceSchema = z
  .object({
    metric: z.literal('channel_performance'),
    statisticsSynced: z
      .boolean()
      .describe('true when every send in the cache carries its opens, clicks and bounce (campaign statistics)'),
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
        opens: z.number().int().nonnegative().nullable().describe('Σ open_count over the sends'),
        clicks: z.number().int().nonnegative().nullable().describe('Σ click_count over the sends'),
        bounces: z.number().int().nonnegative().nullable().describe('sends that bounced'),
        leadsOpened: z.number().int().nonnegative().nullable().optional(),
        leadsClicked: z.number().int().nonnegative().nullable().optional(),
        openRate: share.nullable().optional().describe('leads opened ÷ leads sent to'),
        clickRate: share.nullable().optional().describe('leads clicked ÷ leads sent to'),
        bounceRate: share.nullable().optional().describe('bounces ÷ sent'),
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
      type Step = {
        sent: number;
        replies: number;
        repliedLeads: Set<number>;
        withStats: number;
        opened: number;
        clicked: number;
        bounced: number;
      };
      const steps = new Map<number | null, Step>();
      const step = (s: number | null) => {
        let x = steps.get(s);
        if (!x)
          steps.set(
            s,
            (x = {
              sent: 0,
              replies: 0,
              repliedLeads: new Set<number>(),
              withStats: 0,
              opened: 0,
              clicked: 0,
              bounced: 0,
            }),
          );
        return x;
      };
      const openedLeads = new Set<number>();
      const clickedLeads = new Set<number>();
      let withStats = 0;
      let opens = 0;
      let clicks = 0;
      let bounces = 0;
      const sentTo = new Set<number>();
      const replied = new Set<number>();
      let sent = 0;
      let replies = 0;
      for (const m of mine) {
        if (m.type === 'SENT') {
          sent++;
          sentTo.add(m.leadId);
          lastStep.set(m.leadId, m.sequenceNumber);
          const x = step(m.sequenceNumber);
          x.sent++;
          if (m.stats) {
            withStats++;
            x.withStats++;
            opens += m.stats.openCount;
            clicks += m.stats.clickCount;
            if (m.stats.openCount > 0) {
              openedLeads.add(m.leadId);
              x.opened++;
            }
            if (m.stats.clickCount > 0) {
              clickedLeads.add(m.leadId);
              x.clicked++;
            }
            if (m.stats.bounced) {
              bounces++;
              x.bounced++;
            }
          }
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
      const known = withStats > 0;
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
        opens: known ? opens : null,
        clicks: known ? clicks : null,
        bounces: known ? bounces : null,
        leadsOpened: known ? openedLeads.size : null,
        leadsClicked: known ? clickedLeads.size : null,
        openRate:
          known && sentTo.size > 0 ? [...openedLeads].filter((id) => sentTo.has(id)).length / sentTo.size : null,
        clickRate:
          known && sentTo.size > 0 ? [...clickedLeads].filter((id) => sentTo.has(id)).length / sentTo.size : null,
        bounceRate: known && sent > 0 ? bounces / sent : null,
        steps: [...steps.entries()]
          .sort((a, b) => (a[0] ?? 1e9) - (b[0] ?? 1e9))
          .map(([s, x]) => {
            const k = x.withStats > 0;
            return {
              step: s,
              sent: x.sent,
              replies: x.replies,
              replyRate: x.sent > 0 ? x.repliedLeads.size / x.sent : null,
              opened: k ? x.opened : null,
              clicked: k ? x.clicked : null,
              bounced: k ? x.bounced : null,
              openRate: k && x.sent > 0 ? x.opened / x.sent : null,
              clickRate: k && x.sent > 0 ? x.clicked / x.sent : null,
              bounceRate: k && x.sent > 0 ? x.bounced / x.sent : null,
            };
          }),
      };
    });
  const sends = msgs.filter((m) => m.type === 'SENT');
  const synced = !!out && sends.every((m) => m.stats !== undefined);
  return {
    metric: 'channel_performance',
    statisticsSynced: synced,
    campaigns,
    hubspotSources: bySource(ctx, period).sources,
    note: !out
      ? 'SmartLead is not connected: only HubSpot sources are shown'
      : synced
        ? 'opens, clicks and bounces from SmartLead campaign statistics as of the last sync; sends and replies from the synced message history'
        : 'some sends were synced without campaign statistics (opens, clicks, bounces): run mis sync --full to read them; sends and replies come from the synced message history',
  };
}
