/** mis_get_metric: one of the sales and marketing metrics, as `mis metrics <name> --json` computes it. */
import { z } from 'zod';
import { quarterSpan } from '../../../time/index.js';
import {
  accountAttribution,
  attribution,
  bySource,
  campaignRoi,
  forecastAccuracy,
  funnelConversion,
  handoffSla,
  pipelineCoverage,
  sourcedPipeline,
  valuePerMql,
  velocity,
  winLoss,
  aging,
  attainment,
  budget,
  cac,
  channelPerformance,
  forwardForecast,
  leaderboard,
  leadScores,
  ltv,
  speedToLead,
  stageConversion,
} from '../../../analysis/metrics/index.js';
import type { AnalysisContext } from '../../../analysis/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { periodInput, periodOf } from '../common.js';
import { capDealIds, keepOwner } from './shape.js';

type Period = { from: string; to: string } | undefined;
type Owned = { byOwner: { ownerId: string | null }[] };

/** Name → what it measures and how it is computed (owner filter applies to metrics with per-AE rows). */
export const METRICS = {
  funnel: {
    what: 'SA-1 lead → MQL → SQL → opportunity → customer conversion',
    run: (c: AnalysisContext, p: Period) => funnelConversion(c, p),
  },
  handoff: {
    what: 'SA-2 MQL to first sales touch, share within the SLA',
    run: (c: AnalysisContext, p: Period) => handoffSla(c, p),
  },
  sourced: { what: 'SA-3 marketing- vs sales-sourced pipeline', run: (c: AnalysisContext) => sourcedPipeline(c) },
  coverage: {
    what: 'SM-3 open and weighted pipeline vs remaining quota this quarter',
    run: (c: AnalysisContext, p: Period) => pipelineCoverage(c, p),
  },
  velocity: {
    what: 'SM-4 days in each stage, cycle time, sales velocity',
    run: (c: AnalysisContext, p: Period) => velocity(c, p),
  },
  winloss: { what: 'SM-5 won/lost with reasons and sources', run: (c: AnalysisContext, p: Period) => winLoss(c, p) },
  forecast: {
    what: 'SM-6 forecast at period start vs won (default: this quarter), with the forward forecast by month and category',
    run: (c: AnalysisContext, p: Period) => ({
      ...forecastAccuracy(c, p ?? thisQuarter(c)),
      forward: forwardForecast(c),
    }),
  },
  source: { what: 'MA-1 leads and pipeline by source', run: (c: AnalysisContext, p: Period) => bySource(c, p) },
  attribution_first_touch: {
    what: 'MA-2 first-touch attribution',
    run: (c: AnalysisContext, p: Period) => attribution(c, 'first_touch', p),
  },
  attribution_time_decay: {
    what: 'MA-3 time-decay attribution',
    run: (c: AnalysisContext, p: Period) => attribution(c, 'time_decay', p),
  },
  roi: {
    what: 'MA-4 campaign ROI, SmartLead campaigns included',
    run: (c: AnalysisContext, p: Period) => campaignRoi(c, p),
  },
  accounts: { what: 'MA-6 account-level attribution', run: (c: AnalysisContext) => accountAttribution(c) },
  mql_value: { what: 'value per MQL by source', run: (c: AnalysisContext) => valuePerMql(c) },
  cac: {
    what: 'customer acquisition cost, blended and per channel, vs CAC < LTV ÷ 3 (default: last 12 months)',
    run: (c: AnalysisContext, p: Period) => cac(c, p),
  },
  ltv: {
    what: 'lifetime value, LTV:CAC, CAC payback; renewals apart from new business, GRR/NRR (default: last 12 months)',
    run: (c: AnalysisContext, p: Period) => ltv(c, p),
  },
  conversion: {
    what: 'stage-to-stage conversion from stage history per AE, days per step (default: every deal)',
    run: (c: AnalysisContext, p: Period) => stageConversion(c, p),
  },
  attainment: {
    what: 'quota attainment per AE per month and quarter, sales-vs-quota waterfall (default: this quarter)',
    run: (c: AnalysisContext, p: Period) => attainment(c, p),
  },
  aging: { what: "share of open deals older than 1.5× their stage's median", run: (c: AnalysisContext) => aging(c) },
  speed_to_lead: {
    what: 'first touch after MQL vs 4 h, contact attempts in 14 days vs 8 (default: this quarter)',
    run: (c: AnalysisContext, p: Period) => speedToLead(c, p),
  },
  lead_scores: {
    what: 'fit + engagement lead scores with reasons, conversion by score band, rejection reasons per source',
    run: (c: AnalysisContext) => leadScores(c),
  },
  leaderboard: {
    what: 'opt-in AE ranking; owner = who is looking (each AE sees only their own position unless allowed)',
    run: (c: AnalysisContext, p: Period, viewer?: string) => leaderboard(c, viewer ?? null, p),
  },
  budget: {
    what: 'budget reallocation across channels from ROI and CAC with sample sizes and intervals',
    run: (c: AnalysisContext, p: Period) => budget(c, p),
  },
  channels: {
    what: 'MA-5 SmartLead campaigns and sequence steps beside HubSpot sources',
    run: (c: AnalysisContext, p: Period) => channelPerformance(c, p),
  },
} as const;
export type MetricName = keyof typeof METRICS;
const NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];

