/**
 * One small portal for the strategy metrics, every number hand-computable (times IST, asOf Fri 20 Nov 2026 18:00):
 * - D1 (Asha 101, PAID_SOCIAL, ₹12 L): Discovery 1 Oct → Demo Done 5 Oct → Negotiation 10 Oct → Won 20 Oct.
 * - D2 (Asha, PAID_SEARCH, ₹6 L): Discovery 2 Oct → Demo Done 6 Oct → Lost 15 Oct.
 * - D3 (Vikram 102, PAID_SOCIAL, ₹24 L): Discovery 3 Oct → Won 5 Nov (skipping Demo Done and Negotiation).
 * - D4 (Vikram, ₹10 L, close 15 Dec): Discovery 1 Nov → Demo Done 10 Nov, open.
 * - D5 (Asha, ₹20 L, close 28 Nov): Discovery 2 Nov → Negotiation 18 Nov, open.
 * - D6 (Vikram, ₹5 L, no close date): Discovery since 1 Sep, open.
 * - Renewals pipeline: R1 (Asha) ₹10 L at opening → renewed won 10 Oct at ₹12 L; R2 (Vikram) ₹8 L, lost 12 Oct.
 * - C1: MQL 2 Nov 10:00, 8 calls from 2 Nov 12:00 (2 h after) one a day; company in logistics, 500 staff, India.
 * - C2: MQL 3 Nov 09:00, 2 calls from 3 Nov 15:00 (6 h after); hs_lead_status UNQUALIFIED, source PAID_SEARCH.
 * - C3: lead 1 Oct → opportunity 10 Oct (skips MQL); meetings 5 Oct (before) and 15 Oct (after converting).
 * - Marketing campaign li (PAID_SOCIAL, ₹3 L) touching C3 on 2 Oct; SmartLead campaign 7 (₹50,000): lead 1 sent and
 *   replied, lead 2 sent.
 */
import type { PortalDatasetInput } from '../../../src/dataset/index.js';
import { PortalBuilder } from '../metrics/builder.js';

export const L = 100_000;

