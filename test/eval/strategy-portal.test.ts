/**
 * evals/ask/strategy-metrics.json is test/analysis/strategy/scenario.ts written out, so the ask suite's metric
 * questions are scored on a portal whose every figure is worked out by hand in test/analysis/strategy/*.test.ts.
 * MIS_WRITE_STRATEGY_PORTAL=1 rewrites it after the scenario changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strategyScenario } from '../analysis/strategy/scenario.js';

const FILE = join(import.meta.dirname, '../../evals/ask/strategy-metrics.json');

describe('the ask eval strategy portal', () => {
  it('is the hand-computed strategy scenario, unchanged', () => {
    const want = strategyScenario('Strategy Metrics Portal');
    if (process.env['MIS_WRITE_STRATEGY_PORTAL'] === '1') writeFileSync(FILE, `${JSON.stringify(want, null, 2)}\n`);
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(want)));
  });
});
