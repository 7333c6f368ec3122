/**
 * SM-6 Forecast accuracy: what the pipeline said at the start of a period, against what was won in it.
 *
 * Definitions:
 * - forecast snapshot, reconstructed from the histories as of the instant before the period starts: deals open then
 *   with the close date they had then in [from, to). pipeline = Σ amount as of then; forecast (weighted) =
 *   Σ amount × the probability of the stage they were in then (unknown stage = 0); commit = Σ amount of those in
 *   a late-category stage then (derive/config stage categories).
 * - actual: deals won as of asOf with their close moment (common.closedAt) in the period up to asOf, amount as of
 *   asOf; `wonFromForecastDeals` = those of them that were in the snapshot.
 * - error = actual − forecast; accuracy = max(0, 1 − |actual − forecast| ÷ actual), null when actual is 0;
 *   actualToForecast = actual ÷ forecast, null when the forecast is 0. Same for commit.
 * - owner: the deal's current owner (owner history is not read). Team: every deal.
 * The period is not complete until asOf passes its end; until then `actual` is what has been won so far.
 *
 * forecastLedger takes the forecasts the state store persisted (ForecastSnapshot[]) and scores each against what
 * was won in its period, plus per-owner averages over the complete periods.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  addTo,
  cmp,
  countAmountSchema,
  emptyCountAmount,
  firstAtOrAfter,
  iso,
  isoTime,
  metricIndex,
  money,
  ownerIdSchema,
  ownerRefs,
  periodInputSchema,
  periodOut,
  periodSchema,
  resolvePeriod,
  type CountAmount,
  type MetricIndex,
  type PeriodInput,
} from './common.js';

export function forecastAccuracyScore(actual: number, forecast: number): number | null {
  return actual > 0 ? Math.max(0, 1 - Math.abs(actual - forecast) / actual) : null;
}

const scoreCells = (what: string) => ({
  error: money.describe(`actual − ${what}`),
  accuracy: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(`max(0, 1 − |actual − ${what}| ÷ actual); null when actual is 0`),
  actualTo: z.number().nullable().describe(`actual ÷ ${what}; null when ${what} is 0`),
});

export const forecastRowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  snapshot: z
    .object({
      deals: z
        .number()
        .int()
        .nonnegative()
        .describe('open at the period start with close date (as of then) in the period'),
      pipeline: money.describe('Σ amount as of the period start'),
      forecast: money.describe('Σ amount × stage probability, both as of the period start'),
      commitDeals: z.number().int().nonnegative().describe('of the deals, in a late-category stage then'),
      commit: money.describe('Σ amount of the commit deals'),
    })
    .describe('the forecast as it stood at the period start, reconstructed from histories'),
  actual: z.object({
    won: countAmountSchema.describe('won with the close moment in the period (up to asOf)'),
    wonFromForecastDeals: countAmountSchema.describe('of those, deals that were in the snapshot'),
  }),
  forecastScore: z.object(scoreCells('forecast')),
  commitScore: z.object(scoreCells('commit')),
});
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const forecastAccuracySchema = z
  .object({
    metric: z.literal('forecast_accuracy'),
    period: periodSchema,
    currency: z.string(),
    team: forecastRowSchema,
    byOwner: z.array(forecastRowSchema),
  })
  .describe(
    'SM-6 forecast accuracy: the forecast at the period start (weighted and commit) vs actual won in the period',
  );
export type ForecastAccuracy = z.infer<typeof forecastAccuracySchema>;

interface Acc {
  deals: number;
  pipeline: number;
  forecast: number;
  commitDeals: number;
  commit: number;
  won: CountAmount;
  wonFromForecast: CountAmount;
}
const emptyAcc = (): Acc => ({
  deals: 0,
  pipeline: 0,
  forecast: 0,
  commitDeals: 0,
  commit: 0,
  won: emptyCountAmount(),
  wonFromForecast: emptyCountAmount(),
});

const score = (actual: number, f: number) => ({
  error: actual - f,
  accuracy: forecastAccuracyScore(actual, f),
  actualTo: f > 0 ? actual / f : null,
});

export function forecastAccuracy(ctx: AnalysisContext, period: PeriodInput): ForecastAccuracy {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'quarter');
  const accs = new Map<string | null, Acc>();
  const team = emptyAcc();

  for (const tl of ix.deals) {
    const s0 = ix.stateThrough(tl, p.from - 1);
    const inSnapshot = s0.open && s0.closeDate !== null && s0.closeDate >= p.from && s0.closeDate < p.to;
    const now = ix.current(tl);
    const closed = now.won ? ix.closedAt(tl) : null;
    const won = closed !== null && closed >= p.from && closed <= p.through;
    if (!inSnapshot && !won) continue;
    let a = accs.get(tl.deal.ownerId);
    if (!a) accs.set(tl.deal.ownerId, (a = emptyAcc()));
    for (const x of [a, team]) {
      if (inSnapshot) {
        x.deals++;
        x.pipeline += s0.amount;
        x.forecast += s0.amount * (s0.stage?.probability ?? 0);
        if (s0.stage?.category === 'late') {
          x.commitDeals++;
          x.commit += s0.amount;
        }
      }
      if (won) {
        addTo(x.won, now.amount);
        if (inSnapshot) addTo(x.wonFromForecast, now.amount);
      }
    }
  }

  const row = (ownerId: string | null, ownerName: string, a: Acc): ForecastRow => ({
    ownerId,
    ownerName,
    snapshot: {
      deals: a.deals,
      pipeline: a.pipeline,
      forecast: a.forecast,
      commitDeals: a.commitDeals,
      commit: a.commit,
    },
    actual: { won: a.won, wonFromForecastDeals: a.wonFromForecast },
    forecastScore: score(a.won.amount, a.forecast),
    commitScore: score(a.won.amount, a.commit),
  });
  return {
    metric: 'forecast_accuracy',
    period: periodOut(ctx, p),
    currency: ctx.currency,
    team: row(null, 'Team', team),
    byOwner: ownerRefs(ix, accs.keys()).map((o) => row(o.ownerId, o.ownerName, accs.get(o.ownerId)!)),
  };
}

// ───────────────────────────── the ledger ─────────────────────────────

export const forecastSnapshotSchema = z
  .object({
    periodStart: isoTime.describe('period start, inclusive'),
    periodEnd: isoTime.describe('period end, exclusive'),
    ownerId: z.string().nullable().describe('owner the forecast is for; null = the whole team'),
    forecast: money.describe('weighted forecast as it stood at the period start'),
    commit: money.describe('commit (late-stage) amount as it stood at the period start'),
  })
  .describe('A past forecast, as the state store persists it');
export type ForecastSnapshot = z.infer<typeof forecastSnapshotSchema>;

export const forecastLedgerSchema = z
  .object({
    metric: z.literal('forecast_ledger'),
    asOf: isoTime,
    currency: z.string(),
    rows: z
      .array(
        forecastSnapshotSchema.extend({
          ownerName: z.string(),
          complete: z.boolean().describe('the period ended by asOf'),
          actual: money.describe('won amount in the period (up to asOf) for the owner (team: every deal)'),
          forecastScore: z.object(scoreCells('forecast')),
          commitScore: z.object(scoreCells('commit')),
        }),
      )
      .describe('each snapshot scored, by period start then owner (team first)'),
    byOwner: z
      .array(
        z.object({
          ownerId: z.string().nullable().describe('null = team'),
          ownerName: z.string(),
          periods: z.number().int().nonnegative().describe('complete periods scored'),
          meanAccuracy: z
            .number()
            .min(0)
            .max(1)
            .nullable()
            .describe('mean forecast accuracy over complete periods with actual > 0'),
          meanCommitAccuracy: z.number().min(0).max(1).nullable(),
          bias: z
            .number()
            .nullable()
            .describe(
              '(Σ forecast − Σ actual) ÷ Σ actual over complete periods; > 0 = over-forecasting; null when Σ actual = 0',
            ),
          totalForecast: money,
          totalActual: money,
        }),
      )
      .describe('accuracy over time per owner, complete periods only'),
  })
  .describe('Forecast ledger: stored forecasts scored against what was actually won');
export type ForecastLedger = z.infer<typeof forecastLedgerSchema>;

/** The rows of a forecastAccuracy result in the shape the state store persists (team row: ownerId null). */
export function forecastSnapshots(result: ForecastAccuracy): ForecastSnapshot[] {
  return [result.team, ...result.byOwner.filter((r) => r.ownerId !== null)].map((r) => ({
    periodStart: result.period.from,
    periodEnd: result.period.to,
    ownerId: r.ownerId,
    forecast: r.snapshot.forecast,
    commit: r.snapshot.commit,
  }));
}

