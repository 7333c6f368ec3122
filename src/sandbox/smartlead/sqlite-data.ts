/** The SmartLead view's records read from the sandbox store's `sl_*` tables. */
import type Database from 'better-sqlite3';
import {
  normaliseEmail,
  type CampaignRecord,
  type LeadRecord,
  type MessageRecord,
  type SmartleadData,
} from '../../smartlead/semantics/index.js';

const byDb = new WeakMap<Database.Database, SmartleadData>();

/** A reader over the store's `sl_*` tables (one per database, statements prepared once). */
export function sqliteData(db: Database.Database): SmartleadData {
  const cached = byDb.get(db);
  if (cached) return cached;
  const q = {
    campaigns: db.prepare('SELECT json FROM sl_campaigns ORDER BY id DESC'),
    campaign: db.prepare('SELECT json FROM sl_campaigns WHERE id = ?'),
    leadCount: db.prepare('SELECT COUNT(*) AS n FROM sl_leads WHERE campaign_id = ?'),
    leads: db.prepare('SELECT json FROM sl_leads WHERE campaign_id = ? ORDER BY seq'),
    leadsPage: db.prepare('SELECT json FROM sl_leads WHERE campaign_id = ? ORDER BY seq LIMIT ? OFFSET ?'),
    lead: db.prepare('SELECT json FROM sl_leads WHERE campaign_id = ? AND lead_id = ?'),
    byEmail: db.prepare('SELECT json FROM sl_leads WHERE email = ? ORDER BY seq'),
    byId: db.prepare('SELECT json FROM sl_leads WHERE lead_id = ? ORDER BY seq'),
    campaignMessages: db.prepare('SELECT json FROM sl_messages WHERE campaign_id = ? ORDER BY seq'),
    leadMessages: db.prepare('SELECT json FROM sl_messages WHERE campaign_id = ? AND lead_id = ? ORDER BY seq'),
    contacted: db.prepare("SELECT DISTINCT lead_id FROM sl_messages WHERE campaign_id = ? AND type = 'SENT'"),
  };
  const all = <T>(rows: unknown[]): T[] => (rows as { json: string }[]).map((r) => JSON.parse(r.json) as T);
  const one = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { json: string }).json) as T) : undefined);
  const data: SmartleadData = {
    campaigns: () => all<CampaignRecord>(q.campaigns.all()),
    campaign: (id) => one<CampaignRecord>(q.campaign.get(id)),
    leadCount: (id) => (q.leadCount.get(id) as { n: number }).n,
    leads: (id, page) => all<LeadRecord>(page ? q.leadsPage.all(id, page.limit, page.offset) : q.leads.all(id)),
    lead: (campaignId, leadId) => one<LeadRecord>(q.lead.get(campaignId, leadId)),
    leadsByEmail: (email) => all<LeadRecord>(q.byEmail.all(normaliseEmail(email))),
    leadsById: (leadId) => all<LeadRecord>(q.byId.all(leadId)),
    messages: (campaignId, leadId) =>
      all<MessageRecord>(
        leadId === undefined ? q.campaignMessages.all(campaignId) : q.leadMessages.all(campaignId, leadId),
      ),
    contactedLeadIds: (id) => new Set((q.contacted.all(id) as { lead_id: number }[]).map((r) => r.lead_id)),
  };
  byDb.set(db, data);
  return data;
}
