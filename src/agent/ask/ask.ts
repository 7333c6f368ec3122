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
import {
  listServerTools,
  readOnlyTools,
  RecordingCaller,
  structuredOf,
  textOf,
  type ToolCallRecord,
} from '../tools.js';
import type { Driver, TokenUsage } from '../drivers/types.js';
import { AgentError } from '../errors.js';
import { z } from 'zod';
import { INTENTS, type Answered, type Intent, type IntentContext, type RankScope } from './intents.js';
import { findCompany, mayNameCompany, ownerWords, type DealMention, type DealRef, type OwnerRef } from './subject.js';
import { amountMeets } from './amount.js';
import { parsePeriod } from './period.js';
import { describeFilters, parseQuery, type AskQuery, type DealFilters, type StageRef } from './query.js';
import { formatDay, formatMoney, terminalWidth } from '../../format/index.js';
import { dealCompanyPart } from '../../names/index.js';
import { adviceReportSchema, renderAdvice, type AdviseTopic } from '../../advise/index.js';
import type { Citation } from '../outputs/index.js';

export const ASK_INSTRUCTION = `Answer the person's question about the sales team's CRM and pipeline using the tools (all read-only).
Look things up rather than guess: find deals with hubspot_search_deals, their history with hubspot_get_deal_timeline,
figures with the mis_* tools, what an AE reported about a deal with state_list_ae_updates. Answer in a few sentences or a short list with the figures, and cite in "citations"
every record the answer rests on (deal, contact, company, owner ids). For RevOps advice (lifecycle stages and the
MQL handoff, lead scoring and routing, pipeline stage management, which metrics to track, data hygiene) call
mis_advise with the topic and answer from its report only: its figures, its plan in order, and what the data cannot
tell; for a request to write outreach emails call mis_advise with out_of_scope and say where it belongs instead of
writing them. Set "question" to the question as asked and
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
  /** First month of the financial year (config fiscalYearStartMonth; 4 = the Indian FY): how quarters are named. */
  fiscalYearStartMonth?: number;
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
    return {
      runId,
      answer,
      text: answerOutput.render(answer, o.view),
      toolCalls: caller.calls,
      usage,
      driver: o.driver.name,
    };
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

async function call(
  caller: RecordingCaller,
  tool: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const r = await caller.callTool({ name: tool, arguments: args });
  if (r.isError)
    throw new AgentError(`${tool} failed: ${textOf(r).slice(0, 400)}`, 'Fix what the tool reports, then ask again.');
  return structuredOf(r) as Record<string, unknown>;
}

/** Every page of a listing tool, the `field` arrays concatenated (the other fields from the last page). */
async function callAll(
  caller: RecordingCaller,
  tool: string,
  args: Record<string, unknown>,
  field: string | undefined,
  allPages: boolean,
): Promise<Record<string, unknown>> {
  let merged: Record<string, unknown> = {};
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const v = await call(caller, tool, cursor ? { ...args, cursor } : args);
    merged =
      page === 0 || !field
        ? v
        : {
            ...v,
            [field]: [
              ...((merged[field] as unknown[] | undefined) ?? []),
              ...((v[field] as unknown[] | undefined) ?? []),
            ],
          };
    cursor = allPages && typeof v['nextCursor'] === 'string' ? v['nextCursor'] : null;
    if (!cursor) break;
  }
  return merged;
}

const ownerRows = z.object({
  owners: z.array(z.looseObject({ id: z.string(), name: z.string(), email: z.string().nullable() })),
});
const dealRows = z.object({
  deals: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      amount: z.number().nullable(),
      stageId: z.string(),
      open: z.boolean(),
      stage: z.string(),
      ownerId: z.string().nullable(),
      ownerName: z.string(),
      closeDate: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
type DealRow = z.infer<typeof dealRows>['deals'][number];
const pipelineRows = z.object({
  pipelines: z.array(
    z.looseObject({
      stages: z.array(
        z.looseObject({
          id: z.string(),
          label: z.string(),
          isClosed: z.boolean(),
          isWon: z.boolean(),
          probability: z.number(),
        }),
      ),
    }),
  ),
});

/** What the offline answerer reads once per question: owners, stages, and (when needed) every deal. */
class Portal {
  deals: DealRow[] | null = null;
  constructor(
    private readonly caller: RecordingCaller,
    readonly owners: OwnerRef[],
    readonly stages: Array<StageRef & { probability: number }>,
  ) {}
  async allDeals(): Promise<DealRow[]> {
    this.deals ??= dealRows.parse(
      await callAll(this.caller, 'hubspot_search_deals', { limit: 100, sort: 'created_desc' }, 'deals', true),
    ).deals;
    return this.deals;
  }
  stage(id: string) {
    return this.stages.find((s) => s.id === id);
  }
}

/** Whether a deal meets the question's constraints. */
function meets(d: DealRow, f: DealFilters, p: Portal, company: ReadonlySet<string> | null): boolean {
  if (company && !company.has(d.id)) return false;
  if (f.owner && d.ownerId !== f.owner.id) return false;
  if (f.amount && !amountMeets(d.amount, f.amount)) return false;
  if (f.stages && !f.stages.some((s) => s.id === d.stageId)) return false;
  if (f.status === 'open' && !d.open) return false;
  if (f.status === 'closed' && d.open) return false;
  if (f.status === 'won' && (d.open || !p.stage(d.stageId)?.isWon)) return false;
  if (f.status === 'lost' && (d.open || p.stage(d.stageId)?.isWon !== false)) return false;
  if (f.period) {
    const at = f.period.field === 'created' ? Date.parse(d.createdAt) : d.closeDate ? Date.parse(d.closeDate) : NaN;
    if (!(at >= f.period.from && at < f.period.to)) return false;
  }
  return true;
}

/** RevOps advice: the mis_advise report rendered, citing the records its plan names. */
async function answerAdvice(o: AskOptions, caller: RecordingCaller, topic: AdviseTopic): Promise<Answered> {
  const r = await call(caller, 'mis_advise', {
    topic,
    ...(topic === 'out_of_scope' ? { request: o.question.slice(0, 500) } : {}),
  });
  const report = adviceReportSchema.parse(r['report']);
  const citations: Citation[] = [];
  const seen = new Set<string>();
  for (const p of report.plan)
    for (const rec of p.records)
      if (!seen.has(`${rec.type}:${rec.id}`) && citations.length < 20) {
        seen.add(`${rec.type}:${rec.id}`);
        citations.push({ type: rec.type, id: rec.id });
      }
  return { answer: renderAdvice(report, { width: terminalWidth() ?? 100 }), citations };
}

async function offlineAnswer(o: AskOptions, caller: RecordingCaller): Promise<Answer> {
  const owners: OwnerRef[] = ownerRows
    .parse(await callAll(caller, 'hubspot_list_owners', { limit: 200 }, 'owners', true))
    .owners.map((x) => ({ id: x.id, name: x.name, email: x.email }));
  const stages = pipelineRows.parse(await call(caller, 'hubspot_list_pipelines', {})).pipelines.flatMap((p) =>
    p.stages.map((s) => ({
      id: s.id,
      label: s.label,
      isClosed: s.isClosed,
      isWon: s.isWon,
      probability: s.probability,
    })),
  );
  const portal = new Portal(caller, owners, stages);
  const pc = { asOf: Date.parse(o.asOf), timezone: o.view.timezone, fiscalYearStartMonth: o.fiscalYearStartMonth ?? 4 };
  const query = parseQuery(o.question, { owners, stages }, pc);
  const done = (a: Answered, report: string | null) =>
    answerSchema.parse({ kind: 'answer', question: o.question, answer: a.answer, citations: a.citations, report });
  if (query.refusal?.kind === 'out-of-scope') {
    return done(
      {
        answer: `That is out of scope for mis ask (${query.refusal.reason}). Ask about the pipeline instead, for example: ${INTENTS.slice(
          0,
          3,
        )
          .map((i) => `"${i.example}"`)
          .join(', ')}.`,
        citations: [],
      },
      'out-of-scope',
    );
  }
  if (query.refusal) throw needsModelError(query.refusal.reason);
  if (query.ownerMention.kind === 'ambiguous') {
    const lines = query.ownerMention.candidates.map(
      (x) => `  • ${x.name} (owner ${x.id}${x.email ? `, ${x.email}` : ''})`,
    );
    return done(
      {
        answer: [
          `"${query.ownerMention.written}" names more than one AE; ask again with the full name or email, or pass --owner:`,
          ...lines,
        ].join('\n'),
        citations: [],
      },
      null,
    );
  }
  const topic = query.topic!;
  if (topic.kind === 'advise') return done(await answerAdvice(o, caller, topic.topic), `advise-${topic.topic}`);
  // --owner applies when the question names nobody.
  const filters: DealFilters = { ...query.filters };
  const named = filters.owner;
  if (!filters.owner && o.owner) {
    const me = owners.find((x) => x.id === o.owner);
    if (me) filters.owner = me;
  }

  // A company or deal the question names (not for "what did X say", whose company is looked up there).
  // Owner names and stage labels alone never make a company ("Proposal Sent" is no firm).
  const nameWords = new Set([
    ...ownerWords(owners),
    ...stages.flatMap((x) =>
      x.label
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 3),
    ),
  ]);
  let company: DealMention = { kind: 'none' };
  if (mayNameCompany(o.question, nameWords))
    company = findCompany(o.question, (await portal.allDeals()).map(toRef), nameWords);
  if (company.kind === 'ambiguous') {
    const lines = company.candidates.map(
      (c) =>
        `  • ${c.company}: ${c.deals.map((d) => `${d.name} (deal ${d.id}, ${d.open ? 'open' : d.stage})`).join(', ')}`,
    );
    return done(
      {
        answer: [`"${company.written}" could be more than one company; ask again with the full name:`, ...lines].join(
          '\n',
        ),
        citations: [],
      },
      null,
    );
  }
  const money = (n: number) => formatMoney(n, o.view.currency);
  const cx: AnswerContext = { o, caller, portal, filters, company, money, query };

  if (topic.kind === 'said') return done(await answerSaid(cx), 'ae-updates');
  if (topic.kind === 'deals') return done(await answerDeals(cx), 'deals');
  if (topic.kind === 'health') return done(await answerHealth(cx), 'pipeline-health');
  if (topic.kind === 'forecast') return done(await answerForecast(cx), 'forecast');

  const intent = topic.intent;
  // Stale deals, risk and hygiene are the state as of now: "this week" or "today" reads as now, not as a close date.
  let note = '';
  const p = filters.period;
  if (
    p &&
    CURRENT_STATE.has(intent.id) &&
    p.offset === 0 &&
    (p.unit === 'week' || p.unit === 'day') &&
    !/\b(clos(e|es|ing)|due)\b/i.test(o.question)
  ) {
    delete filters.period;
    note = `(As of ${dayWithYear(o.asOf, o.view.timezone)}: this report is the current state.)\n`;
  }
  const cannot = unhonoured(intent, filters, query);
  if (cannot) throw needsModelError(cannot);
  const c: IntentContext = { owner: filters.owner?.id, asOf: o.asOf, view: o.view };
  if (company.kind === 'one') {
    if (!intent.deal)
      throw needsModelError(`it asks about ${company.company} with a report that covers the whole team`);
    const scope = intent.deal;
    const lines: string[] = [];
    for (const d of company.deals)
      lines.push(scope.line(d, d.open || scope.closedToo ? await call(caller, scope.tool, scope.args(d.id)) : null, c));
    return done(
      { answer: lines.join('\n'), citations: company.deals.map((d) => ({ type: 'deal', id: d.id })) },
      intent.id,
    );
  }
  let prefix = note;
  if (named) {
    if (o.owner && o.owner !== named.id)
      prefix = `(The question names ${named.name}, so this is about them, not owner ${o.owner}.)\n`;
    prefix += intent.perOwner
      ? `For ${named.name}:\n`
      : `(This report is for the whole team: it is not kept per AE.)\n`;
  }
  const dealFilter = Boolean(filters.amount || filters.stages || filters.period);
  if (query.rank && intent.rank) {
    const rows = await callAll(
      caller,
      intent.tool,
      { ...intent.args(c), limit: intent.tool === 'mis_deal_risk' ? 50 : 100 },
      intent.pageField,
      true,
    );
    const population = new Set((await portal.allDeals()).flatMap((d) => (d.ownerId ? [d.ownerId] : [])));
    return done(
      rankByOwner(
        o.question,
        intent.rank,
        rows,
        owners.filter((x) => population.has(x.id)),
        c.owner,
      ),
      intent.id,
    );
  }
  if (dealFilter && intent.filterDeals) {
    const all = await portal.allDeals();
    const keep = new Set(all.filter((d) => meets(d, withoutOwner(filters), portal, null)).map((d) => d.id));
    const rows = await callAll(
      caller,
      intent.tool,
      { ...intent.args(c), limit: intent.tool === 'mis_deal_risk' ? 50 : 100 },
      intent.pageField,
      true,
    );
    const openInScope = all.filter(
      (d) => d.open && keep.has(d.id) && (!filters.owner || d.ownerId === filters.owner.id),
    ).length;
    const a = intent.answer(
      intent.filterDeals(rows, (id) => keep.has(id), openInScope),
      c,
      [],
    );
    const scope = describeFilters(withoutOwner(filters), money).join(', ');
    return done({ answer: `${prefix}Only deals ${scope}:\n${a.answer}`, citations: a.citations }, intent.id);
  }
  const merged = await callAll(caller, intent.tool, intent.args(c), intent.pageField, intent.allPages === true);
  const more: unknown[] = [];
  for (const f of intent.followUps ?? []) more.push(await call(caller, f.tool, f.args(c)));
  const a = intent.answer(merged, c, more);
  return done({ answer: `${prefix}${a.answer}`, citations: a.citations }, intent.id);
}

const CURRENT_STATE = new Set(['stale-deals', 'at-risk', 'hygiene']);

function withoutOwner(f: DealFilters): DealFilters {
  const { owner: _owner, ...rest } = f;
  return rest;
}

const toRef = (d: DealRow): DealRef => ({
  id: d.id,
  name: d.name,
  open: d.open,
  stage: d.stage,
  ownerId: d.ownerId,
  ownerName: d.ownerName,
});

/** Why a report cannot honour the question's constraints (null: it can). */
function unhonoured(intent: Intent, f: DealFilters, q: AskQuery): string | null {
  const title = intent.example.replace(/\?$/, '');
  if ((f.amount || f.stages) && !intent.filterDeals)
    return `it sets an amount or a stage on a report ("${title}") that is not kept per deal`;
  if (f.period) {
    const p = f.period;
    if (intent.filterDeals) return null;
    if (intent.periods?.includes(p.unit) && p.offset === 0) return null;
    const window = intent.period;
    if (!window) return `it asks about ${p.written}, and that report ("${title}") has no period`;
    if (p.unit !== window || p.offset !== 0)
      return `it asks about ${p.written}, and that report ("${title}") is kept for this ${window} only`;
  }
  if (q.rank && !intent.rank && !intent.ranks && intent.id !== 'scorecard')
    return `it asks who has the most or least, and that report ("${title}") is not counted per AE`;
  return null;
}

interface AnswerContext {
  o: AskOptions;
  caller: RecordingCaller;
  portal: Portal;
  filters: DealFilters;
  company: DealMention;
  money: (n: number) => string;
  query: AskQuery;
}

const MAX_LINES = 25;
const MAX_CITED = 60;

function dealLine(d: DealRow, cx: AnswerContext): string {
  const close = d.closeDate
    ? `${d.open ? 'closes' : 'closed'} ${dayWithYear(d.closeDate, cx.o.view.timezone)}`
    : 'no close date';
  return `  • ${d.name} — ${d.ownerName}, ${d.amount === null ? 'no amount' : cx.money(d.amount)}, ${d.stage}, ${close} (deal ${d.id})`;
}

/** "Tue 20 Oct 2026": the local day of an instant, always with its year. */
function dayWithYear(iso: string, timeZone: string): string {
  return formatDay(iso, timeZone).replace(',', '');
}

/** The status a deal list means when the question names none: open, unless it asks what was created. */
function withDefaultStatus(f: DealFilters): DealFilters {
  if (f.status || f.stages || f.period?.field === 'created') return f;
  return { ...f, status: 'open' };
}

function statusWord(f: DealFilters): string {
  return f.status === 'open'
    ? 'open '
    : f.status === 'won'
      ? 'won '
      : f.status === 'lost'
        ? 'lost '
        : f.status === 'closed'
          ? 'closed '
          : '';
}

async function answerDeals(cx: AnswerContext): Promise<Answered> {
  const all = await cx.portal.allDeals();
  const f = withDefaultStatus(cx.filters);
  const companyIds =
    cx.company.kind === 'one'
      ? new Set(
          all
            .filter(
              (d) =>
                cx.company.kind === 'one' &&
                cx.company.deals.some((x) => dealCompanyPart(x.name).company === dealCompanyPart(d.name).company),
            )
            .map((d) => d.id),
        )
      : null;
  const scope = [
    ...(cx.company.kind === 'one' ? [`at ${cx.company.company}`] : []),
    ...describeFilters(f, cx.money),
  ].join(', ');
  const chosen = all.filter((d) => meets(d, f, cx.portal, companyIds));
  if (cx.query.rank) return rankDeals(cx, all, chosen, f, scope);
  const total = chosen.reduce((s, d) => s + (d.amount ?? 0), 0);
  const what = `${statusWord(f)}deal${chosen.length === 1 ? '' : 's'}${scope ? ` ${scope}` : ''}`;
  if (!chosen.length)
    return { answer: `No ${what.replace(/^(\w+ )?deals?/, (m) => (m.endsWith('s') ? m : `${m}s`))}.`, citations: [] };
  const byClose = Boolean(f.period) && !/\b(top|biggest|largest|highest)\b/i.test(cx.o.question);
  const sorted = [...chosen].sort(
    (a, b) =>
      (byClose ? (a.closeDate ?? '9').localeCompare(b.closeDate ?? '9') : (b.amount ?? -1) - (a.amount ?? -1)) ||
      a.id.localeCompare(b.id),
  );
  const noAmount = chosen.filter((d) => d.amount === null).length;
  const head = `${chosen.length} ${what}: ${cx.money(total)} in all${noAmount ? ` (${noAmount} without an amount)` : ''}.`;
  const lines = sorted.slice(0, MAX_LINES).map((d) => dealLine(d, cx));
  if (sorted.length > MAX_LINES) lines.push(`  … and ${sorted.length - MAX_LINES} more.`);
  return {
    answer: [head, ...lines].join('\n'),
    citations: sorted.slice(0, MAX_CITED).map((d) => ({ type: 'deal' as const, id: d.id })),
  };
}

function rankDeals(
  cx: AnswerContext,
  all: readonly DealRow[],
  chosen: readonly DealRow[],
  f: DealFilters,
  scope: string,
): Answered {
  const rank = cx.query.rank!;
  const stats = new Map<string, { n: number; amount: number }>();
  for (const d of all) if (d.ownerId) stats.set(d.ownerId, { n: 0, amount: 0 });
  for (const d of chosen) {
    if (!d.ownerId) continue;
    const s = stats.get(d.ownerId)!;
    s.n++;
    s.amount += d.amount ?? 0;
  }
  const name = (id: string) => cx.portal.owners.find((x) => x.id === id)?.name ?? `owner ${id}`;
  const value = (s: { n: number; amount: number }) => (rank.by === 'count' ? s.n : s.amount);
  const ranked = [...stats].sort(
    (a, b) =>
      (rank.order === 'most' ? value(b[1]) - value(a[1]) : value(a[1]) - value(b[1])) ||
      name(a[0]).localeCompare(name(b[0])),
  );
  if (!ranked.length) return { answer: 'No AE owns a deal in this portal.', citations: [] };
  const top = value(ranked[0]![1]);
  const leaders = ranked.filter(([, s]) => value(s) === top);
  const what = `${statusWord(f)}deals${scope ? ` ${scope}` : ''}`;
  const fig = (s: { n: number; amount: number }) =>
    rank.by === 'count'
      ? `${s.n} (${cx.money(s.amount)})`
      : `${cx.money(s.amount)} (${s.n} deal${s.n === 1 ? '' : 's'})`;
  const head = `${leaders.map(([id]) => name(id)).join(' and ')} ${leaders.length > 1 ? 'have' : 'has'} the ${rank.order === 'most' ? 'most' : 'least'} ${rank.by === 'count' ? '' : 'value in '}${what}: ${rank.by === 'count' ? top : cx.money(top)}${leaders.length > 1 ? ' each' : ''}.`;
  const lines = ranked.map(([id, s]) => `  • ${name(id)}: ${fig(s)} (owner ${id})`);
  return {
    answer: [head, `By AE (owners of at least one deal):`, ...lines].join('\n'),
    citations: [
      ...leaders.map(([id]) => ({ type: 'owner' as const, id })),
      ...ranked
        .filter(([id, s]) => s.n > 0 && !leaders.some(([l]) => l === id))
        .map(([id]) => ({ type: 'owner' as const, id })),
    ],
  };
}

const updateRows = z.object({
  updates: z.array(
    z.looseObject({
      updateId: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      receivedAt: z.string(),
      mentions: z.array(z.looseObject({ dealId: z.string().nullable(), text: z.looseObject({ text: z.string() }) })),
    }),
  ),
});

/** "What did Asha say about Navkar?": her stored (reconciled) updates, the lines matched to that company's deals. */
async function answerSaid(cx: AnswerContext): Promise<Answered> {
  const who = cx.filters.owner!;
  const tz = cx.o.view.timezone;
  const updates = updateRows.parse(
    await call(cx.caller, 'state_list_ae_updates', { owner: who.id, limit: 50 }),
  ).updates;
  const all = await cx.portal.allDeals();
  const about = cx.company.kind === 'one' ? cx.company : null;
  const ids = about
    ? new Set(
        all
          .filter((d) => dealCompanyPart(d.name).company === dealCompanyPart(about.deals[0]!.name).company)
          .map((d) => d.id),
      )
    : null;
  const subject = about ? about.company : 'any deal';
  if (!updates.length)
    return {
      answer: `There is no stored update from ${who.name}, so nothing ${who.name} said about ${subject} is on record. Updates are stored when \`mis reconcile\` runs on them.`,
      citations: [],
    };
  const name = (id: string | null) => (id ? (all.find((d) => d.id === id)?.name ?? `deal ${id}`) : 'no deal of theirs');
  const lines: string[] = [];
  const cited = new Set<string>();
  for (const u of updates) {
    for (const m of u.mentions) {
      if (ids && (!m.dealId || !ids.has(m.dealId))) continue;
      if (!ids && !m.dealId) continue;
      lines.push(
        `  • ${dayWithYear(u.receivedAt, tz)}, about ${name(m.dealId)}${m.dealId ? ` (deal ${m.dealId})` : ''}: “${m.text.text}”`,
      );
      if (m.dealId) cited.add(m.dealId);
    }
    if (!ids) break; // without a deal: the latest update only
  }
  if (!lines.length)
    return {
      answer: `None of ${who.name}'s ${updates.length} stored update${updates.length === 1 ? '' : 's'} (latest ${dayWithYear(updates[0]!.receivedAt, tz)}) mentions ${subject}.`,
      citations: [],
    };
  return {
    answer: [
      `What ${who.name} said about ${subject}${ids ? '' : ' in the latest update'}, from the stored updates (the AE's words, as written):`,
      ...lines,
    ].join('\n'),
    citations: [...cited].map((id) => ({ type: 'deal' as const, id })),
  };
}

