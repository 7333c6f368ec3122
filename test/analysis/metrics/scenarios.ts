/**
 * Hand-built portals whose metric answers the tests compute by hand. asOf = Friday 2026-11-20 18:00 IST, so
 * "this week" = Monday 2026-11-16 00:00 IST (2026-11-15T18:30Z) to Monday 2026-11-23 00:00 IST.
 * Owners: 101 Asha Rao, 102 Vikram Shah. L = ₹1 lakh. Every time below is IST.
 */
import { L, PortalBuilder } from './builder.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The sales scenario (SM-1, SM-2, SM-3, SM-5, SM-6).
 *
 *  deal owner  history                                                              state at asOf
 *  D1   Asha   Discovery 10L (Oct 1) → Negotiation Wed Nov 18; close Dec 15          open 10L, advanced
 *  D2   Asha   Demo Done 5L (Oct 5) → Won Tue Nov 17; close Nov 20 → Nov 17; PAID_SEARCH  won 5L
 *  D3   Vikram Discovery 2L (Oct 10); amount → 2.5L on Sat Nov 21 (after asOf: ignored)  open 2L, stalled, stale
 *  D4   Vikram Discovery 3L created Sun Nov 15 23:30 (last week!), close Dec 1; call Mon   open 3L
 *  D5   Asha   Discovery 4L created Mon Nov 16 00:30 (this week), close Jan 15          open 4L, new
 *  D6   Vikram Negotiation 6L (Sep 1) → Demo Done 4.5L Thu Nov 19 10:00; close Nov 21 → Nov 30 then; meeting Wed
 *                                                                                   open 4.5L, regressed, pushed
 *  D7   Asha   Demo Done 8L (Sep 15) → Lost Wed Nov 18 "Went with a competitor (LogiNext)", close Nov 18  lost 8L
 *  D8   Vikram Demo Done 7L (Sep 20) → Lost Oct 20 → reopened Demo Done Tue Nov 17 12:00 (close → Feb 1 2027),
 *              amount 7L → 9L Thu Nov 19 12:00                                      open 9L, reopened, stale
 *  D9   Asha   Discovery 3L (Oct 1), close Nov 30 → Dec 31 on Wed Nov 18; note Wed     open 3L, pushed
 *  D10  Vikram Negotiation 12L (Sep 1) → Won Oct 15; OFFLINE                          won 12L (before the week)
 *  D11  Asha   Demo Done 2.5L created Tue Nov 17 10:00 → Won Thu Nov 19 17:00; contact c11 (ORGANIC_SEARCH)
 *                                                                                   won 2.5L, new
 *  D12  Vikram Discovery 1.5L (Oct 1) → Lost Nov 5 "  No   budget this FY "; PAID_SEARCH  lost 1.5L
 *  D13  Vikram Discovery 1L (Oct 1), close Dec 20; last call Fri Nov 6 18:00 (exactly 14 days before asOf)
 *                                                                                   open 1L, stalled, not stale
 *  D14  Vikram Discovery, no amount (Oct 1) → Lost Nov 6, no reason; contacts c14a (REFERRALS, Sep 30) and
 *              c14b (EMAIL_MARKETING, Sep 29: the first contact)                        lost 0
 *
 * Engagements this week — Asha: 16 calls (on D1), 5 emails, 3 completed meetings (+1 canceled, +1 on Saturday =
 * future), 5 notes (1 on D9), 1 completed task; and a call on Sun Nov 15 23:30 (last week). Vikram: a call on D4
 * (Mon), 1 other call, 1 meeting on D6 (Wed); and the call on D13 on Nov 6.
 */
