/** What a run produces: per case the scorers' outcomes, per scorer the aggregate (the metric the baseline keeps). */
import { z } from 'zod';
import { addCounts, prf } from './scorers/set-overlap.js';
import { EVAL_DRIVERS, isSkipped, type Aggregate, type Counts, type ScoreOutcome } from './types.js';

const outcomeSchema = z.union([
  z.object({ skipped: z.string() }),
  z.object({
    pass: z.boolean(),
    score: z.number(),
    reason: z.string(),
    counts: z.object({ tp: z.number(), fp: z.number(), fn: z.number() }).optional(),
  }),
]);

export const caseResultSchema = z.object({
  caseId: z.string(),
  hard: z.boolean(),
  /** The task's error (it could not produce an output); every scorer then counts as failed. */
  error: z.string().nullable(),
  ms: z.number(),
  scores: z.array(z.object({ scorer: z.string(), outcome: outcomeSchema })),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

export const metricSchema = z.object({
  scorer: z.string(),
  kind: z.enum(['deterministic', 'model']),
  aggregate: z.enum(['f1', 'mean']),
  threshold: z.number(),
  /** F1 (micro over the cases) or the mean score; null when every case skipped it. */
  value: z.number().nullable(),
  precision: z.number().optional(),
  recall: z.number().optional(),
  passed: z.number().int(),
  scored: z.number().int(),
  /** Why it was skipped, when it was skipped in every case. */
  skipped: z.string().nullable(),
  belowThreshold: z.boolean(),
});
export type Metric = z.infer<typeof metricSchema>;

export const driverRunSchema = z.object({
  driver: z.enum(EVAL_DRIVERS),
  skipped: z.string().nullable(),
  ms: z.number(),
  cases: z.array(caseResultSchema),
  metrics: z.array(metricSchema),
});
export type DriverRun = z.infer<typeof driverRunSchema>;

export const firstShotSchema = z.object({
  batch: z.string(),
  date: z.string(),
  cases: z.number(),
  note: z.string(),
  metrics: z.record(z.string(), z.number().nullable()),
});

export const suiteResultSchema = z.object({
  suite: z.string(),
  description: z.string(),
  drivers: z.array(driverRunSchema),
  /** Scores of new case batches on their first run, before the product was tuned for them. */
  firstShots: z.array(firstShotSchema).optional(),
});
export type SuiteResult = z.infer<typeof suiteResultSchema>;

export function aggregate(
  scorer: { name: string; kind: 'deterministic' | 'model'; aggregate: Aggregate; threshold: number },
  cases: ReadonlyArray<{ error: string | null; outcome: ScoreOutcome | undefined }>,
): Metric {
  const ran = cases.filter((c) => c.error !== null || (c.outcome && !isSkipped(c.outcome)));
  const base = { scorer: scorer.name, kind: scorer.kind, aggregate: scorer.aggregate, threshold: scorer.threshold };
  if (!ran.length) {
    const why =
      cases.map((c) => (c.outcome && isSkipped(c.outcome) ? c.outcome.skipped : null)).find((x) => x !== null) ??
      'no case';
    return { ...base, value: null, passed: 0, scored: 0, skipped: why, belowThreshold: false };
  }
  const results = ran.map((c) => (c.error !== null || !c.outcome || isSkipped(c.outcome) ? null : c.outcome));
  const passed = results.filter((r) => r?.pass).length;
  const errored = results.some((r) => r === null);
  let value: number;
  let extra: { precision?: number; recall?: number } = {};
  if (scorer.aggregate === 'f1' && results.every((r) => r?.counts)) {
    const total = results.reduce<Counts>((s, r) => addCounts(s, r!.counts!), { tp: 0, fp: 0, fn: 0 });
    const p = prf(total);
    value = p.f1;
    extra = { precision: p.precision, recall: p.recall };
  } else {
    value = results.reduce((s, r) => s + (r?.score ?? 0), 0) / results.length;
  }
  // A case whose task failed makes the metric fail: nothing it should have found was found.
  if (errored) value = Math.min(value, 0);
  return {
    ...base,
    value: round(value),
    ...(extra.precision !== undefined ? { precision: round(extra.precision), recall: round(extra.recall!) } : {}),
    passed,
    scored: ran.length,
    skipped: null,
    belowThreshold: value < scorer.threshold,
  };
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
