/**
 * People in the state database: the nudges sent to AEs and their responses, as the MCP nudge tools list them.
 * (The AE profile is src/notify's: one definition, read by the digest planner, `mis profile` and the MCP profile
 * tools.) Functions over a StateStore, so the store's class stays about the cache and runs.
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

/** Workflow runs, newest first (for picking a run's findings). */
export function listRuns(
  store: StateStore,
  opts: { workflows?: string[]; limit?: number } = {},
): {
  id: string;
  workflow: string;
  ownerId: string | null;
  asOf: string;
  startedAt: string;
  status: string;
  findings: number;
}[] {
  const wf = opts.workflows ?? [];
  const rows = store.db
    .prepare(
      `SELECT r.id, r.workflow, r.owner_id, r.as_of, r.started_at, r.status, (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id) AS findings
       FROM runs r ${wf.length ? `WHERE r.workflow IN (${wf.map(() => '?').join(',')})` : ''} ORDER BY r.as_of DESC, r.started_at DESC LIMIT ?`,
    )
    .all(...wf, opts.limit ?? 20) as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: String(r['id']),
    workflow: String(r['workflow']),
    ownerId: r['owner_id'] === null ? null : String(r['owner_id']),
    asOf: String(r['as_of']),
    startedAt: String(r['started_at']),
    status: String(r['status']),
    findings: Number(r['findings']),
  }));
}
