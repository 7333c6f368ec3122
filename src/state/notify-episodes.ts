/**
 * notify_episodes: the escalation ladder per AE and item. An episode starts with the item's first nudge, records
 * the last day and level it was nudged at and when the manager was told, and closes when the item is acted on,
 * skipped or resolved.
 */
import type { StateStore } from './store.js';

export interface EpisodeRow {
  ownerId: string;
  itemKey: string;
  startedDay: string;
  lastNudgedDay: string | null;
  lastLevel: number | null;
  managerNotifiedDay: string | null;
}

export class NotifyEpisodesTable {
  constructor(private readonly state: StateStore) {}

  /** The owner's open episodes, by item. */
  open(ownerId: string): EpisodeRow[] {
    return (
      this.state.db
        .prepare('SELECT * FROM notify_episodes WHERE owner_id = ? AND closed_day IS NULL ORDER BY item_key')
        .all(ownerId) as Record<string, string | number | null>[]
    ).map((r) => ({
      ownerId: String(r['owner_id']),
      itemKey: String(r['item_key']),
      startedDay: String(r['started_day']),
      lastNudgedDay: (r['last_nudged_day'] as string | null) ?? null,
      lastLevel: (r['last_level'] as number | null) ?? null,
      managerNotifiedDay: (r['manager_notified_day'] as string | null) ?? null,
    }));
  }

  /** Closes the item's open episode (if any) on `day`. */
  close(ownerId: string, itemKey: string, day: string, reason: string): void {
    this.state.db
      .prepare(
        'UPDATE notify_episodes SET closed_day = ?, closed_reason = ? WHERE owner_id = ? AND item_key = ? AND closed_day IS NULL',
      )
      .run(day, reason, ownerId, itemKey);
  }

  /** Starts the episode or records another nudge in it; the day the manager was told is kept once set. */
  touch(
    ownerId: string,
    itemKey: string,
    startedDay: string,
    day: string,
    level: number,
    managerNotified: boolean,
  ): void {
    this.state.db
      .prepare(
        `INSERT INTO notify_episodes (owner_id, item_key, started_day, last_nudged_day, last_level, manager_notified_day) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (owner_id, item_key, started_day) DO UPDATE SET last_nudged_day = excluded.last_nudged_day, last_level = excluded.last_level,
           manager_notified_day = COALESCE(excluded.manager_notified_day, notify_episodes.manager_notified_day)`,
      )
      .run(ownerId, itemKey, startedDay, day, level, managerNotified ? day : null);
  }
}
