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
  /** Folder of workflow .md files served as mis://workflows/<name> (default: workflows/ of the checkout). */
  workflowsDir?: string | undefined;
  /** Folder of prompt .md files served as MCP prompts (default: prompts/ of the checkout). */
  promptsDir?: string | undefined;
  /** Most bytes of JSON one tool result may carry (default 20,000). */
  maxResultBytes?: number | undefined;
}