export function salesScenario() {
  const b = new PortalBuilder('2026-11-20 18:00');
  b.deal({
    id: '1',
    owner: '101',
    created: '2026-10-01 10:00',
    stages: [
      ['appointmentscheduled', '2026-10-01 10:00'],
      ['contractsent', '2026-11-18 11:00'],
    ],
    amounts: [[10 * L, '2026-10-01 10:00']],
    closeDates: [['2026-12-15', '2026-10-01 10:00']],
  });
  b.deal({
    id: '2',
    owner: '101',
    created: '2026-10-05 10:00',
    source: 'PAID_SEARCH',
    stages: [
      ['qualifiedtobuy', '2026-10-05 10:00'],
      ['closedwon', '2026-11-17 15:00'],
    ],
    amounts: [[5 * L, '2026-10-05 10:00']],
    closeDates: [
      ['2026-11-20', '2026-10-05 10:00'],
      ['2026-11-17', '2026-11-17 15:00'],
    ],
  });
  b.deal({
    id: '3',
    owner: '102',
    created: '2026-10-10 10:00',
    stages: [['appointmentscheduled', '2026-10-10 10:00']],
    amounts: [
      [2 * L, '2026-10-10 10:00'],
      [2.5 * L, '2026-11-21 10:00'],
    ],
  });
  b.deal({
    id: '4',
    owner: '102',
    created: '2026-11-15 23:30',
    stages: [['appointmentscheduled', '2026-11-15 23:30']],
    amounts: [[3 * L, '2026-11-15 23:30']],
    closeDates: [['2026-12-01', '2026-11-15 23:30']],
  });
  b.deal({
    id: '5',
    owner: '101',
    created: '2026-11-16 00:30',
    stages: [['appointmentscheduled', '2026-11-16 00:30']],
    amounts: [[4 * L, '2026-11-16 00:30']],
    closeDates: [['2027-01-15', '2026-11-16 00:30']],
  });
  b.deal({
    id: '6',
    owner: '102',
    created: '2026-09-01 10:00',
    stages: [
      ['contractsent', '2026-09-01 10:00'],
      ['qualifiedtobuy', '2026-11-19 10:00'],
    ],
    amounts: [
      [6 * L, '2026-09-01 10:00'],
      [4.5 * L, '2026-11-19 10:00'],
    ],
    closeDates: [
      ['2026-11-21', '2026-09-01 10:00'],
      ['2026-11-30', '2026-11-19 10:00'],
    ],
  });
  b.deal({
    id: '7',
    owner: '101',
    created: '2026-09-15 10:00',
    lostReason: 'Went with a competitor (LogiNext)',
    stages: [
      ['qualifiedtobuy', '2026-09-15 10:00'],
      ['closedlost', '2026-11-18 16:00'],
    ],
    amounts: [[8 * L, '2026-09-15 10:00']],
    closeDates: [['2026-11-18', '2026-09-15 10:00']],
  });
  b.deal({
    id: '8',
    owner: '102',
    created: '2026-09-20 10:00',
    stages: [
      ['qualifiedtobuy', '2026-09-20 10:00'],
      ['closedlost', '2026-10-20 10:00'],
      ['qualifiedtobuy', '2026-11-17 12:00'],
    ],
    amounts: [
      [7 * L, '2026-09-20 10:00'],
      [9 * L, '2026-11-19 12:00'],
    ],
    closeDates: [
      ['2026-10-20', '2026-10-20 10:00'],
      ['2027-02-01', '2026-11-17 12:00'],
    ],
  });
  b.deal({
    id: '9',
    owner: '101',
    created: '2026-10-01 10:00',
    stages: [['appointmentscheduled', '2026-10-01 10:00']],
    amounts: [[3 * L, '2026-10-01 10:00']],
    closeDates: [
      ['2026-11-30', '2026-10-01 10:00'],
      ['2026-12-31', '2026-11-18 10:00'],
    ],
  });
  b.deal({
    id: '10',
    owner: '102',
    created: '2026-09-01 10:00',
    source: 'OFFLINE',
    stages: [
      ['contractsent', '2026-09-01 10:00'],
      ['closedwon', '2026-10-15 10:00'],
    ],
    amounts: [[12 * L, '2026-09-01 10:00']],
    closeDates: [
      ['2026-10-31', '2026-09-01 10:00'],
      ['2026-10-15', '2026-10-15 10:00'],
    ],
  });
  b.deal({
    id: '11',
    owner: '101',
    created: '2026-11-17 10:00',
    contacts: ['c11'],
    stages: [
      ['qualifiedtobuy', '2026-11-17 10:00'],
      ['closedwon', '2026-11-19 17:00'],
    ],
    amounts: [[2.5 * L, '2026-11-17 10:00']],
    closeDates: [['2026-11-19', '2026-11-19 17:00']],
  });
  b.deal({
    id: '12',
    owner: '102',
    created: '2026-10-01 10:00',
    source: 'PAID_SEARCH',
    lostReason: '  No   budget this FY ',
    stages: [
      ['appointmentscheduled', '2026-10-01 10:00'],
      ['closedlost', '2026-11-05 10:00'],
    ],
    amounts: [[1.5 * L, '2026-10-01 10:00']],
  });
  b.deal({
    id: '13',
    owner: '102',
    created: '2026-10-01 10:00',
    stages: [['appointmentscheduled', '2026-10-01 10:00']],
    amounts: [[1 * L, '2026-10-01 10:00']],
    closeDates: [['2026-12-20', '2026-10-01 10:00']],
  });
  b.deal({
    id: '14',
    owner: '102',
    created: '2026-10-01 10:00',
    contacts: ['c14a', 'c14b'],
    stages: [
      ['appointmentscheduled', '2026-10-01 10:00'],
      ['closedlost', '2026-11-06 10:00'],
    ],
  });
  b.contact({ id: 'c11', created: '2026-11-17 09:00', source: 'ORGANIC_SEARCH' });
  b.contact({ id: 'c14a', created: '2026-09-30 10:00', source: 'REFERRALS' });
  b.contact({ id: 'c14b', created: '2026-09-29 10:00', source: 'EMAIL_MARKETING' });

  // Asha's week
  for (let i = 0; i < 16; i++)
    b.engagement({ id: `a-call-${i}`, kind: 'calls', owner: '101', at: `2026-11-17 10:${pad(i)}`, deals: ['1'] });
  b.engagement({ id: 'a-call-sunday', kind: 'calls', owner: '101', at: '2026-11-15 23:30' });
  for (let i = 0; i < 5; i++)
    b.engagement({ id: `a-email-${i}`, kind: 'emails', owner: '101', at: `2026-11-18 09:0${i}` });
  for (let i = 0; i < 3; i++)
    b.engagement({
      id: `a-meet-${i}`,
      kind: 'meetings',
      owner: '101',
      at: `2026-11-19 1${i + 1}:00`,
      status: 'COMPLETED',
    });
  b.engagement({ id: 'a-meet-canceled', kind: 'meetings', owner: '101', at: '2026-11-19 15:00', status: 'CANCELED' });
  b.engagement({ id: 'a-meet-saturday', kind: 'meetings', owner: '101', at: '2026-11-21 11:00', status: 'SCHEDULED' });
  b.engagement({ id: 'a-note-d9', kind: 'notes', owner: '101', at: '2026-11-18 12:00', deals: ['9'] });
  for (let i = 0; i < 4; i++)
    b.engagement({ id: `a-note-${i}`, kind: 'notes', owner: '101', at: `2026-11-19 16:0${i}` });
  b.engagement({ id: 'a-task', kind: 'tasks', owner: '101', at: '2026-11-19 17:00', status: 'COMPLETED' });
  // Vikram's
  b.engagement({ id: 'v-call-d4', kind: 'calls', owner: '102', at: '2026-11-16 10:00', deals: ['4'] });
  b.engagement({ id: 'v-call', kind: 'calls', owner: '102', at: '2026-11-17 11:00' });
  b.engagement({ id: 'v-call-d13', kind: 'calls', owner: '102', at: '2026-11-06 18:00', deals: ['13'] });
  b.engagement({
    id: 'v-meet-d6',
    kind: 'meetings',
    owner: '102',
    at: '2026-11-18 15:00',
    deals: ['6'],
    status: 'COMPLETED',
  });
  return b.build();
}

