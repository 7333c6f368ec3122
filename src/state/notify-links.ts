/**
 * notify_links: one row per one-tap link a digest carries (src/notify signs and checks them). A row is recorded
 * once (a second record of the same id is ignored), used at most once (the conditional UPDATE lets exactly one
 * concurrent tap win), and may be released again when the action behind it did not finish.
 */
import type { StateStore } from './store.js';

/** A notify_links row as stored (result and payload: JSON text, or null). */
export interface NotifyLinkRow {
  id: string;
  nudgeId: string;
  ownerId: string;
  dealId: string;
  action: string;
  expiresAt: string;
  createdAt: string;
  usedAt: string | null;
  result: string | null;
  payload: string | null;
}

export type NewNotifyLinkRow = Pick<
  NotifyLinkRow,
  'id' | 'nudgeId' | 'ownerId' | 'dealId' | 'action' | 'expiresAt' | 'createdAt' | 'payload'
>;

export class NotifyLinksTable {
  constructor(private readonly state: StateStore) {}

  /** Records a link; an id recorded already is left as it is. */
  insertOrIgnore(row: NewNotifyLinkRow): void {
    this.state.db
      .prepare(
        'INSERT OR IGNORE INTO notify_links (id, nudge_id, owner_id, deal_id, action, expires_at, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, row.nudgeId, row.ownerId, row.dealId, row.action, row.expiresAt, row.createdAt, row.payload);
  }

  byId(id: string): NotifyLinkRow | undefined {
    const r = this.state.db.prepare('SELECT * FROM notify_links WHERE id = ?').get(id) as
      Record<string, string | null> | undefined;
    return r
      ? {
          id: String(r['id']),
          nudgeId: String(r['nudge_id']),
          ownerId: String(r['owner_id']),
          dealId: String(r['deal_id']),
          action: String(r['action']),
          expiresAt: String(r['expires_at']),
          createdAt: String(r['created_at']),
          usedAt: r['used_at'] ?? null,
          result: r['result'] ?? null,
          payload: r['payload'] ?? null,
        }
      : undefined;
  }

  /** The link's action, or undefined for an unknown id. */
  actionOf(id: string): string | undefined {
    return this.state.db.prepare('SELECT action FROM notify_links WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** The link's result (JSON text), null when none, undefined for an unknown id. */
  resultOf(id: string): string | null | undefined {
    return this.state.db.prepare('SELECT result FROM notify_links WHERE id = ?').pluck().get(id) as
      string | null | undefined;
  }

  /** Marks the link used with its result; false when it was used already (or is unknown): one caller wins. */
  consume(id: string, at: string, result: string): boolean {
    return (
      this.state.db
        .prepare('UPDATE notify_links SET used_at = ?, result = ? WHERE id = ? AND used_at IS NULL')
        .run(at, result, id).changes === 1
    );
  }

  /** Replaces the result of a used link (the action behind it finished). */
  setResult(id: string, result: string): void {
    this.state.db.prepare('UPDATE notify_links SET result = ? WHERE id = ?').run(result, id);
  }

  /** Makes the link usable again, keeping what was done so far as its result. */
  release(id: string, result: string): void {
    this.state.db.prepare('UPDATE notify_links SET used_at = NULL, result = ? WHERE id = ?').run(result, id);
  }
}
