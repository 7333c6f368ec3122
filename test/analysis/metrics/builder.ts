/**
 * A tiny portal@1 builder for hand-computed metric tests. Times are written in IST ("2026-11-16 09:00"); a deal's
 * current stage / amount / close date are the last entries of the histories given.
 * Pipeline (as test/support/fixtures.ts): Discovery 0.1 (early), Demo Done 0.3 (mid), Negotiation 0.8 (late),
 * Closed Won, Closed Lost.
 */
import type { PortalDatasetInput } from '../../../src/dataset/index.js';

export const L = 100_000; // one lakh

/** An IST wall-clock time ("2026-11-16 09:00" or "2026-11-16") as an ISO instant. */
export function ist(local: string): string {
  const [date, time = '00:00'] = local.split(' ');
  return new Date(`${date}T${time}:00+05:30`).toISOString();
}

/** A HubSpot close date for an IST calendar date, stored at 00:00Z (as the generator does). */
export const closeDate = (date: string) => `${date}T00:00:00.000Z`;

export interface DealSpec {
  id: string;
  owner?: string | null;
  created: string;
  /** [stage, IST time] */
  stages: [string, string][];
  amounts?: [number | null, string][];
  closeDates?: [string | null, string][];
  source?: string;
  lostReason?: string;
  contacts?: string[];
  companies?: string[];
}

export interface ContactSpec {
  id: string;
  created: string;
  source?: string | null;
  email?: string;
  owner?: string;
  lifecycle?: [string, string][];
  /** Current lifecycle stage when there is no history. */
  lifecycleStage?: string;
  companies?: string[];
}

export type EngagementKind = 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';
export interface EngagementSpec {
  id: string;
  kind: EngagementKind;
  at: string;
  owner?: string | null;
  deals?: string[];
  contacts?: string[];
  /** meeting outcome / task status / email direction */
  status?: string;
  direction?: string;
}

type Props = Record<string, string | null>;

export class PortalBuilder {
  private readonly deals: { id: string; properties: Props; createdAt: string }[] = [];
  private readonly contacts: { id: string; properties: Props; createdAt: string }[] = [];
  private readonly companies: { id: string; properties: Props }[] = [];
  private readonly engagements: Record<EngagementKind, { id: string; properties: Props }[]> = {
    calls: [],
    emails: [],
    meetings: [],
    notes: [],
    tasks: [],
  };
  private readonly associations: NonNullable<PortalDatasetInput['associations']> = [];
  private readonly dealHistory: Record<string, Record<string, { value: string | null; timestamp: string }[]>> = {};
  private readonly contactHistory: Record<string, Record<string, { value: string | null; timestamp: string }[]>> = {};
  private marketing: NonNullable<PortalDatasetInput['marketing']> | undefined;
  private smartlead: NonNullable<PortalDatasetInput['smartlead']> | undefined;

  constructor(private readonly asOf = '2026-11-20 18:00') {}

  deal(s: DealSpec): this {
    const stages = s.stages.map(([v, t]) => ({ value: v, timestamp: ist(t) }));
    const amounts = (s.amounts ?? []).map(([v, t]) => ({ value: v === null ? '' : String(v), timestamp: ist(t) }));
    const closes = (s.closeDates ?? []).map(([v, t]) => ({ value: v === null ? '' : closeDate(v), timestamp: ist(t) }));
    const last = <T>(xs: T[]) => xs[xs.length - 1];
    const amount = last(amounts)?.value;
    const close = last(closes)?.value;
    const properties: Props = {
      dealname: `Deal ${s.id}`,
      dealstage: last(stages)!.value,
      pipeline: 'default',
      createdate: ist(s.created),
      hubspot_owner_id: s.owner === undefined ? '101' : s.owner,
      amount: amount ? amount : null,
      closedate: close ? close : null,
    };
    if (s.source) properties['hs_analytics_source'] = s.source;
    if (s.lostReason !== undefined) properties['closed_lost_reason'] = s.lostReason;
    this.deals.push({ id: s.id, properties, createdAt: ist(s.created) });
    const h: Record<string, { value: string | null; timestamp: string }[]> = { dealstage: stages };
    if (amounts.length) h['amount'] = amounts;
    if (closes.length) h['closedate'] = closes;
    this.dealHistory[s.id] = h;
    for (const c of s.contacts ?? [])
      this.associations.push({ from: { type: 'deals', id: s.id }, to: { type: 'contacts', id: c } });
    for (const c of s.companies ?? [])
      this.associations.push({ from: { type: 'deals', id: s.id }, to: { type: 'companies', id: c } });
    return this;
  }

