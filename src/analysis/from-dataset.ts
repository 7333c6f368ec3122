/** PortalData straight from a portal@1 dataset (tests, evals, and the sandbox's extras), via the in-memory ports. */
import { DatasetCrm } from '../crm/index.js';
import type { PortalDataset } from '../dataset/index.js';
import { DatasetOutreach } from '../outreach/index.js';
import type { MarketingData, PortalData } from './input.js';

export async function portalDataFromDataset(d: PortalDataset): Promise<PortalData> {
  return {
    crm: await new DatasetCrm(d).readAll(),
    outreach: d.smartlead ? await new DatasetOutreach(d.smartlead).readAll() : null,
    ...datasetExtras(d),
  };
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
