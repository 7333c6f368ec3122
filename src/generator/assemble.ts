/**
 * Turns the plans into the `sales-mis/portal@1` document: HubSpot-shaped records with ids in per-type ranges,
 * undirected associations, property histories, and the generator's planted list.
 */
import type {
  AeUpdate,
  AssociationInput,
  CrmRecordInput,
  EngagementType,
  PortalDatasetInput,
} from '../dataset/index.js';
import { ENGAGEMENT_TYPES, PORTAL_FORMAT } from '../dataset/index.js';
import type { DealStats } from './activity.js';
import { ID_BASE, assignIds } from './ids.js';
import type { HistoryPoint, OwnerPlan, World } from './model.js';
import { managerMap, ownerRecords } from './owners.js';
import { buildPipelines } from './pipeline.js';
import type { PlantLog } from './plants.js';
import { iso } from './time.js';

export const GENERATOR_NAME = 'sales-mis/demo-generator';

export interface Sections {
  smartlead: NonNullable<PortalDatasetInput['smartlead']>;
  marketing: NonNullable<PortalDatasetInput['marketing']>;
  aeUpdates: AeUpdate[];
}

/** Engagement ids are given by creation time; call before resolving plants that name engagements. */
export function assignEngagementIds(world: World): void {
  for (const type of ENGAGEMENT_TYPES) {
    assignIds(
      world.engagements.filter((e) => e.type === type),
      (e) => e.createdAt,
      ID_BASE[type],
    );
  }
}

export function assemble(world: World, stats: DealStats[], sections: Sections, plants: PlantLog): PortalDatasetInput {
  const { cfg } = world;
  const engagements = byType(world);
  return {
    format: PORTAL_FORMAT,
    portal: { name: 'Demo Logistics SaaS', currency: 'INR', timezone: 'Asia/Kolkata', asOf: cfg.asOfText },
    owners: ownerRecords(world.owners),
    managers: managerMap(world.owners),
    pipelines: buildPipelines(),
    objects: {
      companies: companyRecords(world),
      contacts: contactRecords(world),
      deals: dealRecords(world, stats),
      calls: engagements.calls,
      emails: engagements.emails,
      meetings: engagements.meetings,
      notes: engagements.notes,
      tasks: engagements.tasks,
    },
    associations: associations(world),
    propertyHistory: histories(world),
    smartlead: sections.smartlead,
    marketing: sections.marketing,
    aeUpdates: sections.aeUpdates,
    generator: {
      name: GENERATOR_NAME,
      version: 1,
      seed: cfg.seed,
      deals: cfg.deals,
      asOf: cfg.asOfText,
      planted: plants.entries(),
    },
  };
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => Number(a.id) - Number(b.id));

function record(
  id: string,
  properties: Record<string, string | null>,
  createdAt: number,
  updatedAt: number,
): CrmRecordInput {
  return { id, properties, createdAt: iso(createdAt), updatedAt: iso(updatedAt), archived: false };
}

function companyRecords(world: World): CrmRecordInput[] {
  const { asOf } = world.cfg;
  return byId(world.companies).map((c) => {
    let touched = c.createdAt;
    for (const i of c.contacts) touched = Math.max(touched, world.contacts[i]!.createdAt);
    for (const i of c.deals) touched = Math.max(touched, world.deals[i]!.createdAt);
    touched = Math.min(touched, asOf);
    const props: Record<string, string | null> = { name: c.name };
    if (c.domain) props['domain'] = c.domain;
    Object.assign(props, {
      industry: c.industry,
      city: c.city,
      country: 'India',
      numberofemployees: String(c.employees),
      hubspot_owner_id: world.owners[c.ownerIdx]!.id,
      createdate: iso(c.createdAt),
      hs_lastmodifieddate: iso(touched),
    });
    return record(c.id, props, c.createdAt, touched);
  });
}

function contactRecords(world: World): CrmRecordInput[] {
  return byId(world.contacts).map((c) => {
    const last = c.lifecycle[c.lifecycle.length - 1]!;
    const modified = Math.max(c.createdAt, last.at);
    const props: Record<string, string | null> = {
      email: c.email,
      firstname: c.firstName,
      lastname: c.lastName,
      jobtitle: c.jobTitle,
      phone: c.phone,
      lifecyclestage: last.value,
      hs_analytics_source: c.source,
      createdate: iso(c.createdAt),
      lastmodifieddate: iso(modified),
    };
    if (c.companyIdx !== null) props['associatedcompanyid'] = world.companies[c.companyIdx]!.id;
    if (c.ownerIdx !== null) props['hubspot_owner_id'] = world.owners[c.ownerIdx]!.id;
    return record(c.id, props, c.createdAt, modified);
  });
}

