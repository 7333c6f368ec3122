/** Shared pieces of the agent tests: a demo-portal session, the real MCP server in memory, temp folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { demoDatasetPath, readPortalFile, type PortalDataset } from '../../src/dataset/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { StateStore } from '../../src/state/index.js';

let demo: Promise<PortalDataset> | null = null;
export function demoDataset(): Promise<PortalDataset> {
  demo ??= Promise.resolve(readPortalFile(demoDatasetPath()));
  return demo;
}

export async function sessionOf(
  ds: PortalDataset,
  state: StateStore = new StateStore(':memory:'),
): Promise<McpSession> {
  const ctx: AnalysisContext = {
    data: await portalDataFromDataset(ds),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
  return { ctx, state };
}

/** The product's MCP server over the demo portal, with an MCP client in the same process. */
export async function demoServer(state?: StateStore) {
  const session = await sessionOf(await demoDataset(), state);
  const conn = await connectInMemory({ session });
  return { session, client: conn.client, close: () => conn.close() };
}

export function tempDir(prefix = 'mis-agent-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
