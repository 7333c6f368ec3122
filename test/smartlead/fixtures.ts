/**
 * A small portal whose SmartLead section exercises paging (130 leads in one campaign, 123 sent emails),
 * string ids, offset times, out-of-order messages, replies, bounces, a shared lead and unknown fields.
 */
import { parsePortal, type PortalDataset, type PortalDatasetInput } from '../../src/dataset/index.js';

export const BIG = 77; // 130 leads
export const SMALL = 78; // 3 leads, id given as a string in the file
export const EMPTY = 12; // no leads
export const MISSING = 999;

export const BIG_LEADS = 130;
/** Leads 890..1009 of the big campaign got one email each. */
const MASS_FIRST = 890;
const MASS_LAST = 1009;

export function leadEmail(id: number): string {
  if (id === 880) return 'CFO@Forace.example';
  return `lead${id}@acme${id % 5}.example`;
}

export function buildPortal(): PortalDataset {
  const leads: NonNullable<PortalDatasetInput['smartlead']>['leads'] = [];
  for (let id = 880; id < 880 + BIG_LEADS; id++) {
    leads.push({
      campaign_id: BIG,
      ...(id === 880 ? { status: 'INPROGRESS', lead_category_id: 1 } : {}),
      lead: {
        id,
        email: leadEmail(id),
        first_name: id === 880 ? 'Ravi' : `First${id}`,
        last_name: id === 880 ? 'K' : null,
        company_name: id === 880 ? 'Forace Group' : `Acme ${id % 5}`,
        ...(id === 880 ? { custom_fields: { Title: 'CFO' }, lead_score: 42 } : {}),
      },
    });
  }
  leads.push(
    { campaign_id: '78', lead: { id: 881, email: leadEmail(881), first_name: 'First881' } },
    {
      campaign_id: SMALL,
      status: 'COMPLETED',
      created_at: '2026-10-02T12:00:00Z',
      lead: { id: 2000, email: 'ops@warehouse.example', first_name: 'Meera' },
    },
    {
      campaign_id: SMALL,
      status: 'PAUSED',
      lead: { id: '2001', email: 'head@depot.example', first_name: 'Arun', is_unsubscribed: true },
    },
  );

  const messages: NonNullable<PortalDatasetInput['smartlead']>['messages'] = [
    // 880's reply is listed first: the API must order by time
    {
      campaign_id: BIG,
      lead_id: 880,
      type: 'REPLY',
      time: '2026-11-14T10:00:00Z',
      email_body: '<p>Send the deck</p>',
      cc: [],
    },
    {
      campaign_id: BIG,
      lead_id: 880,
      type: 'SENT',
      time: '2026-11-10T09:00:00Z',
      subject: 'Freight costs at Forace',
      email_body: '<p>Hi Ravi</p>',
    },
    {
      campaign_id: BIG,
      lead_id: 880,
      type: 'SENT',
      time: '2026-11-13T09:00:00+05:30',
      subject: 'Re: Freight costs at Forace',
      email_body: '<p>Following up</p>',
    },
    {
      campaign_id: BIG,
      lead_id: 881,
      type: 'SENT',
      time: '2026-11-11T09:00:00Z',
      subject: 'Hello',
      email_body: '<p>Hello</p>',
    },
    {
      campaign_id: SMALL,
      lead_id: 881,
      type: 'SENT',
      time: '2026-11-12T08:00:00Z',
      subject: 'Warehouses',
      email_body: '<p>W</p>',
    },
    {
      campaign_id: SMALL,
      lead_id: 881,
      type: 'REPLY',
      time: '2026-11-12T12:00:00Z',
      subject: 'Re: Warehouses',
      email_body: '<p>Not now</p>',
    },
    {
      campaign_id: SMALL,
      lead_id: 2000,
      type: 'SENT',
      time: '2026-10-05T08:00:00Z',
      subject: 'Docks',
      email_body: '<p>D</p>',
      open_time: '2026-10-05T09:00:00Z',
      click_time: '2026-10-05T09:01:00Z',
      open_count: 3,
      click_count: 1,
    },
  ];
  for (let id = MASS_FIRST; id <= MASS_LAST; id++) {
    const day = 1 + (id % 9); // 2026-11-01 .. 2026-11-09
    messages.push({
      campaign_id: BIG,
      lead_id: id,
      type: 'SENT',
      time: `2026-11-0${day}T0${id % 10}:15:00Z`,
      subject: `Intro ${id}`,
      email_body: `<p>Intro ${id}</p>`,
      ...(id === 895 ? { is_bounced: true } : {}),
    });
  }

  const input: PortalDatasetInput = {
    format: 'sales-mis/portal@1',
    portal: {
      name: 'Outreach test portal',
      currency: 'INR',
      timezone: 'Asia/Kolkata',
      asOf: '2026-11-20T18:00:00+05:30',
    },
    owners: [{ id: '101', email: 'ae.one@example.com', firstName: 'Asha', lastName: 'Rao' }],
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
          ],
        },
      ],
    },
    objects: {},
    smartlead: {
      campaigns: [
        {
          id: BIG,
          name: 'Q4 Logistics CFOs',
          status: 'ACTIVE',
          created_at: '2026-09-01T00:00:00Z',
          track_settings: ['DONT_LINK_CLICK'],
          custom_note: 'keep me',
        },
        {
          id: '78',
          name: 'Warehouse Heads',
          status: 'PAUSED',
          created_at: '2026-10-01T10:00:00+05:30',
          updated_at: '2026-10-03T10:00:00Z',
          client_id: 5,
        },
        { id: EMPTY, name: 'Empty draft', status: 'DRAFTED', created_at: '2026-08-01T00:00:00Z' },
      ],
      leads,
      messages,
      spend: [{ campaign_id: BIG, amount: 25000 }],
    },
  };
  return parsePortal(input, 'outreach fixture');
}

/** Ground truth computed from the dataset itself, for the contract suite. */
export const expected = {
  campaignIds: [SMALL, BIG, EMPTY],
  bigSent: 2 + 1 + (MASS_LAST - MASS_FIRST + 1), // 123
  bigUniqueSent: 2 + (MASS_LAST - MASS_FIRST + 1), // 122
  totalMessages: 7 + (MASS_LAST - MASS_FIRST + 1), // 127
  totalLeads: BIG_LEADS + 3,
};
