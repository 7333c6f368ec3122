/**
 * An agent session for the CLI: the synced cache (synced first when stale), the product's MCP server over it
 * and an MCP client in the same process — the only way the drivers reach data.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { loadConfig } from '../config/index.js';
import { connectInMemory } from '../mcp/index.js';
import { openAnalysis, type AnalysisSession } from '../session/index.js';
import type { RenderView } from './outputs/spec.js';

export interface AgentSession {
  analysis: AnalysisSession;
  client: Client;
  view: RenderView;
  asOf: string;
  close(): Promise<void>;
}

export interface OpenAgentOptions {
  asOf?: string | undefined;
  forceSync?: boolean;
  onProgress?: (message: string) => void;
}

export async function openAgentSession(opts: OpenAgentOptions = {}): Promise<AgentSession> {
  const analysis = await openAnalysis(loadConfig(), {
    asOf: opts.asOf,
    ...(opts.forceSync ? { forceSync: true } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  try {
    const conn = await connectInMemory({ session: { ctx: analysis.ctx, state: analysis.state } });
    return {
      analysis,
      client: conn.client,
      view: { timezone: analysis.ctx.timezone, currency: analysis.ctx.currency },
      asOf: analysis.ctx.asOf,
      async close() {
        await conn.close();
        await analysis.close();
      },
    };
  } catch (e) {
    await analysis.close();
    throw e;
  }
}