function dealRecords(world: World, stats: DealStats[]): CrmRecordInput[] {
  const { asOf } = world.cfg;
  const when = (ms: number) => (Number.isFinite(ms) ? iso(ms) : null);
  return byId(world.deals).map((d) => {
    const s = stats[d.idx]!;
    let modified = d.createdAt;
    for (const p of [...d.stages, ...d.amounts, ...d.closeDates]) modified = Math.max(modified, p.at);
    modified = Math.min(asOf, Math.max(modified, s.lastTouched));
    const company = world.companies[d.companyIdx]!;
    const props: Record<string, string | null> = {
      dealname: d.pipeline === 'renewals' ? `${company.name} - Renewal FY27` : `${company.name} - ${d.product}`,
      amount: d.amount,
      dealstage: d.stages[d.stages.length - 1]!.value,
      pipeline: d.pipeline,
      closedate: d.closeDate,
      createdate: iso(d.createdAt),
      hubspot_owner_id: world.owners[d.ownerIdx]!.id,
      hs_lastmodifieddate: iso(modified),
      hs_analytics_source: d.source,
      dealtype: d.pipeline === 'renewals' ? 'existingbusiness' : 'newbusiness',
    };
    if (d.lostReason) props['closed_lost_reason'] = d.lostReason;
    if (d.nextStep) props['hs_next_step'] = d.nextStep;
    Object.assign(props, {
      notes_last_updated: when(s.lastActivity),
      notes_last_contacted: when(s.lastContacted),
      notes_next_activity_date: when(s.nextActivity),
      num_notes: String(s.count),
      num_contacted_notes: String(s.contacted),
      num_associated_contacts: String(d.contacts.length),
    });
    return record(d.id, props, d.createdAt, modified);
  });
}

function byType(world: World): Record<EngagementType, CrmRecordInput[]> {
  const out = { calls: [], emails: [], meetings: [], notes: [], tasks: [] } as Record<EngagementType, CrmRecordInput[]>;
  const sorted = [...world.engagements].sort((a, b) => Number(a.id) - Number(b.id));
  for (const e of sorted) out[e.type].push(record(e.id, e.props, e.createdAt, e.modifiedAt));
  return out;
}

function associations(world: World): AssociationInput[] {
  const out: AssociationInput[] = [];
  const link = (
    fromType: AssociationInput['from']['type'],
    fromId: string,
    toType: AssociationInput['to']['type'],
    toId: string,
  ) => out.push({ from: { type: fromType, id: fromId }, to: { type: toType, id: toId } });
  for (const c of byId(world.contacts))
    if (c.companyIdx !== null) link('contacts', c.id, 'companies', world.companies[c.companyIdx]!.id);
  for (const d of byId(world.deals)) {
    link('deals', d.id, 'companies', world.companies[d.companyIdx]!.id);
    for (const c of d.contacts) link('deals', d.id, 'contacts', world.contacts[c]!.id);
  }
  const engagements = [...world.engagements].sort(
    (a, b) => ENGAGEMENT_TYPES.indexOf(a.type) - ENGAGEMENT_TYPES.indexOf(b.type) || Number(a.id) - Number(b.id),
  );
  for (const e of engagements) {
    if (e.dealIdx !== null) link(e.type, e.id, 'deals', world.deals[e.dealIdx]!.id);
    for (const c of e.contactIdxs) link(e.type, e.id, 'contacts', world.contacts[c]!.id);
    if (e.companyIdx !== null) link(e.type, e.id, 'companies', world.companies[e.companyIdx]!.id);
  }
  return out;
}

function histories(world: World): NonNullable<PortalDatasetInput['propertyHistory']> {
  const entries = (points: HistoryPoint[], owner: OwnerPlan | undefined, source = 'CRM_UI') =>
    points.map((p) => ({
      value: p.value,
      timestamp: iso(p.at),
      sourceType: source,
      ...(owner ? { sourceId: `userId:${owner.userId}`, updatedByUserId: owner.userId } : {}),
    }));
  const deals: Record<string, Record<string, ReturnType<typeof entries>>> = {};
  for (const d of byId(world.deals)) {
    const owner = world.owners[d.ownerIdx]!;
    const h: Record<string, ReturnType<typeof entries>> = { dealstage: entries(d.stages, owner) };
    if (d.amounts.length > 0) h['amount'] = entries(d.amounts, owner);
    if (d.closeDates.length > 0) h['closedate'] = entries(d.closeDates, owner);
    deals[d.id] = h;
  }
  const contacts: Record<string, Record<string, ReturnType<typeof entries>>> = {};
  for (const c of byId(world.contacts)) {
    contacts[c.id] = {
      lifecyclestage: c.lifecycle.map((p) => ({
        value: p.value,
        timestamp: iso(p.at),
        sourceType:
          p.value === 'marketingqualifiedlead' || p.value === 'opportunity' || p.value === 'customer'
            ? 'AUTOMATION_PLATFORM'
            : 'CRM_UI',
      })),
    };
  }
  return { deals, contacts };
}
