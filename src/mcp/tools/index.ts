/** Every MCP tool, registered on a server; CRM write tools only when writes are enabled. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerTool, type ToolDef, type ToolEnv } from '../tool.js';
import type { Vocabulary } from '../vocabulary.js';
import * as getDealTimeline from './hubspot/get-deal-timeline.js';
import * as listOwners from './hubspot/list-owners.js';
import * as listPipelines from './hubspot/list-pipelines.js';
import * as searchDeals from './hubspot/search-deals.js';
import * as activityScorecard from './mis/activity-scorecard.js';
import * as dealRisk from './mis/deal-risk.js';
import * as getMetric from './mis/get-metric.js';
import * as runChecks from './mis/run-checks.js';
import * as weeklyMomentum from './mis/weekly-momentum.js';
import * as getLeadHistory from './smartlead/get-lead-history.js';
import * as getCampaignStats from './smartlead/get-campaign-stats.js';
import * as listCampaigns from './smartlead/list-campaigns.js';
import * as getAeProfile from './state/get-ae-profile.js';
import * as planDigest from './mis/plan-digest.js';
import * as getComplianceTrend from './state/get-compliance-trend.js';
import * as getRunFindings from './state/get-run-findings.js';
import * as listNudges from './state/list-nudges.js';
import * as recordNudgeResponse from './state/record-nudge-response.js';
import * as updateAeProfile from './state/update-ae-profile.js';
import { writeTools } from './writes/index.js';

/** The tools that read (and the two that keep local state), built with the portal's vocabulary. */
export function readTools(v: Vocabulary): ToolDef[] {
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
    runChecks.tool(v),
    weeklyMomentum.tool(v),
    activityScorecard.tool(v),
    getMetric.tool(v),
    dealRisk.tool(v),
    planDigest.tool(v),
  ];
  return defs as unknown as ToolDef[];
}

export function registerTools(server: McpServer, env: ToolEnv): string[] {
  const defs = [...readTools(env.vocab), ...(env.writes ? writeTools(env.vocab) : [])];
  for (const def of defs) registerTool(server, def, env);
  return defs.map((d) => d.name);
}
