import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { stageSkipped } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

// Open stages in order: Discovery(0) Demo Done(1) POC(2) Proposal Sent(3) Negotiation(4); closed stages never count.
describe('stage_skipped', () => {
  const input = () =>
    portal()
      // 0 → 3 skips Demo Done and POC (2 stages → medium).
      .deal({
        id: '4001',
        stage: 'proposal',
        history: [
          ['appointmentscheduled', daysAgo(50)],
          ['proposal', daysAgo(20)],
        ],
      })
      // One step at a time: no skip.
      .deal({
        id: '4002',
        stage: 'presentationscheduled',
        history: [
          ['appointmentscheduled', daysAgo(50)],
          ['qualifiedtobuy', daysAgo(40)],
          ['presentationscheduled', daysAgo(30)],
        ],
      })
      // Demo Done → Closed Won: moving to a closed stage is not a skip.
      .deal({
        id: '4003',
        stage: 'closedwon',
        history: [
          ['appointmentscheduled', daysAgo(50)],
          ['qualifiedtobuy', daysAgo(40)],
          ['closedwon', daysAgo(10)],
        ],
      })
      // Closed lost 30 days ago (within 90) after Discovery → POC: skips Demo Done (1 stage → low).
      .deal({
        id: '4004',
        stage: 'closedlost',
        history: [
          ['appointmentscheduled', daysAgo(80)],
          ['presentationscheduled', daysAgo(60)],
          ['closedlost', daysAgo(30)],
        ],
      })
      // Same skip but closed 120 days ago → outside the window.
      .deal({
        id: '4005',
        stage: 'closedlost',
        history: [
          ['appointmentscheduled', daysAgo(200)],
          ['presentationscheduled', daysAgo(150)],
          ['closedlost', daysAgo(120)],
        ],
      })
      // Back from POC to Demo Done, then Demo Done → Proposal Sent: skips POC (1 stage).
      .deal({
        id: '4006',
        stage: 'proposal',
        history: [
          ['appointmentscheduled', daysAgo(60)],
          ['qualifiedtobuy', daysAgo(50)],
          ['presentationscheduled', daysAgo(40)],
          ['qualifiedtobuy', daysAgo(30)],
          ['proposal', '2026-11-01T06:00:00.000Z'],
        ],
      })
      // Created straight into Proposal Sent: a creation stage is not a move.
      .deal({ id: '4007', stage: 'proposal', history: [['proposal', daysAgo(10)]] })
      .build();

  it('flags forward jumps over open stages with from, to, skipped labels and time', async () => {
    const f = stageSkipped(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    const byId = new Map(f.map((x) => [x.objectId, x]));
    expect([...byId.keys()].sort()).toEqual(['4001', '4004', '4006']);
    expect(byId.get('4001')!.summary).toBe('Moved from Discovery to Proposal Sent, skipping Demo Done, POC');
    expect(byId.get('4001')!.severity).toBe('medium');
    expect(byId.get('4001')!.evidence).toMatchObject({
      from: 'appointmentscheduled',
      to: 'proposal',
      skipped: ['qualifiedtobuy', 'presentationscheduled'],
      skippedLabels: ['Demo Done', 'POC'],
      at: daysAgo(20),
    });
    expect(byId.get('4004')!.severity).toBe('low');
    expect(byId.get('4004')!.evidence).toMatchObject({ skippedLabels: ['Demo Done'], open: false });
    expect(byId.get('4006')!.evidence).toMatchObject({
      from: 'qualifiedtobuy',
      to: 'proposal',
      skippedLabels: ['POC'],
      at: '2026-11-01T06:00:00.000Z',
    });
  });
});
