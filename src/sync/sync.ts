/**
 * `mis sync`: pull the portal into the local cache. The first sync (or --full) reads everything; later ones
 * read what changed since the newest modification seen (hs_lastmodifieddate windows, past the 10k cap),
 * reflect archived records, and re-read owners and pipelines. Analysis then runs on the cache.
 */
import {
  ENGAGEMENT_KINDS,
  KIND_TO_TYPE,
  type CrmObjectType,
  type CrmPort,
  type CrmSnapshot,
  type RequestCounter,
} from '../crm/index.js';
import type { OutreachPort } from '../smartlead/index.js';
import { modifiedOf } from '../state/index.js';
import type { CacheChanges, CacheKind, StateStore } from '../state/index.js';
import { readOutreach } from './smartlead.js';

export interface SyncOptions {
  full?: boolean;
  onProgress?: (message: string) => void;
  /** Re-read records modified this long before the cursor (clock skew, search's eventual consistency). */
  overlapMs?: number;
}

export interface SyncResult {
  kind: 'full' | 'incremental';
  hubspotRequests: number;
  smartleadRequests: number;
  changes: CacheChanges;
  durationMs: number;
  syncedAt: string;
}

const TYPES: { type: CrmObjectType; kind: CacheKind }[] = [
  { type: 'companies', kind: 'company' },
  { type: 'contacts', kind: 'contact' },
  { type: 'deals', kind: 'deal' },
  ...ENGAGEMENT_KINDS.map((k) => ({ type: KIND_TO_TYPE[k], kind: 'engagement' as const })),
];

/** What sync reads from: a connection's CRM and SmartLead ports and request counters (runtime's Connection is one). */
export interface SyncSource {
  crm: CrmPort;
  outreach: OutreachPort | null;
  sourceKey: string;
  hubspotRequests: RequestCounter;
  smartleadRequests: RequestCounter;
}

export async function sync(conn: SyncSource, state: StateStore, opts: SyncOptions = {}): Promise<SyncResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const sourceChanged = state.getMeta('source_key') !== conn.sourceKey;
  const full = opts.full || sourceChanged || !state.getMeta('last_sync_at');
  const kind = full ? 'full' : 'incremental';
  const hub0 = conn.hubspotRequests.total;
  const sl0 = conn.smartleadRequests.total;
  state.failInterruptedSyncRuns(new Date(started));
  const runId = state.startSyncRun(kind, startedAt);
  const progress = opts.onProgress ?? (() => {});
  try {
    const changes = full
      ? await fullSync(conn, state, progress)
      : await incrementalSync(conn, state, progress, opts.overlapMs ?? 60_000);
    const syncedAt = new Date().toISOString();
    state.setMeta('last_sync_at', syncedAt);
    state.setMeta('source_key', conn.sourceKey);
    const result: SyncResult = {
      kind,
      hubspotRequests: conn.hubspotRequests.total - hub0,
      smartleadRequests: conn.smartleadRequests.total - sl0,
      changes,
      durationMs: Date.now() - started,
      syncedAt,
    };
    state.finishSyncRun(runId, {
      status: 'ok',
      at: syncedAt,
      hubspotRequests: result.hubspotRequests,
      smartleadRequests: result.smartleadRequests,
      changes,
    });
    return result;
  } catch (e) {
    state.finishSyncRun(runId, {
      status: 'failed',
      at: new Date().toISOString(),
      hubspotRequests: conn.hubspotRequests.total - hub0,
      smartleadRequests: conn.smartleadRequests.total - sl0,
      error: (e as Error).message,
    });
    throw e;
  }
}

function newest(
  records: ReadonlyArray<{ updatedAt: string; properties: Record<string, string | null> }>,
  fallback: string | null,
): string | null {
  return records.reduce<string | null>((max, r) => {
    const m = modifiedOf(r);
    return max === null || m > max ? m : max;
  }, fallback);
}

