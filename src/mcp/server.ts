/**
 * createServer(deps): the one place the MCP server is wired — the portal's vocabulary, the tools (CRM write
 * tools only with writes enabled), workflows as resources and prompts.
 */
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { derive } from '../analysis/index.js';
import { DEFAULT_MAX_RESULT_BYTES } from './bound.js';
import { UsageError } from '../errors/index.js';
import type { McpDeps, McpSession, SessionSource } from './deps.js';
import { QUOTED_NOTICE } from './quote.js';
import { DEFAULT_PROMPTS_DIR, DEFAULT_WORKFLOWS_DIR, registerPrompts, registerWorkflowResources } from './resources.js';
import type { EnvResolver, ToolEnv } from './tool.js';
import { registerTools } from './tools/index.js';
import { buildVocabulary } from './vocabulary.js';
import type { WriteGateway } from './writes.js';

export const SERVER_NAME = 'sales-mis';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

export function createServer(deps: McpDeps): McpServer {
  return serverFactory(deps)();
}

/**
 * Prepares what every server instance shares (tool definitions; per session: vocabulary, computed analyses) and
 * returns a factory: the HTTP transport builds one server per request on it. The tool list does not depend on
 * the session, so a server answers `initialize` and `tools/list` before its first sync has finished.
 */
export function serverFactory(deps: McpDeps): () => McpServer {
  const source = deps.source ?? fixedSource(deps);
  const writesOn = deps.source ? Boolean(deps.writesEnabled) : Boolean(deps.writes);
  const maxBytes = deps.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
  const envs = new WeakMap<McpSession, ToolEnv>();
  const envOf = (
    session: McpSession,
    writes: WriteGateway | null,
    proposals: Pick<WriteGateway, 'propose'> | null,
  ): ToolEnv => {
    let env = envs.get(session);
    if (!env) {
      const memo = new Map<string, unknown>();
      env = {
        session,
        vocab: buildVocabulary(session.ctx.data.crm),
        derived: () => derive(session.ctx),
        memo<T>(key: string, compute: () => T): T {
          if (!memo.has(key)) memo.set(key, compute());
          return memo.get(key) as T;
        },
        maxBytes,
        writes,
        proposals,
      };
      envs.set(session, env);
    }
    return env;
  };
  const resolve: EnvResolver = () => {
    const { session, cache, writes, proposals } = source.current();
    return { env: envOf(session, writes, proposals ?? writes), cache: deps.source ? cache : null };
  };
  const listCache: { list: unknown } = { list: null };
  return () => {
    const server = new McpServer(
      { name: SERVER_NAME, version: version() },
      {
        // resources and prompts are declared by the SDK when the first one is registered (none: not offered)
        capabilities: { tools: {} },
        instructions: [
          source.describe() ??
            'sales-mis: the synced HubSpot portal and SmartLead account of a B2B sales team (the first sync is running: tools say how far it is).',
          'Tools read the local cache (no API calls); every result is bounded (≤ 20 KB; page with cursor/nextCursor; truncated says when there is more).',
          QUOTED_NOTICE,
          writesOn
            ? 'CRM write tools only propose changes; a person approves each with `mis writes approve`.'
            : 'CRM writes are disabled on this server.',
        ].join(' '),
      },
    );
    registerTools(server, resolve, {
      writes: writesOn,
      stateWrites: Boolean(deps.stateWrites),
      cache: Boolean(deps.source),
    });
    cacheToolList(server, listCache);
    registerWorkflowResources(server, deps.workflowsDir ?? DEFAULT_WORKFLOWS_DIR);
    registerPrompts(server, deps.promptsDir ?? DEFAULT_PROMPTS_DIR);
    return server;
  };
}

/**
 * The tool list never changes while a server runs, but the SDK converts every zod schema to JSON Schema on each
 * tools/list (about half a second of CPU for this list): convert once and answer from memory, so that tools/list
 * is instant (and the HTTP transport's per-request servers share it).
 */
function cacheToolList(server: McpServer, cache: { list: unknown }): void {
  type Handler = (request: unknown, extra: unknown) => Promise<unknown>;
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, Handler> })._requestHandlers;
  const original = handlers?.get('tools/list');
  if (!handlers || !original) return;
  handlers.set(
    'tools/list',
    async (request, extra) => (cache.list ??= withoutSchemaUris(await original(request, extra))),
  );
}

/** Drops the `$schema` URI from every tool's schemas (the same line on every tool, for no model's benefit). */
function withoutSchemaUris(list: unknown): unknown {
  const l = list as { tools?: { inputSchema?: Record<string, unknown>; outputSchema?: Record<string, unknown> }[] };
  for (const t of l.tools ?? []) {
    delete t.inputSchema?.['$schema'];
    delete t.outputSchema?.['$schema'];
    if (t.inputSchema) dropLengthBounds(t.inputSchema);
  }
  return list;
}

/**
 * String length bounds in the advertised input schemas (ids ≤ 64, owners ≤ 254, cursors ≤ 200) cost tokens on
 * every request and guide no model; the server still enforces them and says what was wrong.
 */
function dropLengthBounds(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(dropLengthBounds);
  if (!schema || typeof schema !== 'object') return;
  const o = schema as Record<string, unknown>;
  if (o['type'] === 'string') {
    delete o['maxLength'];
    if (o['minLength'] === 1) delete o['minLength'];
  }
  for (const v of Object.values(o)) dropLengthBounds(v);
}

/** A session that never changes (the agent, tests). */
function fixedSource(deps: McpDeps): SessionSource {
  const session = deps.session;
  if (!session)
    throw new UsageError(
      'the MCP server needs a session or a session source',
      'Pass deps.session (a fixed session) or deps.source.',
    );
  const writes = deps.writes ?? null;
  const proposals = deps.proposals ?? writes;
  const cache = { syncedAt: session.ctx.data.crm.fetchedAt, ageMinutes: 0, stale: false, syncing: false };
  return {
    current: () => ({ session, cache, writes, proposals }),
    describe: () => describeSession(session),
  };
}

/** The first line of the server's instructions: which portal, currency, time zone and 'now'. */
export function describeSession(session: McpSession): string {
  const { ctx } = session;
  return `sales-mis: the synced HubSpot portal and SmartLead account of a B2B sales team (${ctx.data.crm.account.name ?? 'portal'}, currency ${ctx.currency}, time zone ${ctx.timezone}, as of ${ctx.asOf}).`;
}
