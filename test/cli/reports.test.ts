/** `mis report weekly`, `mis scorecard`, `mis metrics …` on the demo portal: valid JSON, readable text (in-process). */
import { beforeAll, describe, expect, it } from 'vitest';
import { weeklyReportSchema } from '../../src/analysis/index.js';
import {
  accountAttributionSchema,
  activityScorecardSchema,
  attributionSchema,
  bySourceSchema,
  campaignRoiSchema,
  forecastAccuracySchema,
  funnelConversionSchema,
  handoffSlaSchema,
  pipelineCoverageSchema,
  sourcedPipelineSchema,
  valuePerMqlSchema,
  velocitySchema,
  winLossSchema,
} from '../../src/analysis/metrics/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

let env: Record<string, string>;
beforeAll(() => {
  // Read-only reports: the tests share one copy of the synced demo portal.
  env = { MIS_STATE_DIR: demoStateCopy('mis-reports-'), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
});

describe('reports', () => {
  it('report weekly: the waterfall balances and the text shows ₹ amounts per AE', async () => {
    const r = weeklyReportSchema.parse(JSON.parse((await runMain(['report', 'weekly', '--json'], env)).stdout));
    const w = r.momentum.team.waterfall;
    // start + created + reopened + increased − decreased − won − lost = end
    expect(
      w.start.amount +
        w.created.amount +
        w.reopened.amount +
        w.increased.amount -
        w.decreased.amount -
        w.won.amount -
        w.lost.amount,
    ).toBeCloseTo(w.end.amount, 2);
    expect(r.momentum.period.from).toBe('2026-11-15T18:30:00.000Z'); // Monday 16 Nov 00:00 IST
    const text = (await runMain(['report', 'weekly'], env)).stdout;
    expect(text).toMatch(/Deal momentum, week of 16 Nov 2026/);
    expect(text).toMatch(/= End\s+\d+\s+₹[\d.]+ (L|Cr)/);
  });

  it('scorecard: per AE vs targets, one AE with --owner', async () => {
    const s = activityScorecardSchema.parse(JSON.parse((await runMain(['scorecard', '--json'], env)).stdout));
    expect(s.byOwner.length).toBeGreaterThanOrEqual(3);
    for (const r of s.byOwner) expect(r.calls.target).toBe(15);
    const one = activityScorecardSchema.parse(
      JSON.parse((await runMain(['scorecard', '--json', '--owner', s.byOwner[0]!.ownerId!], env)).stdout),
    );
    expect(one.byOwner.map((r) => r.ownerId)).toEqual([s.byOwner[0]!.ownerId]);
  });

  it.each([
    ['funnel', funnelConversionSchema],
    ['handoff', handoffSlaSchema],
    ['sourced', sourcedPipelineSchema],
    ['coverage', pipelineCoverageSchema],
    ['velocity', velocitySchema],
    ['winloss', winLossSchema],
    ['forecast', forecastAccuracySchema],
    ['source', bySourceSchema],
    ['attribution', attributionSchema],
    ['roi', campaignRoiSchema],
    ['accounts', accountAttributionSchema],
    ['mql-value', valuePerMqlSchema],
  ] as const)('metrics %s prints JSON valid against its schema, and a table', async (name, schema) => {
    const json = await runMain(['metrics', name, '--json'], env);
    expect(json.status).toBe(0);
    schema.parse(JSON.parse(json.stdout));
    const text = await runMain(['metrics', name], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/──/);
  });

  it('refuses a half-given period and an unknown metric', async () => {
    expect((await runMain(['metrics', 'winloss', '--from', '2026-10-01'], env)).status).toBe(2);
    const bad = await runMain(['metrics', 'happiness'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Metrics: funnel, handoff/);
  });
});
