/** `mis report weekly`, `mis scorecard`, `mis metrics …` on the demo portal: valid JSON, readable text. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { weeklyReportSchema } from '../../src/analysis/index.js';
import {
  accountAttributionSchema, activityScorecardSchema, attributionSchema, bySourceSchema, campaignRoiSchema, forecastAccuracySchema, funnelConversionSchema,
  handoffSlaSchema, pipelineCoverageSchema, sourcedPipelineSchema, valuePerMqlSchema, velocitySchema, winLossSchema,
} from '../../src/analysis/metrics/index.js';
import { runMis } from '../support/cli.js';

let env: Record<string, string>;
beforeAll(() => {
  env = { MIS_STATE_DIR: mkdtempSync(join(tmpdir(), 'mis-reports-')), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
  expect(runMis(['sync'], env).status).toBe(0);
});

describe('reports', () => {
  it('report weekly: the waterfall balances and the text shows ₹ amounts per AE', () => {
    const r = weeklyReportSchema.parse(JSON.parse(runMis(['report', 'weekly', '--json'], env).stdout));
    const w = r.momentum.team.waterfall;
    // start + created + reopened + increased − decreased − won − lost = end
    expect(w.start.amount + w.created.amount + w.reopened.amount + w.increased.amount - w.decreased.amount - w.won.amount - w.lost.amount).toBeCloseTo(w.end.amount, 2);
    expect(r.momentum.period.from).toBe('2026-11-15T18:30:00.000Z'); // Monday 16 Nov 00:00 IST
    const text = runMis(['report', 'weekly'], env).stdout;
    expect(text).toMatch(/Deal momentum, week of 16 Nov 2026/);
    expect(text).toMatch(/= End\s+\d+\s+₹[\d.]+ (L|Cr)/);
  });

  it('scorecard: per AE vs targets, one AE with --owner', () => {
    const s = activityScorecardSchema.parse(JSON.parse(runMis(['scorecard', '--json'], env).stdout));
    expect(s.byOwner.length).toBeGreaterThanOrEqual(3);
    for (const r of s.byOwner) expect(r.calls.target).toBe(15);
    const one = activityScorecardSchema.parse(JSON.parse(runMis(['scorecard', '--json', '--owner', s.byOwner[0]!.ownerId!], env).stdout));
    expect(one.byOwner.map((r) => r.ownerId)).toEqual([s.byOwner[0]!.ownerId]);
  });

  it.each([
    ['funnel', funnelConversionSchema], ['handoff', handoffSlaSchema], ['sourced', sourcedPipelineSchema], ['coverage', pipelineCoverageSchema],
    ['velocity', velocitySchema], ['winloss', winLossSchema], ['forecast', forecastAccuracySchema], ['source', bySourceSchema],
    ['attribution', attributionSchema], ['roi', campaignRoiSchema], ['accounts', accountAttributionSchema], ['mql-value', valuePerMqlSchema],
  ] as const)('metrics %s prints JSON valid against its schema, and a table', (name, schema) => {
    const json = runMis(['metrics', name, '--json'], env);
    expect(json.status).toBe(0);
    schema.parse(JSON.parse(json.stdout));
    const text = runMis(['metrics', name], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/──/);
  });

  it('refuses a half-given period and an unknown metric', () => {
    expect(runMis(['metrics', 'winloss', '--from', '2026-10-01'], env).status).toBe(2);
    const bad = runMis(['metrics', 'happiness'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Metrics: funnel, handoff/);
  });
});
