/** What the MCP server needs from the rest of the product: a session on the synced cache, and optionally writes. */
import type { AnalysisContext } from '../analysis/index.js';
import type { StateStore } from '../state/index.js';
import type { WriteGateway } from './writes.js';

/** The cached portal snapshot with its config and 'now' (ctx), and the state store. An AnalysisSession fits. */
export interface McpSession {
  ctx: AnalysisContext;
  state: StateStore;
}

export interface McpDeps {
  session: McpSession;
  /** CRM write tools are registered only when this is set (mis serve --enable-writes / MIS_ENABLE_WRITES=1). */
  writes?: WriteGateway | null | undefined;
  /**
   * The tools that change sales-mis's own state (state_update_ae_profile, state_record_nudge_response) are registered
   * only when this is true (mis serve --enable-state-writes): they can quiet an AE's nudges and delay escalation,
   * so a model reading injected CRM text must not reach them unless a person turned them on.
   */
  stateWrites?: boolean | undefined;
  /** Folder of workflow .md files served as mis://workflows/<name> (default: workflows/ of the checkout). */
  workflowsDir?: string | undefined;
  /** Folder of prompt .md files served as MCP prompts (default: prompts/ of the checkout). */
  promptsDir?: string | undefined;
  /** Most bytes of JSON one tool result may carry (default 20,000). */
  maxResultBytes?: number | undefined;
}