export function strategyScenario(portalName = 'Metric Test Portal'): PortalDatasetInput {
  const b = new PortalBuilder()
    .deal({
      id: 'D1',
      owner: '101',
      created: '2026-10-01',
      source: 'PAID_SOCIAL',
      stages: [
        ['appointmentscheduled', '2026-10-01'],
        ['qualifiedtobuy', '2026-10-05'],
        ['contractsent', '2026-10-10'],
        ['closedwon', '2026-10-20'],
      ],
      amounts: [[12 * L, '2026-10-01']],
      closeDates: [['2026-10-20', '2026-10-01']],
    })
    .deal({
      id: 'D2',
      owner: '101',
      created: '2026-10-02',
      source: 'PAID_SEARCH',
      stages: [
        ['appointmentscheduled', '2026-10-02'],
        ['qualifiedtobuy', '2026-10-06'],
        ['closedlost', '2026-10-15'],
      ],
      amounts: [[6 * L, '2026-10-02']],
      closeDates: [['2026-10-15', '2026-10-02']],
    })
    .deal({
      id: 'D3',
      owner: '102',
      created: '2026-10-03',
      source: 'PAID_SOCIAL',
      stages: [
        ['appointmentscheduled', '2026-10-03'],
        ['closedwon', '2026-11-05'],
      ],
      amounts: [[24 * L, '2026-10-03']],
      closeDates: [['2026-11-05', '2026-10-03']],
    })
    .deal({
      id: 'D4',
      owner: '102',
      created: '2026-11-01',
      stages: [
        ['appointmentscheduled', '2026-11-01'],
        ['qualifiedtobuy', '2026-11-10'],
      ],
      amounts: [[10 * L, '2026-11-01']],
      closeDates: [['2026-12-15', '2026-11-01']],
    })
    .deal({
      id: 'D5',
      owner: '101',
      created: '2026-11-02',
      stages: [
        ['appointmentscheduled', '2026-11-02'],
        ['contractsent', '2026-11-18'],
      ],
      amounts: [[20 * L, '2026-11-02']],
      closeDates: [['2026-11-28', '2026-11-02']],
    })
    .deal({
      id: 'D6',
      owner: '102',
      created: '2026-09-01',
      stages: [['appointmentscheduled', '2026-09-01']],
      amounts: [[5 * L, '2026-09-01']],
    })
    .deal({
      id: 'R1',
      owner: '101',
      created: '2026-09-01',
      stages: [
        ['renewal_open', '2026-09-01'],
        ['renewal_won', '2026-10-10'],
      ],
      amounts: [
        [10 * L, '2026-09-01'],
        [12 * L, '2026-10-10'],
      ],
    })
    .deal({
      id: 'R2',
      owner: '102',
      created: '2026-09-01',
      stages: [
        ['renewal_open', '2026-09-01'],
        ['renewal_lost', '2026-10-12'],
      ],
      amounts: [[8 * L, '2026-09-01']],
    })
    .company('CO1', 'Cargo Co')
    .contact({
      id: 'C1',
      created: '2026-11-01 09:00',
      owner: '101',
      companies: ['CO1'],
      lifecycle: [
        ['lead', '2026-11-01 09:00'],
        ['marketingqualifiedlead', '2026-11-02 10:00'],
      ],
    })
    .contact({
      id: 'C2',
      created: '2026-11-03 09:00',
      owner: '102',
      source: 'PAID_SEARCH',
      lifecycle: [['marketingqualifiedlead', '2026-11-03 09:00']],
    })
    .contact({
      id: 'C3',
      created: '2026-10-01',
      owner: '101',
      lifecycle: [
        ['lead', '2026-10-01'],
        ['opportunity', '2026-10-10'],
      ],
    })
    .engagement({ id: 'm1', kind: 'meetings', at: '2026-10-05 11:00', contacts: ['C3'] })
    .engagement({ id: 'm2', kind: 'meetings', at: '2026-10-15 11:00', contacts: ['C3'] })
    .engagement({ id: 'c2-1', kind: 'calls', at: '2026-11-03 15:00', owner: '102', contacts: ['C2'] })
    .engagement({ id: 'c2-2', kind: 'calls', at: '2026-11-05 15:00', owner: '102', contacts: ['C2'] })
    .campaign('li', 'PAID_SOCIAL', 3 * L)
    .touch('C3', 'li', 'PAID_SOCIAL', '2026-10-02 10:00')
    .smartleadCampaign(7, 50_000)
    .smartleadMessage(7, 1, 'lead1@example.com', 'SENT', '2026-11-02 09:00')
    .smartleadMessage(7, 1, 'lead1@example.com', 'REPLY', '2026-11-03 09:00')
    .smartleadMessage(7, 2, 'lead2@example.com', 'SENT', '2026-11-02 09:30');
  for (let i = 0; i < 8; i++)
    b.engagement({
      id: `c1-${i}`,
      kind: 'calls',
      at: `2026-11-${String(2 + i).padStart(2, '0')} 12:00`,
      owner: '101',
      contacts: ['C1'],
    });
  const input = b.build();
  input.portal.name = portalName;
  input.pipelines!.deals!.push({
    id: 'renewals',
    label: 'Renewals',
    displayOrder: 1,
    stages: [
      {
        id: 'renewal_open',
        label: 'Renewal Open',
        displayOrder: 0,
        metadata: { probability: '0.5', isClosed: 'false' },
      },
      { id: 'renewal_won', label: 'Renewed', displayOrder: 1, metadata: { probability: '1.0', isClosed: 'true' } },
      { id: 'renewal_lost', label: 'Churned', displayOrder: 2, metadata: { probability: '0.0', isClosed: 'true' } },
    ],
  });
  for (const d of input.objects!.deals!) if (d.id.startsWith('R')) d.properties!['pipeline'] = 'renewals';
  const co = input.objects!.companies!.find((c) => c.id === 'CO1')!;
  Object.assign(co.properties!, { industry: 'LOGISTICS_AND_SUPPLY_CHAIN', numberofemployees: '500', country: 'India' });
  const c2 = input.objects!.contacts!.find((c) => c.id === 'C2')!;
  c2.properties!['hs_lead_status'] = 'UNQUALIFIED';
  return input;
}
