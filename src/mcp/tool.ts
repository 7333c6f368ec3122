/**
 * One MCP tool: its zod input and output schemas, description, all four annotations and a handler that returns
 * the structured result plus a one-line summary. `registerTool` wires it into a server with the size bound and
 * typed errors (message + what to do next) as isError results.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Derived } from '../analysis/index.js';
import { MisError } from '../errors/index.js';
import { stripUnsafeText } from '../format/index.js';
import { enforceBound } from './bound.js';
import { cacheStatusSchema, type CacheStatus, type McpSession } from './deps.js';
import type { Vocabulary } from './vocabulary.js';
import type { WriteGateway } from './writes.js';

export interface Annotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** Reads of the local cache and analyses: nothing changes, nothing leaves the machine. */
export const READ_ONLY: Annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export interface ToolEnv {
  session: McpSession;
  vocab: Vocabulary;
  derived(): Derived;
  /** Computes once per server (the session's snapshot does not change while it runs). */
  memo<T>(key: string, compute: () => T): T;
  maxBytes: number;
  writes: WriteGateway | null;
  /** The local-state writers are registered (McpDeps.stateWrites). */
  stateWrites?: boolean;
  /** Where proposed CRM changes are registered for a person to approve (also when the write tools are off). */
  proposals: Pick<WriteGateway, 'propose'> | null;
}

export interface ToolOutcome<O> {
  result: O;
  /** One short line for people and for clients that show text only. */
  summary: string;
}

type Bounded = z.ZodObject<{ truncated: z.ZodBoolean } & z.ZodRawShape>;

export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends Bounded = Bounded> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: Annotations;
  handler(args: z.infer<I>, env: ToolEnv): ToolOutcome<z.infer<O>> | Promise<ToolOutcome<z.infer<O>>>;
}

/** Identity, for type inference of a tool's handler from its schemas. */
export function defineTool<I extends z.ZodObject, O extends Bounded>(def: ToolDef<I, O>): ToolDef<I, O> {
  return def;
}

/** The text blocks of a result: the summary, then the JSON (clients that read text only still get the data). */
export function resultOf(summary: string, structured: Record<string, unknown>): CallToolResult {
  return {
    content: [
      { type: 'text', text: summary },
      { type: 'text', text: JSON.stringify(structured) },
    ],
    structuredContent: structured,
  };
}

export function errorResult(e: unknown): CallToolResult {
  const text =
    e instanceof MisError
      ? `${e.message}${e.hint ? `\nWhat to do: ${e.hint}` : ''}`
      : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
  return { isError: true, content: [{ type: 'text', text }] };
}

/** The env a call runs in, and the cache status to report with it (null for a fixed session). Throws while none is ready. */
export type EnvResolver = () => { env: ToolEnv; cache: CacheStatus | null };

/** `withCache`: results carry the cache's status (`cache`), declared in the output schema (mis serve). */
export function registerTool(server: McpServer, def: ToolDef, resolve: EnvResolver, withCache = false): void {
  server.registerTool(
    def.name,
    {
      title: def.title,
      description: def.description,
      inputSchema: def.inputSchema,
      outputSchema: withCache ? def.outputSchema.extend({ cache: cacheStatusSchema.optional() }) : def.outputSchema,
      annotations: { title: def.title, ...def.annotations },
    },
    (async (args: unknown) => {
      try {
        const { env, cache } = resolve();
        const out = await def.handler(args as z.infer<typeof def.inputSchema>, env);
        const clean = stripUnsafeDeep(out.result) as { truncated: boolean };
        const bounded = enforceBound(clean, env.maxBytes);
        const plain = stripUnsafeText(out.summary);
        let summary =
          bounded !== clean && !plain.includes('truncated') ? `${plain} (truncated to fit the size bound)` : plain;
        if (!cache || !withCache) return resultOf(summary, bounded as Record<string, unknown>);
        if (cache.stale)
          summary += ` (from a cache synced ${ageText(cache.ageMinutes)} ago; ${cache.syncing ? 'a sync is refreshing it' : 'the last sync failed'})`;
        return resultOf(summary, { ...(bounded as Record<string, unknown>), cache });
      } catch (e) {
        return errorResult(e);
      }
    }) as never,
  );
}

/** Every string of a result with control, bidirectional and zero-width characters removed (CRM text can carry them). */
export function stripUnsafeDeep<T>(value: T): T {
  if (typeof value === 'string') return stripUnsafeText(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => stripUnsafeDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = stripUnsafeDeep(v);
    return out as T;
  }
  return value;
}

function ageText(minutes: number): string {
  if (minutes < 90) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} days`;
}
