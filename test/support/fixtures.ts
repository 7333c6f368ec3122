/**
 * Small hand-built portals whose answers tests can compute by hand: deal i (1-based) has amount i × 10,000,
 * stage STAGES[i % 4], owner 101 when i is odd else 102, created on day i of 2026, and contact 300i.
 */
import { parsePortal, type PortalDataset, type PortalDatasetInput } from '../../src/dataset/index.js';

export const STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'contractsent', 'closedwon'] as const;

export interface FixtureOptions {
  deals?: number;
  /** Extra note engagements per deal. */
  notesPerDeal?: number;
}

export function dealAmount(i: number): number {
  return i * 10_000;
}

export function fixtureInput(opts: FixtureOptions = {}): PortalDatasetInput {
  const n = opts.deals ?? 30;
  const notesPerDeal = opts.notesPerDeal ?? 0;
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i - 1) * 86_400_000).toISOString();
  const deals = [];
  const contacts = [];
  const companies = [];
  const notes = [];
  const associations: PortalDatasetInput['associations'] = [];
  const dealHistory: Record<string, Record<string, { value: string; timestamp: string }[]>> = {};
  for (let i = 1; i <= n; i++) {
    const id = String(4000 + i);
    const stage = STAGES[i % 4]!;
    deals.push({
      id,
      properties: {
        dealname: i % 5 === 0 ? `Forace Group Expansion ${i}` : `Deal number ${i}`,
        amount: i % 7 === 0 ? null : String(dealAmount(i)),
        dealstage: stage,
        pipeline: 'default',
        closedate: day(i + 60),
        createdate: day(i),
        hs_lastmodifieddate: day(i + 1),
        hubspot_owner_id: i % 2 ? '101' : '102',
      },
      createdAt: day(i),
      updatedAt: day(i + 1),
    });
    dealHistory[id] = {
      dealstage: [
        { value: 'appointmentscheduled', timestamp: day(i) },
        ...(stage !== 'appointmentscheduled' ? [{ value: stage, timestamp: day(i + 1) }] : []),
      ],
    };
    contacts.push({
      id: String(3000 + i),
      properties: {
        email: `person${i}@client${i % 3}.example`,
        firstname: `P${i}`,
        lastname: 'Test',
        createdate: day(i),
        hs_lastmodifieddate: day(i),
      },
    });
    associations.push({ from: { type: 'deals', id }, to: { type: 'contacts', id: String(3000 + i) } });
    for (let k = 0; k < notesPerDeal; k++) {
      const noteId = String(500000 + i * 100 + k);
      notes.push({
        id: noteId,
        properties: {
          hs_note_body: `<p>Note ${k} on deal ${i}</p>`,
          hs_timestamp: day(i + k),
          hubspot_owner_id: i % 2 ? '101' : '102',
        },
      });
      associations.push({ from: { type: 'notes', id: noteId }, to: { type: 'deals', id } });
    }
  }
  for (let c = 0; c < 3; c++) {
    companies.push({
      id: String(2000 + c),
      properties: { name: `Client ${c} Pvt Ltd`, domain: `client${c}.example`, createdate: day(1) },
    });
  }
  for (let i = 1; i <= n; i++) {
    associations.push({
      from: { type: 'contacts', id: String(3000 + i) },
      to: { type: 'companies', id: String(2000 + (i % 3)) },
    });
    associations.push({
      from: { type: 'deals', id: String(4000 + i) },
      to: { type: 'companies', id: String(2000 + (i % 3)) },
    });
  }
  return {
    format: 'sales-mis/portal@1',
    portal: { name: 'Fixture Portal', currency: 'INR', timezone: 'Asia/Kolkata', asOf: '2026-11-20T18:00:00+05:30' },
    owners: [
      { id: '101', email: 'asha@example.com', firstName: 'Asha', lastName: 'Rao', userId: 9001, archived: false },
      { id: '102', email: 'vikram@example.com', firstName: 'Vikram', lastName: 'Shah', userId: 9002, archived: false },
    ],
    managers: { '101': '102' },
    pipelines: {
      deals: [
        {
          id: 'default',
          label: 'Sales Pipeline',
          displayOrder: 0,
          stages: [
            {
              id: 'appointmentscheduled',
              label: 'Discovery',
              displayOrder: 0,
              metadata: { probability: '0.1', isClosed: 'false' },
            },
            {
              id: 'qualifiedtobuy',
              label: 'Demo Done',
              displayOrder: 1,
              metadata: { probability: '0.3', isClosed: 'false' },
            },
            {
              id: 'contractsent',
              label: 'Negotiation',
              displayOrder: 2,
              metadata: { probability: '0.8', isClosed: 'false' },
            },
            {
              id: 'closedwon',
              label: 'Closed Won',
              displayOrder: 3,
              metadata: { probability: '1.0', isClosed: 'true' },
            },
            {
              id: 'closedlost',
              label: 'Closed Lost',
              displayOrder: 4,
              metadata: { probability: '0.0', isClosed: 'true' },
            },
          ],
        },
      ],
    },
    objects: { companies, contacts, deals, calls: [], emails: [], meetings: [], notes, tasks: [] },
    associations,
    propertyHistory: { deals: dealHistory },
    smartlead: {
      campaigns: [{ id: 77, name: 'Q4 Logistics CFOs', status: 'ACTIVE', created_at: '2026-09-01T00:00:00Z' }],
      leads: [
        {
          campaign_id: 77,
          lead: { id: 880, email: 'person1@client1.example', first_name: 'P1', company_name: 'Client 1' },
          status: 'INPROGRESS',
        },
      ],
      messages: [
        {
          campaign_id: 77,
          lead_id: 880,
          type: 'SENT',
          time: '2026-11-10T09:00:00Z',
          subject: 'Hello',
          email_body: 'Hi',
        },
        { campaign_id: 77, lead_id: 880, type: 'REPLY', time: '2026-11-11T09:00:00Z', email_body: 'Send pricing' },
      ],
    },
  };
}

export function fixture(opts: FixtureOptions = {}): PortalDataset {
  return parsePortal(fixtureInput(opts), 'fixture');
}
