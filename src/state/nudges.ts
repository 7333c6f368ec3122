/**
 * Nudges sent to AEs and their responses (nudges and nudge_responses). The digest planner reads what was sent and
 * how the AE responded (NudgesTable): a nudge is recorded with its digest (or as a dry run's `preview`, which the
 * real one takes over) and marked sent with its outbox row (src/state/notify-outbox.ts). The MCP nudge tools list
 * nudges, record one, and append responses (the functions below).
 */
import { randomUUID } from 'node:crypto';
import type { StateStore } from './store.js';
import { StateError } from './store.js';

export const NUDGE_RESPONSE_KINDS = ['acted', 'skipped', 'snoozed', 'muted'] as const;

export interface NudgeRow {
  id: string;
  ownerId: string;
  day: string;
  itemKey: string;
  level: number;
  channel: string;
  status: string;
  payload: unknown;
  createdAt: string;
  sentAt: string | null;
  responses: { kind: string; at: string; detail: string | null }[];
}

export interface NudgeFilter {
  ownerId?: string | undefined;
  /** Local dates (YYYY-MM-DD), inclusive. */
  fromDay?: string | undefined;
  toDay?: string | undefined;
  status?: string | undefined;
}

/** Nudges matching the filter, newest day first, with their responses (oldest first). */
export function listNudges(store: StateStore, filter: NudgeFilter = {}): NudgeRow[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.ownerId) {
    where.push('owner_id = ?');
    params.push(filter.ownerId);
  }
  if (filter.fromDay) {
    where.push('day >= ?');
    params.push(filter.fromDay);
  }
  if (filter.toDay) {
    where.push('day <= ?');
    params.push(filter.toDay);
  }
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  const rows = store.db
    .prepare(
      `SELECT * FROM nudges ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY day DESC, created_at DESC, id`,
    )
    .all(...params) as Record<string, string | number | null>[];
  const responses = store.db.prepare('SELECT kind, at, detail FROM nudge_responses WHERE nudge_id = ? ORDER BY at, id');
  return rows.map((r) => ({
    id: String(r['id']),
    ownerId: String(r['owner_id']),
    day: String(r['day']),
    itemKey: String(r['item_key']),
    level: Number(r['level']),
    channel: String(r['channel']),
    status: String(r['status']),
    payload: JSON.parse(String(r['payload'])) as unknown,
    createdAt: String(r['created_at']),
    sentAt: r['sent_at'] === null ? null : String(r['sent_at']),
    responses: responses.all(String(r['id'])) as NudgeRow['responses'],
  }));
}

/** Records a nudge (used by the nudge workflow and tests); one per owner, day and item. */
export function recordNudge(
  store: StateStore,
  n: {
    ownerId: string;
    day: string;
    itemKey: string;
    level?: number;
    channel: string;
    payload: unknown;
    status?: string;
    at?: string;
  },
): string {
  const id = randomUUID();
  const at = n.at ?? new Date().toISOString();
  store.db
    .prepare(
      'INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      id,
      n.ownerId,
      n.day,
      n.itemKey,
      n.level ?? 1,
      n.channel,
      JSON.stringify(n.payload),
      n.status ?? 'recorded',
      at,
      n.status === 'sent' ? at : null,
    );
  return id;
}

export type NudgeResponseKind = (typeof NUDGE_RESPONSE_KINDS)[number];

/** Appends a response to a nudge; an unknown nudge id is refused. */
export function recordNudgeResponse(
  store: StateStore,
  nudgeId: string,
  kind: NudgeResponseKind,
  detail: string | null,
  at = new Date().toISOString(),
): { nudgeId: string; kind: NudgeResponseKind; at: string; responses: number } {
  return store.db.transaction(() => {
    const exists = store.db.prepare('SELECT 1 FROM nudges WHERE id = ?').get(nudgeId);
    if (!exists)
      throw new StateError(
        `no nudge ${nudgeId}`,
        'Take the id from state_list_nudges; responses attach to a recorded nudge.',
      );
    store.db
      .prepare('INSERT INTO nudge_responses (nudge_id, kind, at, detail) VALUES (?, ?, ?, ?)')
      .run(nudgeId, kind, at, detail);
    const n = store.db.prepare('SELECT COUNT(*) AS n FROM nudge_responses WHERE nudge_id = ?').get(nudgeId) as {
      n: number;
    };
    return { nudgeId, kind, at, responses: n.n };
  })();
}

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
