/** What a driver is given and what it returns; both drivers take the same task and must meet the same schema. */
import type { OutputSpec, RenderView } from '../outputs/spec.js';
import type { Tool, ToolCaller } from '../tools.js';
import type { WorkflowInputs } from '../workflow/args.js';
import type { Workflow } from '../workflow/schema.js';

export const DRIVER_NAMES = ['offline', 'claude'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export interface TokenUsage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

export function emptyUsage(): TokenUsage {
  return { requests: 0, inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
}

export function totalTokens(u: TokenUsage): number {
  return u.inputTokens + u.outputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens;
}

export interface DriverTask {
  workflow: Pick<Workflow, 'name' | 'steps' | 'instruction' | 'prompts' | 'limits'>;
  output: OutputSpec;
  inputs: WorkflowInputs;
  /** The tools this run may use (already filtered by allow-list and annotations). */
  tools: readonly Tool[];
  /** Calls them, through the MCP client, recording each call. */
  caller: ToolCaller;
  view: RenderView;
  /** The person's request for the model (mis ask: the question); default: run the workflow with the inputs. */
  request?: string;
}

export interface DriverResult {
  /** Validated against task.output.schema. */
  output: unknown;
  usage: TokenUsage | null;
  model: string | null;
  /** Model requests (0 offline). */
  turns: number;
}

export interface Driver {
  readonly name: DriverName;
  run(task: DriverTask): Promise<DriverResult>;
}