const riskSummary = z.looseObject({
  openDeals: z.number(),
  atRisk: z.number(),
  amountAtRisk: z.number(),
  deals: z.array(z.looseObject({ dealId: z.string() })),
});
const staleSummary = z.looseObject({ findings: z.array(z.looseObject({ objectId: z.string().nullable() })) });

/** Pipeline health: what is open, how it is spread over stages, what is past its date, stale or at risk. */
async function answerHealth(cx: AnswerContext): Promise<Answered> {
  const all = await cx.portal.allDeals();
  const f: DealFilters = { ...cx.filters, status: 'open' };
  const open = all.filter((d) => meets(d, f, cx.portal, null));
  const total = open.reduce((s, d) => s + (d.amount ?? 0), 0);
  const weighted = open.reduce((s, d) => s + (d.amount ?? 0) * (cx.portal.stage(d.stageId)?.probability ?? 0), 0);
  const ownerArg = cx.filters.owner ? { owner: cx.filters.owner.id } : {};
  const stale = staleSummary.parse(
    await callAll(cx.caller, 'mis_run_checks', { ...ownerArg, only: ['stale_deal'], limit: 100 }, 'findings', true),
  ).findings.length;
  const risk = riskSummary.parse(await call(cx.caller, 'mis_deal_risk', { ...ownerArg, limit: 5 }));
  const asOf = Date.parse(cx.o.asOf);
  const overdue = open.filter((d) => d.closeDate && Date.parse(d.closeDate) < asOf).length;
  const byStage = cx.portal.stages
    .filter((s) => !s.isClosed)
    .map((s) => ({ s, list: open.filter((d) => d.stageId === s.id) }))
    .filter((x) => x.list.length);
  const who = cx.filters.owner ? `${cx.filters.owner.name}'s pipeline` : 'The pipeline';
  const lines = [
    `${who}: ${open.length} open deals, ${cx.money(total)} in all, ${cx.money(weighted)} weighted by stage probability.`,
    `  • by stage: ${byStage.map((x) => `${x.s.label} ${x.list.length} (${cx.money(x.list.reduce((s, d) => s + (d.amount ?? 0), 0))})`).join('; ')}`,
    `  • stale (no activity beyond the stage's threshold): ${stale}`,
    `  • showing risk: ${risk.atRisk} of ${risk.openDeals}, ${cx.money(risk.amountAtRisk)} weighted at risk`,
    `  • past their close date: ${overdue}`,
  ];
  const biggest = [...open].sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1)).slice(0, 5);
  lines.push('Largest open deals:', ...biggest.map((d) => dealLine(d, cx)));
  return { answer: lines.join('\n'), citations: biggest.map((d) => ({ type: 'deal' as const, id: d.id })) };
}

