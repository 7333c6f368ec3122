/**
 * Offline `mis ask`: a keyword table that maps the questions it can answer to one report, computed by an MCP
 * tool and rendered with the report renderers. Anything else needs a model.
 */
import { z } from 'zod';
import { startOfQuarter } from '../../analysis/index.js';
import { activityScorecardSchema, funnelConversionSchema, pipelineCoverageSchema, weeklyMomentumSchema, winLossSchema } from '../../analysis/metrics/index.js';
import { formatMoney } from '../../format/index.js';
import { renderCoverage, renderFunnel, renderMomentum, renderScorecard, renderWinLoss } from '../../report/index.js';
import type { Citation } from '../outputs/index.js';
import type { RenderView } from '../outputs/spec.js';
import { restoreQuotes } from '../outputs/common.js';

export interface IntentContext {
  owner?: string | undefined;
  asOf: string;
  view: RenderView;
}

export interface Intent {
  id: string;
  /** What a person can ask, for the help text and the "needs a model" message. */
  example: string;
  match: RegExp;
  tool: string;
  args(c: IntentContext): Record<string, unknown>;
  /** Follow nextCursor through every page. */
  allPages?: boolean;
  answer(result: unknown, c: IntentContext): { answer: string; citations: Citation[] };
}

const owner = (c: IntentContext) => (c.owner ? { owner: c.owner } : {});
const quarter = (c: IntentContext) => {
  const q = startOfQuarter(Date.parse(c.asOf), c.view.timezone);
  return { from: new Date(q).toISOString(), to: new Date(startOfQuarter(q + 100 * 86_400_000, c.view.timezone)).toISOString() };
};
const metricValue = <S extends z.ZodType>(schema: S) => (r: unknown) => schema.parse((r as { value?: unknown }).value);
const deals = (ids: readonly string[], max = 20): Citation[] => ids.slice(0, max).map((id) => ({ type: 'deal', id }));

const finding = z.looseObject({ objectType: z.string(), objectId: z.string().nullable(), ownerId: z.string().nullable(), summary: z.string(), evidence: z.record(z.string(), z.unknown()) });
const riskDeal = z.looseObject({ dealId: z.string(), dealName: z.string(), ownerName: z.string(), amountAtRisk: z.number(), score: z.number().nullable(), signals: z.array(z.looseObject({ explanation: z.string(), evidence: z.record(z.string(), z.unknown()) })) });

