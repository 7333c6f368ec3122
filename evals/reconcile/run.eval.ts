/**
 * `npm run eval:reconcile`: the `reconcile` suite of `mis eval` (src/eval/suites/reconcile.ts, the one
 * implementation) with the offline extractor and, with ANTHROPIC_API_KEY, the claude extractor. Prints the
 * per-type table, writes evals/reports/reconcile-<extractor>.json, and fails below F1 0.85 overall, under any
 * other threshold of the suite, or on a regression against evals/baseline.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EVALS_DIR,
  loadReconcileCases,
  RECONCILE_THRESHOLD,
  reconcileSummary,
  renderReconcileSummary,
  renderScorecard,
  reportsDir,
  runEval,
  type EvalDriverName,
} from '../../src/eval/index.js';

async function runReconcile(driver: EvalDriverName) {
  const run = await runEval({ suites: ['reconcile'], drivers: [driver] });
  const d = run.suites[0]!.drivers[0]!;
  const summary = reconcileSummary(d, new Map(loadReconcileCases(EVALS_DIR).map((c) => [c.id, c.datasetName])));
  console.log(renderReconcileSummary(summary, RECONCILE_THRESHOLD));
  const dir = reportsDir(EVALS_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reconcile-${driver}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ suite: 'reconcile', ranAt: run.startedAt, threshold: RECONCILE_THRESHOLD, ...summary }, null, 2)}\n`,
  );
  console.log(`report: ${file}`);
  return { run, summary, overall: d.metrics.find((m) => m.scorer === 'f1:overall')! };
}

describe('reconcile eval', () => {
  it('offline extractor: F1 ≥ 0.85 overall, thresholds and baseline', { timeout: 300_000 }, async () => {
    const { run, summary, overall } = await runReconcile('offline');
    expect(summary.snippets).toBeGreaterThanOrEqual(40);
    expect(overall.value).toBeGreaterThanOrEqual(RECONCILE_THRESHOLD);
    expect(run.failures, renderScorecard(run)).toEqual([]);
  });

  it.skipIf(!process.env['ANTHROPIC_API_KEY']?.trim())(
    'claude extractor: F1 ≥ 0.85 overall (needs ANTHROPIC_API_KEY)',
    { timeout: 900_000 },
    async () => {
      const { summary, overall } = await runReconcile('claude');
      expect(summary.snippets).toBeGreaterThanOrEqual(40);
      expect(overall.value).toBeGreaterThanOrEqual(RECONCILE_THRESHOLD);
    },
  );
});
