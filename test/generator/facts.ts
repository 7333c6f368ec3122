/**
 * Reads a generated portal back the way a consumer would (records, associations, histories, SmartLead by email),
 * so tests check the data itself rather than the generator's internals.
 */
import type { CrmRecord, HistoryEntry, PortalDataset } from '../../src/dataset/index.js';
import { ENGAGEMENT_TYPES, type EngagementType } from '../../src/dataset/index.js';

export const DAY = 86_400_000;
export const EARLY_STAGES = ['appointmentscheduled', 'qualifiedtobuy'];
export const MAIN_ORDER = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  '183741920',
  'decisionmakerboughtin',
  'contractsent',
];
/** Words that say a proposal, pricing or paperwork is in play. */
export const PROPOSAL_WORDS =
  /proposal|pricing|price|quote|quotation|commercials?|contract|\bPO\b|purchase order|negotiat|discount|\bMSA\b/i;
export const COMPETITOR_WORDS = /LogiNext|FarEye|Locus|Shipsy|Fretron|Intugine/;

export interface Engagement {
  type: EngagementType;
  rec: CrmRecord;
  at: number;
  /** An open task or a scheduled meeting (a next step, not past activity). */
  upcoming: boolean;
}

export interface DealFacts {
  rec: CrmRecord;
  open: boolean;
  stage: string;
  pipeline: string;
  contacts: CrmRecord[];
  engagements: Engagement[];
  history: Record<string, HistoryEntry[]>;
  /** Latest logged engagement at or before asOf, or -Infinity. */
  lastEngagement: number;
  /** Latest SmartLead message (sent or reply) to or from one of the deal's contacts, or -Infinity. */
  lastSmartlead: number;
  /** Earliest upcoming task/meeting after asOf, or Infinity. */
  nextActivity: number;
}

export class Facts {
  readonly asOf: number;
  readonly deals = new Map<string, DealFacts>();
  readonly contacts = new Map<string, CrmRecord>();
  readonly companies = new Map<string, CrmRecord>();
  readonly engagementsByContact = new Map<string, Engagement[]>();
  /** SmartLead messages by lower-cased lead email. */
  readonly smartleadByEmail = new Map<
    string,
    Array<{ type: string; time: number; body: string; campaignId: number; leadId: number }>
  >();
  readonly closedStages: Set<string>;

  constructor(readonly data: PortalDataset) {
    this.asOf = Date.parse(data.portal.asOf);
    this.closedStages = new Set(
      data.pipelines.deals.flatMap((p) => p.stages.filter((s) => s.metadata.isClosed === 'true').map((s) => s.id)),
    );
    for (const c of data.objects.companies) this.companies.set(c.id, c);
    for (const c of data.objects.contacts) this.contacts.set(c.id, c);
    for (const d of data.objects.deals) {
      const stage = d.properties['dealstage']!;
      this.deals.set(d.id, {
        rec: d,
        open: !this.closedStages.has(stage),
        stage,
        pipeline: d.properties['pipeline']!,
        contacts: [],
        engagements: [],
        history: (data.propertyHistory?.deals?.[d.id] ?? {}) as Record<string, HistoryEntry[]>,
        lastEngagement: -Infinity,
        lastSmartlead: -Infinity,
        nextActivity: Infinity,
      });
    }
    const engagements = new Map<string, Engagement>();
    for (const type of ENGAGEMENT_TYPES) {
      for (const rec of data.objects[type]) {
        const p = rec.properties;
        const upcoming =
          (type === 'tasks' && p['hs_task_status'] === 'NOT_STARTED') ||
          (type === 'meetings' && p['hs_meeting_outcome'] === 'SCHEDULED');
        engagements.set(`${type}:${rec.id}`, { type, rec, at: Date.parse(p['hs_timestamp']!), upcoming });
      }
    }
    for (const a of data.associations) {
      if (a.from.type === 'deals' && a.to.type === 'contacts')
        this.deals.get(a.from.id)!.contacts.push(this.contacts.get(a.to.id)!);
      const e = engagements.get(`${a.from.type}:${a.from.id}`);
      if (!e) continue;
      if (a.to.type === 'deals') this.deals.get(a.to.id)!.engagements.push(e);
      if (a.to.type === 'contacts') {
        const list = this.engagementsByContact.get(a.to.id) ?? [];
        list.push(e);
        this.engagementsByContact.set(a.to.id, list);
      }
    }
    const leadEmail = new Map<string, string>();
    for (const l of data.smartlead?.leads ?? [])
      leadEmail.set(`${l.campaign_id}:${l.lead.id}`, l.lead.email.trim().toLowerCase());
    for (const m of data.smartlead?.messages ?? []) {
      const email = leadEmail.get(`${m.campaign_id}:${m.lead_id}`)!;
      const list = this.smartleadByEmail.get(email) ?? [];
      list.push({
        type: m.type,
        time: Date.parse(m.time),
        body: m.email_body ?? '',
        campaignId: m.campaign_id,
        leadId: m.lead_id,
      });
      this.smartleadByEmail.set(email, list);
    }
    for (const d of this.deals.values()) {
      for (const e of d.engagements) {
        if (e.upcoming && e.at > this.asOf) d.nextActivity = Math.min(d.nextActivity, e.at);
        else if (!e.upcoming && e.at <= this.asOf) d.lastEngagement = Math.max(d.lastEngagement, e.at);
      }
      for (const c of d.contacts) {
        for (const m of this.smartleadByEmail.get(c.properties['email']!.trim().toLowerCase()) ?? [])
          d.lastSmartlead = Math.max(d.lastSmartlead, m.time);
      }
    }
  }

  deal(id: string | null): DealFacts {
    const d = this.deals.get(id ?? '');
    if (!d) throw new Error(`no deal ${id}`);
    return d;
  }

  lastActivity(d: DealFacts): number {
    return Math.max(d.lastEngagement, d.lastSmartlead);
  }

  openDeals(): DealFacts[] {
    return [...this.deals.values()].filter((d) => d.open);
  }

  openMainDeals(): DealFacts[] {
    return [...this.deals.values()].filter((d) => d.open && d.pipeline === 'default');
  }

  stageIndex(stage: string): number {
    return MAIN_ORDER.indexOf(stage);
  }
}

export function ids<T extends { objectId: string | null }>(items: T[]): string[] {
  return items.map((p) => p.objectId!).sort();
}
