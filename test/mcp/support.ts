/** Sessions for the MCP tests: a portal@1 dataset read through the in-memory ports, state in memory. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import type { PortalDataset } from '../../src/dataset/index.js';
import type { McpSession } from '../../src/mcp/index.js';
import { StateStore } from '../../src/state/index.js';

export async function sessionOf(ds: PortalDataset, state = new StateStore(':memory:')): Promise<McpSession> {
  const ctx: AnalysisContext = {
    data: await portalDataFromDataset(ds),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
  return { ctx, state };
}

export interface Called {
  isError: boolean;
  text: string;
  data: Record<string, unknown>;
  bytes: number;
}

/** Calls a tool and returns its structured result (or the error text). */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Called> {
  const r = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text?: string }[];
    structuredContent?: Record<string, unknown>;
  };
  const text = r.content
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');
  const data = r.structuredContent ?? {};
  return { isError: Boolean(r.isError), text, data, bytes: Buffer.byteLength(JSON.stringify(data)) };
}
