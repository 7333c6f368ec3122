import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import {
  pipelineCoverage,
  pipelineCoverageSchema,
  type PipelineCoverage,
} from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { salesScenario } from './scenarios.js';

let ctx: AnalysisContext;
let pc: PipelineCoverage;
beforeAll(async () => {
  // Asha's quota is ₹7L; Vikram has the default ₹50L.
  ctx = await contextOf(salesScenario(), { config: { targets: { quarterlyQuota: { '101': 7 * L } } } });
  pc = pipelineCoverage(ctx);
});

describe('SM-3 pipeline coverage (sales scenario, Q4 2026 in IST)', () => {
  it('defaults to this calendar quarter in the team time zone', () => {
    expect(pc.period).toMatchObject({ kind: 'quarter', from: ist('2026-10-01'), to: ist('2027-01-01') });
  });

  it('Asha: open D1 ₹10L (Dec 15) + D9 ₹3L (Dec 31) = ₹13L, weighted 10×0.8 + 3×0.1 = ₹8.3L; won D2 5 + D11 2.5 = ₹7.5L ≥ quota ₹7L → made', () => {
    const asha = pc.byOwner.find((r) => r.ownerId === '101')!;
    expect(asha.open).toEqual({ count: 2, amount: 13 * L }); // D5 closes Jan 15 2027: next quarter
    expect(asha.weighted).toBeCloseTo(8.3 * L, 6);
    expect(asha.won).toEqual({ count: 2, amount: 7.5 * L });
    expect(asha.quota).toBe(7 * L);
    expect(asha.remainingQuota).toBe(0);
    expect(asha.coverage).toBeNull();
    expect(asha.status).toBe('met');
  });

  it('Vikram: open D4 3 + D6 4.5 + D13 1 = ₹8.5L; won D10 ₹12L; remaining 50 − 12 = ₹38L; coverage 8.5 ÷ 38 = 0.224 < 3', () => {
    const v = pc.byOwner.find((r) => r.ownerId === '102')!;
    expect(v.open).toEqual({ count: 3, amount: 8.5 * L }); // D8 now closes Feb 1 2027
    expect(v.weighted).toBeCloseTo((3 * 0.1 + 4.5 * 0.3 + 1 * 0.1) * L, 6); // ₹1.75L
    expect(v.openWithoutCloseDate).toEqual({ count: 1, amount: 2 * L }); // D3
    expect(v.won).toEqual({ count: 1, amount: 12 * L });
    expect(v.remainingQuota).toBe(38 * L);
    expect(v.coverage).toBeCloseTo(8.5 / 38, 12);
    expect(v.status).toBe('behind');
  });

  it('team: open ₹21.5L, won ₹19.5L, quota 7 + 50 = ₹57L, remaining ₹37.5L, coverage 21.5 ÷ 37.5', () => {
    expect(pc.team.open).toEqual({ count: 5, amount: 21.5 * L });
    expect(pc.team.weighted).toBeCloseTo(10.05 * L, 6);
    expect(pc.team.won).toEqual({ count: 3, amount: 19.5 * L });
    expect(pc.team.quota).toBe(57 * L);
    expect(pc.team.remainingQuota).toBe(37.5 * L);
    expect(pc.team.coverage).toBeCloseTo(21.5 / 37.5, 12);
    expect(pc.team.target).toBe(3);
  });

  it('a past quarter (Q3): nothing won in it, nothing open closes in it → coverage 0', () => {
    const q3 = pipelineCoverage(ctx, { from: ist('2026-07-01'), to: ist('2026-10-01') });
    expect(q3.team.won.count).toBe(0);
    expect(q3.team.open.count).toBe(0);
    expect(q3.team.coverage).toBe(0);
  });

  it('validates and is deterministic', () => {
    expect(pipelineCoverageSchema.parse(pc)).toEqual(pc);
    expect(pipelineCoverage(ctx)).toEqual(pc);
  });
});
