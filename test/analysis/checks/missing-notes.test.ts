import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { missingNotes } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

// Default: open deals from the middle of the pipeline's open stages on (POC is the 3rd of 5: POC, Proposal Sent,
// Negotiation) and in a late stage (probability ≥ 0.6) need at least one note.
describe('missing_notes', () => {
  const input = () =>
    portal()
      // Negotiation, only emails and a call → flagged; ₹10 L → medium.
      .deal({ id: '4001', stage: 'contractsent' })
      .engagement('emails', { id: '71', deal: '4001', at: daysAgo(3) })
      .engagement('emails', { id: '72', deal: '4001', at: daysAgo(2) })
      .engagement('calls', { id: '73', deal: '4001', at: daysAgo(1) })
      // Proposal Sent with one note from a month ago → fine (any note counts).
      .deal({ id: '4002', stage: 'proposal' })
      .note('74', '4002', daysAgo(30))
      // Proposal Sent, nothing at all, ₹40 L → flagged high.
      .deal({ id: '4003', stage: 'proposal', amount: 4_000_000 })
      // POC (probability 0.4, but the middle of five open stages) without notes → flagged by position.
      .deal({ id: '4004', stage: 'presentationscheduled' })
      // Demo Done (2nd of 5) without notes → not required.
      .deal({ id: '4008', stage: 'qualifiedtobuy' })
      // Renewal Open: the renewals pipeline has one open stage, no middle; its category (mid) is not required.
      .deal({ id: '4009', stage: 'renewal_open', pipeline: 'renewals' })
      // Closed won without notes → not checked.
      .deal({ id: '4005', stage: 'closedwon' })
      .build();

  it('flags open deals from the middle stage on with no note', async () => {
    const f = missingNotes(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    expect(f.map((x) => x.objectId).sort()).toEqual(['4001', '4003', '4004']);
    expect(f.find((x) => x.objectId === '4004')!.evidence).toMatchObject({ stage: 'POC', category: 'mid' });
    const a = f.find((x) => x.objectId === '4001')!;
    expect(a.severity).toBe('medium');
    expect(a.summary).toBe('No notes on a deal in Negotiation (3 other engagements logged)');
    expect(a.evidence).toMatchObject({
      stage: 'Negotiation',
      category: 'late',
      notes: 0,
      engagementCounts: { email: 2, call: 1, note: 0 },
    });
    expect(f.find((x) => x.objectId === '4003')!.severity).toBe('high');
  });

  it('follows probability categories alone when the position rule is off', async () => {
    const f = missingNotes(await contextOf(input(), { missingNotes: { fromMiddleStage: false } }));
    expect(f.map((x) => x.objectId).sort()).toEqual(['4001', '4003']);
  });

  it('follows the configured categories and stage ids', async () => {
    // mid added by category, Discovery by stage id: POC 4004 now needs a note too; 4006 (Discovery) as well.
    const b = portal()
      .deal({ id: '4004', stage: 'presentationscheduled' })
      .deal({ id: '4006', stage: 'appointmentscheduled' })
      .deal({ id: '4007', stage: 'qualifiedtobuy' });
    const f = missingNotes(
      await contextOf(b.build(), {
        missingNotes: { fromMiddleStage: false, categories: ['mid'], stages: ['appointmentscheduled'] },
      }),
    );
    expect(f.map((x) => x.objectId).sort()).toEqual(['4004', '4006']);
  });
});