/** Forecast: the open deals closing in the period (default this quarter), weighted by stage probability, and what is already won. */
async function answerForecast(cx: AnswerContext): Promise<Answered> {
  const all = await cx.portal.allDeals();
  const pc = {
    asOf: Date.parse(cx.o.asOf),
    timezone: cx.o.view.timezone,
    fiscalYearStartMonth: cx.o.fiscalYearStartMonth ?? 4,
  };
  const period = cx.filters.period ?? { ...parsePeriod('this quarter', pc)!, field: 'close' as const };
  const base: DealFilters = { ...cx.filters, period: { ...period, field: 'close' } };
  const open = all
    .filter((d) => meets(d, { ...base, status: 'open' }, cx.portal, null))
    .sort((a, b) => (a.closeDate ?? '9').localeCompare(b.closeDate ?? '9'));
  const won = all.filter((d) => meets(d, { ...base, status: 'won' }, cx.portal, null));
  const sum = (l: readonly DealRow[]) => l.reduce((s, d) => s + (d.amount ?? 0), 0);
  const weighted = open.reduce((s, d) => s + (d.amount ?? 0) * (cx.portal.stage(d.stageId)?.probability ?? 0), 0);
  const late = open.filter((d) => (cx.portal.stage(d.stageId)?.probability ?? 0) >= 0.7);
  const who = cx.filters.owner ? ` for ${cx.filters.owner.name}` : '';
  const lines = [
    `Forecast${who}, ${period.written} (${period.reading}), from the deals' close dates and stage probabilities:`,
    `  • won so far: ${won.length} deal${won.length === 1 ? '' : 's'}, ${cx.money(sum(won))}`,
    `  • open and closing in the period: ${open.length} deals, ${cx.money(sum(open))}; weighted ${cx.money(weighted)}`,
    `  • late stage (probability 70% or more): ${late.length} deals, ${cx.money(sum(late))}`,
    `  • expected: ${cx.money(sum(won) + weighted)} (won + weighted open)`,
    'Open deals closing in the period:',
    ...open.slice(0, MAX_LINES).map((d) => dealLine(d, cx)),
    ...(open.length > MAX_LINES ? [`  … and ${open.length - MAX_LINES} more.`] : []),
  ];
  return {
    answer: lines.join('\n'),
    citations: open.slice(0, MAX_CITED).map((d) => ({ type: 'deal' as const, id: d.id })),
  };
}

