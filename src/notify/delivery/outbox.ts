/**
 * The durable outbox (notify_outbox in mis.db). A message is recorded — with its nudges and links, in one
 * transaction — before anything is sent. Delivery CLAIMS a row with one conditional UPDATE (`recorded` → `sending`,
 * claimed_by = this sender, a lease): SQLite serialises writers, so when several `mis notify` / `mis schedule`
 * processes run at once exactly one wins each row and the others leave it alone. The winner sends, then marks it
 * `sent` (only while it still holds the claim). A row whose sender crashed is taken over when its lease expires,
 * or at once when that sender's process is gone (same host), so a crash never loses a message and a message
 * marked `sent` is never sent again. The one window left is a crash after the provider accepted a message and
 * before `sent` was written (milliseconds): the rerun sends it again with the same Message-ID, which mail clients
 * collapse into one.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MisError } from '../../errors/index.js';
import type { Channel } from '../policy/profile.js';
import type { SlackMessage } from './render/index.js';
import type { NotifyStore } from '../store.js';

export class NotifyDeliveryError extends MisError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('NOTIFY_DELIVERY', message, cause === undefined ? { hint } : { hint, cause });
  }
}

export interface OutboxRow {
  id: string;
  ownerId: string;
  day: string;
  /** ae: the AE's digest; manager: the support note about an AE; report: the manager's weekly report. */
  audience: 'ae' | 'manager' | 'report';
  channel: Channel;
  /** An email address, or `slack:<owner id>` (webhook URLs are secrets and never stored). */
  recipient: string;
  subject: string;
  text: string;
  html: string;
  slack: SlackMessage;
  status: 'recorded' | 'sending' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
}

export interface Transport {
  send(message: OutboxRow): Promise<{ providerId: string | null }>;
  close?(): void;
}

export type Transports = Partial<Record<Channel, Transport>>;

export interface DeliveryHooks {
  /** Called after a row is marked `sending`, before the provider is called. */
  beforeSend?(row: OutboxRow): void;
  /** Called after the provider accepted, before `sent` is written. */
  afterSend?(row: OutboxRow): void;
}

export interface DeliveryReport {
  sent: Array<{ id: string; ownerId: string; audience: string; channel: Channel; recipient: string }>;
  failed: Array<{ id: string; error: string; attempts: number; gaveUp: boolean }>;
  waiting: Array<{ id: string; reason: string }>;
}

