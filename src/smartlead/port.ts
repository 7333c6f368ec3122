/** What the product reads from SmartLead, whichever implementation answers (the API client or the dataset fake). */
import type {
  Campaign,
  CampaignAnalytics,
  CampaignAnalyticsByDate,
  CampaignLead,
  CampaignStats,
  Lead,
  LeadMessage,
  OutreachSnapshot,
  StatisticsFilters,
} from './model.js';

export interface OutreachProgress {
  phase: 'campaigns' | 'leads' | 'messages';
  /** Units finished in this phase (campaigns for `leads`, leads for `messages`). */
  done: number;
  total: number;
}

export type OutreachProgressListener = (progress: OutreachProgress) => void;

export interface MessageHistoryOptions {
  /** ISO date-time: only events after it (`event_time_gt`). */
  after?: string;
}

export interface OutreachPort {
  /** All campaigns, newest first. */
  listCampaigns(): Promise<Campaign[]>;
  /** null when the campaign does not exist. */
  getCampaign(id: number): Promise<Campaign | null>;
  /** Every lead of a campaign (all pages). Throws SMARTLEAD_NOT_FOUND for an unknown campaign. */
  listCampaignLeads(campaignId: number): Promise<CampaignLead[]>;
  /** A lead's SENT and REPLY messages in the campaign, oldest first. Throws SMARTLEAD_NOT_FOUND when the lead is not in it. */
  getLeadMessageHistory(campaignId: number, leadId: number, options?: MessageHistoryOptions): Promise<LeadMessage[]>;
  /** null for an unknown address (matched case-insensitively). */
  getLeadByEmail(email: string): Promise<Lead | null>;
  /** One row per sent email (all pages), optionally filtered. */
  getCampaignStatistics(campaignId: number, filters?: StatisticsFilters): Promise<CampaignStats>;
  /** Lifetime counters of a campaign. */
  getCampaignAnalytics(campaignId: number): Promise<CampaignAnalytics>;
  /** Counters for whole UTC days `startDate`..`endDate` (YYYY-MM-DD). */
  getCampaignAnalyticsByDate(campaignId: number, startDate: string, endDate: string): Promise<CampaignAnalyticsByDate>;
  /** Campaigns, all their leads and every lead's message history. */
  readAll(onProgress?: OutreachProgressListener): Promise<OutreachSnapshot>;
}

/**
 * `readAll` through the port's own reads: campaigns, then each campaign's leads, then each lead's history
 * (`concurrency` histories in flight; the order of the result does not depend on it).
 */
export async function readAllThrough(
  port: OutreachPort,
  onProgress?: OutreachProgressListener,
  concurrency = 1,
): Promise<OutreachSnapshot> {
  const campaigns = await port.listCampaigns();
  onProgress?.({ phase: 'campaigns', done: campaigns.length, total: campaigns.length });
  const leads: CampaignLead[] = [];
  for (const [i, c] of campaigns.entries()) {
    leads.push(...(await port.listCampaignLeads(c.id)));
    onProgress?.({ phase: 'leads', done: i + 1, total: campaigns.length });
  }
  const histories: LeadMessage[][] = new Array<LeadMessage[]>(leads.length);
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < leads.length) {
      const i = next++;
      const l = leads[i]!;
      try {
        histories[i] = await port.getLeadMessageHistory(l.campaignId, l.leadId);
      } catch (e) {
        failed = true; // the other workers stop after their current request
        throw e;
      }
      done++;
      onProgress?.({ phase: 'messages', done, total: leads.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, leads.length)) }, worker));
  return { campaigns, leads, messages: histories.flat() };
}
