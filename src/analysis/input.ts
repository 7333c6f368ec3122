/** What every check and metric reads: one consistent picture of the portal, the team's config and a 'now'. */
import { z } from 'zod';
import type { TeamConfig } from '../config/index.js';
import type { CrmSnapshot } from '../crm/index.js';
import type { OutreachSnapshot } from '../smartlead/index.js';

export const marketingSchema = z.object({
  campaigns: z.array(z.object({ id: z.string(), name: z.string(), channel: z.string(), spend: z.number().nullable() })),
  touches: z.array(
    z.object({ contactId: z.string(), campaignId: z.string(), channel: z.string(), timestamp: z.string() }),
  ),
});
export type MarketingData = z.infer<typeof marketingSchema>;

export interface PortalData {
  crm: CrmSnapshot;
  /** null when SmartLead is not connected. */
  outreach: OutreachSnapshot | null;
  /** Marketing campaigns and touches (the sandbox's dataset; absent on a real portal unless configured). */
  marketing: MarketingData | null;
  /** Spend per SmartLead campaign id, for campaign ROI. */
  smartleadSpend: Record<number, number>;
  /** Owner id → manager owner id. */
  managers: Record<string, string>;
  /** HC-1: stages AEs' recent updates claim for deals (recorded by `mis reconcile`); absent when none. */
  aeUpdateStageClaims?: AeUpdateStageClaim[];
}

/** A stage an AE's free-text update claims for a deal, with the update quoted (src/reconcile records these). */
export interface AeUpdateStageClaim {
  dealId: string;
  ownerId: string;
  updateId: string;
  /** When the update was sent (ISO). */
  receivedAt: string;
  claimedStageId: string;
  claimedStageLabel: string;
  /** The mention, verbatim. */
  quote: string;
  /** The stage words in it ("POC on", "not going ahead"). */
  phrase: string;
}

export interface AnalysisContext {
  data: PortalData;
  config: TeamConfig;
  /** ISO instant every age, staleness and "this week" is computed from. */
  asOf: string;
  /** IANA zone for week and day boundaries. */
  timezone: string;
  currency: string;
}
