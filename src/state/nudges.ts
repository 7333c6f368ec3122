/**
 * Digest nudges as the planner reads and records them (nudges and nudge_responses): what was sent to an AE, what
 * a day recorded, how the AE responded. A nudge is recorded with its digest (or as a dry run's `preview`, which the
 * real one takes over) and marked sent with its outbox row (src/state/notify-outbox.ts).
 */
import type { NudgeResponseKind } from './people.js';
import type { StateStore } from './store.js';

/** A nudge as the planner reads it (dealId from its payload; sentAt falls back to when it was recorded). */
export interface NudgeRecord {
  id: string;
  ownerId: string;
  day: string;
  itemKey: string;
  dealId: string;
  level: number;
  channel: string;
  status: string;
  sentAt: string;
}

/** A new nudge; payload as JSON text. */
export interface NewNudge {
  id: string;
  ownerId: string;
  day: string;
  itemKey: string;
  level: number;
  channel: string;
  payload: string;
  createdAt: string;
}

export interface NudgeResponseRecord {
  nudgeId: string;
  kind: NudgeResponseKind;
  at: string;
  /** The one-tap action behind it (from the response's detail), when there was one. */
  action: string | undefined;
}

type Raw = Record<string, string | number | null>;

export class NudgesTable {
  constructor(private readonly state: StateStore) {}

  /** Nudges delivered (status sent) on `sinceDay` or later, oldest first. */
  sent(ownerId: string, sinceDay: string): NudgeRecord[] {
    return (
      this.state.db
        .prepare("SELECT * FROM nudges WHERE owner_id = ? AND day >= ? AND status = 'sent' ORDER BY sent_at, id")
        .all(ownerId, sinceDay) as Raw[]
    ).map(toNudge);
  }

  /** Nudges recorded for the day, dry-run previews left out. */
  on(ownerId: string, day: string): NudgeRecord[] {
    return (
      this.state.db
        .prepare("SELECT * FROM nudges WHERE owner_id = ? AND day = ? AND status <> 'preview' ORDER BY id")
        .all(ownerId, day) as Raw[]
    ).map(toNudge);
  }

  byId(id: string): NudgeRecord | null {
    const r = this.state.db.prepare('SELECT * FROM nudges WHERE id = ?').get(id) as Raw | undefined;
    return r ? toNudge(r) : null;
  }

  /** Responses to the owner's nudges of `sinceDay` or later, in the order they were recorded. */
  responses(ownerId: string, sinceDay: string): NudgeResponseRecord[] {
    return (
      this.state.db
        .prepare(
          'SELECT r.nudge_id, r.kind, r.at, r.detail FROM nudge_responses r JOIN nudges n ON n.id = r.nudge_id WHERE n.owner_id = ? AND n.day >= ? ORDER BY r.id',
        )
        .all(ownerId, sinceDay) as { nudge_id: string; kind: NudgeResponseKind; at: string; detail: string | null }[]
    ).map((r) => ({ nudgeId: r.nudge_id, kind: r.kind, at: r.at, action: actionOf(r.detail) }));
  }

  /** Appends a response (detail: JSON text, or null). */
  addResponse(nudgeId: string, kind: NudgeResponseKind, at: string, detail: string | null): void {
    this.state.db
      .prepare('INSERT INTO nudge_responses (nudge_id, kind, at, detail) VALUES (?, ?, ?, ?)')
      .run(nudgeId, kind, at, detail);
  }

  /** Records a digest's nudge as `recorded`; a dry-run preview of the same id becomes the real one. */
  recordPlanned(n: NewNudge): void {
    this.state.db
      .prepare(
        `INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'recorded', ?)
         ON CONFLICT (id) DO UPDATE SET level = excluded.level, channel = excluded.channel, payload = excluded.payload, status = 'recorded', created_at = excluded.created_at
         WHERE nudges.status = 'preview'`,
      )
      .run(n.id, n.ownerId, n.day, n.itemKey, n.level, n.channel, n.payload, n.createdAt);
  }

  /** Records a dry run's nudge as `preview`; an id recorded already is left as it is. */
  recordPreview(n: NewNudge): void {
    this.state.db
      .prepare(
        "INSERT OR IGNORE INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'preview', ?)",
      )
      .run(n.id, n.ownerId, n.day, n.itemKey, n.level, n.channel, n.payload, n.createdAt);
  }

  /** Marks the nudges an outbox row carries as sent at `at` (previews and nudges sent already left alone). */
  markSentWith(outboxId: string, at: string): void {
    this.state.db
      .prepare(
        "UPDATE nudges SET status = 'sent', sent_at = ? WHERE json_extract(payload, '$.outboxId') = ? AND status NOT IN ('sent', 'preview')",
      )
      .run(at, outboxId);
  }
}

function toNudge(r: Raw): NudgeRecord {
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