function thisQuarter(c: AnalysisContext): { from: string; to: string } {
  return quarterSpan(Date.parse(c.asOf), c.timezone);
}

/** What the model reads per metric name (the full `what` comes back in each result). */
const SHORT: Partial<Record<string, string>> = {
  funnel: 'lead→customer',
  handoff: 'MQL to first touch',
  sourced: 'marketing vs sales',
  coverage: 'pipeline vs quota',
  velocity: 'days per stage',
  forecast: 'forecast vs won, by month',
  accounts: 'account attribution',
  mql_value: 'value per MQL',
  ltv: 'LTV, payback, NRR',
  conversion: 'stage to stage',
  lead_scores: 'scores, rejections',
  budget: 'reallocation advice',
  channels: 'SmartLead per step',
};

export const inputSchema = (v: Vocabulary) =>
  z.object({
    name: z.enum(NAMES).describe(
      `the metric (${Object.entries(SHORT)
        .map(([n, s]) => `${n}: ${s}`)
        .join('; ')})`,
    ),
    owner: v.ownerInput('per-AE metrics: keep only this AE; leaderboard: who is looking').optional(),
    ...periodInput,
  });

export const outputSchema = z.object({
  name: z.enum(NAMES),
  what: z.string(),
  value: z
    .record(z.string(), z.unknown())
    .describe(
      "the metric's document (its zod schema in src/analysis/metrics, the same as `mis metrics <name> --json`); field descriptions state the definitions",
    ),
  truncated: z
    .boolean()
    .describe('true when id lists were cut to 20 ids or the document was shortened to fit the size bound'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_get_metric',
    title: 'Get a sales or marketing metric',
    description:
      'One metric on the synced cache, as `mis metrics <name> --json` prints it. Periods default to this week (forecast: this quarter; sourced, accounts, mql_value: all time) unless from/to are given.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      const m = METRICS[args.name];
      let value = (m.run as (c: AnalysisContext, p: Period, viewer?: string) => unknown)(
        ctx,
        periodOf(args),
        ownerId ?? undefined,
      ) as Record<string, unknown>;
      if (ownerId && args.name !== 'leaderboard' && Array.isArray(value['byOwner']))
        value = keepOwner(value as unknown as Owned, ownerId) as unknown as Record<string, unknown>;
      const capped = capDealIds(value, 20);
      return {
        result: { name: args.name, what: m.what, value: capped.value, truncated: capped.cut },
        summary: `${args.name}: ${m.what}.`,
      };
    },
  });