export const MAX_ATTEMPTS = 5;
/** How long a claim holds before another sender may take the row over (a send takes seconds). */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** This process as a sender: host, pid and a random part (a pid may be reused). */
export const SENDER_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** True when `claimant` is a process on this host that no longer runs (its claim can be taken over at once). */
export function claimantGone(claimant: string | null): boolean {
  if (!claimant) return true;
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(claimant);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return claimant !== SENDER_ID;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Claims one row for `sender`: `recorded` → `sending`, or a `sending` row whose lease lapsed or whose sender is
 * gone. One conditional UPDATE: of any number of concurrent senders exactly one gets `true`.
 */
export function claimRow(
  store: NotifyStore,
  id: string,
  sender: string,
  nowMs: number,
  leaseMs = CLAIM_LEASE_MS,
): boolean {
  const db = store.db;
  const now = new Date(nowMs).toISOString();
  const lease = new Date(nowMs + leaseMs).toISOString();
  const set =
    "UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, sending_at = ?, claimed_by = ?, lease_until = ? WHERE id = ?";
  if (db.prepare(`${set} AND status = 'recorded'`).run(now, sender, lease, id).changes === 1) return true;
  const held = db
    .prepare("SELECT claimed_by, lease_until FROM notify_outbox WHERE id = ? AND status = 'sending'")
    .get(id) as { claimed_by: string | null; lease_until: string | null } | undefined;
  if (!held) return false;
  const lapsed = held.lease_until === null || Date.parse(held.lease_until) <= nowMs;
  if (!lapsed && !claimantGone(held.claimed_by)) return false;
  // Compare-and-swap on the claim we saw: of two senders taking over the same row, one wins.
  return (
    db.prepare(`${set} AND status = 'sending' AND claimed_by IS ?`).run(now, sender, lease, id, held.claimed_by)
      .changes === 1
  );
}

export function pendingRows(store: NotifyStore): OutboxRow[] {
  return (
    store.db
      .prepare("SELECT * FROM notify_outbox WHERE status IN ('recorded', 'sending') ORDER BY created_at, id")
      .all() as Record<string, string | number | null>[]
  ).map(toRow);
}

export function outboxRow(store: NotifyStore, id: string): OutboxRow | null {
  const r = store.db.prepare('SELECT * FROM notify_outbox WHERE id = ?').get(id) as
    Record<string, string | number | null> | undefined;
  return r ? toRow(r) : null;
}

export function outboxFor(store: NotifyStore, ownerId: string, day: string): OutboxRow[] {
  return (
    store.db
      .prepare('SELECT * FROM notify_outbox WHERE owner_id = ? AND day = ? ORDER BY audience')
      .all(ownerId, day) as Record<string, string | number | null>[]
  ).map(toRow);
}

/**
 * Sends every pending row. `now` is the logical time the nudges count as sent (the analysis asOf), `clock` the
 * wall clock for the outbox's own timestamps.
 */
export async function deliverPending(
  store: NotifyStore,
  transports: Transports,
  opts: { now: string; clock?: () => string; hooks?: DeliveryHooks; sender?: string },
): Promise<DeliveryReport> {
  const clock = opts.clock ?? (() => new Date().toISOString());
  const sender = opts.sender ?? SENDER_ID;
  const report: DeliveryReport = { sent: [], failed: [], waiting: [] };
  const db = store.db;
  for (const row of pendingRows(store)) {
    const transport = transports[row.channel];
    if (!transport) {
      report.waiting.push({ id: row.id, reason: `no ${row.channel} delivery configured` });
      continue;
    }
    // Another sender holds it (or already sent it): not ours to send.
    if (!claimRow(store, row.id, sender, Date.parse(clock()))) continue;
    const attempt =
      (db.prepare('SELECT attempts FROM notify_outbox WHERE id = ?').pluck().get(row.id) as number | undefined) ??
      row.attempts + 1;
    opts.hooks?.beforeSend?.(row);
    try {
      await transport.send(row);
    } catch (e) {
      const msg = e instanceof MisError ? e.message : ((e as Error).message ?? String(e));
      const gaveUp = attempt >= MAX_ATTEMPTS;
      db.prepare(
        'UPDATE notify_outbox SET status = ?, error = ?, claimed_by = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?',
      ).run(gaveUp ? 'failed' : 'recorded', msg.slice(0, 500), row.id, sender);
      report.failed.push({ id: row.id, error: msg, attempts: attempt, gaveUp });
      continue;
    }
    opts.hooks?.afterSend?.(row);
    const at = clock();
    db.transaction(() => {
      db.prepare(
        "UPDATE notify_outbox SET status = 'sent', sent_at = ?, error = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?",
      ).run(at, row.id, sender);
      db.prepare(
        "UPDATE nudges SET status = 'sent', sent_at = ? WHERE json_extract(payload, '$.outboxId') = ? AND status NOT IN ('sent', 'preview')",
      ).run(opts.now, row.id);
    })();
    report.sent.push({
      id: row.id,
      ownerId: row.ownerId,
      audience: row.audience,
      channel: row.channel,
      recipient: row.recipient,
    });
  }
  return report;
}

function toRow(r: Record<string, string | number | null>): OutboxRow {
  return {
    id: String(r['id']),
    ownerId: String(r['owner_id']),
    day: String(r['day']),
    audience: r['audience'] as OutboxRow['audience'],
    channel: r['channel'] as Channel,
    recipient: String(r['recipient']),
    subject: String(r['subject']),
    text: String(r['body_text']),
    html: String(r['body_html']),
    slack: JSON.parse(String(r['slack'])) as SlackMessage,
    status: r['status'] as OutboxRow['status'],
    attempts: Number(r['attempts']),
    error: (r['error'] as string | null) ?? null,
  };
}
