/**
 * Reads of the synced cache (cache_records) outside a full snapshot: one record, the small kinds, and ids and
 * counts for the sync benchmark. The cache is written by StateStore (sync) only.
 */
import type { CacheKind, StateStore } from './store.js';

/** One cached CRM record (domain-model JSON), or null when the cache does not hold it. */
export function cachedRecord(state: StateStore, kind: CacheKind, id: string): unknown {
  const row = state.db.prepare('SELECT json FROM cache_records WHERE kind = ? AND id = ?').get(kind, id) as
    { json: string } | undefined;
  return row ? (JSON.parse(row.json) as unknown) : null;
}

/** Every cached record of a small kind (owners, pipelines, account). */
export function cachedRecords(state: StateStore, kind: 'account' | 'owner' | 'pipeline'): unknown[] {
  return (state.db.prepare('SELECT json FROM cache_records WHERE kind = ?').all(kind) as { json: string }[]).map(
    (r) => JSON.parse(r.json) as unknown,
  );
}

/** Ids of the cached records of a kind, in numeric id order. */
export function cachedIds(state: StateStore, kind: CacheKind): string[] {
  return (
    state.db.prepare('SELECT id FROM cache_records WHERE kind = ? ORDER BY CAST(id AS INTEGER)').all(kind) as {
      id: string;
    }[]
  ).map((r) => r.id);
}

/** Ids of the cached engagements of one kind (call, email, meeting, note, task), in numeric id order. */
export function cachedEngagementIds(state: StateStore, engagementKind: string): string[] {
  return (
    state.db
      .prepare(
        "SELECT id FROM cache_records WHERE kind = 'engagement' AND json_extract(json, '$.kind') = ? ORDER BY CAST(id AS INTEGER)",
      )
      .all(engagementKind) as { id: string }[]
  ).map((r) => r.id);
}

/** How many records of a kind the cache holds. */
export function cachedCount(state: StateStore, kind: CacheKind): number {
  return (state.db.prepare('SELECT COUNT(*) AS n FROM cache_records WHERE kind = ?').get(kind) as { n: number }).n;
}
