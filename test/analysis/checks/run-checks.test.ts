import { describe, expect, it } from 'vitest';
import { CHECK_NAMES, checkReportSchema, findingSchema } from '../../../src/analysis/index.js';
import { CHECKS, compareIds, runChecks, snippet } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

const input = () =>
  portal()
    .deal({ id: '4010', createdAt: daysAgo(40), closedate: '2026-11-01T00:00:00.000Z' }) // stale (high), close date past
    .deal({ id: '4009', createdAt: daysAgo(16) }) // stale, 16 days (low)
    .deal({ id: '400', createdAt: daysAgo(25), stage: 'contractsent', amount: null }) // stale (medium), no notes, missing amount
    .company({ id: '2001', name: 'Acme Pvt Ltd', domain: 'acme.example', createdAt: daysAgo(50) })
    .company({ id: '2002', name: 'Acme Private Limited', domain: 'acme.example', createdAt: daysAgo(5) })
    .build();

describe('runChecks', () => {
  it('orders by check name, then severity high → low, then object id (numerically)', async () => {
    const f = runChecks(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    expect(f.map((x) => `${x.check}:${x.severity}:${x.objectId}`)).toEqual([
      'close_date_past:medium:4010',
      'duplicate_company:medium:2002',
      'missing_notes:medium:400',
      'missing_required_field:high:400',
      'stale_deal:high:4010',
      'stale_deal:medium:400',
      'stale_deal:low:4009',
    ]);
    checkReportSchema.parse({ asOf: daysAgo(0), findings: f });
  });

  it('runs only the checks asked for', async () => {
    const f = runChecks(await contextOf(input()), ['stale_deal', 'close_date_past']);
    expect(new Set(f.map((x) => x.check))).toEqual(new Set(['stale_deal', 'close_date_past']));
    expect(runChecks(await contextOf(input()), [])).toEqual([]);
  });

  it('is deterministic: the same input twice gives identical JSON', async () => {
    const a = JSON.stringify(runChecks(await contextOf(input())));
    const b = JSON.stringify(runChecks(await contextOf(input())));
    expect(a).toBe(b);
  });

  it('has a function for every public check name', () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...CHECK_NAMES].sort());
  });
});

describe('helpers', () => {
  it('compares ids numerically, null last', () => {
    expect(['4010', null, '400', '4009', 'abc'].sort(compareIds)).toEqual(['400', '4009', '4010', 'abc', null]);
  });
  it('quotes the sentence of a match, at most 120 characters', () => {
    const text = 'First sentence here. We sent the proposal today. Last one.';
    const i = text.indexOf('sent the');
    expect(snippet(text, i, i + 17)).toBe('We sent the proposal today.');
    const long = `${'x'.repeat(300)} proposal ${'y'.repeat(300)}`;
    const j = long.indexOf('proposal');
    const s = snippet(long, j, j + 8);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s).toContain('proposal');
  });
});
