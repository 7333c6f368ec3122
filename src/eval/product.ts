/**
 * The product path an eval task runs: a portal@1 file → the analysis context the CLI builds → the product's MCP
 * server over it (in-process) → a workflow run by the offline or claude driver, exactly as `mis run` does. The only
 * addition is a tap on the MCP client that keeps each tool result, so scorers can compare what the tools returned
 * with what the workflow's output says.
 */
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  findWorkflow,
  modelConfig,
  OfflineDriver,
  runWorkflow,
  selectDriver,
  structuredOf,
  type Driver,
  type RunOutcome,
} from '../agent/index.js';
import { portalDataFromDataset, type AnalysisContext } from '../analysis/index.js';
import { DEFAULT_TEAM_CONFIG, type TeamConfig } from '../config/index.js';
import { readPortalFile, type PortalDataset } from '../dataset/index.js';
import { connectInMemory } from '../mcp/index.js';
import { StateStore } from '../state/index.js';
import type { EvalDriverName } from './driver-name.js';

export interface ProductSession {
  dataset: PortalDataset;
  ctx: AnalysisContext;
  client: Client;
  /** The session's state store (in memory), as `mis` keeps it in MIS_STATE_DIR. */
  state: StateStore;
}

export interface ToolResult {
  tool: string;
  args: Record<string, unknown>;
  ok: boolean;
  result: unknown;
}

export interface WorkflowRun {
  outcome: RunOutcome;
  toolResults: ToolResult[];
}

/** One product session per dataset file for a whole eval run (read-only tools, so suites can share them). */
export class ProductPool {
  private readonly sessions = new Map<string, Promise<ProductSession>>();
  private readonly contexts = new Map<string, Promise<AnalysisContext>>();
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(
    private readonly evalsDir: string,
    private readonly teamConfig: TeamConfig = DEFAULT_TEAM_CONFIG,
  ) {}

  /** `relative`: a dataset path under evals/ (e.g. datasets/tidy.json). */
  session(relative: string): Promise<ProductSession> {
    let s = this.sessions.get(relative);
    if (!s) {
      s = this.open(relative);
      this.sessions.set(relative, s);
    }
    return s;
  }

  /**
   * The analysis context of a dataset already parsed (a generated portal, say), built once per `key` for the run,
   * with the run's team config: for tasks that call a domain module directly rather than a workflow.
   */
  context(key: string, dataset: PortalDataset): Promise<AnalysisContext> {
    let c = this.contexts.get(key);
    if (!c) {
      c = this.contextOf(dataset);
      this.contexts.set(key, c);
    }
    return c;
  }

  private async contextOf(dataset: PortalDataset): Promise<AnalysisContext> {
    return {
      data: await portalDataFromDataset(dataset),
      config: this.teamConfig,
      asOf: new Date(dataset.portal.asOf).toISOString(),
      timezone: this.teamConfig.timezone ?? dataset.portal.timezone,
      currency: this.teamConfig.currency ?? dataset.portal.currency,
    };
  }

  private async open(relative: string): Promise<ProductSession> {
    const dataset = readPortalFile(join(this.evalsDir, relative));
    const ctx = await this.contextOf(dataset);
    const state = new StateStore(':memory:');
    const conn = await connectInMemory({ session: { ctx, state } });
    this.closers.push(async () => {
      await conn.close();
      state.close();
    });
    return { dataset, ctx, client: conn.client, state };
  }

  async close(): Promise<void> {
    for (const c of this.closers.splice(0)) await c();
    this.sessions.clear();
    this.contexts.clear();
  }
}

export function driverFor(name: EvalDriverName): Driver {
  return name === 'offline' ? new OfflineDriver() : selectDriver('claude', modelConfig());
}

/** Runs a shipped workflow (workflows/<name>.md) on a session, not recorded, keeping every tool result. */
export async function runWorkflowOn(
  session: ProductSession,
  workflowName: string,
  driver: EvalDriverName,
  inputs: { owner?: string; deal?: string } = {},
): Promise<WorkflowRun> {
  const toolResults: ToolResult[] = [];
  const { client } = session;
  const tapped: Pick<Client, 'callTool' | 'listTools'> = {
    listTools: client.listTools.bind(client),
    callTool: (async (...args: Parameters<Client['callTool']>) => {
      const r = await client.callTool(...args);
      const params = args[0];
      toolResults.push({
        tool: params.name,
        args: params.arguments ?? {},
        ok: r.isError !== true,
        result: structuredOf(r as Parameters<typeof structuredOf>[0]),
      });
      return r;
    }) as Client['callTool'],
  };
  const outcome = await runWorkflow({
    workflow: findWorkflow(workflowName),
    driver: driverFor(driver),
    client: tapped,
    inputs: { ...(inputs.owner ? { owner: inputs.owner } : {}), ...(inputs.deal ? { deal: inputs.deal } : {}) },
    asOf: session.ctx.asOf,
    view: { timezone: session.ctx.timezone, currency: session.ctx.currency },
    state: null,
  });
  return { outcome, toolResults };
}

/** Every record id in the dataset (deals, contacts, companies, engagements): what a text may cite. */
export function knownIds(d: PortalDataset): Set<string> {
  const ids = new Set<string>();
  for (const type of ['companies', 'contacts', 'deals', 'calls', 'emails', 'meetings', 'notes', 'tasks'] as const)
    for (const r of d.objects[type] ?? []) ids.add(r.id);
  for (const o of d.owners) ids.add(o.id);
  return ids;
}
