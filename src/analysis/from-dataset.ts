/** PortalData straight from a portal@1 dataset (tests, evals, and the sandbox's extras), via the in-memory ports. */
import { DatasetCrm } from '../crm/index.js';
import type { PortalDataset } from '../dataset/index.js';
import { DatasetOutreach, attachSendStats, type OutreachSnapshot } from '../smartlead/index.js';
import type { MarketingData, PortalData } from './input.js';

export async function portalDataFromDataset(d: PortalDataset): Promise<PortalData> {
  return {
    crm: await new DatasetCrm(d).readAll(),
    outreach: d.smartlead ? await outreachWithStats(new DatasetOutreach(d.smartlead)) : null,
    ...datasetExtras(d),
  };
}

/** Every message history, with each send's opens, clicks and bounces from the campaign statistics (as sync keeps them). */
async function outreachWithStats(port: DatasetOutreach): Promise<OutreachSnapshot> {
  const snap = await port.readAll();
  for (const c of snap.campaigns) {
    const stats = await port.getCampaignStatistics(c.id);
    const leadIds = new Map(
      snap.leads.filter((l) => l.campaignId === c.id).map((l) => [l.email.trim().toLowerCase(), l.leadId]),
    );
    attachSendStats(snap.messages, c.id, stats.rows, leadIds);
  }
  return snap;
}

/** What a dataset carries beyond the HubSpot and SmartLead APIs: marketing touches, spend, managers. */
export function datasetExtras(
  d: Pick<PortalDataset, 'marketing' | 'smartlead' | 'managers'>,
): Pick<PortalData, 'marketing' | 'smartleadSpend' | 'managers'> {
  const marketing: MarketingData | null = d.marketing
    ? {
        campaigns: d.marketing.campaigns.map((c) => ({
          id: c.id,
          name: c.name,
          channel: c.channel,
          spend: c.spend ?? null,
        })),
        touches: d.marketing.touches.map((t) => ({
          contactId: t.contactId,
          campaignId: t.campaignId,
          channel: t.channel,
          timestamp: new Date(t.timestamp).toISOString(),
        })),
      }
    : null;
  const smartleadSpend: Record<number, number> = {};
  for (const s of d.smartlead?.spend ?? [])
    smartleadSpend[s.campaign_id] = (smartleadSpend[s.campaign_id] ?? 0) + s.amount;
  return { marketing, smartleadSpend, managers: { ...(d.managers ?? {}) } };
}
