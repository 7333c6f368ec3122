import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { staleDeal } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

// asOf = 20 Nov 2026 18:00 IST = 12:30Z. Default stale threshold 14 days; days are whole days elapsed (floor).
describe('stale_deal', () => {
  const build = () =>
    portal()
      // A: last note 2 Nov 10:00 IST (04:30Z) → 18 d 8 h → 18 days > 14 → stale; 18 < 21 (1.5×) and ₹10 L → low.
      .deal({ id: '4001', contacts: ['3001'] })
      .note('51', '4001', '2026-11-02T04:30:00Z')
      // B: exactly at the threshold: note 14 days and 1 hour ago → 14 days → NOT stale.
      .deal({ id: '4002' })
      .note('52', '4002', daysAgo(14 + 1 / 24))
      // C: one day over: 15 days ago → 15 > 14 → stale.
      .deal({ id: '4003' })
      .note('53', '4003', daysAgo(15))
      // D: no activity at all, created 30 days ago → stale since creation; 30 ≥ 28 (2×) → high.
      .deal({ id: '4004', createdAt: daysAgo(30) })
      // E: last HubSpot note 40 days ago, but its contact replied in SmartLead 3 days ago → not stale.
      .deal({ id: '4005', contacts: ['3005'] })
      .contact({ id: '3005', email: 'Buyer@Acme.example ' })
      .note('55', '4005', daysAgo(40))
      .lead({ leadId: 1, email: 'buyer@acme.example', messages: [{ type: 'REPLY', time: daysAgo(3) }] })
      // F: closed deal, nothing logged → not checked.
      .deal({ id: '4006', stage: 'closedwon' })
      // G: 20 days quiet but ₹30 L ≥ ₹25 L → high.
      .deal({ id: '4007', amount: 3_000_000 })
      .note('57', '4007', daysAgo(20))
      // H: a meeting scheduled for next week is not activity; the last completed call was 16 days ago → stale.
      .deal({ id: '4008' })
      .engagement('calls', { id: '58', deal: '4008', at: daysAgo(16) })
      .engagement('meetings', { id: '59', deal: '4008', at: daysAgo(-5), status: 'SCHEDULED' })
      .contact({ id: '3001' });

  it('flags only deals quiet for more than the threshold, with evidence', async () => {
    const ctx = await contextOf(build().build());
    const f = staleDeal(ctx);
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['4001', '4003', '4004', '4007', '4008']);

    const a = byId.get('4001')!;
    expect(a.summary).toBe('No activity for 18 days in Discovery (threshold 14)');
    expect(a.severity).toBe('low');
    expect(a.ownerId).toBe('101');
    expect(a.evidence).toMatchObject({
      daysSinceActivity: 18,
      thresholdDays: 14,
      daysOverThreshold: 4,
      lastActivityAt: '2026-11-02T04:30:00.000Z',
      lastActivitySource: 'engagement',
      lastActivityKind: 'note',
      lastActivityId: '51',
      stage: 'Discovery',
    });
    expect(byId.get('4003')!.evidence['daysSinceActivity']).toBe(15);
    expect(byId.get('4004')!.severity).toBe('high');
    expect(byId.get('4004')!.evidence).toMatchObject({
      daysSinceActivity: 30,
      lastActivitySource: 'deal_created',
      lastActivityId: null,
    });
    expect(byId.get('4007')!.severity).toBe('high');
    expect(byId.get('4008')!.evidence).toMatchObject({
      daysSinceActivity: 16,
      lastActivityId: '58',
      lastActivityKind: 'call',
    });
  });

  it('uses the per-category threshold from the team config', async () => {
    // Negotiation is late; with stale.byCategory.late = 7 a note 10 days ago is stale (10 > 7), 7 days ago is not.
    const input = portal()
      .deal({ id: '4101', stage: 'contractsent' })
      .note('61', '4101', daysAgo(10))
      .deal({ id: '4102', stage: 'contractsent' })
      .note('62', '4102', daysAgo(7.5))
      .build();
    const ctx = await contextOf(input, { stale: { byCategory: { late: 7 } } });
    const f = staleDeal(ctx);
    expect(f.map((x) => x.objectId)).toEqual(['4101']);
    expect(f[0]!.summary).toBe('No activity for 10 days in Negotiation (threshold 7)');
  });
});
