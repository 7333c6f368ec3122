/**
 * The offline driver: no model. Runs the workflow's declared steps through the MCP client in order, hands the
 * structured results to the output's assembler and validates what it builds with the same zod schema the
 * claude driver must meet.
 */
import { z } from 'zod';
import { AgentError } from '../errors.js';
import { structuredOf, textOf } from '../tools.js';
import { resolveArgs } from '../workflow/args.js';
import type { Driver, DriverResult, DriverTask } from './types.js';

export class OfflineDriver implements Driver {
  readonly name = 'offline' as const;

  async run(task: DriverTask): Promise<DriverResult> {
    const results: Record<string, unknown> = {};
    for (const [i, step] of task.workflow.steps.entries()) {
      const args = resolveArgs(step, task.inputs);
      let merged: unknown;
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await task.caller.callTool({
          name: step.tool,
          arguments: cursor === null ? args : { ...args, cursor },
        });
        if (r.isError) {
          throw new AgentError(
            `step ${i + 1} (${step.tool}) failed: ${textOf(r).slice(0, 400)}`,
            'Fix what the tool reports (often an argument or a missing sync), then run again.',
          );
        }
        const value = structuredOf(r);
        merged = page === 0 ? value : concatPages(merged, value);
        cursor = step.pages === 'all' ? nextCursorOf(value) : null;
        if (cursor === null) break;
        if (page === MAX_PAGES - 1)
          throw new AgentError(
            `step ${i + 1} (${step.tool}) has more than ${MAX_PAGES} pages`,
            'Narrow the step (owner, filters) or raise its limit.',
          );
      }
      results[step.as] = merged;
    }
    let built: unknown;
    try {
      built = task.output.assemble(results, task.inputs, task.view);
    } catch (e) {
      if (e instanceof z.ZodError)
        throw new AgentError(
          `a tool result is not what the "${task.output.name}" assembler reads: ${issues(e)}`,
          'The MCP tool and this sales-mis version disagree: rebuild (npm run build) and run again.',
        );
      throw e;
    }
    const parsed = task.output.schema.safeParse(built);
    if (!parsed.success) {
      throw new AgentError(
        `the assembled "${task.output.name}" output does not validate: ${issues(parsed.error)}`,
        'This is a bug in the output assembler: please report it with the workflow name.',
      );
    }
    return { output: parsed.data, usage: null, model: null, turns: 0 };
  }
}

const MAX_PAGES = 100;

function nextCursorOf(v: unknown): string | null {
  const c = v && typeof v === 'object' ? (v as { nextCursor?: unknown }).nextCursor : undefined;
  return typeof c === 'string' && c ? c : null;
}

/** The next page folded into what came before: its lists appended, the paging fields from the last page. */
function concatPages(prev: unknown, next: unknown): unknown {
  if (!prev || typeof prev !== 'object' || !next || typeof next !== 'object') return next;
  const out: Record<string, unknown> = { ...(prev as Record<string, unknown>) };
  for (const [k, v] of Object.entries(next)) {
    const before = out[k];
    out[k] =
      Array.isArray(before) && Array.isArray(v)
        ? [...(before as unknown[]), ...(v as unknown[])]
        : k === 'nextCursor' || k === 'truncated'
          ? v
          : (before ?? v);
  }
  return out;
}

function issues(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
