#!/usr/bin/env node
/**
 * Measures the MCP tool results on a big portal (not a test: minutes on 20k deals). Run after `npm run build`:
 *   node test/mcp/measure-results.mjs /tmp/bench20k/portal-20000-seed1.json
 * Prints each call's JSON size and time, the largest result, and the tools/list size.
 */
import { readPortalFile } from '../../dist/dataset/index.js';
import { portalDataFromDataset } from '../../dist/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../dist/config/index.js';
import { connectInMemory } from '../../dist/mcp/index.js';
import { StateStore } from '../../dist/state/index.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node test/mcp/measure-results.mjs PORTAL.json\n');
  process.exit(2);
}
let t = Date.now();
const ds = readPortalFile(file);
const data = await portalDataFromDataset(ds);
const session = {
  ctx: {
    data,
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  },
  state: new StateStore(':memory:'),
};
process.stderr.write(
  `loaded ${data.crm.deals.length} deals, ${data.crm.engagements.length} engagements, ${data.crm.owners.length} owners in ${Date.now() - t} ms\n`,
);
const { client, close } = await connectInMemory({ session });
const list = await client.listTools();
const perDeal = new Map();
for (const e of data.crm.engagements) for (const id of e.dealIds) perDeal.set(id, (perDeal.get(id) ?? 0) + 1);
const busiest = [...perDeal.entries()].sort((a, b) => b[1] - a[1])[0][0];
const o = data.outreach;
const lead = o.leads.find((l) => o.messages.some((m) => m.leadId === l.leadId && m.campaignId === l.campaignId));
const owner = data.crm.deals.find((d) => d.ownerId).ownerId;
const calls = [
  ['hubspot_search_deals', { limit: 100 }],
  ['hubspot_search_deals', { open: true, staleForDays: 30, sort: 'last_activity_asc', limit: 100 }],
  ['hubspot_get_deal_timeline', { dealId: busiest, limit: 50 }],
  ['hubspot_list_owners', { includeArchived: true, limit: 200 }],
  ['hubspot_list_pipelines', {}],
  ['smartlead_list_campaigns', { limit: 100 }],
  ['smartlead_get_lead_history', { email: lead.email, limit: 50 }],
  ['smartlead_get_campaign_stats', { campaignId: o.campaigns[0].id }],
  ['state_get_ae_profile', { owner }],
  ['state_list_nudges', { limit: 100 }],
  ['state_get_run_findings', { limit: 100 }],
  ['mis_run_checks', { limit: 100 }],
  ['mis_weekly_momentum', { maxDealIds: 100 }],
  ['mis_weekly_momentum', { maxDealIds: 100, from: '2026-01-01', to: '2026-11-21' }],
  ['mis_activity_scorecard', {}],
  ['mis_get_metric', { name: 'velocity' }],
  ['mis_get_metric', { name: 'winloss', from: '2025-01-01', to: '2026-11-21' }],
  ['mis_get_metric', { name: 'source' }],
  ['mis_get_metric', { name: 'roi' }],
  ['mis_deal_risk', { limit: 50, onlyAtRisk: false }],
];
if (process.env.MEASURE_TREND) calls.push(['state_get_compliance_trend', { weeks: 1 }]);
let largest = { bytes: 0 };
for (const [name, args] of calls) {
  t = Date.now();
  const r = await client.callTool({ name, arguments: args });
  const bytes = Buffer.byteLength(JSON.stringify(r.structuredContent ?? {}));
  const row = {
    name,
    args: JSON.stringify(args),
    bytes,
    ms: Date.now() - t,
    truncated: r.structuredContent?.truncated ?? null,
    isError: Boolean(r.isError),
  };
  if (bytes > largest.bytes) largest = row;
  process.stdout.write(
    `${name.padEnd(30)} ${String(bytes).padStart(6)} B ${String(row.ms).padStart(7)} ms  truncated=${row.truncated}${row.isError ? ' ERROR ' + r.content[0].text : ''}  ${row.args}\n`,
  );
}
const chars = JSON.stringify(list).length;
process.stdout.write(
  `\nlargest: ${largest.name} ${largest.args} → ${largest.bytes} bytes\ntools/list: ${list.tools.length} tools, ${chars} chars (~${Math.round(chars / 4)} tokens)\n`,
);
await close();
