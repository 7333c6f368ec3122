/** The agent runner: markdown workflows run by an offline or a Claude driver over the MCP tools, recorded. */
export { WorkflowError, AgentError, ModelUnavailableError } from './errors.js';
export { WORKFLOWS_DIR, PROMPTS_DIR } from './paths.js';
export { loadWorkflow, loadWorkflows, findWorkflow, parseWorkflow } from './workflow/load.js';
export { frontmatterSchema, WORKFLOW_INPUTS, type Workflow, type WorkflowStep } from './workflow/schema.js';
export { resolveArgs, type WorkflowInputs } from './workflow/args.js';
export { loadPrompt } from './prompts.js';
export { OUTPUTS, OUTPUT_NAMES, outputSpec, type OutputSpec, type RenderView } from './outputs/index.js';
export * from './outputs/index.js';
export {
  listServerTools,
  workflowTools,
  readOnlyTools,
  isReadOnly,
  RecordingCaller,
  structuredOf,
  textOf,
  type ToolCallRecord,
  type ToolCaller,
  type Tool,
} from './tools.js';
export { OfflineDriver } from './drivers/offline.js';
export { ClaudeDriver, type ClaudeDriverOptions } from './drivers/claude.js';
export { modelConfig, DEFAULT_MODEL, type ModelConfig } from './drivers/model-config.js';
export { selectDriver, parseDriverChoice, DRIVER_CHOICES, type DriverChoice } from './drivers/select.js';
export {
  emptyUsage,
  totalTokens,
  type Driver,
  type DriverName,
  type DriverResult,
  type DriverTask,
  type TokenUsage,
} from './drivers/types.js';
export { runWorkflow, type RunWorkflowOptions, type RunOutcome } from './run.js';
export { ask, ASK_INSTRUCTION, type AskOptions, type AskOutcome } from './ask/ask.js';
export { INTENTS, matchIntent, type Intent } from './ask/intents.js';
export { Scheduler, type SchedulerEvent, type SchedulerOptions } from './schedule/scheduler.js';
export { systemClock, type Clock } from './schedule/clock.js';
export { openAgentSession, type AgentSession, type OpenAgentOptions } from './session.js';
