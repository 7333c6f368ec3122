/** Notification state in the state store (mis.db): profiles, nudges and responses, ladder episodes, snoozes and mutes. */
import { NotifyOutboxTable, type StateStore } from '../state/index.js';
import { aeProfileSchema, defaultProfile, type AeProfile } from './policy/profile.js';
import type { NudgeResponse, SentNudge } from './policy/responsiveness.js';

export interface EpisodeRow {
  ownerId: string;
  itemKey: string;
  startedDay: string;
  lastNudgedDay: string | null;
  lastLevel: number | null;
  managerNotifiedDay: string | null;
}

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

export interface NudgeRow extends SentNudge {
  ownerId: string;
  level: number;
  channel: string;
  status: string;
}

export type ResponseKind = NudgeResponse['kind'];

export class NotifyStore {
  /** The durable outbox (src/notify/delivery/outbox.ts sends from it). */
  readonly outbox: NotifyOutboxTable;

  constructor(readonly state: StateStore) {
    this.outbox = new NotifyOutboxTable(state);
  }

  get db() {
    return this.state.db;
  }

  // ---------------------------------------------------------------- profiles

  profile(ownerId: string): AeProfile {
    const row = this.db.prepare('SELECT json FROM ae_profiles WHERE owner_id = ?').get(ownerId) as
      { json: string } | undefined;
    if (!row) return defaultProfile(ownerId);
    const parsed = aeProfileSchema.safeParse({ ...defaultProfile(ownerId), ...this.rawProfile(ownerId), ownerId });
    return parsed.success ? parsed.data : defaultProfile(ownerId);
  }

