/**
 * `mis ask "question"`: with the claude driver, the model answers using read-only tools only and cites record
 * ids; offline, a question the intent table knows is answered with its report, anything else says it needs a
 * model (and what can be asked offline).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { randomUUID } from 'node:crypto';
import type { StateStore } from '../../state/index.js';
import { ModelUnavailableError } from '../errors.js';
import { answer as answerOutput, answerSchema, type Answer } from '../outputs/answer.js';
import type { RenderView } from '../outputs/spec.js';
import { listServerTools, readOnlyTools, RecordingCaller, structuredOf, textOf, type ToolCallRecord } from '../tools.js';
import type { Driver, TokenUsage } from '../drivers/types.js';
import { AgentError } from '../errors.js';
import { INTENTS, matchIntent } from './intents.js';

export const ASK_INSTRUCTION = `Answer the person's question about the sales team's CRM and pipeline using the tools (all read-only).
Look things up rather than guess: find deals with hubspot_search_deals, their history with hubspot_get_deal_timeline,
figures with the mis_* tools. Answer in a few sentences or a short list with the figures, and cite in "citations"
every record the answer rests on (deal, contact, company, owner ids). Set "question" to the question as asked and
"report" to null. If the data cannot answer it, say so plainly.`;

export const ASK_LIMITS = { maxTurns: 10, maxTokens: 200_000, maxOutputTokens: 4096 };

export interface AskOptions {
  question: string;
  driver: Driver;
  client: Pick<Client, 'callTool' | 'listTools'>;
  owner?: string | undefined;
  asOf: string;
  view: RenderView;
  state: StateStore | null;
  now?: () => number;
}

export interface AskOutcome {
  runId: string;
  answer: Answer;
  text: string;
  toolCalls: ToolCallRecord[];
  usage: TokenUsage | null;
  driver: Driver['name'];
}

export async function ask(o: AskOptions): Promise<AskOutcome> {
  const now = o.now ?? Date.now;
  const started = now();
  const runId = randomUUID();
  const tools = readOnlyTools(await listServerTools(o.client as Client));
  const caller = new RecordingCaller(o.client, tools, now);
  let usage: TokenUsage | null = null;
  const record = (status: 'ok' | 'failed', outputs: unknown, error: string | null) =>
    o.state?.recordRun({
      id: runId,
      workflow: 'ask',
      driver: o.driver.name,
      ownerId: o.owner ?? null,
      asOf: o.asOf,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(now()).toISOString(),
      status,
      durationMs: now() - started,
      inputs: { question: o.question, owner: o.owner ?? null },
      outputs,
      toolCalls: caller.calls,
      usage,
      error,
    });
  try {
    let answer: Answer;
    if (o.driver.name === 'offline') answer = await offlineAnswer(o, caller);
    else {
      const request = `${o.owner ? `(About the AE with owner id ${o.owner}.) ` : ''}${o.question}`;
      const r = await o.driver.run({
        workflow: { name: 'ask', steps: [], instruction: ASK_INSTRUCTION, prompts: [], limits: ASK_LIMITS },
        output: answerOutput as never,
        inputs: { owner: o.owner },
        tools,
        caller,
        view: o.view,
        request,
      });
      usage = r.usage;
      answer = answerSchema.parse(r.output);
    }
    record('ok', answer, null);
    return { runId, answer, text: answerOutput.render(answer, o.view), toolCalls: caller.calls, usage, driver: o.driver.name };
  } catch (e) {
    record('failed', null, (e as Error).message?.slice(0, 1000) ?? String(e));
    throw e;
  }
}

async function offlineAnswer(o: AskOptions, caller: RecordingCaller): Promise<Answer> {
  const intent = matchIntent(o.question);
  if (!intent) {
    throw new ModelUnavailableError(
      'this question needs a model: offline, mis ask answers only questions it can map to a report',
      `Set ANTHROPIC_API_KEY (see docs/agent.md) to ask anything, or ask offline about: ${INTENTS.map((i) => `"${i.example}"`).join(', ')}.`,
    );
  }
  const args = intent.args({ owner: o.owner, asOf: o.asOf, view: o.view });
  let merged: unknown;
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r = await caller.callTool({ name: intent.tool, arguments: cursor ? { ...args, cursor } : args });
    if (r.isError) throw new AgentError(`${intent.tool} failed: ${textOf(r).slice(0, 400)}`, 'Fix what the tool reports, then ask again.');
    const v = structuredOf(r) as Record<string, unknown>;
    merged = page === 0 ? v : { ...v, findings: [...((merged as { findings?: unknown[] }).findings ?? []), ...((v['findings'] as unknown[]) ?? [])] };
    cursor = intent.allPages && typeof v['nextCursor'] === 'string' ? v['nextCursor'] : null;
    if (!cursor) break;
  }
  const a = intent.answer(merged, { owner: o.owner, asOf: o.asOf, view: o.view });
  return answerSchema.parse({ kind: 'answer', question: o.question, answer: a.answer, citations: a.citations, report: intent.id });
}
