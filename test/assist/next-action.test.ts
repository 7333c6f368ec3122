/**
 * Next best action (AE-5): each rule on a deal built to trigger it and nothing more urgent, the urgency order when
 * signals conflict, and the AE's list order (needed first, then money at risk = amount × stage probability).
 * Thresholds are the config defaults: reply after 24 h, proposal 5 days after a demo, stale after 14 days,
 * single-threaded from ₹30 L, closing window 14 days.
 */
import { describe, expect, it } from 'vitest';
import { nextActions, URGENCY } from '../../src/assist/index.js';
import { portalOf, situation } from './support.js';

async function actionFor(s: Parameters<typeof situation>[0]) {
  const b = await portalOf([situation(s)]);
  const [a] = nextActions(b.ctx, { dealId: b.dealId(0) });
  return { a: a!, expectContact: b.cases[0]!.expect.contactId };
}

describe('next best action rules', () => {
  it('a healthy deal with a booked meeting is on track: prepare for it, nothing needed', async () => {
    const { a } = await actionFor({});
    expect(a.kind).toBe('prepare_next_step');
    expect(a.needed).toBe(false);
    expect(a.action).toBe('Prepare for: Follow-up session');
    expect(a.reason).toBe('On track: meeting on Tue 22 Sept.');
  });

  it('an inbound email older than 24 h with nothing sent after it: reply to the person who wrote', async () => {
    const { a, expectContact } = await actionFor({
      touches: [
        [2, 'email', 1, 'in', 'Question on pricing'],
        [5, 'call', 0, 'out', 'Call'],
      ],
      contact: 1,
    });
    expect(a.kind).toBe('reply');
    expect(a.contactId).toBe(expectContact);
    expect(a.action).toBe('Reply to Ravi Iyer');
    expect(a.reason).toBe('Ravi Iyer emailed on Tue 15 Sept and nothing has gone back since (2 days).');
  });

  it('an inbound email answered by a later call is not waiting', async () => {
    const { a } = await actionFor({
      touches: [
        [1, 'call', 0, 'out', 'Called back'],
        [2, 'email', 1, 'in', 'Question'],
      ],
    });
    expect(a.kind).toBe('prepare_next_step');
  });

  it('a reply younger than 24 h is not yet an action', async () => {
    const b = await portalOf([situation({ touches: [[0, 'email', 1, 'in', 'Quick question']] })]);
    expect(nextActions(b.ctx, { dealId: b.dealId(0) })[0]!.kind).toBe('prepare_next_step');
  });

  it('a close date in the past on an open deal: agree a new one', async () => {
    const { a } = await actionFor({ close: -3 });
    expect(a.kind).toBe('agree_close_date');
    expect(a.reason).toMatch(/^The close date Mon 14 Sept has passed \(3 days ago\)/);
  });

  it('no contact for more than the stale threshold (14 days): re-engage the last person in touch', async () => {
    const { a, expectContact } = await actionFor({
      touches: [
        [20, 'call', 1, 'out', 'Call'],
        [25, 'email', 0, 'out', 'Deck'],
      ],
      contact: 1,
    });
    expect(a.kind).toBe('re_engage');
    expect(a.contactId).toBe(expectContact);
    expect(a.reason).toMatch(/^No contact with the customer for 20 days/);
  });

  it('14 quiet days is not yet stale, 15 is', async () => {
    expect((await actionFor({ touches: [[14, 'call', 0, 'out', 'Call']] })).a.kind).toBe('prepare_next_step');
    expect((await actionFor({ touches: [[15, 'call', 0, 'out', 'Call']] })).a.kind).toBe('re_engage');
  });

  it('a demo 5+ days ago before the proposal stage with no proposal email since: send the proposal', async () => {
    const { a } = await actionFor({ stage: 2, touches: [[6, 'meeting', 0, 'out', 'Demo']] });
    expect(a.kind).toBe('send_proposal');
    expect(a.reason).toMatch(/^Met on Fri 11 Sept \(6 days ago\) and no proposal/);
  });

  it('no proposal nudge when the proposal went out after the demo, or when the deal is already at the proposal stage', async () => {
    expect(
      (
        await actionFor({
          stage: 2,
          touches: [
            [3, 'email', 0, 'out', 'Proposal and pricing'],
            [6, 'meeting', 0, 'out', 'Demo'],
          ],
        })
      ).a.kind,
    ).toBe('prepare_next_step');
    expect((await actionFor({ stage: 3, touches: [[6, 'meeting', 0, 'out', 'Demo']] })).a.kind).toBe(
      'prepare_next_step',
    );
    expect((await actionFor({ stage: 2, touches: [[4, 'meeting', 0, 'out', 'Demo']] })).a.kind).toBe(
      'prepare_next_step',
    );
  });

  it('one contact on a deal of ₹30 L or more: add the colleague who is already in touch', async () => {
    const { a, expectContact } = await actionFor({
      amount: 4_000_000,
      people: [['Anu Bose', 'Head of Ops', true]],
      other: [['Kiran Shah', 'CFO', 6]],
      contact: 'other:0',
    });
    expect(a.kind).toBe('multi_thread');
    expect(a.contactId).toBe(expectContact);
    expect(a.action).toBe('Add Kiran Shah (CFO) to the deal');
    expect(a.reason).toBe('Only one contact on a ₹40 L deal; Kiran Shah emailed on Fri 11 Sept.');
  });

  it('one contact below ₹30 L is not single-threaded risk', async () => {
    expect((await actionFor({ amount: 2_900_000, people: [['Anu Bose', 'Head of Ops', true]] })).a.kind).toBe(
      'prepare_next_step',
    );
  });

  it('nothing booked ahead and no next step: book it', async () => {
    const { a } = await actionFor({ ahead: [] });
    expect(a.kind).toBe('book_next_step');
    expect(a.reason).toBe('Nothing is scheduled: no future meeting or task and no next step on the deal.');
  });

  it('a late-stage deal closing within 14 days: confirm the PO steps', async () => {
    expect((await actionFor({ stage: 4, close: 10 })).a.kind).toBe('confirm_po');
    expect((await actionFor({ stage: 4, close: 20 })).a.kind).toBe('prepare_next_step');
  });

  it('conflicting signals: the more urgent rule wins (reply > close date > re-engage > proposal > multi-thread > book > confirm PO)', async () => {
    // A question waiting two days beats a passed close date and nothing booked.
    expect((await actionFor({ close: -5, ahead: [], touches: [[2, 'email', 0, 'in', 'Question']] })).a.kind).toBe(
      'reply',
    );
    // A passed close date beats going quiet and being single-threaded.
    expect(
      (
        await actionFor({
          close: -5,
          amount: 5_000_000,
          people: [['Anu Bose', 'Head of Ops', true]],
          touches: [[20, 'call', 0, 'out', 'Call']],
        })
      ).a.kind,
    ).toBe('agree_close_date');
    // A missing proposal beats nothing booked.
    expect((await actionFor({ stage: 2, ahead: [], touches: [[7, 'meeting', 0, 'out', 'Demo']] })).a.kind).toBe(
      'send_proposal',
    );
    expect(
      Object.entries(URGENCY)
        .sort((x, y) => x[1] - y[1])
        .map(([k]) => k),
    ).toEqual([
      'reply',
      'agree_close_date',
      're_engage',
      'send_proposal',
      'multi_thread',
      'book_next_step',
      'confirm_po',
      'prepare_next_step',
    ]);
  });
});

describe('the AE list', () => {
  it('lists needed actions first, then by amount × stage probability, only the owner’s open deals', async () => {
    const b = await portalOf([
      situation({ name: 'Small Co - A', amount: 500_000, stage: 1, ahead: [] }), // needed, 5 L × 0.3 = 1.5 L
      situation({ name: 'Big Co - B', amount: 2_000_000, stage: 3, ahead: [] }), // needed, 20 L × 0.7 = 14 L
      situation({ name: 'Huge Co - C', amount: 2_800_000, stage: 4, close: 40 }), // on track: last
      situation({ name: 'Other Co - D', owner: '802', ahead: [] }),
      situation({ name: 'Won Co - E', stage: 5 }),
    ]);
    const list = nextActions(b.ctx, { ownerId: '801' });
    expect(list.map((a) => a.dealName)).toEqual(['Big Co - B', 'Small Co - A', 'Huge Co - C']);
    expect(list.map((a) => a.amountAtRisk)).toEqual([1_400_000, 150_000, 2_520_000]);
    expect(list.map((a) => a.needed)).toEqual([true, true, false]);
  });
});
