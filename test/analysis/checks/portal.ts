/**
 * Tiny hand-built portal@1 inputs for the check and risk tests. Rules (so answers can be computed by hand):
 * - asOf is 2026-11-20T18:00:00+05:30 (= 12:30Z), zone Asia/Kolkata, INR; owners 101 (Asha) and 102 (Vikram).
 * - Pipeline "default": Discovery 0.1 (early), Demo Done 0.2 (early), POC 0.4 (mid), Proposal Sent 0.6 (late),
 *   Negotiation 0.9 (late), Closed Won, Closed Lost. Pipeline "renewals": Renewal Open 0.5 (mid), Renewed, Churned.
 * - A deal gets stage history [its stage at createdAt] unless `history` is given; owner 101 unless `owner` is given.
 * - Nothing exists that a test does not add.
 */
import { portalDataFromDataset, type AnalysisContext } from '../../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG, parseTeamConfig, type TeamConfigInput } from '../../../src/config/index.js';
import { parsePortal, type PortalDatasetInput } from '../../../src/dataset/index.js';

export const AS_OF = '2026-11-20T18:00:00+05:30';
export const AS_OF_MS = Date.parse(AS_OF);
export const DAY = 86_400_000;

/** The instant `days` days (may be fractional) before asOf, as ISO. */
export function daysAgo(days: number): string {
  return new Date(AS_OF_MS - days * DAY).toISOString();
}

type Props = Record<string, string | null>;
type EngagementType = 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';

export interface DealSpec {
  id: string;
  stage?: string;
  pipeline?: string;
  amount?: number | null;
  owner?: string | null;
  createdAt?: string;
  closedate?: string | null;
  contacts?: string[];
  companies?: string[];
  /** [stage, timestamp] oldest first. */
  history?: Array<[string, string]>;
  closedateHistory?: Array<[string, string]>;
  amountHistory?: Array<[string, string]>;
  props?: Props;
  name?: string;
}

export interface EngagementSpec {
  id: string;
  at: string;
  deal?: string;
  contacts?: string[];
  subject?: string;
  body?: string;
  /** Task status / meeting outcome / call status. */
  status?: string;
  direction?: string;
  owner?: string;
}

export class PortalBuilder {
  private readonly objects: Record<
    'companies' | 'contacts' | 'deals' | EngagementType,
    PortalDatasetInput['objects']['deals']
  > = {
    companies: [],
    contacts: [],
    deals: [],
    calls: [],
    emails: [],
    meetings: [],
    notes: [],
    tasks: [],
  };
  private readonly associations: NonNullable<PortalDatasetInput['associations']> = [];
  private readonly dealHistory: Record<string, Record<string, Array<{ value: string; timestamp: string }>>> = {};
  private readonly campaigns = new Map<number, { id: number; name: string; status: string; created_at: string }>();
  private readonly leads: Array<{ campaign_id: number; lead: { id: number; email: string } }> = [];
  private readonly messages: Array<{
    campaign_id: number;
    lead_id: number;
    type: 'SENT' | 'REPLY';
    time: string;
    subject?: string;
    email_body?: string;
  }> = [];
  private smartleadOn = false;

  deal(s: DealSpec): this {
    const stage = s.stage ?? 'appointmentscheduled';
    const created = s.createdAt ?? daysAgo(60);
    this.objects.deals!.push({
      id: s.id,
      properties: {
        dealname: s.name ?? `Deal ${s.id}`,
        dealstage: stage,
        pipeline: s.pipeline ?? 'default',
        amount: s.amount === undefined ? '1000000' : s.amount === null ? null : String(s.amount),
        closedate: s.closedate === undefined ? '2027-01-31T00:00:00.000Z' : s.closedate,
        createdate: created,
        hubspot_owner_id: s.owner === undefined ? '101' : s.owner,
        ...(s.props ?? {}),
      },
      createdAt: created,
      updatedAt: created,
    });
    const h: Record<string, Array<{ value: string; timestamp: string }>> = {
      dealstage: (s.history ?? [[stage, created]]).map(([value, timestamp]) => ({ value, timestamp })),
    };
    if (s.closedateHistory) h['closedate'] = s.closedateHistory.map(([value, timestamp]) => ({ value, timestamp }));
    if (s.amountHistory) h['amount'] = s.amountHistory.map(([value, timestamp]) => ({ value, timestamp }));
    this.dealHistory[s.id] = h;
    for (const c of s.contacts ?? []) this.link('deals', s.id, 'contacts', c);
    for (const c of s.companies ?? []) this.link('deals', s.id, 'companies', c);
    return this;
  }

  contact(s: {
    id: string;
    email?: string | null;
    first?: string;
    last?: string;
    company?: string;
    createdAt?: string;
    owner?: string;
  }): this {
    const created = s.createdAt ?? daysAgo(90);
    this.objects.contacts!.push({
      id: s.id,
      properties: {
        email: s.email === undefined ? `c${s.id}@client.example` : s.email,
        firstname: s.first ?? `First${s.id}`,
        lastname: s.last ?? 'Test',
        createdate: created,
        ...(s.owner ? { hubspot_owner_id: s.owner } : {}),
      },
      createdAt: created,
    });
    if (s.company) this.link('contacts', s.id, 'companies', s.company);
    return this;
  }

  company(s: { id: string; name: string; domain?: string | null; createdAt?: string; owner?: string }): this {
    const created = s.createdAt ?? daysAgo(100);
    this.objects.companies!.push({
      id: s.id,
      properties: {
        name: s.name,
        ...(s.domain ? { domain: s.domain } : {}),
        createdate: created,
        ...(s.owner ? { hubspot_owner_id: s.owner } : {}),
      },
      createdAt: created,
    });
    return this;
  }

