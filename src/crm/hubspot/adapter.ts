/** CrmPort over the official HubSpot client: full paging, batch reads, v4 associations, windowed search. */
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
import {
  toCompany,
  toContact,
  toDeal,
  toEngagement,
  toIso,
  toOwner,
  toPipeline,
  type Links,
  type RawHistory,
  type RawRecord,
} from '../mappers.js';
import type {
  CrmPort,
  CrmWriter,
  CrmWriteResult,
  Modified,
  ReadProgress,
  SearchFilter,
  SearchQuery,
  SnapshotBatch,
  WritableEngagementKind,
} from '../port.js';
import type { HubSpotClient } from './client.js';
import { mapHubSpotError } from './errors.js';
import { HubSpotWrites } from './writes.js';

const PAGE = 100;
const PAGE_WITH_HISTORY = 50;
const BATCH = 100;
const SEARCH_PAGE = 200;
/** HubSpot names the modification time `lastmodifieddate` on contacts and `hs_lastmodifieddate` elsewhere. */
export function modifiedProperty(type: CrmObjectType): string {
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

/** Windows end here rather than "now": sandboxes and imports can carry modification dates in the future. */
const WINDOW_END = Date.UTC(2100, 0, 1);

export const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'dealstage',
  'pipeline',
  'closedate',
  'createdate',
  'hs_lastmodifieddate',
  'hubspot_owner_id',
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'closed_lost_reason',
  'closed_won_reason',
  'hs_next_step',
  'notes_last_updated',
  'notes_next_activity_date',
  'num_associated_contacts',
  'dealtype',
  'description',
  'hs_priority',
];
export const DEAL_HISTORY = ['dealstage', 'closedate', 'amount', 'dealname'];
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'lifecyclestage',
  'hs_lead_status',
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'createdate',
  'lastmodifieddate',
  'hubspot_owner_id',
  'company',
];
export const COMPANY_PROPERTIES = [
  'name',
  'domain',
  'industry',
  'city',
  'country',
  'numberofemployees',
  'createdate',
  'hs_lastmodifieddate',
  'hubspot_owner_id',
  'hs_analytics_source',
];
const ENGAGEMENT_COMMON = ['hs_timestamp', 'hubspot_owner_id', 'hs_createdate', 'hs_lastmodifieddate'];
export const ENGAGEMENT_PROPERTIES: Record<EngagementKind, string[]> = {
  call: [
    ...ENGAGEMENT_COMMON,
    'hs_call_title',
    'hs_call_body',
    'hs_call_direction',
    'hs_call_duration',
    'hs_call_status',
    'hs_call_disposition',
  ],
  email: [
    ...ENGAGEMENT_COMMON,
    'hs_email_subject',
    'hs_email_text',
    'hs_email_html',
    'hs_email_direction',
    'hs_email_status',
    'hs_email_headers',
  ],
  meeting: [
    ...ENGAGEMENT_COMMON,
    'hs_meeting_title',
    'hs_meeting_body',
    'hs_internal_meeting_notes',
    'hs_meeting_start_time',
    'hs_meeting_end_time',
    'hs_meeting_outcome',
    'hs_meeting_location',
  ],
  note: [...ENGAGEMENT_COMMON, 'hs_note_body'],
  task: [...ENGAGEMENT_COMMON, 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type'],
};

interface PageRecord extends RawRecord {
  propertiesWithHistory?: RawHistory;
  associations?: Record<string, { results: { id: string; type: string }[]; paging?: unknown }>;
}

interface Page {
  results: PageRecord[];
  paging?: { next?: { after: string } } | undefined;
}

export class HubSpotCrm implements CrmPort, CrmWriter {
  private pipelinesCache: Pipeline[] | undefined;
  private readonly writes: HubSpotWrites;

  constructor(private readonly hs: HubSpotClient) {
    this.writes = new HubSpotWrites(hs);
  }

  // Writes (src/writes only): one request each, never retried; see writes.ts.
  updateDeal(id: string, properties: Readonly<Record<string, string>>): Promise<CrmWriteResult> {
    return this.writes.updateDeal(id, properties);
  }

  createDeal(
    properties: Readonly<Record<string, string>>,
    links?: { companyId?: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult> {
    return this.writes.createDeal(properties, links);
  }

  createEngagement(
    kind: WritableEngagementKind,
    properties: Readonly<Record<string, string>>,
    links: { dealId: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult> {
    return this.writes.createEngagement(kind, properties, links);
  }

  /** Call-time options for the generated APIs (the request counter); typed loosely as each API module has its own copy of the type. */
  private get opt(): never {
    return this.hs.options as never;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw mapHubSpotError(e, what);
    }
  }

  async accountInfo(): Promise<AccountInfo> {
    return this.call('reading account details', async () => {
      this.hs.counter.record('GET', '/account-info/v3/details');
      const res = await this.hs.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
      if (!res.ok)
        throw Object.assign(new Error(`account-info ${res.status}`), {
          code: res.status,
          body: (await res.json().catch(() => ({}))) as unknown,
        });
      const body = (await res.json()) as {
        portalId?: number;
        companyCurrency?: string;
        timeZone?: string;
        uiDomain?: string;
        sandbox?: { asOf?: string; name?: string };
      };
      return {
        portalId: body.portalId ?? null,
        currency: body.companyCurrency ?? 'USD',
        timezone: body.timeZone ?? 'UTC',
        asOf: body.sandbox?.asOf ?? null,
        name: body.sandbox?.name ?? null,
      };
    });
  }

  async listOwners(): Promise<Owner[]> {
    const out: Owner[] = [];
    for (const archived of [false, true]) {
      let after: string | undefined;
      do {
        const page = await this.call('listing owners', () =>
          this.hs.client.crm.owners.ownersApi.getPage(undefined, after, 500, archived, this.opt),
        );
        for (const o of page.results) out.push(toOwner({ ...o, archived }));
        after = page.paging?.next?.after;
      } while (after);
    }
    return out;
  }

  /** Always read fresh; the result is kept only to name the default pipeline when mapping deals. */
  async listPipelines(): Promise<Pipeline[]> {
    const res = await this.call('listing deal pipelines', () =>
      this.hs.client.crm.pipelines.pipelinesApi.getAll('deals', this.opt),
    );
    this.pipelinesCache = res.results
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
    return this.pipelinesCache;
  }

  private async defaultPipeline(): Promise<string> {
    return (this.pipelinesCache ?? (await this.listPipelines()))[0]?.id ?? 'default';
  }

  /**
   * Every page of a type, with inline associations (first page of each; the rest through v4). With `onRecords`,
   * each page is handed over as it arrives and nothing is accumulated.
   */
  private async listRaw(
    type: CrmObjectType,
    properties: string[],
    history: string[],
    associations: CrmObjectType[],
    onPage?: (n: number) => void,
    onRecords?: (records: PageRecord[]) => Promise<void> | void,
  ): Promise<PageRecord[]> {
    const out: PageRecord[] = [];
    let after: string | undefined;
    let seen = 0;
    const limit = history.length ? PAGE_WITH_HISTORY : PAGE;
    do {
      const page = (await this.call(`listing ${type}`, () =>
        this.hs.client.crm.objects.basicApi.getPage(
          type,
          limit,
          after,
          properties,
          history.length ? history : undefined,
          associations.length ? associations : undefined,
          false,
          this.opt,
        ),
      )) as unknown as Page;
      await this.completeInlineAssociations(type, page.results, associations);
      seen += page.results.length;
      if (onRecords) await onRecords(page.results);
      else out.push(...page.results);
      onPage?.(seen);
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  /** HubSpot pages inline associations; fetch what did not fit through the v4 API. */
  private async completeInlineAssociations(
    type: CrmObjectType,
    records: PageRecord[],
    associations: CrmObjectType[],
  ): Promise<void> {
    for (const to of associations) {
      const partial = records.filter((r) => r.associations?.[to]?.paging);
      if (!partial.length) continue;
      const full = await this.associations(
        type,
        partial.map((r) => r.id),
        to,
      );
      for (const r of partial)
        r.associations![to] = { results: (full.get(r.id) ?? []).map((id) => ({ id, type: '' })) };
    }
  }

  private static links(r: PageRecord): Links {
    const ids = (k: string) => (r.associations?.[k]?.results ?? []).map((a) => String(a.id));
    return { deals: ids('deals'), contacts: ids('contacts'), companies: ids('companies') };
  }

  async listCompanies(
    onPage?: (n: number) => void,
    onBatch?: (x: Company[]) => Promise<void> | void,
  ): Promise<Company[]> {
    const map = (rs: PageRecord[]) => rs.map(toCompany);
    return map(
      await this.listRaw('companies', COMPANY_PROPERTIES, [], [], onPage, onBatch && ((rs) => onBatch(map(rs)))),
    );
  }

  async listContacts(
    onPage?: (n: number) => void,
    onBatch?: (x: Contact[]) => Promise<void> | void,
  ): Promise<Contact[]> {
    const map = (rs: PageRecord[]) => rs.map((r) => toContact(r, HubSpotCrm.links(r), r.propertiesWithHistory));
    return map(
      await this.listRaw(
        'contacts',
        CONTACT_PROPERTIES,
        ['lifecyclestage'],
        ['companies'],
        onPage,
        onBatch && ((rs) => onBatch(map(rs))),
      ),
    );
  }

  async listDeals(onPage?: (n: number) => void, onBatch?: (x: Deal[]) => Promise<void> | void): Promise<Deal[]> {
    const defaultPipeline = await this.defaultPipeline();
    const map = (rs: PageRecord[]) =>
      rs.map((r) => toDeal(r, HubSpotCrm.links(r), r.propertiesWithHistory, defaultPipeline));
    return map(
      await this.listRaw(
        'deals',
        DEAL_PROPERTIES,
        DEAL_HISTORY,
        ['contacts', 'companies'],
        onPage,
        onBatch && ((rs) => onBatch(map(rs))),
      ),
    );
  }

  async listEngagements(
    kind: EngagementKind,
    onPage?: (n: number) => void,
    onBatch?: (x: Engagement[]) => Promise<void> | void,
  ): Promise<Engagement[]> {
    const map = (rs: PageRecord[]) => rs.map((r) => toEngagement(kind, r, HubSpotCrm.links(r)));
    return map(
      await this.listRaw(
        KIND_TO_TYPE[kind],
        ENGAGEMENT_PROPERTIES[kind],
        [],
        ['deals', 'contacts', 'companies'],
        onPage,
        onBatch && ((rs) => onBatch(map(rs))),
      ),
    );
  }

  async getDeal(id: string): Promise<Deal | null> {
    return (await this.getDeals([id]))[0] ?? null;
  }

  async getDeals(ids: ReadonlyArray<string>): Promise<Deal[]> {
    const defaultPipeline = await this.defaultPipeline();
    const { records, links } = await this.batchRaw('deals', ids, DEAL_PROPERTIES, DEAL_HISTORY, [
      'contacts',
      'companies',
    ]);
    const l = (to: CrmObjectType, id: string) => links.get(to)?.get(id) ?? [];
    return records.map((r) =>
      toDeal(
        r,
        { contacts: l('contacts', r.id), companies: l('companies', r.id) },
        r.propertiesWithHistory,
        defaultPipeline,
      ),
    );
  }

  /** Batch read of any type by id (≤100 a request), with the associations asked for through v4. */
  private async batchRaw(
    type: CrmObjectType,
    ids: ReadonlyArray<string>,
    properties: string[],
    history: string[],
    associations: CrmObjectType[],
  ): Promise<{ records: PageRecord[]; links: Map<CrmObjectType, Map<string, string[]>> }> {
    const records: PageRecord[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const res = await this.call(`reading ${type}`, () =>
        this.hs.client.crm.objects.batchApi.read(
          type,
          { inputs: chunk.map((id) => ({ id })), properties, propertiesWithHistory: history },
          false,
          this.opt,
        ),
      );
      records.push(...(res.results as unknown as PageRecord[]));
    }
    const found = records.map((r) => r.id);
    const links = new Map<CrmObjectType, Map<string, string[]>>();
    for (const to of associations)
      links.set(to, found.length ? await this.associations(type, found, to) : new Map<string, string[]>());
    const order = new Map(ids.map((id, i) => [id, i]));
    records.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { records, links };
  }

  async getCompanies(ids: ReadonlyArray<string>): Promise<Company[]> {
    return (await this.batchRaw('companies', ids, COMPANY_PROPERTIES, [], [])).records.map(toCompany);
  }

  async getContacts(ids: ReadonlyArray<string>): Promise<Contact[]> {
    const { records, links } = await this.batchRaw(
      'contacts',
      ids,
      CONTACT_PROPERTIES,
      ['lifecyclestage'],
      ['companies'],
    );
    return records.map((r) =>
      toContact(r, { companies: links.get('companies')?.get(r.id) ?? [] }, r.propertiesWithHistory),
    );
  }

  async getEngagements(kind: EngagementKind, ids: ReadonlyArray<string>): Promise<Engagement[]> {
    const { records, links } = await this.batchRaw(
      KIND_TO_TYPE[kind],
      ids,
      ENGAGEMENT_PROPERTIES[kind],
      [],
      ['deals', 'contacts', 'companies'],
    );
    const l = (to: CrmObjectType, id: string) => links.get(to)?.get(id) ?? [];
    return records.map((r) =>
      toEngagement(kind, r, {
        deals: l('deals', r.id),
        contacts: l('contacts', r.id),
        companies: l('companies', r.id),
      }),
    );
  }

  async archivedIds(type: CrmObjectType, since?: string): Promise<string[]> {
    const from = since ? Date.parse(since) : -Infinity;
    const out: string[] = [];
    let after: string | undefined;
    do {
      const page = (await this.call(`listing archived ${type}`, () =>
        this.hs.client.crm.objects.basicApi.getPage(
          type,
          PAGE,
          after,
          ['hs_object_id'],
          undefined,
          undefined,
          true,
          this.opt,
        ),
      )) as unknown as { results: { id: string; archivedAt?: Date | string }[]; paging?: { next?: { after: string } } };
      for (const r of page.results) {
        const at = r.archivedAt ? new Date(r.archivedAt).getTime() : Infinity;
        if (at >= from) out.push(String(r.id));
      }
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  async associations(
    from: CrmObjectType,
    ids: ReadonlyArray<string>,
    to: CrmObjectType,
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const pending: { id: string; after?: string }[] = ids.map((id) => ({ id }));
    while (pending.length) {
      const chunk = pending.splice(0, BATCH);
      const res = await this.call(`reading ${from}→${to} associations`, () =>
        this.hs.client.crm.associations.v4.batchApi.getPage(
          from,
          to,
          { inputs: chunk.map((c) => (c.after ? { id: c.id, after: c.after } : { id: c.id })) },
          this.opt,
        ),
      );
      for (const r of res.results) {
        const fromId = String(r._from.id);
        const list = out.get(fromId) ?? [];
        // toObjectId arrives as a JSON number although the model says string (docs/api-facts.md A3)
        for (const t of r.to) list.push(String(t.toObjectId));
        out.set(fromId, list);
        const next = (r as { paging?: { next?: { after?: string } } }).paging?.next?.after;
        if (next) pending.push({ id: fromId, after: next });
      }
    }
    return out;
  }

  async searchDeals(query: SearchQuery): Promise<Deal[]> {
    const hits = await this.searchIds('deals', query.filters ?? [], query.sort, query.max);
    return this.getDeals(hits.map((h) => h.id));
  }

  async modifiedSince(type: CrmObjectType, since: string): Promise<Modified[]> {
    return this.searchWindows(type, [], Date.parse(since), WINDOW_END);
  }

  /** Search ids in order; past the 10,000 cap it switches to hs_lastmodifieddate windows (sort is then by window). */
  private async searchIds(
    type: CrmObjectType,
    filters: SearchFilter[],
    sort: SearchQuery['sort'],
    max?: number,
  ): Promise<Modified[]> {
    const first = await this.searchPage(type, filters, sort, 0, Math.min(SEARCH_PAGE, max ?? SEARCH_PAGE));
    const cap = this.hs.searchCap;
    if (first.total > cap && (max === undefined || max > cap)) {
      const ids = await this.searchWindows(type, filters, 0, WINDOW_END);
      return max === undefined ? ids : ids.slice(0, max);
    }
    const ids = [...first.ids];
    let after = first.after;
    while (after !== undefined && (max === undefined || ids.length < max)) {
      const page = await this.searchPage(type, filters, sort, after, SEARCH_PAGE);
      ids.push(...page.ids);
      after = page.after;
    }
    return max === undefined ? ids : ids.slice(0, max);
  }

  /**
   * Every id matching `filters` with hs_lastmodifieddate in [from, to): pages through a window when it holds
   * no more than the cap (10,000), otherwise splits it in two. Each window's first page doubles as its probe.
   */
  private async searchWindows(
    type: CrmObjectType,
    filters: SearchFilter[],
    from: number,
    to: number,
  ): Promise<Modified[]> {
    const modified = modifiedProperty(type);
    const windowFilters: SearchFilter[] = [
      ...filters,
      { propertyName: modified, operator: 'GTE', value: String(from) },
      { propertyName: modified, operator: 'LT', value: String(to) },
    ];
    const sort = { propertyName: modified, direction: 'ASCENDING' as const };
    const first = await this.searchPage(type, windowFilters, sort, 0, SEARCH_PAGE);
    if (first.total > this.hs.searchCap && to - from > 1) {
      const mid = Math.floor((from + to) / 2);
      return [
        ...(await this.searchWindows(type, filters, from, mid)),
        ...(await this.searchWindows(type, filters, mid, to)),
      ];
    }
    const ids = [...first.ids];
    let after = first.after;
    while (after !== undefined) {
      const page = await this.searchPage(type, windowFilters, sort, after, SEARCH_PAGE);
      ids.push(...page.ids);
      after = page.after;
    }
    return ids;
  }

  private async searchPage(
    type: CrmObjectType,
    filters: SearchFilter[],
    sort: SearchQuery['sort'],
    after: number,
    limit: number,
  ): Promise<{ ids: Modified[]; total: number; after?: number }> {
    const res = await this.call(`searching ${type}`, () =>
      this.hs.search(() =>
        this.hs.client.crm.objects.searchApi.doSearch(
          type,
          {
            filterGroups: filters.length ? [{ filters: filters as never }] : [],
            sorts: (sort ? [sort] : []) as unknown as string[],
            properties: ['hs_object_id', modifiedProperty(type)],
            limit,
            after: String(after),
          },
          this.opt,
        ),
      ),
    );
    const next = res.paging?.next?.after;
    const ids = res.results.map((r) => ({
      id: String(r.id),
      modifiedAt: toIso(r.properties[modifiedProperty(type)]) ?? toIso(r.updatedAt),
    }));
    return { ids, total: res.total, ...(next !== undefined ? { after: Number(next) } : {}) };
  }

  async streamAll(
    onBatch: (batch: SnapshotBatch) => void | Promise<void>,
    onProgress?: (p: ReadProgress) => void,
  ): Promise<void> {
    const report = (phase: string) => (done: number) => onProgress?.({ phase, done });
    await onBatch({
      account: await this.accountInfo(),
      owners: await this.listOwners(),
      pipelines: await this.listPipelines(),
    });
    await this.listCompanies(report('companies'), (companies) => onBatch({ companies }));
    await this.listContacts(report('contacts'), (contacts) => onBatch({ contacts }));
    await this.listDeals(report('deals'), (deals) => onBatch({ deals }));
    for (const kind of ENGAGEMENT_KINDS)
      await this.listEngagements(kind, report(KIND_TO_TYPE[kind]), (engagements) => onBatch({ engagements }));
  }

  async readAll(onProgress?: (p: ReadProgress) => void): Promise<CrmSnapshot> {
    const report = (phase: string) => (done: number) => onProgress?.({ phase, done });
    const account = await this.accountInfo();
    const owners = await this.listOwners();
    report('owners')(owners.length);
    const pipelines = await this.listPipelines();
    const companies = await this.listCompanies();
    report('companies')(companies.length);
    const contacts = await this.listContacts(report('contacts'));
    const deals = await this.listDeals(report('deals'));
    const engagements: Engagement[] = [];
    for (const kind of ENGAGEMENT_KINDS)
      engagements.push(...(await this.listEngagements(kind, report(KIND_TO_TYPE[kind]))));
    return { account, owners, pipelines, companies, contacts, deals, engagements, fetchedAt: new Date().toISOString() };
  }
}
