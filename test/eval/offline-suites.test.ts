/**
 * The offline suites on the committed data, with their thresholds and the committed baseline (the CI check), and
 * proof that the check can fail: the same daily-compliance suite with the stale threshold a week longer (a team
 * config change, the product's own seam) regresses against the baseline.
 */
import { describe, expect, it } from 'vitest';
import { teamConfigSchema } from '../../src/config/index.js';
import { renderScorecard, runEval, SUITES } from '../../src/eval/index.js';

const env = { PATH: process.env['PATH'] ?? '' };

describe('offline eval suites (committed data, thresholds, baseline)', () => {
  it('every suite meets its thresholds and the baseline', { timeout: 180_000 }, async () => {
    const run = await runEval({ drivers: ['offline'], env });
    expect(run.suites.map((s) => s.suite)).toEqual(SUITES.map((s) => s.name));
    expect(run.comparison.baseline).toBe('present');
    expect(run.comparison.compared).toBeGreaterThan(20);
    expect(run.failures, renderScorecard(run)).toEqual([]);
    expect(
      run.comparison.unbaselined,
      'metrics missing from evals/baseline.json: run `mis eval --update-baseline`',
    ).toEqual([]);
    // Every case ran and was scored (a suite with no cases would pass vacuously).
    for (const s of run.suites) for (const d of s.drivers) expect(d.cases.length, s.suite).toBeGreaterThanOrEqual(3);
  });

  it(
    'a stale threshold off by a week fails the daily-compliance suite against the baseline',
    { timeout: 60_000 },
    async () => {
      const broken = teamConfigSchema.parse({ stale: { defaultDays: 21 } });
      const run = await runEval({ suites: ['daily-compliance'], drivers: ['offline'], env, teamConfig: broken });
      expect(run.ok).toBe(false);
      const stale = run.comparison.regressions.find((r) => r.metric === 'f1:stale_deal');
      expect(stale?.baseline).toBe(1);
      expect(stale?.current).toBeLessThan(0.95);
      // The borderline case names the deal one day over the threshold that is no longer found.
      const edge = run.suites[0]!.drivers[0]!.cases.find((c) => c.caseId === 'edge-cases')!;
      const outcome = edge.scores.find((s) => s.scorer === 'f1:stale_deal')!.outcome;
      expect('reason' in outcome && outcome.reason).toMatch(/missed stale_deal\|deal \d+/);
    },
  );
});
