/** Every MCP tool, registered on a server; CRM write tools only when writes are enabled. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerTool, type EnvResolver, type ToolDef } from '../tool.js';
import { SCHEMA_VOCABULARY, type Vocabulary } from '../vocabulary.js';
import * as getDealTimeline from './hubspot/get-deal-timeline.js';
import * as listOwners from './hubspot/list-owners.js';
import * as listPipelines from './hubspot/list-pipelines.js';
import * as searchDeals from './hubspot/search-deals.js';
import * as activityScorecard from './mis/activity-scorecard.js';
import * as dealRisk from './mis/deal-risk.js';
import * as getMetric from './mis/get-metric.js';
import * as adviseTool from './mis/advise.js';
import * as runChecks from './mis/run-checks.js';
import * as weeklyMomentum from './mis/weekly-momentum.js';
import * as getLeadHistory from './smartlead/get-lead-history.js';
import * as getCampaignStats from './smartlead/get-campaign-stats.js';
import * as listCampaigns from './smartlead/list-campaigns.js';
import * as getAeProfile from './state/get-ae-profile.js';
import * as planDigest from './mis/plan-digest.js';
import * as getComplianceTrend from './state/get-compliance-trend.js';
import * as getRunFindings from './state/get-run-findings.js';
import * as listAeUpdates from './state/list-ae-updates.js';
import * as listNudges from './state/list-nudges.js';
import * as recordNudgeResponse from './state/record-nudge-response.js';
import * as updateAeProfile from './state/update-ae-profile.js';
import * as dealBrief from './assist/deal-brief.js';
import * as meetingPrep from './assist/meeting-prep.js';
import * as nextActions from './assist/next-actions.js';
import { writeTools } from './writes/index.js';
import * as draftUpdate from './reconcile/draft-update.js';
import * as reconcileUpdate from './reconcile/reconcile-update.js';

/** Tools that change sales-mis's local state (nudge quieting, escalation): registered only with state writes on. */
export const STATE_WRITE_TOOLS = ['state_update_ae_profile', 'state_record_nudge_response'] as const;

/** The tools that read (and the two that keep local state), built with the portal's vocabulary. */
export function readTools(v: Vocabulary = SCHEMA_VOCABULARY): ToolDef[] {
  const defs = [
    searchDeals.tool(v),
    getDealTimeline.tool(),
    listOwners.tool(),
    listPipelines.tool(),
    listCampaigns.tool(),
    getLeadHistory.tool(),
    getCampaignStats.tool(),
    getAeProfile.tool(v),
    updateAeProfile.tool(v),
    listNudges.tool(v),
    recordNudgeResponse.tool(),
    getRunFindings.tool(v),
    getComplianceTrend.tool(v),
    listAeUpdates.tool(v),
    runChecks.tool(v),
    weeklyMomentum.tool(v),
    activityScorecard.tool(v),
    getMetric.tool(v),
    adviseTool.tool(),
    dealRisk.tool(v),
    dealBrief.tool(),
    nextActions.tool(v),
    meetingPrep.tool(v),
    reconcileUpdate.tool(v),
    draftUpdate.tool(v),
    planDigest.tool(v),
  ];
  return defs as unknown as ToolDef[];
}

/** Every tool this server lists: the same on every portal and cache state, so it is ready before the first sync. */
export function allTools(opts: { writes: boolean; stateWrites?: boolean }): ToolDef[] {
  const reads = readTools(SCHEMA_VOCABULARY).filter(
    (d) => opts.stateWrites || !(STATE_WRITE_TOOLS as readonly string[]).includes(d.name),
  );
  return [...reads, ...(opts.writes ? writeTools(SCHEMA_VOCABULARY) : [])];
}

export function registerTools(
  server: McpServer,
  resolve: EnvResolver,
  opts: { writes: boolean; stateWrites?: boolean; cache?: boolean },
): string[] {
  const defs = allTools(opts);
  for (const def of defs) registerTool(server, def, resolve, opts.cache ?? false);
  return defs.map((d) => d.name);
}
