/**
 * Opens, clicks and bounces of each sent email, from SmartLead's campaign statistics (one row per sent email), put
 * on the SENT message they describe so the synced cache holds them without a request per lead.
 */
import type { CampaignStat, LeadMessage, SendStats } from './model.js';

export function sendStatsOf(row: CampaignStat): SendStats {
  return { openCount: row.openCount, clickCount: row.clickCount, bounced: row.isBounced };
}

/**
 * Sets `stats` on the campaign's SENT messages that have none, from the statistics rows: the row with the same
 * stats id, else the row of the same lead (by email) sent at the same instant. Returns how many were set.
 */
export function attachSendStats(
  messages: LeadMessage[],
  campaignId: number,
  rows: readonly CampaignStat[],
  leadIdByEmail: ReadonlyMap<string, number>,
): number {
  const byStatsId = new Map<string, CampaignStat>();
  const byLeadTime = new Map<string, CampaignStat>();
  for (const r of rows) {
    if (r.statsId) byStatsId.set(r.statsId, r);
    const leadId = leadIdByEmail.get(r.leadEmail.trim().toLowerCase());
    if (leadId !== undefined && r.sentTime) byLeadTime.set(`${leadId}|${Date.parse(r.sentTime)}`, r);
  }
  let set = 0;
  for (const m of messages) {
    if (m.campaignId !== campaignId || m.type !== 'SENT' || m.stats) continue;
    const row =
      (m.statsId ? byStatsId.get(m.statsId) : undefined) ?? byLeadTime.get(`${m.leadId}|${Date.parse(m.time)}`);
    if (!row) continue;
    m.stats = sendStatsOf(row);
    set++;
  }
  return set;
}