/**
 * The velocity scenario (SM-4). All times 00:00 IST.
 *  V1 Asha   Discovery Oct 1 → Demo Done Oct 11 → Negotiation Oct 21 → Won Oct 31, 10L   (cycle 30 d)
 *  V2 Vikram Discovery Sep 1 → Negotiation Sep 21 → Won Oct 11, 20L                      (cycle 40 d)
 *  V3 Asha   Discovery Oct 1 → Demo Done Oct 5 → Lost Oct 15, 3L
 *  V4 Asha   Discovery Nov 1 → Demo Done Nov 10 (open; 10.75 d in stage at asOf Nov 20 18:00), 5L
 *  V5 Vikram Discovery Nov 15 (open; 5.75 d), no amount
 */
export function velocityScenario() {
  const b = new PortalBuilder('2026-11-20 18:00');
  b.deal({
    id: 'V1',
    owner: '101',
    created: '2026-10-01',
    stages: [
      ['appointmentscheduled', '2026-10-01'],
      ['qualifiedtobuy', '2026-10-11'],
      ['contractsent', '2026-10-21'],
      ['closedwon', '2026-10-31'],
    ],
    amounts: [[10 * L, '2026-10-01']],
  });
  b.deal({
    id: 'V2',
    owner: '102',
    created: '2026-09-01',
    stages: [
      ['appointmentscheduled', '2026-09-01'],
      ['contractsent', '2026-09-21'],
      ['closedwon', '2026-10-11'],
    ],
    amounts: [[20 * L, '2026-09-01']],
  });
  b.deal({
    id: 'V3',
    owner: '101',
    created: '2026-10-01',
    stages: [
      ['appointmentscheduled', '2026-10-01'],
      ['qualifiedtobuy', '2026-10-05'],
      ['closedlost', '2026-10-15'],
    ],
    amounts: [[3 * L, '2026-10-01']],
  });
  b.deal({
    id: 'V4',
    owner: '101',
    created: '2026-11-01',
    stages: [
      ['appointmentscheduled', '2026-11-01'],
      ['qualifiedtobuy', '2026-11-10'],
    ],
    amounts: [[5 * L, '2026-11-01']],
  });
  b.deal({ id: 'V5', owner: '102', created: '2026-11-15', stages: [['appointmentscheduled', '2026-11-15']] });
  return b.build();
}

