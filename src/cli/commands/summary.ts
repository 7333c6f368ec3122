/** `mis summary` (and, for now, `mis start`): read the whole portal through the real clients and summarise it. */
import { summarizePortal, type CampaignRead } from '../../analysis/index.js';
import { loadConfig } from '../../config/index.js';
import { renderPortalSummary } from '../../analysis/text/index.js';
import { connect } from '../../session/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';

export const SUMMARY_HELP = `Usage: mis summary [--json] [--as-of ISO]

Reads the whole portal (owners, pipelines, companies, contacts, deals with stage history, every
engagement) and the SmartLead campaigns through the HubSpot and SmartLead clients, then prints
owners, the pipeline by stage, engagements by owner and SmartLead campaigns with replies.
With no HUBSPOT_ACCESS_TOKEN it reads the local sandbox (MIS_DATASET, default the demo portal).
  --json      one JSON document on stdout (schema: portalSummarySchema in src/analysis)
  --as-of     the 'now' for "last 14 days" (default: the dataset's asOf on the sandbox, else the clock)`;

export async function summaryCommand(argv: string[], io: Io, name = 'summary'): Promise<number> {
  const { values } = parse(name, argv, { json: { type: 'boolean' }, 'as-of': { type: 'string' } }, 0);
  if (values.help) {
    io.out(SUMMARY_HELP);
    return 0;
  }
  const started = Date.now();
  const config = loadConfig();
  const conn = await connect(config, { onProgress: (m) => io.progress(m) });
  try {
    io.progress(`reading ${conn.source}…`);
    const snapshot = await conn.crm.readAll((p) =>
      io.progress(`reading HubSpot: ${p.phase} ${p.done.toLocaleString('en-IN')}`),
    );
    let campaigns: CampaignRead[] | null = null;
    if (conn.outreach) {
      const outreach = conn.outreach;
      campaigns = [];
      const list = await outreach.listCampaigns();
      for (const [i, campaign] of list.entries()) {
        io.progress(`reading SmartLead: campaign ${i + 1}/${list.length}`);
        campaigns.push({
          campaign,
          analytics: await outreach.getCampaignAnalytics(campaign.id),
          leads: await outreach.listCampaignLeads(campaign.id),
        });
      }
    }
    io.done();
    const hub = conn.hubspotRequests.snapshot();
    const sl = conn.smartleadRequests.snapshot();
    const summary = summarizePortal({
      snapshot,
      campaigns,
      asOf: isoOption('as-of', values['as-of']) ?? snapshot.account.asOf ?? new Date().toISOString(),
      source: conn.source,
      mode: conn.mode,
      requests: {
        hubspot: hub.total,
        smartlead: sl.total,
        byRoute: { ...prefix('hubspot', hub.byRoute), ...prefix('smartlead', sl.byRoute) },
      },
      durationMs: Date.now() - started,
    });
    if (values.json) printJson(io, summary);
    else io.out(renderPortalSummary(summary));
    return 0;
  } finally {
    io.done();
    await conn.close();
  }
}

function prefix(api: string, routes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(routes).map(([k, v]) => [`${api} ${k}`, v]));
}
