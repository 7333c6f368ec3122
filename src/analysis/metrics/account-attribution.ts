/**
 * MA-6 Account-based attribution: per company, how marketing and outreach touched its people and what it bought.
 *
 * Definitions:
 * - contacts of a company: contacts associated with it.
 * - touches: the marketing touches and SmartLead messages (SENT and REPLY; channel "SMARTLEAD") of those contacts, up
 *   to asOf (no cut-off at a deal's close: this is the account's whole history).
 * - channels: touches per channel; campaigns: distinct campaigns touching the account.
 * - won revenue: Σ amount (as of asOf) of deals won as of asOf associated with the company (a deal associated with
 *   two companies counts for both).
 * - first / last touch: the earliest / latest touch.
 * Companies with no touch and no won deal are left out.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { cmp, compareIds, iso, isoTime, metricIndex, money, type Touch } from './common.js';

const touchRef = z
  .object({ at: isoTime, channel: z.string(), campaignId: z.string(), contactId: z.string() })
  .nullable();

export const accountAttributionSchema = z
  .object({
    metric: z.literal('account_attribution'),
    asOf: z.string(),
    currency: z.string(),
    accounts: z
      .array(
        z.object({
          companyId: z.string(),
          name: z.string().nullable(),
          contacts: z.number().int().nonnegative().describe('contacts associated with the company'),
          touchedContacts: z.number().int().nonnegative().describe('of those, with at least one touch'),
          touches: z
            .number()
            .int()
            .nonnegative()
            .describe('marketing touches + SmartLead messages of its contacts, up to asOf'),
          channels: z
            .array(z.object({ channel: z.string(), touches: z.number().int().positive() }))
            .describe('most touches first'),
          campaigns: z.number().int().nonnegative().describe('distinct campaigns that touched the account'),
          wonDeals: z.number().int().nonnegative(),
          wonRevenue: money.describe('Σ amount of won deals associated with the company'),
          firstTouch: touchRef.describe('earliest touch'),
          lastTouch: touchRef.describe('latest touch'),
        }),
      )
      .describe('companies with a touch or a won deal; largest won revenue first, then most touches'),
  })
  .describe('MA-6 account attribution: touches, channels and won revenue per company');
export type AccountAttribution = z.infer<typeof accountAttributionSchema>;

export function accountAttribution(ctx: AnalysisContext): AccountAttribution {
  const ix = metricIndex(ctx);
  const won = new Map<string, { count: number; amount: number }>();
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.won) continue;
    for (const id of tl.deal.companyIds) {
      const w = won.get(id) ?? { count: 0, amount: 0 };
      w.count++;
      w.amount += s.amount;
      won.set(id, w);
    }
  }
  const ref = (t: Touch | undefined) =>
    t ? { at: iso(t.at), channel: t.channel, campaignId: t.campaignId, contactId: t.contactId } : null;
  const accounts: AccountAttribution['accounts'] = [];
  for (const company of [...ix.d.companies.values()].sort((a, b) => compareIds(a.id, b.id))) {
    const contacts = ix.contactsByCompany.get(company.id) ?? [];
    const channels = new Map<string, number>();
    const campaigns = new Set<string>();
    let first: Touch | undefined;
    let last: Touch | undefined;
    let touches = 0;
    let touchedContacts = 0;
    for (const c of contacts) {
      const list = ix.touchesByContact.get(c.id) ?? [];
      if (list.length > 0) touchedContacts++;
      for (const t of list) {
        touches++;
        channels.set(t.channel, (channels.get(t.channel) ?? 0) + 1);
        campaigns.add(t.campaignId);
        if (!first || t.at < first.at) first = t;
        if (!last || t.at >= last.at) last = t;
      }
    }
    const w = won.get(company.id) ?? { count: 0, amount: 0 };
    if (touches === 0 && w.count === 0) continue;
    accounts.push({
      companyId: company.id,
      name: company.name,
      contacts: contacts.length,
      touchedContacts,
      touches,
      channels: [...channels.entries()]
        .map(([channel, n]) => ({ channel, touches: n }))
        .sort((a, b) => b.touches - a.touches || cmp(a.channel, b.channel)),
      campaigns: campaigns.size,
      wonDeals: w.count,
      wonRevenue: w.amount,
      firstTouch: ref(first),
      lastTouch: ref(last),
    });
  }
  accounts.sort((a, b) => b.wonRevenue - a.wonRevenue || b.touches - a.touches || compareIds(a.companyId, b.companyId));
  return { metric: 'account_attribution', asOf: iso(ix.asOf), currency: ctx.currency, accounts };
}
