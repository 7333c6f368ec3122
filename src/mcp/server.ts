/**
 * createServer(deps): the one place the MCP server is wired — the portal's vocabulary, the tools (CRM write
 * tools only with writes enabled), workflows as resources and prompts.
 */
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { derive } from '../analysis/index.js';
import { DEFAULT_MAX_RESULT_BYTES } from './bound.js';
import type { McpDeps } from './deps.js';
import { QUOTED_NOTICE } from './quote.js';
import { DEFAULT_PROMPTS_DIR, DEFAULT_WORKFLOWS_DIR, registerPrompts, registerWorkflowResources } from './resources.js';
import type { ToolEnv } from './tool.js';
import { registerTools } from './tools/index.js';
import { buildVocabulary } from './vocabulary.js';

export const SERVER_NAME = 'sales-mis';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createServer(deps: McpDeps): McpServer {
  return serverFactory(deps)();
}

/**
 * Prepares what every server instance shares (vocabulary, computed analyses) and returns a factory: the HTTP
 * transport builds one server per request on it.
 */
export function serverFactory(deps: McpDeps): () => McpServer {
  const { session } = deps;
  const memo = new Map<string, unknown>();
  const env: ToolEnv = {
    session,
    vocab: buildVocabulary(session.ctx.data.crm),
    derived: () => derive(session.ctx),
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    maxBytes: deps.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
    writes: deps.writes ?? null,
    stateWrites: Boolean(deps.stateWrites),
  };
  return () => {
  const server = new McpServer(
    { name: SERVER_NAME, version: version() },
    {
      // resources and prompts are declared by the SDK when the first one is registered (none: not offered)
      capabilities: { tools: {} },
      instructions: [
        `sales-mis: the synced HubSpot portal and SmartLead account of a B2B sales team (${session.ctx.data.crm.account.name ?? 'portal'}, currency ${session.ctx.currency}, time zone ${session.ctx.timezone}, as of ${session.ctx.asOf}).`,
        'Tools read the local cache (no API calls); every result is bounded (≤ 20 KB; page with cursor/nextCursor; truncated says when there is more).',
        QUOTED_NOTICE,
        deps.writes ? 'CRM write tools only propose changes; a person approves each with `mis writes approve`.' : 'CRM writes are disabled on this server.',
      ].join(' '),
    },
  );
  registerTools(server, env);
  registerWorkflowResources(server, deps.workflowsDir ?? DEFAULT_WORKFLOWS_DIR);
  registerPrompts(server, deps.promptsDir ?? DEFAULT_PROMPTS_DIR);
  return server;
  };
}
