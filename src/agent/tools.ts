/**
 * The MCP tools a run may use: the server's list filtered by the workflow's allow-list and, for read workflows,
 * by the readOnlyHint annotation. Every call goes through a ToolCaller that enforces the same filter again and
 * records what was called (name, arguments, outcome, time) for the run record.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { WorkflowError } from './errors.js';
import type { Workflow } from './workflow/schema.js';

export type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** Every tool the server offers (all pages). */
export async function listServerTools(client: Client): Promise<Tool[]> {
  const out: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await client.listTools(cursor === undefined ? {} : { cursor });
    out.push(...r.tools);
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export function isReadOnly(tool: Tool): boolean {
  return tool.annotations?.readOnlyHint === true;
}

/**
 * The tools a workflow may use, in its allow-list order. A tool the server lacks, or a write tool in a read
 * workflow, is a WorkflowError naming it (never silently dropped: the plan would not be what it says).
 */
export function workflowTools(
  workflow: Pick<Workflow, 'name' | 'file' | 'tools' | 'mode'>,
  server: readonly Tool[],
): Tool[] {
  const byName = new Map(server.map((t) => [t.name, t]));
  const out: Tool[] = [];
  for (const name of workflow.tools) {
    const tool = byName.get(name);
    if (!tool) {
      throw new WorkflowError(
        workflow.file,
        `tools: unknown tool "${name}"; the MCP server offers ${[...byName.keys()].sort().join(', ') || 'no tools'}`,
      );
    }
    if (workflow.mode === 'read' && !isReadOnly(tool)) {
      throw new WorkflowError(
        workflow.file,
        `tools: "${name}" can change data (not annotated readOnlyHint) and this is a read workflow`,
        'Remove it from tools, or set `mode: write` if the workflow must write (writes still go through approval).',
      );
    }
    out.push(tool);
  }
  return out;
}

/** Read-only tools only (for `mis ask`). */
export function readOnlyTools(server: readonly Tool[]): Tool[] {
  return server.filter(isReadOnly);
}

export interface ToolCallRecord {
  tool: string;
  args: Record<string, unknown>;
  ok: boolean;
  /** The error text (isError results and refusals), cut short; never a result payload. */
  error?: string;
  ms: number;
  /** Size of the JSON result, for budgets. */
  resultBytes: number;
}

/** The subset of an MCP client the drivers use (structurally what the Anthropic MCP helper expects). */
export interface ToolCaller {
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<CallToolResult>;
}

/** Calls tools on the MCP client, only those allowed, recording each call. */
export class RecordingCaller implements ToolCaller {
  readonly calls: ToolCallRecord[] = [];
  private readonly allowed: Set<string>;
  constructor(
    private readonly client: Pick<Client, 'callTool'>,
    allowed: readonly Tool[],
    private readonly now: () => number = Date.now,
  ) {
    this.allowed = new Set(allowed.map((t) => t.name));
  }

  async callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<CallToolResult> {
    const started = this.now();
    const args = params.arguments ?? {};
    if (!this.allowed.has(params.name)) {
      const text = `tool "${params.name}" is not available in this run; use one of: ${[...this.allowed].join(', ')}`;
      this.calls.push({ tool: params.name, args, ok: false, error: text, ms: 0, resultBytes: 0 });
      return { isError: true, content: [{ type: 'text', text }] };
    }
    try {
      const r = (await this.client.callTool({ name: params.name, arguments: args })) as CallToolResult;
      const error = r.isError ? textOf(r).slice(0, 300) : undefined;
      this.calls.push({
        tool: params.name,
        args,
        ok: !r.isError,
        ...(error !== undefined ? { error } : {}),
        ms: this.now() - started,
        resultBytes: Buffer.byteLength(JSON.stringify(r.structuredContent ?? r.content ?? null)),
      });
      return r;
    } catch (e) {
      // A protocol failure (unknown tool, bad arguments the server refused) becomes an error result the model can read.
      const text = `tool call failed: ${(e as Error).message}`;
      this.calls.push({
        tool: params.name,
        args,
        ok: false,
        error: text.slice(0, 300),
        ms: this.now() - started,
        resultBytes: 0,
      });
      return { isError: true, content: [{ type: 'text', text }] };
    }
  }
}

/** The text blocks of a tool result, joined. */
export function textOf(r: Pick<CallToolResult, 'content'>): string {
  return (r.content ?? [])
    .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

/** The structured result of a tool call: structuredContent, else the last text block parsed as JSON. */
export function structuredOf(r: CallToolResult): unknown {
  if (r.structuredContent !== undefined) return r.structuredContent;
  const texts = (r.content ?? []).filter((c): c is { type: 'text'; text: string } => c.type === 'text');
  for (let i = texts.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(texts[i]!.text) as unknown;
    } catch {
      // not JSON: try the previous block
    }
  }
  return textOf(r);
}
