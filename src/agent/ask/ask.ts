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
import { z } from 'zod';
import { INTENTS, resolveQuestion, type Answered, type IntentContext, type RankScope } from './intents.js';
import { findCompany, findOwner, mayNameCompany, ownerWords, type DealMention, type DealRef, type OwnerRef } from './subject.js';

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

function needsModelError(reason: string): ModelUnavailableError {
  return new ModelUnavailableError(
    `this question needs a model (${reason}): offline, mis ask answers only questions it can map to a report`,
    `Set ANTHROPIC_API_KEY (see docs/agent.md) to ask anything, or ask offline about: ${INTENTS.map((i) => `"${i.example}"`).join(', ')}.`,
  );
}

async function call(caller: RecordingCaller, tool: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await caller.callTool({ name: tool, arguments: args });
  if (r.isError) throw new AgentError(`${tool} failed: ${textOf(r).slice(0, 400)}`, 'Fix what the tool reports, then ask again.');
  return structuredOf(r) as Record<string, unknown>;
}

/** Every page of a listing tool, the `field` arrays concatenated (the other fields from the last page). */
async function callAll(caller: RecordingCaller, tool: string, args: Record<string, unknown>, field: string | undefined, allPages: boolean): Promise<Record<string, unknown>> {
  let merged: Record<string, unknown> = {};
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const v = await call(caller, tool, cursor ? { ...args, cursor } : args);
    merged = page === 0 || !field ? v : { ...v, [field]: [...((merged[field] as unknown[] | undefined) ?? []), ...((v[field] as unknown[] | undefined) ?? [])] };
    cursor = allPages && typeof v['nextCursor'] === 'string' ? v['nextCursor'] : null;
    if (!cursor) break;
  }
  return merged;
}

const ownerRows = z.object({ owners: z.array(z.looseObject({ id: z.string(), name: z.string(), email: z.string().nullable() })) });
const dealRows = z.object({ deals: z.array(z.looseObject({ id: z.string(), name: z.string(), open: z.boolean(), stage: z.string(), ownerId: z.string().nullable(), ownerName: z.string() })) });

