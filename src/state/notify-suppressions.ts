/**
 * notify_suppressions: snoozes (the whole item, until a time) and mutes (one check on an item, until lifted).
 * Rows are never deleted: lifting one sets removed_at.
 */
import type { StateStore } from './store.js';

export interface SuppressionRow {
  id: number;
  ownerId: string;
  itemKey: string;
  kind: 'snooze' | 'mute';
  checkName: string | null;
  reason: string | null;
  until: string | null;
  createdAt: string;
}

export class NotifySuppressionsTable {
  constructor(private readonly state: StateStore) {}

  /** Snoozes not yet expired at `now`, and every mute not lifted, oldest first. */
  active(ownerId: string, now: string): SuppressionRow[] {
    return (
      this.state.db
        .prepare(
          "SELECT * FROM notify_suppressions WHERE owner_id = ? AND removed_at IS NULL AND (kind = 'mute' OR until IS NULL OR until > ?) ORDER BY id",
        )
        .all(ownerId, now) as Record<string, string | number | null>[]
    ).map((r) => ({
      id: Number(r['id']),
      ownerId: String(r['owner_id']),
      itemKey: String(r['item_key']),
      kind: r['kind'] as 'snooze' | 'mute',
      checkName: (r['check_name'] as string | null) ?? null,
      reason: (r['reason'] as string | null) ?? null,
      until: (r['until'] as string | null) ?? null,
      createdAt: String(r['created_at']),
    }));
  }

  snooze(ownerId: string, itemKey: string, until: string, reason: string | null, at: string): void {
    this.state.db
      .prepare(
        "INSERT INTO notify_suppressions (owner_id, item_key, kind, reason, until, created_at) VALUES (?, ?, 'snooze', ?, ?, ?)",
      )
      .run(ownerId, itemKey, reason, until, at);
  }

  mute(ownerId: string, itemKey: string, checkName: string, reason: string | null, at: string): void {
    this.state.db
      .prepare(
        "INSERT INTO notify_suppressions (owner_id, item_key, kind, check_name, reason, created_at) VALUES (?, ?, 'mute', ?, ?, ?)",
      )
      .run(ownerId, itemKey, checkName, reason, at);
  }

  /** Lifts snoozes and mutes on an item (all, or the mute of one check); returns how many. */
  lift(ownerId: string, itemKey: string, checkName: string | null, at: string): number {
    const sql = checkName
      ? "UPDATE notify_suppressions SET removed_at = ? WHERE owner_id = ? AND item_key = ? AND kind = 'mute' AND check_name = ? AND removed_at IS NULL"
      : 'UPDATE notify_suppressions SET removed_at = ? WHERE owner_id = ? AND item_key = ? AND removed_at IS NULL';
    return (
      checkName
        ? this.state.db.prepare(sql).run(at, ownerId, itemKey, checkName)
        : this.state.db.prepare(sql).run(at, ownerId, itemKey)
    ).changes;
  }
}
