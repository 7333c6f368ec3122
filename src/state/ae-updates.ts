/**
 * AE updates and their reconciliations (src/reconcile): the raw update once per id, and every reconciliation
 * run over it. Functions over a StateStore, so the store's class stays about the cache and runs.
 */
import type { StateStore } from './store.js';

export interface AeUpdateRow {
  id: string;
  ownerId: string;
  receivedAt: string;
  source: string;
  text: string;
}

export interface StoredReconciliation extends AeUpdateRow {
  reconciliationId: string;
  runAt: string;
  /** The reconcile result as recorded (JSON; src/reconcile parses it). */
  json: string;
}

/** Records an update and one reconciliation of it, in one transaction (the same update id is stored once). */
export function recordReconciliation(
  store: StateStore,
  update: AeUpdateRow,
  reconciliation: { id: string; runAt: string; json: string },
): void {
  store.db.transaction(() => {
    store.db
      .prepare(
        'INSERT INTO ae_updates (id, owner_id, received_at, source, text) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(update.id, update.ownerId, update.receivedAt, update.source, update.text);
    store.db
      .prepare('INSERT INTO reconciliations (id, update_id, run_at, json) VALUES (?, ?, ?, ?)')
      .run(reconciliation.id, update.id, reconciliation.runAt, reconciliation.json);
  })();
}

/** The latest reconciliation of each update received in [since, until] (ISO instants), oldest update first. */
export function recentReconciliations(store: StateStore, since: string, until: string): StoredReconciliation[] {
  const rows = store.db
    .prepare(
      `SELECT u.id, u.owner_id, u.received_at, u.source, u.text, r.id AS rid, r.run_at, r.json
       FROM ae_updates u JOIN reconciliations r ON r.update_id = u.id
       WHERE u.received_at >= ? AND u.received_at <= ?
         AND r.rowid = (SELECT r2.rowid FROM reconciliations r2 WHERE r2.update_id = u.id ORDER BY r2.run_at DESC, r2.rowid DESC LIMIT 1)
       ORDER BY u.received_at, u.id`,
    )
    .all(since, until) as Record<string, string>[];
  return rows.map((r) => ({
    id: r['id']!,
    ownerId: r['owner_id']!,
    receivedAt: r['received_at']!,
    source: r['source']!,
    text: r['text']!,
    reconciliationId: r['rid']!,
    runAt: r['run_at']!,
    json: r['json']!,
  }));
}

/** Every update of one owner, newest first (the draft reads the AE's usual shape from the last one). */
export function aeUpdatesOf(store: StateStore, ownerId: string, limit = 5): AeUpdateRow[] {
  return (
    store.db
      .prepare('SELECT * FROM ae_updates WHERE owner_id = ? ORDER BY received_at DESC, id LIMIT ?')
      .all(ownerId, limit) as Record<string, string>[]
  ).map((r) => ({
    id: r['id']!,
    ownerId: r['owner_id']!,
    receivedAt: r['received_at']!,
    source: r['source']!,
    text: r['text']!,
  }));
}

/** One owner's latest reconciliations (newest first): the result JSON and when it ran. */
export function reconciliationsOf(store: StateStore, ownerId: string, limit = 20): { json: string; runAt: string }[] {
  return (
    store.db
      .prepare(
        'SELECT r.json, r.run_at FROM reconciliations r JOIN ae_updates u ON u.id = r.update_id WHERE u.owner_id = ? ORDER BY r.run_at DESC LIMIT ?',
      )
      .all(ownerId, limit) as { json: string; run_at: string }[]
  ).map((r) => ({ json: r.json, runAt: r.run_at }));
}
