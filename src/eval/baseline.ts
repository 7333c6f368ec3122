/**
 * The committed baseline (evals/baseline.json): the accepted value of every metric per suite and driver. A run fails
 * when a metric drops more than the tolerance below it; `--update-baseline` accepts the current values on purpose.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { EvalDataError } from './errors.js';
import type { SuiteResult } from './results.js';

export const BASELINE_FORMAT = 'sales-mis/eval-baseline@1';
/** How far below its baseline a metric may fall (absolute, on a 0..1 scale) before the run fails. */
export const DEFAULT_TOLERANCE = 0.02;

export const baselineSchema = z.object({
  format: z.literal(BASELINE_FORMAT),
  tolerance: z.number().min(0).max(1),
  updatedAt: z.string(),
  /** suite → driver → metric → value */
  metrics: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))),
});
export type Baseline = z.infer<typeof baselineSchema>;

export function readBaseline(file: string): Baseline | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new EvalDataError(
      'evals/baseline.json',
      `not JSON (${(e as Error).message.slice(0, 100)})`,
      'Restore it from git, or rewrite it with `mis eval --update-baseline`.',
    );
  }
  const r = baselineSchema.safeParse(raw);
  if (!r.success)
    throw new EvalDataError(
      'evals/baseline.json',
      `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`,
      'Restore it from git, or rewrite it with `mis eval --update-baseline`.',
    );
  return r.data;
}

export const comparisonSchema = z.object({
  baseline: z.enum(['present', 'absent']),
  tolerance: z.number(),
  regressions: z.array(
    z.object({
      suite: z.string(),
      driver: z.string(),
      metric: z.string(),
      baseline: z.number(),
      current: z.number().nullable(),
    }),
  ),
  improvements: z.array(
    z.object({ suite: z.string(), driver: z.string(), metric: z.string(), baseline: z.number(), current: z.number() }),
  ),
  /** Metrics the baseline does not have yet (accept them with --update-baseline). */
  unbaselined: z.array(z.object({ suite: z.string(), driver: z.string(), metric: z.string() })),
  compared: z.number().int(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** Compares the drivers that ran; a skipped driver (no key) is not compared. */
export function compareWithBaseline(results: readonly SuiteResult[], baseline: Baseline | null): Comparison {
  const tolerance = baseline?.tolerance ?? DEFAULT_TOLERANCE;
  const out: Comparison = {
    baseline: baseline ? 'present' : 'absent',
    tolerance,
    regressions: [],
    improvements: [],
    unbaselined: [],
    compared: 0,
  };
  for (const s of results) {
    for (const d of s.drivers) {
      if (d.skipped) continue;
      const base = baseline?.metrics[s.suite]?.[d.driver] ?? {};
      const current = new Map(d.metrics.map((m) => [m.scorer, m.value]));
      for (const [metric, value] of Object.entries(base)) {
        out.compared++;
        const now = current.get(metric);
        if (now === undefined || now === null) {
          // Skipped now (model-graded without a key) is not a regression; a metric that disappeared is.
          if (now === undefined)
            out.regressions.push({ suite: s.suite, driver: d.driver, metric, baseline: value, current: null });
          continue;
        }
        if (now < value - tolerance - 1e-9)
          out.regressions.push({ suite: s.suite, driver: d.driver, metric, baseline: value, current: now });
        else if (now > value + tolerance + 1e-9)
          out.improvements.push({ suite: s.suite, driver: d.driver, metric, baseline: value, current: now });
      }
      for (const m of d.metrics)
        if (m.value !== null && !(m.scorer in base))
          out.unbaselined.push({ suite: s.suite, driver: d.driver, metric: m.scorer });
    }
  }
  return out;
}

/** The baseline with the current values of the suites and drivers that ran (others kept as they were). */
export function updatedBaseline(results: readonly SuiteResult[], previous: Baseline | null, now: string): Baseline {
  const metrics: Baseline['metrics'] = structuredClone(previous?.metrics ?? {});
  for (const s of results) {
    for (const d of s.drivers) {
      if (d.skipped) continue;
      const values: Record<string, number> = {};
      for (const m of d.metrics) if (m.value !== null) values[m.scorer] = m.value;
      metrics[s.suite] = { ...(metrics[s.suite] ?? {}), [d.driver]: values };
    }
  }
  const sorted = Object.fromEntries(Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b)));
  return {
    format: BASELINE_FORMAT,
    tolerance: previous?.tolerance ?? DEFAULT_TOLERANCE,
    updatedAt: now,
    metrics: sorted,
  };
}

export function writeBaseline(file: string, b: Baseline): void {
  writeFileSync(file, `${JSON.stringify(b, null, 2)}\n`);
}