/** "who has the most stale deals?": the records counted by owner, most first (fewest first when asked). */
function rankByOwner(
  question: string,
  rank: RankScope,
  rows: unknown,
  owners: readonly OwnerRef[],
  only: string | undefined,
): Answered {
  const counts = new Map<string, number>();
  for (const o of owners) if (!only || o.id === only) counts.set(o.id, 0);
  let unowned = 0;
  for (const id of rank.owners(rows)) {
    if (id === null) unowned++;
    else counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const name = (id: string) => owners.find((o) => o.id === id)?.name ?? `owner ${id}`;
  const fewest = /\b(fewest|least|lowest|less)\b/i.test(question);
  const ranked = [...counts].sort(
    (a, b) => (fewest ? a[1] - b[1] : b[1] - a[1]) || name(a[0]).localeCompare(name(b[0])),
  );
  const total = ranked.reduce((s, [, n]) => s + n, 0) + unowned;
  const top = ranked[0];
  if (!top) return { answer: `No AE in this portal has ${rank.noun}.`, citations: [] };
  const leaders = ranked.filter(([, n]) => n === top[1]);
  const head = `${leaders.map(([id]) => `${name(id)} (owner ${id})`).join(' and ')} ${leaders.length > 1 ? 'have' : 'has'} the ${fewest ? 'fewest' : 'most'} ${rank.noun}: ${top[1]}${leaders.length > 1 ? ' each' : ''} of ${total}.`;
  const lines = ranked.map(([id, n]) => `  • ${name(id)} (owner ${id}): ${n}`);
  if (unowned) lines.push(`  • no owner: ${unowned}`);
  return {
    answer: [head, `${rank.noun[0]!.toUpperCase()}${rank.noun.slice(1)} by AE:`, ...lines].join('\n'),
    citations: ranked
      .filter(([id, n]) => n > 0 || leaders.some(([l]) => l === id))
      .map(([id]) => ({ type: 'owner' as const, id })),
  };
}
