/**
 * An in-memory CrmPort over a `portal@1` dataset: the fake the contract suite holds to the same answers as
 * the HubSpot adapter reading the sandbox, and a fast path for tests and evals.
 */
import type { PortalDataset } from '../../dataset/index.js';
import { comparable, filterMatches } from '../search-semantics.js';
import {
  toCompany,
  toIso,
  toContact,
  toDeal,
  toEngagement,
  toOwner,
  toPipeline,
  type RawHistory,
  type RawRecord,
} from '../mappers.js';
import {
  ENGAGEMENT_KINDS,
  KIND_TO_TYPE,
  type AccountInfo,
  type Company,
  type Contact,
  type CrmObjectType,
  type CrmSnapshot,
  type Deal,
  type Engagement,
  type EngagementKind,
  type Owner,
  type Pipeline,
} from '../model.js';
import type {
  CrmPort,
  CrmWriter,
  CrmWriteResult,
  Modified,
  SearchQuery,
  SnapshotBatch,
  WritableEngagementKind,
} from '../port.js';
import { applyDatasetWrite, type DatasetWrite } from './dataset-writes.js';

export class DatasetCrm implements CrmPort, CrmWriter {
  private readonly links = new Map<string, Map<CrmObjectType, Set<string>>>();

  /** Writes replace `d` copy-on-write (see dataset-writes.ts): the caller's dataset is never changed. */
  constructor(private d: PortalDataset) {
    for (const a of d.associations) {
      this.link(a.from.type, a.from.id, a.to.type, a.to.id);
      this.link(a.to.type, a.to.id, a.from.type, a.from.id);
    }
  }

  private link(fromType: CrmObjectType, fromId: string, toType: CrmObjectType, toId: string): void {
    const key = `${fromType}:${fromId}`;
    let byType = this.links.get(key);
    if (!byType) this.links.set(key, (byType = new Map<CrmObjectType, Set<string>>()));
    let set = byType.get(toType);
    if (!set) byType.set(toType, (set = new Set()));
    set.add(toId);
  }

  private readonly liveIds = new Map<CrmObjectType, Set<string>>();

  updateDeal(id: string, properties: Readonly<Record<string, string>>): Promise<CrmWriteResult> {
    return this.write({ op: 'update', type: 'deals', id, properties });
  }

  createDeal(
    properties: Readonly<Record<string, string>>,
    links: { companyId?: string; contactIds?: ReadonlyArray<string> } = {},
  ): Promise<CrmWriteResult> {
    const to = [
      ...(links.companyId ? [{ type: 'companies' as const, id: links.companyId }] : []),
      ...(links.contactIds ?? []).map((id) => ({ type: 'contacts' as const, id })),
    ];
    return this.write({ op: 'create', type: 'deals', properties, associations: to });
  }

  createEngagement(
    kind: WritableEngagementKind,
    properties: Readonly<Record<string, string>>,
    links: { dealId: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult> {
    const to = [
      { type: 'deals' as const, id: links.dealId },
      ...(links.contactIds ?? []).map((id) => ({ type: 'contacts' as const, id })),
    ];
    return this.write({ op: 'create', type: KIND_TO_TYPE[kind], properties, associations: to });
  }

  private async write(w: DatasetWrite): Promise<CrmWriteResult> {
    const { dataset, id, linked } = applyDatasetWrite(this.d, w, new Date());
    this.d = dataset;
    for (const t of linked) {
      this.link(w.type, id, t.type, t.id);
      this.link(t.type, t.id, w.type, id);
    }
    this.liveIds.clear();
    return { id };
  }

  private linked(type: CrmObjectType, id: string, to: CrmObjectType): string[] {
    let live = this.liveIds.get(to);
    if (!live) this.liveIds.set(to, (live = new Set(this.records(to).map((r) => r.id))));
    return [...(this.links.get(`${type}:${id}`)?.get(to) ?? [])].filter((x) => live.has(x));
  }

  private records(type: CrmObjectType): RawRecord[] {
    return this.d.objects[type].filter((r) => !r.archived);
  }

  private history(type: CrmObjectType, id: string): RawHistory | undefined {
    return this.d.propertyHistory?.[type]?.[id];
  }

  async accountInfo(): Promise<AccountInfo> {
    const p = this.d.portal;
    return {
      portalId: null,
      currency: p.currency,
      timezone: p.timezone,
      asOf: new Date(p.asOf).toISOString(),
      name: p.name,
    };
  }

  async listOwners(): Promise<Owner[]> {
    return this.d.owners.map((o) => toOwner(o));
  }

  async listPipelines(): Promise<Pipeline[]> {
    return this.d.pipelines.deals
      .filter((p) => !p.archived)
      .map((p) =>
        toPipeline({
          ...p,
          stages: p.stages
            .filter((s) => !s.archived)
            .map((s) => ({ ...s, metadata: s.metadata as Record<string, string> })),
        }),
      )
      .sort((a, b) => a.displayOrder - b.displayOrder);
  }

  async listCompanies(): Promise<Company[]> {
    return this.records('companies').map(toCompany);
  }

  async listContacts(): Promise<Contact[]> {
    return this.records('contacts').map((r) =>
      toContact(r, { companies: this.linked('contacts', r.id, 'companies') }, this.history('contacts', r.id)),
    );
  }

  private toDeal(r: RawRecord): Deal {
    return toDeal(
      r,
      { contacts: this.linked('deals', r.id, 'contacts'), companies: this.linked('deals', r.id, 'companies') },
      this.history('deals', r.id),
      this.d.pipelines.deals[0]!.id,
    );
  }

  async listDeals(): Promise<Deal[]> {
    return this.records('deals').map((r) => this.toDeal(r));
  }

  async listEngagements(kind: EngagementKind): Promise<Engagement[]> {
    const type = KIND_TO_TYPE[kind];
    return this.records(type).map((r) =>
      toEngagement(kind, r, {
        deals: this.linked(type, r.id, 'deals'),
        contacts: this.linked(type, r.id, 'contacts'),
        companies: this.linked(type, r.id, 'companies'),
      }),
    );
  }

  async getDeal(id: string): Promise<Deal | null> {
    return (await this.getDeals([id]))[0] ?? null;
  }

  async getDeals(ids: ReadonlyArray<string>): Promise<Deal[]> {
    const byId = new Map(this.records('deals').map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [this.toDeal(r)] : [];
    });
  }

  async getCompanies(ids: ReadonlyArray<string>): Promise<Company[]> {
    return this.pick('companies', ids).map(toCompany);
  }

  async getContacts(ids: ReadonlyArray<string>): Promise<Contact[]> {
    return this.pick('contacts', ids).map((r) =>
      toContact(r, { companies: this.linked('contacts', r.id, 'companies') }, this.history('contacts', r.id)),
    );
  }

  async getEngagements(kind: EngagementKind, ids: ReadonlyArray<string>): Promise<Engagement[]> {
    const type = KIND_TO_TYPE[kind];
    return this.pick(type, ids).map((r) =>
      toEngagement(kind, r, {
        deals: this.linked(type, r.id, 'deals'),
        contacts: this.linked(type, r.id, 'contacts'),
        companies: this.linked(type, r.id, 'companies'),
      }),
    );
  }

  async archivedIds(type: CrmObjectType, since?: string): Promise<string[]> {
    const from = since ? Date.parse(since) : -Infinity;
    return this.d.objects[type]
      .filter((r) => r.archived && Date.parse(r.archivedAt ?? r.updatedAt ?? '1970-01-01') >= from)
      .map((r) => r.id);
  }

  private pick(type: CrmObjectType, ids: ReadonlyArray<string>): RawRecord[] {
    const byId = new Map(this.records(type).map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [r] : [];
    });
  }