/** Streams the portal into the cache a page at a time, so a large portal never sits in memory whole. */
async function fullSync(conn: SyncSource, state: StateStore, progress: (m: string) => void): Promise<CacheChanges> {
  const newestByType = new Map<string, string | null>();
  const note = (
    type: string,
    records: ReadonlyArray<{ updatedAt: string; properties: Record<string, string | null> }>,
  ) => {
    let max = newestByType.get(type) ?? null;
    for (const r of records) {
      const m = modifiedOf(r);
      if (max === null || m > max) max = m;
    }
    newestByType.set(type, max);
  };
  const tx = state.beginReplace(conn.outreach !== null);
  let changes: CacheChanges;
  let outreachCursor: string | null = null;
  try {
    await conn.crm.streamAll(
      (batch) => {
        if (batch.companies) note('companies', batch.companies);
        if (batch.contacts) note('contacts', batch.contacts);
        if (batch.deals) note('deals', batch.deals);
        for (const e of batch.engagements ?? []) note(KIND_TO_TYPE[e.kind], [e]);
        tx.write(batch);
      },
      (p) => progress(`HubSpot ${p.phase}: ${p.done.toLocaleString('en-IN')}`),
    );
    if (conn.outreach) {
      const outreach = await readOutreach(conn.outreach, null, progress);
      tx.writeOutreach(outreach.snapshot);
      outreachCursor = outreach.cursor;
    }
    changes = tx.commit();
  } catch (e) {
    tx.rollback();
    throw e;
  }
  const at = new Date().toISOString();
  for (const { type } of TYPES) state.setCursor(`hubspot:${type}`, newestByType.get(type) ?? null, at);
  state.setMeta('outreach_synced', conn.outreach ? '1' : '0');
  if (conn.outreach) state.setCursor('smartlead', outreachCursor, at);
  return changes;
}

async function incrementalSync(
  conn: SyncSource,
  state: StateStore,
  progress: (m: string) => void,
  overlapMs: number,
): Promise<CacheChanges> {
  const at = new Date().toISOString();
  const account = await conn.crm.accountInfo();
  const owners = await conn.crm.listOwners();
  const pipelines = await conn.crm.listPipelines();
  const crm: Partial<Omit<CrmSnapshot, 'fetchedAt'>> = {
    account,
    owners,
    pipelines,
    companies: [],
    contacts: [],
    deals: [],
    engagements: [],
  };
  const removed: Partial<Record<CacheKind, string[]>> = {};
  const cursors: [string, string | null][] = [];
  for (const { type, kind } of TYPES) {
    const cursor = state.cursor(`hubspot:${type}`);
    const since = cursor ? new Date(Date.parse(cursor) - overlapMs).toISOString() : '1970-01-01T00:00:00.000Z';
    progress(`HubSpot ${type}: changes since ${since}`);
    const hits = await conn.crm.modifiedSince(type, since);
    // The overlap always returns the newest records already cached: read only what is new or changed.
    const cached = state.cachedModified(
      kind,
      hits.map((h) => h.id),
    );
    const ids = hits.filter((h) => h.modifiedAt === null || cached.get(h.id) !== h.modifiedAt).map((h) => h.id);
    let latest: string | null = cursor ?? null;
    if (ids.length) {
      if (type === 'companies')
        latest = newest((crm.companies = [...crm.companies!, ...(await conn.crm.getCompanies(ids))]), latest);
      else if (type === 'contacts')
        latest = newest((crm.contacts = [...crm.contacts!, ...(await conn.crm.getContacts(ids))]), latest);
      else if (type === 'deals')
        latest = newest((crm.deals = [...crm.deals!, ...(await conn.crm.getDeals(ids))]), latest);
      else {
        const engagementKind = ENGAGEMENT_KINDS.find((k) => KIND_TO_TYPE[k] === type)!;
        const got = await conn.crm.getEngagements(engagementKind, ids);
        crm.engagements!.push(...got);
        latest = newest(got, latest);
      }
    }
    const gone = await conn.crm.archivedIds(type, since);
    if (gone.length) removed[kind] = [...(removed[kind] ?? []), ...gone];
    cursors.push([`hubspot:${type}`, latest]);
  }
  const outreach = conn.outreach
    ? await readOutreach(conn.outreach, state.cursor('smartlead') ?? null, progress)
    : null;
  const changes = state.applyChanges(crm, removed, outreach?.snapshot ?? null);
  for (const [source, cursor] of cursors) state.setCursor(source, cursor, at);
  if (outreach) {
    state.setCursor('smartlead', outreach.cursor, at);
    state.setMeta('outreach_synced', '1');
  }
  return changes;
}
