import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/index.js';
import { velocity, velocitySchema, type Velocity, type VelocityRow } from '../../../src/analysis/metrics/index.js';
import { L, ist } from './builder.js';
import { contextOf } from './helpers.js';
import { velocityScenario } from './scenarios.js';

let ctx: AnalysisContext;
let v: Velocity;
beforeAll(async () => {
  ctx = await contextOf(velocityScenario());
  v = velocity(ctx);
});

const stage = (row: VelocityRow, id: string) => row.stages.find((s) => s.stageId === id)!;

describe('SM-4 velocity (velocity scenario)', () => {
  it('days in stage from completed stays: Discovery [V3 4, V4 9, V1 10, V2 20] → median 9.5, p75 10 + 0.25×10 = 12.5', () => {
    expect(v.team.stages.map((s) => s.stageId)).toEqual(['appointmentscheduled', 'qualifiedtobuy', 'contractsent']);
    expect(stage(v.team, 'appointmentscheduled').completed).toEqual({ count: 4, medianDays: 9.5, p75Days: 12.5 });
    // Demo Done: V1 10, V3 10 (V2 skipped it; V4 is still there)
    expect(stage(v.team, 'qualifiedtobuy').completed).toEqual({ count: 2, medianDays: 10, p75Days: 10 });
    // Negotiation: V1 10, V2 20 → median 15, p75 10 + 0.75×10 = 17.5
    expect(stage(v.team, 'contractsent').completed).toEqual({ count: 2, medianDays: 15, p75Days: 17.5 });
  });

  it('current age of open stays: V5 in Discovery since Nov 15 00:00 (5.75 d), V4 in Demo Done since Nov 10 (10.75 d)', () => {
    expect(stage(v.team, 'appointmentscheduled').currentAge).toEqual({ count: 1, medianDays: 5.75, p75Days: 5.75 });
    expect(stage(v.team, 'qualifiedtobuy').currentAge).toEqual({ count: 1, medianDays: 10.75, p75Days: 10.75 });
    expect(stage(v.team, 'contractsent').currentAge).toEqual({ count: 0, medianDays: null, p75Days: null });
  });

  it('team: 2 open × ₹15L average won × 2/3 win rate ÷ 35 days average cycle = ₹20L/35 per day', () => {
    expect(v.team).toMatchObject({
      openDeals: 2,
      wonDeals: 2,
      lostDeals: 1,
      averageWonAmount: 15 * L,
      averageCycleDays: 35,
      medianCycleDays: 35,
    });
    expect(v.team.winRate).toBeCloseTo(2 / 3, 12);
    expect(v.team.salesVelocity).toBeCloseTo((2 * 15 * L * (2 / 3)) / 35, 6);
  });

  it('per AE: Asha 1 × 10L × 1/2 ÷ 30 = ₹16,667/day; Vikram 1 × 20L × 1 ÷ 40 = ₹50,000/day', () => {
    const [asha, vikram] = v.byOwner as [VelocityRow, VelocityRow];
    expect(asha).toMatchObject({
      ownerName: 'Asha Rao',
      openDeals: 1,
      wonDeals: 1,
      lostDeals: 1,
      winRate: 0.5,
      averageWonAmount: 10 * L,
      averageCycleDays: 30,
    });
    expect(asha.salesVelocity).toBeCloseTo((10 * L * 0.5) / 30, 6);
    expect(vikram).toMatchObject({
      ownerName: 'Vikram Shah',
      openDeals: 1,
      wonDeals: 1,
      lostDeals: 0,
      winRate: 1,
      averageWonAmount: 20 * L,
      averageCycleDays: 40,
      salesVelocity: 50_000,
    });
    expect(stage(vikram, 'contractsent').completed).toEqual({ count: 1, medianDays: 20, p75Days: 20 });
  });

  it('a period limits closed deals and completed stays to it (October: V1, V2 won, V3 lost; stays ending in October)', () => {
    const oct = velocity(ctx, { from: ist('2026-10-01'), to: ist('2026-11-01') });
    expect(oct.team).toMatchObject({ wonDeals: 2, lostDeals: 1 });
    // Discovery stays ending in October: V1 (Oct 11, 10 d), V3 (Oct 5, 4 d); V2's ended Sep 21, V4's Nov 10
    expect(stage(oct.team, 'appointmentscheduled').completed.count).toBe(2);
    const nov = velocity(ctx, { from: ist('2026-11-01'), to: ist('2026-12-01') });
    expect(nov.team).toMatchObject({ wonDeals: 0, winRate: null, averageCycleDays: null, salesVelocity: null });
  });

  it('validates and is deterministic', () => {
    expect(velocitySchema.parse(v)).toEqual(v);
    expect(velocity(ctx)).toEqual(v);
  });
});