  /** The stored JSON as is: fields this version does not know (older or newer) are kept on save. */
  private rawProfile(ownerId: string): Record<string, unknown> {
    const row = this.db.prepare('SELECT json FROM ae_profiles WHERE owner_id = ?').get(ownerId) as
      { json: string } | undefined;
    if (!row) return {};
    try {
      const v = JSON.parse(row.json) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  /** When the stored profile was last saved; null: none stored (the defaults apply). */
  profileUpdatedAt(ownerId: string): string | null {
    const row = this.db.prepare('SELECT updated_at FROM ae_profiles WHERE owner_id = ?').get(ownerId) as
      { updated_at: string } | undefined;
    return row?.updated_at ?? null;
  }

  hasProfile(ownerId: string): boolean {
    return this.db.prepare('SELECT 1 FROM ae_profiles WHERE owner_id = ?').get(ownerId) !== undefined;
  }

  saveProfile(p: AeProfile, at: string): void {
    this.db
      .prepare(
        'INSERT INTO ae_profiles (owner_id, json, updated_at) VALUES (?, ?, ?) ON CONFLICT (owner_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
      )
      .run(p.ownerId, JSON.stringify({ ...this.rawProfile(p.ownerId), ...aeProfileSchema.parse(p) }), at);
  }

  // ---------------------------------------------------------------- nudges and responses

  /** Nudges delivered (status sent), oldest first. */
  sentNudges(ownerId: string, sinceDay: string): NudgeRow[] {
    return (
      this.db
        .prepare("SELECT * FROM nudges WHERE owner_id = ? AND day >= ? AND status = 'sent' ORDER BY sent_at, id")
        .all(ownerId, sinceDay) as Record<string, string | number | null>[]
    ).map(toNudge);
  }

  /** Nudges recorded for the day (dry-run previews, whose links work but which were never sent, left out). */
  nudgesOn(ownerId: string, day: string): NudgeRow[] {
    return (
      this.db
        .prepare("SELECT * FROM nudges WHERE owner_id = ? AND day = ? AND status <> 'preview' ORDER BY id")
        .all(ownerId, day) as Record<string, string | number | null>[]
    ).map(toNudge);
  }

  nudge(id: string): NudgeRow | null {
    const r = this.db.prepare('SELECT * FROM nudges WHERE id = ?').get(id) as
      Record<string, string | number | null> | undefined;
    return r ? toNudge(r) : null;
  }

  responses(ownerId: string, sinceDay: string): NudgeResponse[] {
    return (
      this.db
        .prepare(
          'SELECT r.nudge_id, r.kind, r.at, r.detail FROM nudge_responses r JOIN nudges n ON n.id = r.nudge_id WHERE n.owner_id = ? AND n.day >= ? ORDER BY r.id',
        )
        .all(ownerId, sinceDay) as { nudge_id: string; kind: ResponseKind; at: string; detail: string | null }[]
    ).map((r) => ({ nudgeId: r.nudge_id, kind: r.kind, at: r.at, action: actionOf(r.detail) }));
  }

  recordResponse(nudgeId: string, kind: ResponseKind, at: string, detail: unknown): void {
    this.db
      .prepare('INSERT INTO nudge_responses (nudge_id, kind, at, detail) VALUES (?, ?, ?, ?)')
      .run(nudgeId, kind, at, detail === undefined ? null : JSON.stringify(detail));
  }

  // ---------------------------------------------------------------- episodes

  openEpisodes(ownerId: string): EpisodeRow[] {
    return (
      this.db
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

  closeEpisode(ownerId: string, itemKey: string, day: string, reason: string): void {
    this.db
      .prepare(
        'UPDATE notify_episodes SET closed_day = ?, closed_reason = ? WHERE owner_id = ? AND item_key = ? AND closed_day IS NULL',
      )
      .run(day, reason, ownerId, itemKey);
  }

  touchEpisode(
    ownerId: string,
    itemKey: string,
    startedDay: string,
    day: string,
    level: number,
    managerNotified: boolean,
  ): void {
    this.db
      .prepare(
        `INSERT INTO notify_episodes (owner_id, item_key, started_day, last_nudged_day, last_level, manager_notified_day) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (owner_id, item_key, started_day) DO UPDATE SET last_nudged_day = excluded.last_nudged_day, last_level = excluded.last_level,
           manager_notified_day = COALESCE(excluded.manager_notified_day, notify_episodes.manager_notified_day)`,
      )
      .run(ownerId, itemKey, startedDay, day, level, managerNotified ? day : null);
  }

  // ---------------------------------------------------------------- snoozes and mutes

  /** Snoozes not yet expired at `now`, and every mute not removed. */
  activeSuppressions(ownerId: string, now: string): SuppressionRow[] {
    return (
      this.db
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
    this.db
      .prepare(
        "INSERT INTO notify_suppressions (owner_id, item_key, kind, reason, until, created_at) VALUES (?, ?, 'snooze', ?, ?, ?)",
      )
      .run(ownerId, itemKey, reason, until, at);
  }

  mute(ownerId: string, itemKey: string, checkName: string, reason: string | null, at: string): void {
    this.db
      .prepare(
        "INSERT INTO notify_suppressions (owner_id, item_key, kind, check_name, reason, created_at) VALUES (?, ?, 'mute', ?, ?, ?)",
      )
      .run(ownerId, itemKey, checkName, reason, at);
  }

  /** Lift snoozes and mutes on an item (all, or the mute of one check); returns how many. */
  unsuppress(ownerId: string, itemKey: string, checkName: string | null, at: string): number {
    const sql = checkName
      ? "UPDATE notify_suppressions SET removed_at = ? WHERE owner_id = ? AND item_key = ? AND kind = 'mute' AND check_name = ? AND removed_at IS NULL"
      : 'UPDATE notify_suppressions SET removed_at = ? WHERE owner_id = ? AND item_key = ? AND removed_at IS NULL';
    return (
      checkName
        ? this.db.prepare(sql).run(at, ownerId, itemKey, checkName)
        : this.db.prepare(sql).run(at, ownerId, itemKey)
    ).changes;
  }
}

function toNudge(r: Record<string, string | number | null>): NudgeRow {
  const payload = JSON.parse(String(r['payload'] ?? '{}')) as { dealId?: string };
  return {
    id: String(r['id']),
    ownerId: String(r['owner_id']),
    day: String(r['day']),
    itemKey: String(r['item_key']),
    dealId: payload.dealId ?? String(r['item_key']).replace(/^deal:/, ''),
    level: Number(r['level']),
    channel: String(r['channel']),
    status: String(r['status']),
    sentAt: (r['sent_at'] as string | null) ?? String(r['created_at']),
  };
}

function actionOf(detail: string | null): string | undefined {
  if (!detail) return undefined;
  try {
    const a = (JSON.parse(detail) as { action?: unknown }).action;
    return typeof a === 'string' ? a : undefined;
  } catch {
    return undefined;
  }
}
