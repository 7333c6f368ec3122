/**
 * Runs one workflow with a driver over an MCP client and records it in the state store: inputs, every tool
 * call, the validated output, token usage, duration, and the error when it fails.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UsageError } from '../errors/index.js';
import type { StateStore } from '../state/index.js';
import type { Driver, TokenUsage } from './drivers/types.js';
import { outputSpec, type RenderView } from './outputs/index.js';
import { listServerTools, RecordingCaller, workflowTools, type ToolCallRecord } from './tools.js';
import type { WorkflowInputs } from './workflow/args.js';
import type { Workflow } from './workflow/schema.js';

export interface RunWorkflowOptions {
  workflow: Workflow;
  driver: Driver;
  client: Pick<Client, 'callTool' | 'listTools'>;
  inputs: WorkflowInputs;
  /** The 'now' of the data the run reads (recorded as the run's as_of). */
  asOf: string;
  view: RenderView;
  /** Where the run is recorded; null: not recorded (tests of drivers alone). */
  state: StateStore | null;
  /** Recorded as the run's workflow name (default: the workflow's name). */
  recordAs?: string;
  now?: () => number;
}

export interface RunOutcome {
  runId: string;
  workflow: string;
  driver: Driver['name'];
  model: string | null;
  output: unknown;
  text: string;
  toolCalls: ToolCallRecord[];
  usage: TokenUsage | null;
  turns: number;
  durationMs: number;
}

export async function runWorkflow(o: RunWorkflowOptions): Promise<RunOutcome> {
  const now = o.now ?? Date.now;
  const started = now();
  const runId = randomUUID();
  const { workflow } = o;
  if (workflow.scope === 'owner' && !o.inputs.owner) {
    throw new UsageError(
      `workflow ${workflow.name} runs per AE: give --owner ID|EMAIL`,
      'mis schedule runs it for every AE on its schedule.',
    );
  }
  const output = outputSpec(workflow.output);
  let caller: RecordingCaller | null = null;
  const record = (
    status: 'ok' | 'failed',
    extra: { outputs?: unknown; usage?: TokenUsage | null; error?: string; model?: string | null; turns?: number },
  ) => {
    o.state?.recordRun({
      id: runId,
      workflow: o.recordAs ?? workflow.name,
      driver: o.driver.name,
      ownerId: o.inputs.owner ?? null,
      asOf: o.asOf,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(now()).toISOString(),
      status,
      durationMs: now() - started,
      inputs: {
        workflow: workflow.name,
        owner: o.inputs.owner ?? null,
        asOf: o.inputs.asOf ?? null,
        model: extra.model ?? null,
        turns: extra.turns ?? 0,
      },
      outputs: extra.outputs,
      toolCalls: caller?.calls ?? [],
      usage: extra.usage ?? null,
      error: extra.error ?? null,
    });
  };
  try {
    const tools = workflowTools(workflow, await listServerTools(o.client as Client));
    caller = new RecordingCaller(o.client, tools, now);
    const result = await o.driver.run({ workflow, output, inputs: o.inputs, tools, caller, view: o.view });
    const text = output.render(result.output, o.view);
    record('ok', { outputs: result.output, usage: result.usage, model: result.model, turns: result.turns });
    return {
      runId,
      workflow: workflow.name,
      driver: o.driver.name,
      model: result.model,
      output: result.output,
      text,
      toolCalls: caller.calls,
      usage: result.usage,
      turns: result.turns,
      durationMs: now() - started,
    };
  } catch (e) {
    record('failed', { error: (e as Error).message?.slice(0, 1000) ?? String(e) });
    throw e;
  }
}
