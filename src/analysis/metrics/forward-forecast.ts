/**
 * Forward forecast by month with categories, per AE and team, and its change over the last week. Shown with the
 * SM-6 accuracy ledger under `mis metrics forecast` (its `forward` part).
 *
 * Definitions:
 * - months: asOf's month and the next config.forecastCategories.months − 1 (team time zone).
 * - a deal counts in a month when it is open and its close date falls in that month. Open deals with a close date
 *   before this month are `overdue`, after the horizon `later`, without one `noCloseDate` (none of these in a month).
 * - category: the deal's own forecast category (property config.forecastCategories.property, HubSpot
 *   hs_manual_forecast_category: COMMIT, BEST_CASE, PIPELINE, OMIT) when set; else config byStage; else by its stage
 *   probability: ≥ commitMinProbability commit, ≥ bestCaseMinProbability best case, > 0 pipeline, else omitted.
 *   The four categories partition each month's pipeline (Σ categories = the month's total).
 * - weighted = Σ amount × stage probability.
 * - week-over-week: the same computation on each deal's state 7 days before asOf (stage, amount and close date from
 *   the histories; the own-category property has no history, its current value is used), over the same months;
 *   change = now − then per category.
 */
import { z } from 'zod';
import { FORECAST_CATEGORIES, type ForecastCategory } from '../../config/index.js';
import type { AnalysisContext } from '../input.js';
import {
  DAY_MS,
  addTo,
  countAmountSchema,
  emptyCountAmount,
  iso,
  isoTime,
  metricIndex,
  money,
  ownerIdSchema,
  ownerRefs,
  type CountAmount,
  type DealState,
  type DealTimeline,
} from './common.js';
import { addMonths, monthKey, startOfMonth } from './economics.js';
import { forecastAccuracySchema } from './forecast-accuracy.js';

const categoriesSchema = z.object({
  commit: countAmountSchema,
  best_case: countAmountSchema,
  pipeline: countAmountSchema,
  omitted: countAmountSchema,
});
const monthSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  categories: categoriesSchema,
  total: countAmountSchema.describe('Σ of the four categories'),
  weighted: money,
});
const rowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  months: z.array(monthSchema),
  overdue: countAmountSchema.describe('open, close date before this month'),
  later: countAmountSchema.describe('open, close date after the horizon'),
  noCloseDate: countAmountSchema,
  weekOverWeek: z
    .object({ commit: money, best_case: money, pipeline: money, omitted: money, total: money })
    .describe('horizon amount now − 7 days ago, per category'),
});

export const forwardForecastSchema = z
  .object({
    asOf: isoTime,
    comparedWith: isoTime.describe('asOf − 7 days'),
    currency: z.string(),
    definition: z.string(),
    thresholds: z.object({
      commitMinProbability: z.number(),
      bestCaseMinProbability: z.number(),
      property: z.string(),
    }),
    team: rowSchema,
    byOwner: z.array(rowSchema),
  })
  .describe(
    'Forward forecast by close month and category (commit / best case / pipeline / omitted), with the week-over-week change',
  );
export type ForwardForecast = z.infer<typeof forwardForecastSchema>;

const MANUAL: Record<string, ForecastCategory> = {
  COMMIT: 'commit',
  BEST_CASE: 'best_case',
  PIPELINE: 'pipeline',
  OMIT: 'omitted',
  OMITTED: 'omitted',
};

export function forecastCategory(ctx: AnalysisContext, tl: DealTimeline, s: DealState): ForecastCategory {
  const cfg = ctx.config.forecastCategories;
  const own = tl.deal.properties[cfg.property]?.trim().toUpperCase();
  if (own && MANUAL[own]) return MANUAL[own];
  const byStage = cfg.byStage[s.stageId];
  if (byStage) return byStage;
  const prob = s.stage?.probability ?? 0;
  if (prob >= cfg.commitMinProbability) return 'commit';
  if (prob >= cfg.bestCaseMinProbability) return 'best_case';
  return prob > 0 ? 'pipeline' : 'omitted';
}

interface Acc {
  months: { categories: Record<ForecastCategory, CountAmount>; weighted: number }[];
  overdue: CountAmount;
  later: CountAmount;
  noClose: CountAmount;
}

