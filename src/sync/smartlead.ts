/**
 * Reading SmartLead cheaply: statistics pages give every send (one row per sent email, with reply times, opens,
 * clicks and bounces, kept on each SENT message as `stats`), so message histories are fetched only for leads that
 * replied — where the reply text matters. An incremental read refreshes the statistics of sends in its window only.
 */
import {
  attachSendStats,
  sendStatsOf,
  type CampaignLead,
  type LeadMessage,
  type OutreachPort,
  type OutreachSnapshot,
} from '../smartlead/index.js';

export interface OutreachRead {
  snapshot: OutreachSnapshot;
  /** Newest message time seen (ISO), the next incremental read's starting point. */
  cursor: string | null;
}

const DAY = 86_400_000;

/** Everything (since = null) or what changed since an ISO time (with a day of overlap; writes are upserts). */
export async function readOutreach(
  port: OutreachPort,
  since: string | null,
  onProgress?: (message: string) => void,
): Promise<OutreachRead> {
  const campaigns = await port.listCampaigns();
  const leads: CampaignLead[] = [];
  const messages: LeadMessage[] = [];
  const from = since ? new Date(Date.parse(since) - DAY).toISOString() : undefined;
  for (const [i, c] of campaigns.entries()) {
    onProgress?.(`SmartLead campaign ${i + 1}/${campaigns.length}: leads and sends`);
    const campaignLeads = await port.listCampaignLeads(c.id);
    leads.push(...campaignLeads);
    const leadByEmail = new Map(campaignLeads.map((l) => [l.email.trim().toLowerCase(), l]));
    const sends = await port.getCampaignStatistics(c.id, from ? { sentFrom: from } : {});
    const replied = new Set<number>();
    const statRows = [...sends.rows];
    for (const row of sends.rows) {
      const lead = leadByEmail.get(row.leadEmail.trim().toLowerCase());
      if (!lead || !row.sentTime) continue;
      if (row.replyTime) replied.add(lead.leadId);
      messages.push({
        campaignId: c.id,
        leadId: lead.leadId,
        type: 'SENT',
        time: row.sentTime,
        subject: row.subject,
        body: '',
        statsId: row.statsId,
        messageId: null,
        sequenceNumber: row.sequenceNumber,
        from: null,
        to: lead.email,
        stats: sendStatsOf(row),
      });
    }
    if (from) {
      // Replies to older sends land after `from` too.
      const replies = await port.getCampaignStatistics(c.id, { emailStatus: 'replied' });
      statRows.push(...replies.rows);
      for (const row of replies.rows) {
        const lead = leadByEmail.get(row.leadEmail.trim().toLowerCase());
        if (lead && row.replyTime && row.replyTime >= from) replied.add(lead.leadId);
      }
    }
    const withReplies = [...replied].sort((a, b) => a - b);
    for (const [j, leadId] of withReplies.entries()) {
      onProgress?.(`SmartLead campaign ${i + 1}/${campaigns.length}: reply ${j + 1}/${withReplies.length}`);
      const history = await port.getLeadMessageHistory(c.id, leadId);
      // The history is authoritative for this lead: drop the statistics-derived sends it covers.
      for (let k = messages.length - 1; k >= 0; k--) {
        const m = messages[k]!;
        if (m.campaignId === c.id && m.leadId === leadId && m.body === '' && m.messageId === null)
          messages.splice(k, 1);
      }
      messages.push(...history);
    }
    // The histories' sends: their opens, clicks and bounces from the statistics rows read above.
    if (withReplies.length)
      attachSendStats(
        messages,
        c.id,
        statRows,
        new Map(campaignLeads.map((l) => [l.email.trim().toLowerCase(), l.leadId])),
      );
  }
  const cursor = messages.reduce<string | null>((max, m) => (max === null || m.time > max ? m.time : max), since);
  return { snapshot: { campaigns, leads, messages }, cursor };
}