interface WonIndex {
  at: number[];
  amount: number[];
  owner: (string | null)[];
}

function wonIndex(ix: MetricIndex): WonIndex {
  const rows: { at: number; amount: number; owner: string | null }[] = [];
  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.won) continue;
    const at = ix.closedAt(tl);
    if (at !== null) rows.push({ at, amount: s.amount, owner: tl.deal.ownerId });
  }
  rows.sort((a, b) => a.at - b.at);
  return { at: rows.map((r) => r.at), amount: rows.map((r) => r.amount), owner: rows.map((r) => r.owner) };
}

export function forecastLedger(ctx: AnalysisContext, snapshots: readonly ForecastSnapshot[]): ForecastLedger {
  const ix = metricIndex(ctx);
  const won = wonIndex(ix);
  const rows = snapshots.map((raw) => {
    const snap = forecastSnapshotSchema.parse(raw);
    const p = resolvePeriod(ctx, periodInputSchema.parse({ from: snap.periodStart, to: snap.periodEnd }), 'week');
    let actual = 0;
    for (let i = firstAtOrAfter(won.at, p.from); i < won.at.length && won.at[i]! <= p.through; i++) {
      if (snap.ownerId === null || won.owner[i] === snap.ownerId) actual += won.amount[i]!;
    }
    return {
      ...snap,
      periodStart: iso(p.from),
      periodEnd: iso(p.to),
      ownerName: snap.ownerId === null ? 'Team' : ix.d.ownerName(snap.ownerId),
      complete: periodOut(ctx, p).complete,
      actual,
      forecastScore: score(actual, snap.forecast),
      commitScore: score(actual, snap.commit),
    };
  });
  rows.sort(
    (a, b) =>
      cmp(a.periodStart, b.periodStart) ||
      (a.ownerId === null ? -1 : 0) - (b.ownerId === null ? -1 : 0) ||
      cmp(a.ownerName, b.ownerName) ||
      cmp(a.ownerId ?? '', b.ownerId ?? ''),
  );

  const owners = [
    null,
    ...ownerRefs(
      ix,
      rows.map((r) => r.ownerId).filter((x): x is string => x !== null),
    ).map((o) => o.ownerId),
  ];
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const byOwner = owners
    .map((ownerId) => {
      const mine = rows.filter((r) => r.ownerId === ownerId && r.complete);
      const totalForecast = mine.reduce((s, r) => s + r.forecast, 0);
      const totalActual = mine.reduce((s, r) => s + r.actual, 0);
      return {
        ownerId,
        ownerName: ownerId === null ? 'Team' : ix.d.ownerName(ownerId),
        periods: mine.length,
        meanAccuracy: mean(mine.map((r) => r.forecastScore.accuracy).filter((x): x is number => x !== null)),
        meanCommitAccuracy: mean(mine.map((r) => r.commitScore.accuracy).filter((x): x is number => x !== null)),
        bias: totalActual > 0 ? (totalForecast - totalActual) / totalActual : null,
        totalForecast,
        totalActual,
      };
    })
    .filter((o) => o.ownerId !== null || rows.some((r) => r.ownerId === null));
  return { metric: 'forecast_ledger', asOf: iso(ix.asOf), currency: ctx.currency, rows, byOwner };
}