  async searchDeals(query: SearchQuery): Promise<Deal[]> {
    let rows = this.records('deals').filter((r) =>
      (query.filters ?? []).every((f) => {
        if (f.propertyName.startsWith('associations.')) {
          const to = ASSOCIATION_ALIASES[f.propertyName.slice('associations.'.length)];
          if (!to) return false;
          const want = f.operator === 'IN' ? (f.values ?? []) : [f.value ?? ''];
          return this.linked('deals', r.id, to).some((id) => want.includes(id));
        }
        return filterMatches(r.properties[f.propertyName] ?? null, f.operator, f);
      }),
    );
    const byId = (a: RawRecord, b: RawRecord) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
    if (query.sort) {
      const { propertyName, direction } = query.sort;
      const sign = direction === 'DESCENDING' ? -1 : 1;
      rows = rows.sort((a, b) => {
        const x = comparable(a.properties[propertyName] ?? null);
        const y = comparable(b.properties[propertyName] ?? null);
        return sign * compareNullable(x, y) || byId(a, b);
      });
    } else rows = rows.sort(byId);
    return (query.max === undefined ? rows : rows.slice(0, query.max)).map((r) => this.toDeal(r));
  }

  async modifiedSince(type: CrmObjectType, since: string): Promise<Modified[]> {
    const from = Date.parse(since);
    return this.records(type).flatMap((r) => {
      const p = r.properties;
      const t =
        toIso((type === 'contacts' ? p['lastmodifieddate'] : undefined) ?? p['hs_lastmodifieddate']) ??
        toIso(r.updatedAt) ??
        toIso(r.createdAt);
      return t !== null && Date.parse(t) >= from ? [{ id: r.id, modifiedAt: t }] : [];
    });
  }

  async associations(
    from: CrmObjectType,
    ids: ReadonlyArray<string>,
    to: CrmObjectType,
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of ids) {
      const list = this.linked(from, id, to).sort((a, b) => Number(a) - Number(b));
      if (list.length) out.set(id, list);
    }
    return out;
  }

  async streamAll(onBatch: (batch: SnapshotBatch) => void | Promise<void>): Promise<void> {
    const snap = await this.readAll();
    await onBatch({ account: snap.account, owners: snap.owners, pipelines: snap.pipelines });
    const chunks = <T>(xs: T[]) =>
      Array.from({ length: Math.ceil(xs.length / 100) }, (_, i) => xs.slice(i * 100, i * 100 + 100));
    for (const companies of chunks(snap.companies)) await onBatch({ companies });
    for (const contacts of chunks(snap.contacts)) await onBatch({ contacts });
    for (const deals of chunks(snap.deals)) await onBatch({ deals });
    for (const engagements of chunks(snap.engagements)) await onBatch({ engagements });
  }

  async readAll(): Promise<CrmSnapshot> {
    const engagements: Engagement[] = [];
    for (const kind of ENGAGEMENT_KINDS) engagements.push(...(await this.listEngagements(kind)));
    return {
      account: await this.accountInfo(),
      owners: await this.listOwners(),
      pipelines: await this.listPipelines(),
      companies: await this.listCompanies(),
      contacts: await this.listContacts(),
      deals: await this.listDeals(),
      engagements,
      fetchedAt: new Date().toISOString(),
    };
  }
}

const ASSOCIATION_ALIASES: Record<string, CrmObjectType> = {
  contact: 'contacts',
  contacts: 'contacts',
  company: 'companies',
  companies: 'companies',
  deal: 'deals',
  deals: 'deals',
};

function compareNullable(x: number | string | null, y: number | string | null): number {
  if (x === null && y === null) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return -1;
  if (typeof y === 'number') return 1;
  return x.localeCompare(y);
}