/**
 * The marketing scenario (SA-1, SA-2, SA-3, MA-1, MA-2/3, MA-4, MA-6, value per MQL).
 *
 * Contacts (source; lifecycle, IST):
 *  C1 ORGANIC_SEARCH, company A: lead Nov 16 09:00, MQL 10:00, SQL Nov 17 10:00, opportunity 11:00, customer Nov 19 12:00
 *  C2 PAID_SOCIAL, company A:    lead Nov 16 12:00, MQL Nov 17 09:00
 *  C3 PAID_SOCIAL:               subscriber Nov 17 08:00 → opportunity Nov 18 09:00 (skips lead/MQL/SQL)
 *  C4 OFFLINE:                   subscriber Nov 18 09:00 only
 *  C5 EMAIL_MARKETING:           lead Nov 10 09:00, MQL Fri Nov 20 16:00 (2 h before asOf)
 *  C6 (no source), company C:    lead Nov 16 08:00, MQL 09:00, SQL 12:00
 *  C7 REFERRALS, company B:      lead Oct 1, MQL Oct 2, customer Oct 20
 *  C8 ORGANIC_SEARCH:            no history, lifecycle "lead", created Oct 5
 * Touches: C1 mk-google (PAID_SEARCH) Nov 5 12:00, mk-webinar (EMAIL_MARKETING) Nov 12 12:00, SmartLead 77 SENT
 *   Nov 18 12:00 and REPLY Nov 19 12:00; C2 mk-google Nov 15 12:00; C7 mk-linkedin (PAID_SOCIAL) Sep 29;
 *   C6 SmartLead 77 SENT Nov 17 15:00; a stranger (not in HubSpot) SmartLead 77 SENT Nov 17 16:00.
 * Engagements: call by Asha to C1 Nov 16 18:00; to C6 an INCOMING_EMAIL Nov 16 10:00 and a note Nov 16 11:00.
 * Deals: M1 won 10L (C1, no deal source, company A) created Nov 17 11:00, won Nov 19 12:00
 *        M2 won 6L (C7, deal source OFFLINE, company B) created Oct 3, won Oct 20
 *        M3 open 4L (C3) created Nov 18 09:00;  M4 open 3L (C6) created Nov 18 10:00
 *        M5 open 2L (no contact, no source) created Nov 1;  M6 lost 1L (C8) created Oct 6, lost Oct 25
 *        M7 won 2L (C4) created Oct 25, won Nov 2
 * Spend: mk-google ₹1L, mk-webinar ₹0, mk-linkedin ₹3L, mk-tradeshow unknown; SmartLead 77 ₹50,000.
 */