export function forwardForecast(ctx: AnalysisContext): ForwardForecast {
  const ix = metricIndex(ctx);
  const tz = ctx.timezone;
  const n = ctx.config.forecastCategories.months;
  const first = startOfMonth(ix.asOf, tz);
  const starts = Array.from({ length: n + 1 }, (_, i) => addMonths(first, i, tz));
  const keys = starts.slice(0, n).map((m) => monthKey(m, tz));
  const then = ix.asOf - 7 * DAY_MS;
  const empty = (): Acc => ({
    months: keys.map(() => ({
      categories: {
        commit: emptyCountAmount(),
        best_case: emptyCountAmount(),
        pipeline: emptyCountAmount(),
        omitted: emptyCountAmount(),
      },
      weighted: 0,
    })),
    overdue: emptyCountAmount(),
    later: emptyCountAmount(),
    noClose: emptyCountAmount(),
  });
  const now = new Map<string | null, Acc>();
  const before = new Map<string | null, Acc>();
  const teamNow = empty();
  const teamBefore = empty();
  const get = (m: Map<string | null, Acc>, k: string | null) => {
    let a = m.get(k);
    if (!a) m.set(k, (a = empty()));
    return a;
  };
  const place = (accs: Acc[], tl: DealTimeline, s: DealState) => {
    if (!s.open) return;
    if (s.closeDate === null) return accs.forEach((a) => addTo(a.noClose, s.amount));
    if (s.closeDate < first) return accs.forEach((a) => addTo(a.overdue, s.amount));
    if (s.closeDate >= starts[n]!) return accs.forEach((a) => addTo(a.later, s.amount));
    let i = 0;
    while (i < n - 1 && s.closeDate >= starts[i + 1]!) i++;
    const cat = forecastCategory(ctx, tl, s);
    for (const a of accs) {
      addTo(a.months[i]!.categories[cat], s.amount);
      a.months[i]!.weighted += s.amount * (s.stage?.probability ?? 0);
    }
  };
  for (const tl of ix.deals) {
    const owner = tl.deal.ownerId;
    place([teamNow, get(now, owner)], tl, ix.current(tl));
    place([teamBefore, get(before, owner)], tl, ix.stateThrough(tl, then));
  }
  const horizon = (a: Acc, c: ForecastCategory) => a.months.reduce((s, m) => s + m.categories[c].amount, 0);
  const row = (ownerId: string | null, ownerName: string, a: Acc, b: Acc) => {
    const wow = { commit: 0, best_case: 0, pipeline: 0, omitted: 0, total: 0 };
    for (const c of FORECAST_CATEGORIES) {
      wow[c] = horizon(a, c) - horizon(b, c);
      wow.total += wow[c];
    }
    return {
      ownerId,
      ownerName,
      months: a.months.map((m, i) => {
        const total = emptyCountAmount();
        for (const c of FORECAST_CATEGORIES) addTo(total, m.categories[c].amount, m.categories[c].count);
        return { month: keys[i]!, categories: m.categories, total, weighted: m.weighted };
      }),
      overdue: a.overdue,
      later: a.later,
      noCloseDate: a.noClose,
      weekOverWeek: wow,
    };
  };
  const cfg = ctx.config.forecastCategories;
  return {
    asOf: iso(ix.asOf),
    comparedWith: iso(then),
    currency: ctx.currency,
    definition: `open deals by close month; category = the deal's own forecast category, else stage probability ≥ ${cfg.commitMinProbability} commit, ≥ ${cfg.bestCaseMinProbability} best case, > 0 pipeline, else omitted; change = now − 7 days ago`,
    thresholds: {
      commitMinProbability: cfg.commitMinProbability,
      bestCaseMinProbability: cfg.bestCaseMinProbability,
      property: cfg.property,
    },
    team: row(null, 'Team', teamNow, teamBefore),
    byOwner: ownerRefs(ix, new Set([...now.keys(), ...before.keys()])).map((o) =>
      row(o.ownerId, o.ownerName, get(now, o.ownerId), get(before, o.ownerId)),
    ),
  };
}

/** `mis metrics forecast`: the SM-6 accuracy document with the forward forecast added (optional field). */
export const forecastReportSchema = forecastAccuracySchema.extend({
  forward: forwardForecastSchema.optional().describe('forward forecast by month and category'),
});
export type ForecastReport = z.infer<typeof forecastReportSchema>;
