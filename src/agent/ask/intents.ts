/**
 * Offline `mis ask`: a keyword table that maps the questions it can answer to one report, computed by an MCP
 * tool and rendered with the report renderers. Anything else needs a model.
 */
import { z } from 'zod';
import { localTime, quarterSpan } from '../../time/index.js';
import {
  activityScorecardSchema,
  funnelConversionSchema,
  pipelineCoverageSchema,
  weeklyMomentumSchema,
  winLossSchema,
} from '../../analysis/metrics/index.js';
import { formatMoney } from '../../format/index.js';
import {
  renderCoverage,
  renderFunnel,
  renderMomentum,
  renderScorecard,
  renderWinLoss,
} from '../../analysis/text/index.js';
import type { Citation } from '../outputs/index.js';
import type { RenderView } from '../outputs/spec.js';
import { restoreQuotes } from '../outputs/common.js';
import { assembleBrief, renderCallBrief, unquoteBrief } from '../outputs/call-brief.js';
import { METRIC_ASKS, type PeriodUnit } from './metric-table.js';
import { asksForOwnerRanking, needsModel, wordsMatch, type IntentWords } from './question.js';
import type { DealRef } from './subject.js';

export interface IntentContext {
  owner?: string | undefined;
  asOf: string;
  view: RenderView;
}

export interface Answered {
  answer: string;
  citations: Citation[];
}

/** Answering for one named deal: one tool call per deal. */
export interface DealScope {
  tool: string;
  args(dealId: string): Record<string, unknown>;
  /** Also call the tool for a closed deal (risk and staleness are for open deals only). */
  closedToo?: boolean;
  /** One line about the deal from its tool result (null: a closed deal, not looked up). */
  line(deal: DealRef, result: unknown, c: IntentContext): string;
}

/** "who has the most …": the records the report lists, counted by owner. */
export interface RankScope {
  /** What is counted, plural ("stale deals"). */
  noun: string;
  /** The owner of every record the full (all pages) result lists. */
  owners(result: unknown): Array<string | null>;
}

export interface Intent {
  id: string;
  /** What a person can ask, for the help text and the "needs a model" message. */
  example: string;
  words: IntentWords;
  /** Its report gives reasons, so "why …" is answered (risk factors, loss reasons, days without activity). */
  explainsWhy?: boolean;
  /** The report can be cut to one AE (tool argument owner). */
  perOwner: boolean;
  tool: string;
  args(c: IntentContext): Record<string, unknown>;
  /** Follow nextCursor through every page. */
  allPages?: boolean;
  /** The array field holding the records, merged across pages when allPages. */
  pageField?: string;
  /** More read-only calls whose results `answer` also reads (in this order). */
  followUps?: Array<{ tool: string; args(c: IntentContext): Record<string, unknown> }>;
  answer(result: unknown, c: IntentContext, followUps: readonly unknown[]): Answered;
  deal?: DealScope;
  rank?: RankScope;
  /**
   * The report's deal list cut to the deals a question's constraints keep (amount, stage, close period), with its
   * counts recomputed: reports with this honour those constraints. `openInScope`: open deals the constraints keep.
   */
  filterDeals?(result: unknown, keep: (dealId: string) => boolean, openInScope: number): unknown;
  /** The one period the report is kept for (this week, this quarter); a question about another period is refused. */
  period?: 'week' | 'quarter';
  /** Strategy metrics (metric-table.ts): the metric's name, the splits and current periods it answers, and whether it is itself a ranking. */
  metric?: string;
  keeps?: RegExp;
  periods?: readonly PeriodUnit[];
  ranks?: boolean;
}

