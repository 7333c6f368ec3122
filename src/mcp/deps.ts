/** What the MCP server needs from the rest of the product: a session on the synced cache, and optionally writes. */
import { z } from 'zod';
import type { AnalysisContext } from '../analysis/index.js';
import type { StateStore } from '../state/index.js';
import type { WriteGateway } from './writes.js';

/** The cached portal snapshot with its config and 'now' (ctx), and the state store. An AnalysisSession fits. */
export interface McpSession {
  ctx: AnalysisContext;
  state: StateStore;
}

/** How old the cache a result was computed from is, and whether a sync is refreshing it (mis serve). */
export const cacheStatusSchema = z
  .object({
    syncedAt: z.string(),
    ageMinutes: z.number().int(),
    stale: z.boolean(),
    syncing: z.boolean(),
    lastSyncError: z.string().optional(),
  })
  .strict()
  .describe(
    'the cache this result comes from: when synced, its age, stale (older than sync.freshnessMinutes), syncing (a background sync runs)',
  );
export type CacheStatus = z.infer<typeof cacheStatusSchema>;

/**
 * Where tools get their session from when it can change while the server runs (mis serve syncs in the
 * background): `current()` returns the session to answer from with its cache status, or throws a MisError
 * saying that the first sync is running and how far it is.
 */
export interface SessionSource {
  current(): {
    session: McpSession;
    cache: CacheStatus;
    writes: WriteGateway | null;
    proposals?: Pick<WriteGateway, 'propose'> | null;
  };
  /** One line on the portal for the server's instructions, or null while the first sync runs. */
  describe(): string | null;
}

export interface McpDeps {
  /** A fixed session (the agent, tests). Either this or `source`. */
  session?: McpSession | undefined;
  /** A session that is ready later or replaced by background syncs (mis serve). Either this or `session`. */
  source?: SessionSource | undefined;
  /** CRM write tools are registered only when this is set (mis serve --enable-writes / MIS_ENABLE_WRITES=1). */
  writes?: WriteGateway | null | undefined;
  /**
   * The tools that change sales-mis's own state (state_update_ae_profile, state_record_nudge_response) are registered
   * only when this is true (mis serve --enable-state-writes): they can quiet an AE's nudges and delay escalation,
   * so a model reading injected CRM text must not reach them unless a person turned them on.
   */
  stateWrites?: boolean | undefined;
  /** Where mis_reconcile_update registers its proposed changes (default: `writes`); a person approves them. */
  proposals?: Pick<WriteGateway, 'propose'> | null | undefined;
  /** With `source`: register the CRM write tools (the source supplies the gateway once its session is ready). */
  writesEnabled?: boolean | undefined;
  /** Folder of workflow .md files served as mis://workflows/<name> (default: workflows/ of the checkout). */
  workflowsDir?: string | undefined;
  /** Folder of prompt .md files served as MCP prompts (default: prompts/ of the checkout). */
  promptsDir?: string | undefined;
  /** Most bytes of JSON one tool result may carry (default 20,000). */
  maxResultBytes?: number | undefined;
}
