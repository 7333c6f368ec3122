import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { closeDatePast } from '../../../src/analysis/checks/index.js';
import { contextOf, portal } from './portal.js';

// asOf 20 Nov 2026 18:00 IST: "today" is 2026-11-20. Close dates are HubSpot dates at 00:00Z.
describe('close_date_past', () => {
  it('flags open deals whose close date is an earlier day, with the days overdue', async () => {
    const input = portal()
      .deal({ id: '4001', closedate: '2026-11-09T00:00:00.000Z' }) // 20 − 9 = 11 days overdue → medium (> 7)
      .deal({ id: '4002', closedate: '2026-11-20T00:00:00.000Z' }) // today: not overdue
      .deal({ id: '4003', closedate: '2026-11-19T00:00:00.000Z' }) // yesterday: 1 day → low
      .deal({ id: '4004', closedate: '2026-10-01T00:00:00.000Z', stage: 'closedlost' }) // closed: not checked
      .deal({ id: '4005', closedate: '2026-10-10T00:00:00.000Z' }) // 41 days > 30 → high
      .deal({ id: '4006', closedate: '2026-11-19T18:30:00.000Z' }) // a moment: 20 Nov 00:00 IST, today → not overdue
      .deal({ id: '4007', closedate: null })
      .build();
    const f = closeDatePast(await contextOf(input));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['4001', '4003', '4005']);
    expect(byId.get('4001')!.evidence).toMatchObject({ daysOverdue: 11, closeDay: '2026-11-09', today: '2026-11-20' });
    expect(byId.get('4001')!.severity).toBe('medium');
    expect(byId.get('4001')!.summary).toBe('Close date Mon 9 Nov passed 11 days ago; deal still open in Discovery');
    expect(byId.get('4003')!.evidence['daysOverdue']).toBe(1);
    expect(byId.get('4003')!.severity).toBe('low');
    expect(byId.get('4005')!.severity).toBe('high');
  });
});