  engagement(type: EngagementType, s: EngagementSpec): this {
    const p: Props = { hs_timestamp: s.at, hubspot_owner_id: s.owner ?? '101' };
    switch (type) {
      case 'calls':
        Object.assign(p, {
          hs_call_title: s.subject ?? 'Call',
          hs_call_body: s.body ?? '',
          hs_call_status: s.status ?? 'COMPLETED',
          hs_call_direction: s.direction ?? 'OUTBOUND',
        });
        break;
      case 'emails':
        Object.assign(p, {
          hs_email_subject: s.subject ?? 'Email',
          hs_email_text: s.body ?? '',
          hs_email_direction: s.direction ?? 'EMAIL',
          hs_email_status: 'SENT',
        });
        break;
      case 'meetings':
        Object.assign(p, {
          hs_meeting_title: s.subject ?? 'Meeting',
          hs_meeting_body: s.body ?? '',
          hs_meeting_outcome: s.status ?? 'COMPLETED',
          hs_meeting_start_time: s.at,
        });
        break;
      case 'notes':
        Object.assign(p, { hs_note_body: s.body ?? '' });
        break;
      case 'tasks':
        Object.assign(p, {
          hs_task_subject: s.subject ?? 'Task',
          hs_task_body: s.body ?? '',
          hs_task_status: s.status ?? 'COMPLETED',
        });
        break;
    }
    this.objects[type]!.push({ id: s.id, properties: p, createdAt: s.at, updatedAt: s.at });
    if (s.deal) this.link(type, s.id, 'deals', s.deal);
    for (const c of s.contacts ?? []) this.link(type, s.id, 'contacts', c);
    return this;
  }

  note(id: string, deal: string, at: string, body = 'Call notes'): this {
    return this.engagement('notes', { id, deal, at, body });
  }

  /** A SmartLead lead in a campaign, with its messages. */
  lead(s: {
    campaign?: number;
    leadId: number;
    email: string;
    messages: Array<{ type: 'SENT' | 'REPLY'; time: string; body?: string; subject?: string }>;
  }): this {
    this.smartleadOn = true;
    const campaign = s.campaign ?? 77;
    if (!this.campaigns.has(campaign))
      this.campaigns.set(campaign, {
        id: campaign,
        name: `Campaign ${campaign}`,
        status: 'ACTIVE',
        created_at: '2026-06-01T00:00:00Z',
      });
    this.leads.push({ campaign_id: campaign, lead: { id: s.leadId, email: s.email } });
    for (const m of s.messages) {
      this.messages.push({
        campaign_id: campaign,
        lead_id: s.leadId,
        type: m.type,
        time: m.time,
        ...(m.subject ? { subject: m.subject } : {}),
        email_body: m.body ?? 'Hi',
      });
    }
    return this;
  }

  private link(fromType: string, fromId: string, toType: string, toId: string): void {
    this.associations.push({
      from: { type: fromType as 'deals', id: fromId },
      to: { type: toType as 'deals', id: toId },
    });
  }

  build(): PortalDatasetInput {
    return {
      format: 'sales-mis/portal@1',
      portal: { name: 'Test Portal', currency: 'INR', timezone: 'Asia/Kolkata', asOf: AS_OF },
      owners: [
        { id: '101', email: 'asha@example.com', firstName: 'Asha', lastName: 'Rao', userId: 9001, archived: false },
        {
          id: '102',
          email: 'vikram@example.com',
          firstName: 'Vikram',
          lastName: 'Shah',
          userId: 9002,
          archived: false,
        },
      ],
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
                metadata: { probability: '0.2', isClosed: 'false' },
              },
              {
                id: 'presentationscheduled',
                label: 'POC',
                displayOrder: 2,
                metadata: { probability: '0.4', isClosed: 'false' },
              },
              {
                id: 'proposal',
                label: 'Proposal Sent',
                displayOrder: 3,
                metadata: { probability: '0.6', isClosed: 'false' },
              },
              {
                id: 'contractsent',
                label: 'Negotiation',
                displayOrder: 4,
                metadata: { probability: '0.9', isClosed: 'false' },
              },
              {
                id: 'closedwon',
                label: 'Closed Won',
                displayOrder: 5,
                metadata: { probability: '1.0', isClosed: 'true' },
              },
              {
                id: 'closedlost',
                label: 'Closed Lost',
                displayOrder: 6,
                metadata: { probability: '0.0', isClosed: 'true' },
              },
            ],
          },
          {
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
              {
                id: 'renewal_won',
                label: 'Renewed',
                displayOrder: 1,
                metadata: { probability: '1.0', isClosed: 'true' },
              },
              {
                id: 'renewal_lost',
                label: 'Churned',
                displayOrder: 2,
                metadata: { probability: '0.0', isClosed: 'true' },
              },
            ],
          },
        ],
      },
      objects: this.objects,
      associations: this.associations,
      propertyHistory: { deals: this.dealHistory },
      ...(this.smartleadOn
        ? { smartlead: { campaigns: [...this.campaigns.values()], leads: this.leads, messages: this.messages } }
        : {}),
    };
  }
}

export function portal(): PortalBuilder {
  return new PortalBuilder();
}

/** The analysis context over a built portal, with the default team config merged with `config`. */
export async function contextOf(input: PortalDatasetInput, config: TeamConfigInput = {}): Promise<AnalysisContext> {
  const ds = parsePortal(input, 'test portal');
  return {
    data: await portalDataFromDataset(ds),
    config: Object.keys(config).length ? parseTeamConfig(config) : DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
}
