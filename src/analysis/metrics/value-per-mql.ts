/**
 * Value per MQL by source (the seed method): what an MQL from each source is worth, to set bids and budgets.
 *
 *   value per MQL = average revenue per customer × MQL-to-customer close rate
 *
 * Definitions (per contact original source, hs_analytics_source; "(unknown)" when missing; lifecycle as SA-1: a
 * later stage counts as having passed the earlier ones, history up to asOf):
 * - MQLs: contacts that reached marketingqualifiedlead (or later).
 * - customers from MQLs: of those, the ones that reached customer. close rate = customers from MQLs ÷ MQLs.
 * - customers: all contacts that reached customer (whether or not they were MQLs).
 * - revenue: every deal won as of asOf splits its amount equally among its contacts, credited to each contact's
 *   source (a deal with no contact credits its whole amount to the deal's source).
 * - average revenue per customer = revenue ÷ customers (null when no customer).
 * - value per MQL = average revenue per customer × close rate (null when either is null).
 * The `all` row applies the same to every contact.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { LIFECYCLE_STAGES, UNKNOWN_SOURCE, cmp, metricIndex, money, ratio, share } from './common.js';

const MQL = LIFECYCLE_STAGES.indexOf('marketingqualifiedlead');
const CUSTOMER = LIFECYCLE_STAGES.indexOf('customer');

const rowSchema = z.object({
  source: z.string().describe('contact original source; "(all)" for the total row'),
  mqls: z.number().int().nonnegative().describe('contacts that reached MQL or later'),
  customersFromMqls: z.number().int().nonnegative().describe('of the MQLs, reached customer'),
  closeRate: share.nullable().describe('customersFromMqls ÷ mqls'),
  customers: z.number().int().nonnegative().describe('contacts that reached customer'),
  revenue: money.describe('won deal amounts split equally over each deal’s contacts, credited to their source'),
  averageRevenuePerCustomer: money.nullable().describe('revenue ÷ customers'),
  valuePerMql: money.nullable().describe('averageRevenuePerCustomer × closeRate'),
});

export const valuePerMqlSchema = z
  .object({
    metric: z.literal('value_per_mql'),
    asOf: z.string(),
    currency: z.string(),
    all: rowSchema,
    bySource: z.array(rowSchema).describe('largest value per MQL first (null last)'),
  })
  .describe('Value per MQL by source = average revenue per customer × MQL-to-customer close rate');
export type ValuePerMql = z.infer<typeof valuePerMqlSchema>;

interface Acc {
  mqls: number;
  customersFromMqls: number;
  customers: number;
  revenue: number;
}
const empty = (): Acc => ({ mqls: 0, customersFromMqls: 0, customers: 0, revenue: 0 });

export function valuePerMql(ctx: AnalysisContext): ValuePerMql {
  const ix = metricIndex(ctx);
  const accs = new Map<string, Acc>();
  const all = empty();
  const acc = (source: string | null | undefined) => {
    const key = source?.trim() || UNKNOWN_SOURCE;
    let a = accs.get(key);
    if (!a) accs.set(key, (a = empty()));
    return a;
  };
  for (const c of ix.d.contacts.values()) {
    const lc = ix.lifecycle(c);
    const mql = lc.reachedAt[MQL] !== null;
    const customer = lc.reachedAt[CUSTOMER] !== null;
    if (!mql && !customer) continue;
    for (const a of [acc(c.source), all]) {
      if (mql) a.mqls++;
      if (mql && customer) a.customersFromMqls++;
      if (customer) a.customers++;
    }
  }
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.won) continue;
    const contacts = tl.deal.contactIds.map((id) => ix.d.contacts.get(id)).filter((c) => c !== undefined);
    if (contacts.length === 0) acc(ix.dealSource(tl.deal)).revenue += s.amount;
    else for (const c of contacts) acc(c.source).revenue += s.amount / contacts.length;
    all.revenue += s.amount;
  }
  const row = (source: string, a: Acc) => {
    const closeRate = ratio(a.customersFromMqls, a.mqls);
    const averageRevenuePerCustomer = ratio(a.revenue, a.customers);
    return {
      source,
      ...a,
      closeRate,
      averageRevenuePerCustomer,
      valuePerMql:
        closeRate !== null && averageRevenuePerCustomer !== null ? averageRevenuePerCustomer * closeRate : null,
    };
  };
  return {
    metric: 'value_per_mql',
    asOf: new Date(ix.asOf).toISOString(),
    currency: ctx.currency,
    all: row('(all)', all),
    bySource: [...accs.entries()]
      .map(([source, a]) => row(source, a))
      .sort(
        (a, b) =>
          (b.valuePerMql ?? -Infinity) - (a.valuePerMql ?? -Infinity) || b.mqls - a.mqls || cmp(a.source, b.source),
      ),
  };
}
