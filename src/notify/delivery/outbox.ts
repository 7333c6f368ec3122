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
import type { NotifyOutboxRecord } from '../../state/index.js';
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
  const now = new Date(nowMs).toISOString();
  const lease = new Date(nowMs + leaseMs).toISOString();
  if (store.outbox.claimRecorded(id, sender, now, lease)) return true;
  const held = store.outbox.claimOf(id);
  if (!held) return false;
  const lapsed = held.leaseUntil === null || Date.parse(held.leaseUntil) <= nowMs;
  if (!lapsed && !claimantGone(held.claimedBy)) return false;
  // Compare-and-swap on the claim we saw: of two senders taking over the same row, one wins.
  return store.outbox.takeOver(id, sender, now, lease, held.claimedBy);
}

export function pendingRows(store: NotifyStore): OutboxRow[] {
  return store.outbox.pending().map(toRow);
}

export function outboxRow(store: NotifyStore, id: string): OutboxRow | null {
  const r = store.outbox.byId(id);
  return r ? toRow(r) : null;
}

export function outboxFor(store: NotifyStore, ownerId: string, day: string): OutboxRow[] {
  return store.outbox.forOwnerDay(ownerId, day).map(toRow);
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
  for (const row of pendingRows(store)) {
    const transport = transports[row.channel];
    if (!transport) {
      report.waiting.push({ id: row.id, reason: `no ${row.channel} delivery configured` });
      continue;
    }
    // Another sender holds it (or already sent it): not ours to send.
    if (!claimRow(store, row.id, sender, Date.parse(clock()))) continue;
    const attempt = store.outbox.attempts(row.id) ?? row.attempts + 1;
    opts.hooks?.beforeSend?.(row);
    try {
      await transport.send(row);
    } catch (e) {
      const msg = e instanceof MisError ? e.message : ((e as Error).message ?? String(e));
      const gaveUp = attempt >= MAX_ATTEMPTS;
      store.outbox.releaseFailed(row.id, sender, gaveUp ? 'failed' : 'recorded', msg.slice(0, 500));
      report.failed.push({ id: row.id, error: msg, attempts: attempt, gaveUp });
      continue;
    }
    opts.hooks?.afterSend?.(row);
    store.outbox.markSent(row.id, sender, clock(), opts.now);
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

function toRow(r: NotifyOutboxRecord): OutboxRow {
  return { ...r, channel: r.channel as Channel, slack: JSON.parse(r.slack) as SlackMessage };
}