async function offlineAnswer(o: AskOptions, caller: RecordingCaller): Promise<Answer> {
  const resolved = resolveQuestion(o.question);
  if (resolved.kind === 'needs-model') throw needsModelError(resolved.reason);
  const { intent, rankOwners } = resolved;
  const done = (a: Answered, report: string | null = intent.id) => answerSchema.parse({ kind: 'answer', question: o.question, answer: a.answer, citations: a.citations, report });

  // Who or what the question is about: a company (its deals), else an AE named in it.
  const owners: OwnerRef[] = ownerRows.parse(await callAll(caller, 'hubspot_list_owners', { limit: 200 }, 'owners', true)).owners.map((x) => ({ id: x.id, name: x.name, email: x.email }));
  const nameWords = ownerWords(owners);
  let company: DealMention = { kind: 'none' };
  if (mayNameCompany(o.question, nameWords)) {
    const all: DealRef[] = dealRows.parse(await callAll(caller, 'hubspot_search_deals', { limit: 100, sort: 'created_desc' }, 'deals', true)).deals.map((d) => ({ id: d.id, name: d.name, open: d.open, stage: d.stage, ownerId: d.ownerId, ownerName: d.ownerName }));
    company = findCompany(o.question, all, nameWords);
  }
  if (company.kind === 'ambiguous') {
    const lines = company.candidates.map((c) => `  • ${c.company}: ${c.deals.map((d) => `${d.name} (deal ${d.id}, ${d.open ? 'open' : d.stage})`).join(', ')}`);
    return done({ answer: [`"${company.written}" could be more than one company; ask again with the full name:`, ...lines].join('\n'), citations: [] }, null);
  }
  const c: IntentContext = { owner: o.owner, asOf: o.asOf, view: o.view };
  if (company.kind === 'one') {
    if (!intent.deal) throw needsModelError(`it asks about ${company.company} with a report that covers the whole team`);
    const scope = intent.deal;
    const lines: string[] = [];
    for (const d of company.deals) lines.push(scope.line(d, d.open || scope.closedToo ? await call(caller, scope.tool, scope.args(d.id)) : null, c));
    return done({ answer: lines.join('\n'), citations: company.deals.map((d) => ({ type: 'deal', id: d.id })) });
  }

  const named = findOwner(o.question, owners, new Set());
  if (named.kind === 'ambiguous') {
    const lines = named.candidates.map((x) => `  • ${x.name} (owner ${x.id}${x.email ? `, ${x.email}` : ''})`);
    return done({ answer: [`"${named.written}" names more than one AE; ask again with the full name or email, or pass --owner:`, ...lines].join('\n'), citations: [] }, null);
  }
  let prefix = '';
  if (named.kind === 'one') {
    if (o.owner && o.owner !== named.owner.id) prefix = `(The question names ${named.owner.name}, so this is about them, not owner ${o.owner}.)\n`;
    c.owner = named.owner.id;
    prefix += intent.perOwner ? `For ${named.owner.name}:\n` : `(This report is for the whole team: it is not kept per AE.)\n`;
  }

  if (rankOwners && intent.rank) {
    const rows = await callAll(caller, intent.tool, { ...intent.args(c), limit: intent.tool === 'mis_deal_risk' ? 50 : 100 }, intent.pageField, true);
    return done(rankByOwner(o.question, intent.rank, rows, owners, c.owner));
  }
  const args = intent.args(c);
  const merged = await callAll(caller, intent.tool, args, intent.pageField, intent.allPages === true);
  const more: unknown[] = [];
  for (const f of intent.followUps ?? []) more.push(await call(caller, f.tool, f.args(c)));
  const a = intent.answer(merged, c, more);
  return done({ answer: `${prefix}${a.answer}`, citations: a.citations });
}

/** "who has the most stale deals?": the records counted by owner, most first (fewest first when asked). */
function rankByOwner(question: string, rank: RankScope, rows: unknown, owners: readonly OwnerRef[], only: string | undefined): Answered {
  const counts = new Map<string, number>();
  for (const o of owners) if (!only || o.id === only) counts.set(o.id, 0);
  let unowned = 0;
  for (const id of rank.owners(rows)) {
    if (id === null) unowned++;
    else counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const name = (id: string) => owners.find((o) => o.id === id)?.name ?? `owner ${id}`;
  const fewest = /\b(fewest|least|lowest|less)\b/i.test(question);
  const ranked = [...counts].sort((a, b) => (fewest ? a[1] - b[1] : b[1] - a[1]) || name(a[0]).localeCompare(name(b[0])));
  const total = ranked.reduce((s, [, n]) => s + n, 0) + unowned;
  const top = ranked[0];
  if (!top) return { answer: `No AE in this portal has ${rank.noun}.`, citations: [] };
  const leaders = ranked.filter(([, n]) => n === top[1]);
  const head = `${leaders.map(([id]) => `${name(id)} (owner ${id})`).join(' and ')} ${leaders.length > 1 ? 'have' : 'has'} the ${fewest ? 'fewest' : 'most'} ${rank.noun}: ${top[1]}${leaders.length > 1 ? ' each' : ''} of ${total}.`;
  const lines = ranked.map(([id, n]) => `  • ${name(id)} (owner ${id}): ${n}`);
  if (unowned) lines.push(`  • no owner: ${unowned}`);
  return { answer: [head, `${rank.noun[0]!.toUpperCase()}${rank.noun.slice(1)} by AE:`, ...lines].join('\n'), citations: ranked.filter(([id, n]) => n > 0 || leaders.some(([l]) => l === id)).map(([id]) => ({ type: 'owner' as const, id })) };
}
