/**
 * Marketing campaigns beyond SmartLead, with touches that precede the contact's creation (first touch) and their
 * first deal, so attribution and campaign ROI can be computed. A contact's first touch matches its original source.
 */
import type { PortalDatasetInput } from '../dataset/index.js';
import type { World } from './model.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE, iso } from './time.js';

type Section = NonNullable<PortalDatasetInput['marketing']>;

const CAMPAIGNS = [
  { id: 'mk-linkedin-fy27', name: 'LinkedIn Lead Gen - Shippers FY27', channel: 'PAID_SOCIAL', spend: 420_000 },
  { id: 'mk-google-tms', name: 'Google Ads - TMS keywords', channel: 'PAID_SEARCH', spend: 310_000 },
  { id: 'mk-webinar-coldchain', name: 'Webinar: Cold Chain Visibility', channel: 'EMAIL_MARKETING', spend: 60_000 },
  { id: 'mk-tradeshow-iws', name: 'India Warehousing Show 2026', channel: 'OFFLINE', spend: 550_000 },
] as const;

export function buildMarketing(world: World, rng: Rng): Section {
  const scale = Math.max(1, world.cfg.deals / 110);
  const touches: Section['touches'] = [];
  for (const c of world.contacts) {
    if (c.id === '') continue;
    const first = CAMPAIGNS.find((m) => m.channel === c.source);
    if (!first || !rng.chance(0.85)) continue;
    touches.push({
      contactId: c.id,
      campaignId: first.id,
      channel: first.channel,
      timestamp: iso(c.createdAt - rng.float(10 * MINUTE, 3 * DAY)),
    });
    const firstDeal =
      c.deals.length > 0 ? Math.min(...c.deals.map((i) => world.deals[i]!.createdAt)) : c.createdAt + 30 * DAY;
    const latest = Math.min(firstDeal - HOUR, world.cfg.asOf - HOUR);
    if (latest > c.createdAt + HOUR && rng.chance(0.3)) {
      const again = rng.pick(CAMPAIGNS);
      touches.push({
        contactId: c.id,
        campaignId: again.id,
        channel: again.channel,
        timestamp: iso(rng.float(c.createdAt + HOUR, latest)),
      });
    }
  }
  return {
    campaigns: CAMPAIGNS.map((m) => ({ ...m, spend: Math.round((m.spend * scale) / 1000) * 1000 })),
    touches,
  };
}