/** Most specific first: the first match wins. */
export const INTENTS: readonly Intent[] = [
  {
    id: 'stale-deals',
    example: 'which deals are stale?',
    match: /\b(stale|going cold|gone cold|no activity|untouched|neglected|inactive)\b/i,
    tool: 'mis_run_checks',
    args: (c) => ({ ...owner(c), only: ['stale_deal'], limit: 100 }),
    allPages: true,
    answer(r) {
      const list = z.object({ findings: z.array(finding) }).parse(r).findings;
      const lines = list.slice(0, 15).map((f) => `  • deal ${f.objectId}: ${restoreQuotes(f.summary, f.evidence)}`);
      return { answer: [`${list.length} stale deal${list.length === 1 ? '' : 's'} (no activity beyond the stage's threshold)${list.length > 15 ? '; the 15 most important' : ''}:`, ...lines].join('\n'), citations: deals(list.flatMap((f) => (f.objectId ? [f.objectId] : []))) };
    },
  },
  {
    id: 'at-risk',
    example: 'which deals are at risk?',
    match: /\b(risk|risky|at-risk|slip|slipping|in danger|worried)\b/i,
    tool: 'mis_deal_risk',
    args: (c) => ({ ...owner(c), limit: 10 }),
    answer(r) {
      const x = z.looseObject({ currency: z.string(), openDeals: z.number(), atRisk: z.number(), amountAtRisk: z.number(), deals: z.array(riskDeal) }).parse(r);
      const lines = x.deals.map((d) => `  • ${d.dealName} (deal ${d.dealId}, ${d.ownerName}) — ${formatMoney(d.amountAtRisk, x.currency)} at risk, score ${d.score ?? 'n/a'}: ${d.signals.map((s) => restoreQuotes(s.explanation, s.evidence)).join('; ')}`);
      return { answer: [`${x.atRisk} of ${x.openDeals} open deals show risk, ${formatMoney(x.amountAtRisk, x.currency)} weighted at risk. Most money at risk:`, ...lines].join('\n'), citations: deals(x.deals.map((d) => d.dealId)) };
    },
  },
  {
    id: 'coverage',
    example: 'what is our pipeline coverage this quarter?',
    match: /\b(coverage|quota|enough pipeline|cover(ed)? the (number|target))\b/i,
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
    match: /\b(scorecard|activity|activities|calls?|meetings?|logging|logged|how active|behind on)\b/i,
    tool: 'mis_activity_scorecard',
    args: (c) => ({ ...owner(c) }),
    answer(r, c) {
      const s = activityScorecardSchema.parse(r);
      const behind = s.byOwner.filter((o) => [o.calls, o.emails, o.meetings, o.notes].some((k) => k.status === 'behind')).map((o) => o.ownerName);
      return { answer: `${renderScorecard(s, c.view.timezone)}\n\nBehind on at least one target: ${behind.join(', ') || 'nobody'}.`, citations: s.byOwner.flatMap((o) => (o.ownerId ? [{ type: 'owner' as const, id: o.ownerId }] : [])) };
    },
  },
  {
    id: 'funnel',
    example: 'how does the funnel convert?',
    match: /\b(funnel|conversion|convert|mqls?|sqls?)\b/i,
    tool: 'mis_get_metric',
    args: () => ({ name: 'funnel' }),
    answer(r) {
      return { answer: renderFunnel(metricValue(funnelConversionSchema)(r)), citations: [] };
    },
  },
  {
    id: 'win-loss',
    example: 'what is our win rate this quarter, and why do we lose?',
    match: /\b(win rate|win\/loss|win-loss|won|lost|lose|losing|loss reasons?)\b/i,
    tool: 'mis_get_metric',
    args: (c) => ({ name: 'winloss', ...owner(c), ...quarter(c) }),
    answer(r, c) {
      const w = metricValue(winLossSchema)(r);
      return { answer: renderWinLoss(w, c.view.timezone), citations: deals(w.lostReasons.flatMap((g) => g.dealIds)) };
    },
  },
  {
    id: 'momentum',
    example: 'what moved in the pipeline this week?',
    match: /\b(momentum|this week|moved|movement|waterfall|pipeline change|advanced|regressed|pushed)\b/i,
    tool: 'mis_weekly_momentum',
    args: (c) => ({ ...owner(c) }),
    answer(r, c) {
      const m = weeklyMomentumSchema.parse(r);
      const t = m.team;
      return { answer: renderMomentum(m, c.view.timezone), citations: deals([...t.won.dealIds, ...t.lost.dealIds, ...t.advanced.dealIds, ...t.regressed.dealIds]) };
    },
  },
  {
    id: 'hygiene',
    example: 'what should we fix in the CRM?',
    match: /\b(hygiene|compliance|findings?|fix|wrong|dirty|duplicates?|missing)\b/i,
    tool: 'mis_run_checks',
    args: (c) => ({ ...owner(c), limit: 15 }),
    answer(r) {
      const x = z.looseObject({ counts: z.object({ total: z.number(), bySeverity: z.record(z.string(), z.number()), byCheck: z.record(z.string(), z.number()) }), findings: z.array(finding) }).parse(r);
      const by = Object.entries(x.counts.byCheck).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(', ');
      const lines = x.findings.slice(0, 10).map((f) => `  • ${f.objectType} ${f.objectId ?? '(no record)'}: ${restoreQuotes(f.summary, f.evidence)}`);
      return { answer: [`${x.counts.total} findings (${x.counts.bySeverity['high'] ?? 0} high): ${by}. Most important:`, ...lines].join('\n'), citations: x.findings.slice(0, 10).flatMap((f) => (f.objectId ? [{ type: f.objectType === 'deal' || f.objectType === 'contact' || f.objectType === 'company' ? f.objectType : 'deal', id: f.objectId } as Citation] : [])) };
    },
  },
];

export function matchIntent(question: string): Intent | null {
  return INTENTS.find((i) => i.match.test(question)) ?? null;
}
