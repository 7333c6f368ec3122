import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { missingRequiredField } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

// Defaults: every open deal needs hubspot_owner_id; from probability 0.6 (Proposal Sent) also amount and closedate.
describe('missing_required_field', () => {
  const input = () =>
    portal()
      // Discovery (0.1) without amount or close date: fine, they are not required yet.
      .deal({ id: '4001', stage: 'appointmentscheduled', amount: null, closedate: null })
      // Proposal Sent (0.6 ≥ 0.6) with the amount cleared 5 days ago → missing amount, high.
      .deal({
        id: '4002',
        stage: 'proposal',
        amount: null,
        amountHistory: [
          ['1500000', daysAgo(40)],
          ['', daysAgo(5)],
        ],
      })
      // Negotiation with neither amount nor close date, never set → one finding listing both.
      .deal({ id: '4003', stage: 'contractsent', amount: null, closedate: null })
      // POC (0.4 < 0.6) without owner → owner is always required → high.
      .deal({ id: '4004', stage: 'presentationscheduled', owner: null })
      // Closed won without amount → not checked.
      .deal({ id: '4005', stage: 'closedwon', amount: null })
      // Negotiation with everything set → fine.
      .deal({ id: '4006', stage: 'contractsent' })
      .build();

  it('lists every missing property once per deal', async () => {
    const f = missingRequiredField(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['4002', '4003', '4004']);
    expect(byId.get('4002')!.evidence['missingFields']).toEqual(['amount']);
    expect(byId.get('4002')!.severity).toBe('high');
    expect(byId.get('4002')!.evidence['missing']).toEqual([
      { field: 'amount', history: 'cleared', previousValue: '1500000', clearedAt: daysAgo(5) },
    ]);
    expect(byId.get('4003')!.evidence['missingFields']).toEqual(['amount', 'closedate']);
    expect(byId.get('4003')!.summary).toBe('Missing amount, close date in Negotiation');
    expect(byId.get('4004')!.evidence['missingFields']).toEqual(['hubspot_owner_id']);
    expect(byId.get('4004')!.ownerId).toBeNull();
    expect(byId.get('4004')!.severity).toBe('high');
  });

  it('applies per-stage overrides and the probability threshold from the config', async () => {
    // byStage for Discovery requires a next step; fromProbability 0.9 means Proposal Sent (0.6) no longer needs amount.
    const b = portal()
      .deal({ id: '4001', stage: 'appointmentscheduled' })
      .deal({ id: '4002', stage: 'proposal', amount: null })
      .deal({ id: '4003', stage: 'contractsent', closedate: null });
    const f = missingRequiredField(
      await contextOf(b.build(), {
        requiredFields: { fromProbability: 0.9, byStage: { appointmentscheduled: ['hs_next_step'] } },
      }),
    );
    expect(f.map((x) => [x.objectId, x.evidence['missingFields']])).toEqual(
      expect.arrayContaining([
        ['4001', ['hs_next_step']],
        ['4003', ['closedate']],
      ]),
    );
    expect(f).toHaveLength(2);
  });
});