  contact(s: ContactSpec): this {
    const lifecycle = (s.lifecycle ?? []).map(([v, t]) => ({ value: v, timestamp: ist(t) }));
    this.contacts.push({
      id: s.id,
      createdAt: ist(s.created),
      properties: {
        email: s.email ?? `${s.id}@example.com`,
        firstname: `First${s.id}`,
        lastname: 'Test',
        createdate: ist(s.created),
        lifecyclestage: lifecycle.length ? lifecycle[lifecycle.length - 1]!.value : (s.lifecycleStage ?? null),
        hs_analytics_source: s.source ?? null,
        ...(s.owner ? { hubspot_owner_id: s.owner } : {}),
      },
    });
    if (lifecycle.length) this.contactHistory[s.id] = { lifecyclestage: lifecycle };
    for (const c of s.companies ?? [])
      this.associations.push({ from: { type: 'contacts', id: s.id }, to: { type: 'companies', id: c } });
    return this;
  }

  company(id: string, name = `Company ${id}`): this {
    this.companies.push({ id, properties: { name, domain: `${id}.example` } });
    return this;
  }

  engagement(s: EngagementSpec): this {
    const properties: Props = { hs_timestamp: ist(s.at), hubspot_owner_id: s.owner === undefined ? '101' : s.owner };
    if (s.kind === 'meetings') properties['hs_meeting_outcome'] = s.status ?? 'COMPLETED';
    if (s.kind === 'tasks') properties['hs_task_status'] = s.status ?? 'NOT_STARTED';
    if (s.kind === 'calls') properties['hs_call_status'] = s.status ?? 'COMPLETED';
    if (s.kind === 'emails') properties['hs_email_direction'] = s.direction ?? 'EMAIL';
    if (s.kind === 'notes') properties['hs_note_body'] = `note ${s.id}`;
    this.engagements[s.kind].push({ id: s.id, properties });
    for (const d of s.deals ?? [])
      this.associations.push({ from: { type: s.kind, id: s.id }, to: { type: 'deals', id: d } });
    for (const c of s.contacts ?? [])
      this.associations.push({ from: { type: s.kind, id: s.id }, to: { type: 'contacts', id: c } });
    return this;
  }

  campaign(id: string, channel: string, spend?: number): this {
    this.marketing ??= { campaigns: [], touches: [] };
    this.marketing.campaigns!.push({ id, name: `Campaign ${id}`, channel, ...(spend === undefined ? {} : { spend }) });
    return this;
  }

  touch(contactId: string, campaignId: string, channel: string, at: string): this {
    this.marketing ??= { campaigns: [], touches: [] };
    this.marketing.touches!.push({ contactId, campaignId, channel, timestamp: ist(at) });
    return this;
  }

  smartleadCampaign(id: number, spend?: number): this {
    this.smartlead ??= { campaigns: [], leads: [], messages: [] };
    this.smartlead.campaigns!.push({
      id,
      name: `SmartLead ${id}`,
      status: 'ACTIVE',
      created_at: '2026-09-01T00:00:00Z',
    });
    if (spend !== undefined) (this.smartlead.spend ??= []).push({ campaign_id: id, amount: spend });
    return this;
  }

  smartleadMessage(campaignId: number, leadId: number, email: string, type: 'SENT' | 'REPLY', at: string): this {
    this.smartlead ??= { campaigns: [], leads: [], messages: [] };
    if (!this.smartlead.leads!.some((l) => l.campaign_id === campaignId && l.lead.id === leadId)) {
      this.smartlead.leads!.push({ campaign_id: campaignId, lead: { id: leadId, email }, status: 'INPROGRESS' });
    }
    this.smartlead.messages!.push({
      campaign_id: campaignId,
      lead_id: leadId,
      type,
      time: ist(at),
      subject: 's',
      email_body: 'b',
    });
    return this;
  }

  build(): PortalDatasetInput {
    return {
      format: 'sales-mis/portal@1',
      portal: { name: 'Metric Test Portal', currency: 'INR', timezone: 'Asia/Kolkata', asOf: ist(this.asOf) },
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
      objects: { companies: this.companies, contacts: this.contacts, deals: this.deals, ...this.engagements },
      associations: this.associations,
      propertyHistory: { deals: this.dealHistory, contacts: this.contactHistory },
      ...(this.marketing ? { marketing: this.marketing } : {}),
      ...(this.smartlead ? { smartlead: this.smartlead } : {}),
    };
  }
}