/** One intent per row of the metric table: `mis_get_metric` with the row's name, rendered by the row. */
const METRIC_INTENTS: Intent[] = METRIC_ASKS.map((m) => ({
  id: `metric-${m.metric}`,
  example: m.example,
  words: { strong: m.words },
  ...(m.explainsWhy ? { explainsWhy: true } : {}),
  perOwner: m.perOwner,
  tool: 'mis_get_metric',
  args: (c: IntentContext) => ({ name: m.metric, ...(m.perOwner || m.ranks ? owner(c) : {}) }),
  answer(r: unknown, c: IntentContext): Answered {
    const value = (r as { value?: unknown }).value;
    return { answer: m.render(value, c.view.timezone), citations: deals(m.deals?.(value) ?? []) };
  },
  metric: m.metric,
  ...(m.keeps ? { keeps: m.keeps } : {}),
  ...(m.periods ? { periods: m.periods } : {}),
  ...(m.ranks ? { ranks: true } : {}),
}));

const owner = (c: IntentContext) => (c.owner ? { owner: c.owner } : {});
const quarter = (c: IntentContext) => quarterSpan(Date.parse(c.asOf), c.view.timezone);
const metricValue =
  <S extends z.ZodType>(schema: S) =>
  (r: unknown) =>
    schema.parse((r as { value?: unknown }).value);
const deals = (ids: readonly string[], max = 20): Citation[] => ids.slice(0, max).map((id) => ({ type: 'deal', id }));

const finding = z.looseObject({
  objectType: z.string(),
  objectId: z.string().nullable(),
  ownerId: z.string().nullable(),
  summary: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});
const riskDeal = z.looseObject({
  dealId: z.string(),
  dealName: z.string(),
  ownerName: z.string(),
  amountAtRisk: z.number(),
  score: z.number().nullable(),
  signals: z.array(z.looseObject({ explanation: z.string(), evidence: z.record(z.string(), z.unknown()) })),
});

/**
 * The won deals behind the win rate: closed deals of the period in a won stage, cited only when they are exactly
 * as many as the metric counts (its close moment comes from the stage history, the search's from the close date).
 */
function wonDeals(pipelines: unknown, closed: unknown, ...counts: number[]): string[] {
  const stages = z
    .object({
      pipelines: z.array(z.object({ stages: z.array(z.looseObject({ id: z.string(), isWon: z.boolean() })) })),
    })
    .safeParse(pipelines);
  const rows = z
    .object({
      deals: z.array(z.looseObject({ id: z.string(), stageId: z.string() })),
      nextCursor: z.string().nullish(),
    })
    .safeParse(closed);
  if (!stages.success || !rows.success || rows.data.nextCursor) return [];
  const won = new Set(stages.data.pipelines.flatMap((p) => p.stages.filter((s) => s.isWon).map((s) => s.id)));
  const ids = rows.data.deals.filter((d) => won.has(d.stageId)).map((d) => d.id);
  return counts.includes(ids.length) ? ids : [];
}

const nextActionsResult = z.looseObject({
  needed: z.number(),
  actions: z.array(
    z.looseObject({
      dealId: z.string(),
      dealName: z.string(),
      ownerName: z.string(),
      action: z.string(),
      reason: z.string(),
    }),
  ),
});

const dealLabel = (d: DealRef) => `${d.name} (deal ${d.id}, ${d.ownerName}, ${d.stage})`;
const findingOwners = (r: unknown) =>
  z
    .object({ findings: z.array(finding) })
    .parse(r)
    .findings.map((f) => f.ownerId);