export function marketingScenario() {
  const b = new PortalBuilder('2026-11-20 18:00');
  b.company('A').company('B').company('C').company('D');
  b.contact({
    id: 'C1',
    created: '2026-11-16 09:00',
    source: 'ORGANIC_SEARCH',
    companies: ['A'],
    email: 'c1@a.example',
    lifecycle: [
      ['lead', '2026-11-16 09:00'],
      ['marketingqualifiedlead', '2026-11-16 10:00'],
      ['salesqualifiedlead', '2026-11-17 10:00'],
      ['opportunity', '2026-11-17 11:00'],
      ['customer', '2026-11-19 12:00'],
    ],
  });
  b.contact({
    id: 'C2',
    created: '2026-11-16 12:00',
    source: 'PAID_SOCIAL',
    companies: ['A'],
    owner: '102',
    lifecycle: [
      ['lead', '2026-11-16 12:00'],
      ['marketingqualifiedlead', '2026-11-17 09:00'],
    ],
  });
  b.contact({
    id: 'C3',
    created: '2026-11-17 08:00',
    source: 'PAID_SOCIAL',
    lifecycle: [
      ['subscriber', '2026-11-17 08:00'],
      ['opportunity', '2026-11-18 09:00'],
    ],
  });
  b.contact({
    id: 'C4',
    created: '2026-11-18 09:00',
    source: 'OFFLINE',
    lifecycle: [['subscriber', '2026-11-18 09:00']],
  });
  b.contact({
    id: 'C5',
    created: '2026-11-10 09:00',
    source: 'EMAIL_MARKETING',
    lifecycle: [
      ['lead', '2026-11-10 09:00'],
      ['marketingqualifiedlead', '2026-11-20 16:00'],
    ],
  });
  b.contact({
    id: 'C6',
    created: '2026-11-16 08:00',
    source: null,
    companies: ['C'],
    email: 'c6@c.example',
    lifecycle: [
      ['lead', '2026-11-16 08:00'],
      ['marketingqualifiedlead', '2026-11-16 09:00'],
      ['salesqualifiedlead', '2026-11-16 12:00'],
    ],
  });
  b.contact({
    id: 'C7',
    created: '2026-10-01 09:00',
    source: 'REFERRALS',
    companies: ['B'],
    lifecycle: [
      ['lead', '2026-10-01 09:00'],
      ['marketingqualifiedlead', '2026-10-02 09:00'],
      ['customer', '2026-10-20 09:00'],
    ],
  });
  b.contact({ id: 'C8', created: '2026-10-05 09:00', source: 'ORGANIC_SEARCH', lifecycleStage: 'lead' });

  b.campaign('mk-google', 'PAID_SEARCH', 1 * L)
    .campaign('mk-webinar', 'EMAIL_MARKETING', 0)
    .campaign('mk-linkedin', 'PAID_SOCIAL', 3 * L)
    .campaign('mk-tradeshow', 'OFFLINE');
  b.touch('C1', 'mk-google', 'PAID_SEARCH', '2026-11-05 12:00');
  b.touch('C1', 'mk-webinar', 'EMAIL_MARKETING', '2026-11-12 12:00');
  b.touch('C2', 'mk-google', 'PAID_SEARCH', '2026-11-15 12:00');
  b.touch('C7', 'mk-linkedin', 'PAID_SOCIAL', '2026-09-29 12:00');
  b.smartleadCampaign(77, 50_000);
  b.smartleadMessage(77, 880, 'c1@a.example', 'SENT', '2026-11-18 12:00');
  b.smartleadMessage(77, 880, 'c1@a.example', 'REPLY', '2026-11-19 12:00');
  b.smartleadMessage(77, 881, 'c6@c.example', 'SENT', '2026-11-17 15:00');
  b.smartleadMessage(77, 882, 'stranger@nowhere.example', 'SENT', '2026-11-17 16:00');

  b.engagement({ id: 'call-c1', kind: 'calls', owner: '101', at: '2026-11-16 18:00', contacts: ['C1'] });
  b.engagement({
    id: 'in-email-c6',
    kind: 'emails',
    owner: '101',
    at: '2026-11-16 10:00',
    contacts: ['C6'],
    direction: 'INCOMING_EMAIL',
  });
  b.engagement({ id: 'note-c6', kind: 'notes', owner: '101', at: '2026-11-16 11:00', contacts: ['C6'] });

  b.deal({
    id: 'M1',
    owner: '101',
    created: '2026-11-17 11:00',
    contacts: ['C1'],
    companies: ['A'],
    stages: [
      ['contractsent', '2026-11-17 11:00'],
      ['closedwon', '2026-11-19 12:00'],
    ],
    amounts: [[10 * L, '2026-11-17 11:00']],
  });
  b.deal({
    id: 'M2',
    owner: '102',
    created: '2026-10-03 09:00',
    source: 'OFFLINE',
    contacts: ['C7'],
    companies: ['B'],
    stages: [
      ['qualifiedtobuy', '2026-10-03 09:00'],
      ['closedwon', '2026-10-20 00:00'],
    ],
    amounts: [[6 * L, '2026-10-03 09:00']],
  });
  b.deal({
    id: 'M3',
    owner: '101',
    created: '2026-11-18 09:00',
    contacts: ['C3'],
    stages: [['qualifiedtobuy', '2026-11-18 09:00']],
    amounts: [[4 * L, '2026-11-18 09:00']],
  });
  b.deal({
    id: 'M4',
    owner: '102',
    created: '2026-11-18 10:00',
    contacts: ['C6'],
    companies: ['C'],
    stages: [['appointmentscheduled', '2026-11-18 10:00']],
    amounts: [[3 * L, '2026-11-18 10:00']],
  });
  b.deal({
    id: 'M5',
    owner: '102',
    created: '2026-11-01 10:00',
    stages: [['appointmentscheduled', '2026-11-01 10:00']],
    amounts: [[2 * L, '2026-11-01 10:00']],
  });
  b.deal({
    id: 'M6',
    owner: '101',
    created: '2026-10-06 10:00',
    contacts: ['C8'],
    stages: [
      ['appointmentscheduled', '2026-10-06 10:00'],
      ['closedlost', '2026-10-25 10:00'],
    ],
    amounts: [[1 * L, '2026-10-06 10:00']],
  });
  b.deal({
    id: 'M7',
    owner: '101',
    created: '2026-10-25 10:00',
    contacts: ['C4'],
    stages: [
      ['qualifiedtobuy', '2026-10-25 10:00'],
      ['closedwon', '2026-11-02 10:00'],
    ],
    amounts: [[2 * L, '2026-10-25 10:00']],
  });
  return b.build();
}
