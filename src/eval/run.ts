/**
 * The runner: suites × drivers × cases. Runs each case's task, then every scorer on its output, aggregates per
 * scorer, compares with the baseline and says whether the run passes (no metric under its threshold, no regression
 * beyond the tolerance, no task error).
 */
import { z } from 'zod';
import { modelConfig } from '../agent/index.js';
import type { TeamConfig } from '../config/index.js';
import { UsageError } from '../errors/index.js';
import { compareWithBaseline, comparisonSchema, readBaseline, type Baseline } from './baseline.js';
import { baselineFile, EVALS_DIR } from './paths.js';
import { ProductPool } from './product.js';
import { aggregate, suiteResultSchema, type CaseResult, type DriverRun, type SuiteResult } from './results.js';
import { SUITES } from './suites/index.js';
import { isSkipped, type AnySuite, type EvalDriverName, type ScoreOutcome } from './types.js';

export const evalRunSchema = z.object({
  format: z.literal('sales-mis/eval-run@1'),
  startedAt: z.string(),
  ms: z.number(),
  drivers: z.array(z.string()),
  suites: z.array(suiteResultSchema),
  comparison: comparisonSchema,
  /** Metric failures (below threshold), regressions and task errors, one line each. */
  failures: z.array(z.string()),
  ok: z.boolean(),
});
export type EvalRun = z.infer<typeof evalRunSchema>;

/** Shown in the claude column when there is no key. */
export const NO_DRIVER_KEY = 'skipped: no key (set ANTHROPIC_API_KEY to run the claude driver)';

export interface RunEvalOptions {
  /** Suite names (default: all). */
  suites?: readonly string[];
  drivers?: readonly EvalDriverName[];
  evalsDir?: string;
  /** Default: evals/baseline.json of evalsDir; null: compare with nothing. */
  baseline?: Baseline | null;
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
  now?: () => Date;
  /** The registry (tests pass their own suites). */
  registry?: readonly AnySuite[];
  /** The team config the product runs with (default: the defaults, as evals label against them). */
  teamConfig?: TeamConfig;
}

export function selectSuites(names: readonly string[] | undefined, registry: readonly AnySuite[] = SUITES): AnySuite[] {
  if (!names || names.length === 0) return [...registry];
  return names.map((n) => {
    const s = registry.find((x) => x.name === n);
    if (!s) throw new UsageError(`unknown eval suite "${n}"`, `Suites: ${registry.map((x) => x.name).join(', ')}.`);
    return s;
  });
}

export async function runEval(o: RunEvalOptions = {}): Promise<EvalRun> {
  const evalsDir = o.evalsDir ?? EVALS_DIR;
  const now = o.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  const suites = selectSuites(o.suites, o.registry);
  const drivers = o.drivers ?? ['offline'];
  const hasKey = Boolean(modelConfig(o.env ?? process.env).apiKey);
  const pool = new ProductPool(evalsDir, o.teamConfig);
  const results: SuiteResult[] = [];
  try {
    for (const suite of suites) {
      const cases = suite.loadCases(evalsDir);
      const runs: DriverRun[] = [];
      for (const driver of drivers) {
        if (driver === 'claude' && !hasKey) {
          runs.push({
            driver,
            skipped: NO_DRIVER_KEY,
            ms: 0,
            cases: [],
            metrics: suite.scorers.map((s) => aggregate(s, [{ error: null, outcome: { skipped: NO_DRIVER_KEY } }])),
          });
          continue;
        }
        const d0 = performance.now();
        const caseResults: Array<CaseResult & { outcomes: Map<string, ScoreOutcome> }> = [];
        for (const c of cases) {
          o.onProgress?.(`${suite.name} · ${driver} · ${c.id}`);
          const c0 = performance.now();
          let output: unknown;
          let error: string | null = null;
          try {
            output = await suite.task(c, { driver, evalsDir, product: pool });
          } catch (e) {
            error = ((e as Error).message ?? String(e)).slice(0, 300);
          }
          const outcomes = new Map<string, ScoreOutcome>();
          if (error === null) {
            for (const s of suite.scorers) {
              try {
                outcomes.set(s.name, await s.score({ case: c, output }));
              } catch (e) {
                outcomes.set(s.name, {
                  pass: false,
                  score: 0,
                  reason: `scorer failed: ${((e as Error).message ?? String(e)).slice(0, 200)}`,
                });
              }
            }
          }
          caseResults.push({
            caseId: c.id,
            hard: c.hard === true,
            error,
            ms: Math.round(performance.now() - c0),
            scores: [...outcomes].map(([scorer, outcome]) => ({ scorer, outcome })),
            outcomes,
          });
        }
        const metrics = suite.scorers.map((s) =>
          aggregate(
            s,
            caseResults.map((r) => ({ error: r.error, outcome: r.outcomes.get(s.name) })),
          ),
        );
        runs.push({
          driver,
          skipped: null,
          ms: Math.round(performance.now() - d0),
          cases: caseResults.map(({ outcomes: _o, ...r }) => r),
          metrics,
        });
      }
      const firstShots = suite.firstShots?.(evalsDir) ?? [];
      results.push({
        suite: suite.name,
        description: suite.description,
        drivers: runs,
        ...(firstShots.length ? { firstShots } : {}),
      });
    }
  } finally {
    await pool.close();
  }
  const baseline = o.baseline === undefined ? readBaseline(baselineFile(evalsDir)) : o.baseline;
  const comparison = compareWithBaseline(results, baseline);
  const failures: string[] = [];
  for (const s of results) {
    for (const d of s.drivers) {
      for (const c of d.cases)
        if (c.error) failures.push(`${s.suite} · ${d.driver} · ${c.caseId}: the task failed: ${c.error}`);
      for (const m of d.metrics)
        if (m.belowThreshold)
          failures.push(
            `${s.suite} · ${d.driver} · ${m.scorer} ${m.value?.toFixed(2)} is below its threshold ${m.threshold}`,
          );
    }
  }
  for (const r of comparison.regressions)
    failures.push(
      `${r.suite} · ${r.driver} · ${r.metric} regressed: ${r.current === null ? 'missing' : r.current.toFixed(2)} < baseline ${r.baseline.toFixed(2)} − ${comparison.tolerance}`,
    );
  return {
    format: 'sales-mis/eval-run@1',
    startedAt: started.toISOString(),
    ms: Math.round(performance.now() - t0),
    drivers: [...drivers],
    suites: results,
    comparison,
    failures,
    ok: failures.length === 0,
  };
}

/** The worst case outcomes of a driver run: failed first, then lowest score. */
export function worstCases(
  d: DriverRun,
  max = 3,
): Array<{ caseId: string; scorer: string; score: number; reason: string }> {
  const all: Array<{ caseId: string; scorer: string; score: number; pass: boolean; reason: string }> = [];
  for (const c of d.cases) {
    if (c.error) all.push({ caseId: c.caseId, scorer: '(task)', score: 0, pass: false, reason: c.error });
    for (const s of c.scores)
      if (!isSkipped(s.outcome) && (!s.outcome.pass || s.outcome.score < 1))
        all.push({
          caseId: c.caseId,
          scorer: s.scorer,
          score: s.outcome.score,
          pass: s.outcome.pass,
          reason: s.outcome.reason,
        });
  }
  return all
    .sort((a, b) => Number(a.pass) - Number(b.pass) || a.score - b.score)
    .slice(0, max)
    .map(({ pass: _p, ...rest }) => rest);
}