/** Most specific first: the first match wins. */
export const INTENTS: readonly Intent[] = [
  {
    id: 'brief',
    example: 'brief me on the Kaveri deal',
    words: { strong: /\b(brief|briefing|pre-?call|before (my|the) call|prepare me for)\b/i },
    perOwner: true,
    tool: 'mis_next_actions',
    args: (c) => ({ ...owner(c), limit: 5 }),
    answer(r) {
      const x = nextActionsResult.parse(r);
      const lines = x.actions.map(
        (a) => `  • ${a.dealName} (deal ${a.dealId}, ${a.ownerName}): ${a.action}. ${a.reason}`,
      );
      return {
        answer: ['Name a deal for its brief (mis brief --deal NAME). The deals that need you most:', ...lines].join(
          '\n',
        ),
        citations: deals(x.actions.map((a) => a.dealId)),
      };
    },
    deal: {
      tool: 'mis_deal_brief',
      args: (dealId) => ({ deal: dealId }),
      closedToo: true,
      line(_d, r) {
        return renderCallBrief(assembleBrief(unquoteBrief(r)));
      },
    },
  },
  {
    id: 'meeting-prep',
    example: 'prep my meetings tomorrow',
    words: { strong: /\b(prep|prepare)\b.*\bmeetings?\b|\bmeetings? (tomorrow|on monday|next)\b/i },
    perOwner: true,
    tool: 'mis_meeting_prep',
    args: (c) => ({ ...owner(c) }),
    answer(r, c) {
      if (!c.owner)
        return {
          answer: "Whose meetings? Ask with an AE's name (prep Asha's meetings tomorrow) or pass --owner.",
          citations: [],
        };
      const x = z
        .looseObject({
          ownerName: z.string(),
          day: z.string(),
          meetings: z.array(
            z.looseObject({ title: z.string(), at: z.string(), dealId: z.string().nullable(), brief: z.unknown() }),
          ),
        })
        .parse(r);
      if (!x.meetings.length)
        return { answer: `${x.ownerName} has no meetings in HubSpot on ${x.day}.`, citations: [] };
      const parts = x.meetings.map((m) => {
        const time = localTime(m.at, c.view.timezone).time;
        return `── ${time} ${m.title}\n${m.brief ? renderCallBrief(assembleBrief(unquoteBrief({ brief: m.brief }))) : 'Not on a deal in HubSpot.'}`;
      });
      return {
        answer: [
          `${x.ownerName}: ${x.meetings.length} meeting${x.meetings.length > 1 ? 's' : ''} on ${x.day}.`,
          ...parts,
        ].join('\n\n'),
        citations: deals(x.meetings.flatMap((m) => (m.dealId ? [m.dealId] : []))),
      };
    },
  },
  {
    id: 'next-action',
    example: "what's next on my deals?",
    words: {
      strong:
        /\b(next best action|next actions?|next steps?|what('s| is| should i do)? next|what should (i|we|[\p{L}]+) do)\b/iu,
    },
    perOwner: true,
    tool: 'mis_next_actions',
    args: (c) => ({ ...owner(c), limit: 10 }),
    answer(r) {
      const x = nextActionsResult.parse(r);
      const lines = x.actions.map(
        (a) => `  • ${a.dealName} (deal ${a.dealId}, ${a.ownerName}): ${a.action}. ${a.reason}`,
      );
      return {
        answer: [
          `${x.needed} open deal${x.needed === 1 ? '' : 's'} need an action; most money at risk first:`,
          ...lines,
        ].join('\n'),
        citations: deals(x.actions.map((a) => a.dealId)),
      };
    },
    deal: {
      tool: 'mis_next_actions',
      args: (dealId) => ({ deal: dealId }),
      line(d, r) {
        if (!d.open) return `${dealLabel(d)} is closed: next actions are for open deals.`;
        const a = nextActionsResult.parse(r).actions[0];
        return a ? `${dealLabel(d)}: ${a.action}. ${a.reason}` : `${dealLabel(d)}: nothing to do.`;
      },
    },
  },
  {
    id: 'stale-deals',
    example: 'which deals are stale?',
    words: { strong: /\b(stale|going cold|gone cold|gone quiet|no activity|untouched|neglected|inactive)\b/i },
    explainsWhy: true,
    perOwner: true,
    tool: 'mis_run_checks',
    args: (c) => ({ ...owner(c), only: ['stale_deal'], limit: 100 }),
    allPages: true,
    pageField: 'findings',
    answer(r) {
      const list = z.object({ findings: z.array(finding) }).parse(r).findings;
      const lines = list.slice(0, 15).map((f) => `  • deal ${f.objectId}: ${restoreQuotes(f.summary, f.evidence)}`);
      return {
        answer: [
          `${list.length} stale deal${list.length === 1 ? '' : 's'} (no activity beyond the stage's threshold)${list.length > 15 ? '; the 15 most important' : ''}:`,
          ...lines,
        ].join('\n'),
        citations: deals(list.flatMap((f) => (f.objectId ? [f.objectId] : []))),
      };
    },
    deal: {
      tool: 'mis_run_checks',
      args: (dealId) => ({ only: ['stale_deal'], objectId: dealId, limit: 5 }),
      line(d, r) {
        if (!d.open) return `${dealLabel(d)} is closed: staleness is for open deals.`;
        const f = z.object({ findings: z.array(finding) }).parse(r).findings[0];
        return f
          ? `${dealLabel(d)} is stale: ${restoreQuotes(f.summary, f.evidence)}.`
          : `${dealLabel(d)} is not stale: it has had activity within its stage's threshold.`;
      },
    },
    rank: { noun: 'stale deals', owners: findingOwners },
    filterDeals: (r, keep) => {
      const x = z.looseObject({ findings: z.array(finding) }).parse(r);
      return { ...x, findings: x.findings.filter((f) => f.objectId !== null && keep(f.objectId)) };
    },
  },
  {
    id: 'at-risk',
    example: 'which deals are at risk?',
    words: { strong: /\b(risk|risky|at-risk|slip|slipping|in danger|worried)\b/i },
    explainsWhy: true,
    perOwner: true,
    tool: 'mis_deal_risk',
    args: (c) => ({ ...owner(c), limit: 10 }),
    pageField: 'deals',
    answer(r) {
      const x = z
        .looseObject({
          currency: z.string(),
          openDeals: z.number(),
          atRisk: z.number(),
          amountAtRisk: z.number(),
          deals: z.array(riskDeal),
        })
        .parse(r);
      const lines = x.deals.map(
        (d) =>
          `  • ${d.dealName} (deal ${d.dealId}, ${d.ownerName}) — ${formatMoney(d.amountAtRisk, x.currency)} at risk, score ${d.score ?? 'n/a'}: ${d.signals.map((s) => restoreQuotes(s.explanation, s.evidence)).join('; ')}`,
      );
      return {
        answer: [
          `${x.atRisk} of ${x.openDeals} open deals show risk, ${formatMoney(x.amountAtRisk, x.currency)} weighted at risk. Most money at risk:`,
          ...lines,
        ].join('\n'),
        citations: deals(x.deals.map((d) => d.dealId)),
      };
    },
    deal: {
      tool: 'mis_deal_risk',
      args: (dealId) => ({ dealId }),
      line(d, r) {
        if (!d.open) return `${dealLabel(d)} is closed: risk is for open deals.`;
        const x = z.looseObject({ currency: z.string(), deals: z.array(riskDeal) }).parse(r).deals[0];
        if (!x || !x.signals.length)
          return `${dealLabel(d)} shows no risk signal: none of the risk factors applies to it.`;
        return `${dealLabel(d)} is at risk (score ${x.score ?? 'n/a'}, ${formatMoney(x.amountAtRisk, (r as { currency: string }).currency)} weighted at risk): ${x.signals.map((s) => restoreQuotes(s.explanation, s.evidence)).join('; ')}.`;
      },
    },
    filterDeals: (r, keep, openInScope) => {
      const x = z.looseObject({ deals: z.array(riskDeal) }).parse(r);
      const deals = x.deals.filter((d) => keep(d.dealId));
      return {
        ...x,
        deals,
        atRisk: deals.length,
        openDeals: openInScope,
        amountAtRisk: deals.reduce((s, d) => s + d.amountAtRisk, 0),
      };
    },
    rank: {
      noun: 'deals at risk',
      owners: (r) =>
        z
          .object({ deals: z.array(riskDeal.extend({ ownerId: z.string().nullable() })) })
          .parse(r)
          .deals.map((d) => d.ownerId),
    },
  },
  {
    id: 'coverage',
    example: 'what is our pipeline coverage this quarter?',
    words: { strong: /\b(coverage|quota|enough pipeline|cover(ed)? the (number|target))\b/i },
    perOwner: true,
    period: 'quarter',
    tool: 'mis_get_metric',
    args: (c) => ({ name: 'coverage', ...owner(c) }),
    answer(r, c) {
      const m = metricValue(pipelineCoverageSchema)(r);
      return { answer: renderCoverage(m, c.view.timezone), citations: [] };
    },
  },
  {
    id: 'scorecard',
    example: 'who is behind on activity this week?',
    words: {
      strong:
        /\b(scorecard|activity levels?|activities|logging|how active|behind on (activity|activities|calls|meetings|emails|notes)|activity (this|last) week|on activity)\b/i,
      // "call" alone is no question about activity: "what did they say on the call?" is not.
      weak: {
        words: /\b(calls?|meetings?|emails?|notes|activity|logged)\b/i,
        context:
          /\b(how many|number of|count|enough|targets?|behind|ahead|per (ae|rep|owner|person)|each (ae|rep)|who (made|logged|booked|has|is)|made|booked|logged|this week|last week)\b/i,
      },
    },
    perOwner: true,
    period: 'week',
    tool: 'mis_activity_scorecard',
    args: (c) => ({ ...owner(c) }),
    answer(r, c) {
      const s = activityScorecardSchema.parse(r);
      const behind = s.byOwner
        .filter((o) => [o.calls, o.emails, o.meetings, o.notes].some((k) => k.status === 'behind'))
        .map((o) => o.ownerName);
      return {
        answer: `${renderScorecard(s, c.view.timezone)}\n\nBehind on at least one target: ${behind.join(', ') || 'nobody'}.`,
        citations: s.byOwner.flatMap((o) => (o.ownerId ? [{ type: 'owner' as const, id: o.ownerId }] : [])),
      };
    },
  },
  {
    id: 'funnel',
    example: 'how does the funnel convert?',
    words: { strong: /\b(funnel|conversion|convert|mqls?|sqls?)\b/i },
    perOwner: false,
    tool: 'mis_get_metric',
    args: () => ({ name: 'funnel' }),
    answer(r) {
      return { answer: renderFunnel(metricValue(funnelConversionSchema)(r)), citations: [] };
    },
  },
  {
    id: 'win-loss',
    example: 'what is our win rate this quarter, and why do we lose?',
    words: {
      strong: /\b(win rate|win\/loss|win-loss|loss reasons?|why (do|did|are|have) we (lose|lost|losing))\b/i,
      weak: {
        words: /\b(won|lost|lose|losing)\b/i,
        context: /\b(deals|how many|rate|quarter|this week|this month|why|reasons?)\b/i,
      },
    },
    explainsWhy: true,
    perOwner: true,
    period: 'quarter',
    tool: 'mis_get_metric',
    args: (c) => ({ name: 'winloss', ...owner(c), ...quarter(c) }),
    // The metric lists lost deals by reason but not the won ones: find them among the deals closed in the quarter.
    followUps: [
      { tool: 'hubspot_list_pipelines', args: () => ({}) },
      {
        tool: 'hubspot_search_deals',
        args: (c) => ({
          ...owner(c),
          open: false,
          closeDateAfter: quarter(c).from,
          closeDateBefore: quarter(c).to,
          limit: 100,
        }),
      },
    ],
    answer(r, c, [pipelines, closed]) {
      const w = metricValue(winLossSchema)(r);
      const lost = w.lostReasons.flatMap((g) => g.dealIds);
      return {
        answer: renderWinLoss(w, c.view.timezone),
        // The answer shows renewals on their own too: the won deals found are new business, or with the renewals.
        citations: deals(
          [
            ...wonDeals(pipelines, closed, w.team.won.count, w.team.won.count + (w.renewals?.team.won.count ?? 0)),
            ...lost,
          ],
          40,
        ),
      };
    },
  },
  {
    id: 'momentum',
    example: 'what moved in the pipeline this week?',
    words: {
      strong: /\b(momentum|moved|movement|waterfall|pipeline change|advanced|regressed)\b/i,
      weak: { words: /\b(this week|pushed|changed?)\b/i, context: /\b(pipeline|deals|stages?)\b/i },
    },
    perOwner: true,
    period: 'week',
    tool: 'mis_weekly_momentum',
    args: (c) => ({ ...owner(c) }),
    answer(r, c) {
      const m = weeklyMomentumSchema.parse(r);
      const t = m.team;
      return {
        answer: renderMomentum(m, c.view.timezone),
        citations: deals([...t.won.dealIds, ...t.lost.dealIds, ...t.advanced.dealIds, ...t.regressed.dealIds]),
      };
    },
  },
  {
    id: 'hygiene',
    example: 'what should we fix in the CRM?',
    words: {
      strong: /\b(hygiene|compliance|findings?|duplicates?|dirty)\b/i,
      weak: {
        words: /\b(fix|wrong|missing|incomplete|clean ?up)\b/i,
        context: /\b(crm|hubspot|data|records?|fields?|deals?|contacts?|companies|properties|notes)\b/i,
      },
    },
    perOwner: true,
    tool: 'mis_run_checks',
    args: (c) => ({ ...owner(c), limit: 15 }),
    pageField: 'findings',
    answer(r) {
      const x = z
        .looseObject({
          counts: z.object({
            total: z.number(),
            bySeverity: z.record(z.string(), z.number()),
            byCheck: z.record(z.string(), z.number()),
          }),
          findings: z.array(finding),
        })
        .parse(r);
      const by = Object.entries(x.counts.byCheck)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      const lines = x.findings
        .slice(0, 10)
        .map((f) => `  • ${f.objectType} ${f.objectId ?? '(no record)'}: ${restoreQuotes(f.summary, f.evidence)}`);
      return {
        answer: [
          `${x.counts.total} findings (${x.counts.bySeverity['high'] ?? 0} high): ${by}. Most important:`,
          ...lines,
        ].join('\n'),
        citations: x.findings.slice(0, 10).flatMap((f) =>
          f.objectId
            ? [
                {
                  type:
                    f.objectType === 'deal' || f.objectType === 'contact' || f.objectType === 'company'
                      ? f.objectType
                      : 'deal',
                  id: f.objectId,
                } as Citation,
              ]
            : [],
        ),
      };
    },
    deal: {
      tool: 'mis_run_checks',
      closedToo: true,
      args: (dealId) => ({ objectId: dealId, limit: 20 }),
      line(d, r) {
        const list = z.object({ findings: z.array(finding) }).parse(r).findings;
        return list.length
          ? `${dealLabel(d)}: ${list.map((f) => restoreQuotes(f.summary, f.evidence)).join('; ')}.`
          : `${dealLabel(d)}: no hygiene finding.`;
      },
    },
    rank: { noun: 'hygiene findings', owners: findingOwners },
  },
];

export type Resolved =
  { kind: 'intent'; intent: Intent; rankOwners: boolean } | { kind: 'needs-model'; reason: string };

/**
 * What the question asks, from its words: a report (and whether to rank the AEs), or a question that needs a
 * model — asked before any keyword, so "what did the CFO say on our last call?" is not the activity scorecard.
 */
export function resolveQuestion(question: string): Resolved {
  const nm = needsModel(question);
  const intent = [...METRIC_INTENTS, ...INTENTS].find((i) => wordsMatch(i.words, question));
  if (nm && !(nm.reason === 'it asks why' && intent?.explainsWhy)) return { kind: 'needs-model', reason: nm.reason };
  if (!intent) return { kind: 'needs-model', reason: 'it is not about one of the reports mis ask answers offline' };
  return { kind: 'intent', intent, rankOwners: intent.rank !== undefined && asksForOwnerRanking(question) };
}

export function matchIntent(question: string): Intent | null {
  const r = resolveQuestion(question);
  return r.kind === 'intent' ? r.intent : null;
}
