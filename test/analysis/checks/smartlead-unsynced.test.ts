import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../../src/analysis/index.js';
import { smartleadUnsynced } from '../../../src/analysis/checks/index.js';
import { contextOf, daysAgo, portal } from './portal.js';

// Rule: a lead's SmartLead messages are synced when a HubSpot email engagement on the contact is dated at or after
// the first SmartLead message minus 1 day.
describe('smartlead_unsynced', () => {
  const input = () =>
    portal()
      // (a) Reply not in HubSpot: first message 10 days ago; the only HubSpot email is from 30 days ago (< 11 days ago).
      //     Contact email differs in case and spacing from the lead's. Owner of its open deal: 102. High (a reply).
      .contact({ id: '3001', email: ' Ravi@Acme.example' })
      .deal({ id: '4001', owner: '102', contacts: ['3001'] })
      .engagement('emails', { id: '71', contacts: ['3001'], at: daysAgo(30) })
      .lead({
        leadId: 1,
        email: 'ravi@acme.example',
        messages: [
          { type: 'SENT', time: daysAgo(10) },
          { type: 'REPLY', time: daysAgo(8) },
        ],
      })
      // Synced: an email engagement 10.5 days ago is within the 1-day grace before the first message (10 days ago).
      .contact({ id: '3002', email: 'meena@acme.example' })
      .engagement('emails', { id: '72', contacts: ['3002'], at: daysAgo(10.5) })
      .lead({ leadId: 2, email: 'meena@acme.example', messages: [{ type: 'SENT', time: daysAgo(10) }] })
      // (a) Sent only, no deal; a note is not an email → low, no owner.
      .contact({ id: '3003', email: 'joy@beta.example' })
      .engagement('notes', { id: '73', contacts: ['3003'], at: daysAgo(1), body: 'Emailed Joy' })
      .lead({
        leadId: 3,
        email: 'joy@beta.example',
        messages: [
          { type: 'SENT', time: daysAgo(5) },
          { type: 'SENT', time: daysAgo(2) },
        ],
      })
      // (a) Sent only, contact on an open deal of 101 → medium; its HubSpot email 2 days before the first message is too early.
      .contact({ id: '3004', email: 'ali@gamma.example' })
      .deal({ id: '4004', contacts: ['3004'] })
      .engagement('emails', { id: '74', contacts: ['3004'], at: daysAgo(22) })
      .lead({ leadId: 4, email: 'ali@gamma.example', messages: [{ type: 'SENT', time: daysAgo(20) }] })
      // (b) No HubSpot contact, replied → high, objectId null.
      .lead({
        campaign: 78,
        leadId: 5,
        email: 'New.Person@delta.example',
        messages: [
          { type: 'SENT', time: daysAgo(12) },
          { type: 'REPLY', time: daysAgo(11) },
        ],
      })
      // (b) No HubSpot contact, sent only → low.
      .lead({ leadId: 6, email: 'cold@epsilon.example', messages: [{ type: 'SENT', time: daysAgo(4) }] })
      // Only a message after asOf → nothing yet.
      .lead({ leadId: 9, email: 'later@zeta.example', messages: [{ type: 'SENT', time: daysAgo(-2) }] })
      .build();

  it('reports leads whose SmartLead emails never reached HubSpot', async () => {
    const f = smartleadUnsynced(await contextOf(input()));
    for (const x of f) findingSchema.parse(x);
    expect(f).toHaveLength(5);
    const byEmail = new Map(f.map((x) => [x.evidence['email'], x]));
    expect([...byEmail.keys()].sort()).toEqual([
      'ali@gamma.example',
      'cold@epsilon.example',
      'joy@beta.example',
      'new.person@delta.example',
      'ravi@acme.example',
    ]);

    const a = byEmail.get('ravi@acme.example')!;
    expect(a).toMatchObject({ objectType: 'contact', objectId: '3001', ownerId: '102', severity: 'high' });
    expect(a.evidence).toMatchObject({
      sent: 1,
      replies: 1,
      campaignIds: [77],
      leadIds: [1],
      firstMessageAt: daysAgo(10),
      lastMessageAt: daysAgo(8),
      lastReplyAt: daysAgo(8),
      windowStart: daysAgo(11),
      hubspotEmailsSince: 0,
      lastHubspotEmailBefore: daysAgo(30),
      dealIds: ['4001'],
    });
    expect(byEmail.get('joy@beta.example')).toMatchObject({ objectId: '3003', ownerId: null, severity: 'low' });
    expect(byEmail.get('ali@gamma.example')).toMatchObject({ objectId: '3004', ownerId: '101', severity: 'medium' });
    const b = byEmail.get('new.person@delta.example')!;
    expect(b).toMatchObject({ objectType: 'contact', objectId: null, ownerId: null, severity: 'high' });
    expect(b.evidence).toMatchObject({ campaignIds: [78], sent: 1, replies: 1, lastMessageAt: daysAgo(11) });
    expect(b.summary).toBe('SmartLead: 1 email sent and 1 reply, and no HubSpot contact has this address');
    expect(byEmail.get('cold@epsilon.example')!.severity).toBe('low');
  });

  it('finds nothing without SmartLead', async () => {
    const ctx = await contextOf(portal().contact({ id: '3001' }).build());
    expect(smartleadUnsynced(ctx)).toEqual([]);
  });
});
