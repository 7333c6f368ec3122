/**
 * The durable outbox (notify_outbox in mis.db). A message is recorded — with its nudges and links, in one
 * transaction — before anything is sent; delivery marks it `sending` (attempts + 1), sends, then marks it `sent`
 * and its nudges sent. A rerun delivers whatever is still `recorded` or `sending`, so a crash never loses a
 * message, and a message marked `sent` is never sent again. The one window left is a crash after the provider
 * accepted a message and before `sent` was written (milliseconds): the rerun sends it again with the same
 * Message-ID, which mail clients collapse into one.
 */
import { MisError } from '../errors/index.js';
import type { Channel } from './profile.js';
import type { SlackMessage } from './render/index.js';
import type { NotifyStore } from './store.js';

export class NotifyDeliveryError extends MisError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('NOTIFY_DELIVERY', message, cause === undefined ? { hint } : { hint, cause });
  }
}

export interface OutboxRow {
  id: string;
  ownerId: string;
  day: string;
  audience: 'ae' | 'manager';
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

export function pendingRows(store: NotifyStore): OutboxRow[] {
  return (store.db.prepare("SELECT * FROM notify_outbox WHERE status IN ('recorded', 'sending') ORDER BY created_at, id").all() as Record<string, string | number | null>[]).map(toRow);
}

export function outboxRow(store: NotifyStore, id: string): OutboxRow | null {
  const r = store.db.prepare('SELECT * FROM notify_outbox WHERE id = ?').get(id) as Record<string, string | number | null> | undefined;
  return r ? toRow(r) : null;
}

export function outboxFor(store: NotifyStore, ownerId: string, day: string): OutboxRow[] {
  return (store.db.prepare('SELECT * FROM notify_outbox WHERE owner_id = ? AND day = ? ORDER BY audience').all(ownerId, day) as Record<string, string | number | null>[]).map(toRow);
}

/**
 * Sends every pending row. `now` is the logical time the nudges count as sent (the analysis asOf), `clock` the
 * wall clock for the outbox's own timestamps.
 */
export async function deliverPending(store: NotifyStore, transports: Transports, opts: { now: string; clock?: () => string; hooks?: DeliveryHooks }): Promise<DeliveryReport> {
  const clock = opts.clock ?? (() => new Date().toISOString());
  const report: DeliveryReport = { sent: [], failed: [], waiting: [] };
  const db = store.db;
  for (const row of pendingRows(store)) {
    const transport = transports[row.channel];
    if (!transport) {
      report.waiting.push({ id: row.id, reason: `no ${row.channel} delivery configured` });
      continue;
    }
    db.prepare("UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, sending_at = ? WHERE id = ? AND status IN ('recorded', 'sending')").run(clock(), row.id);
    const attempt = row.attempts + 1;
    opts.hooks?.beforeSend?.(row);
    try {
      await transport.send(row);
    } catch (e) {
      const msg = e instanceof MisError ? e.message : (e as Error).message ?? String(e);
      const gaveUp = attempt >= MAX_ATTEMPTS;
      db.prepare('UPDATE notify_outbox SET status = ?, error = ? WHERE id = ?').run(gaveUp ? 'failed' : 'recorded', msg.slice(0, 500), row.id);
      report.failed.push({ id: row.id, error: msg, attempts: attempt, gaveUp });
      continue;
    }
    opts.hooks?.afterSend?.(row);
    const at = clock();
    db.transaction(() => {
      db.prepare("UPDATE notify_outbox SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?").run(at, row.id);
      db.prepare("UPDATE nudges SET status = 'sent', sent_at = ? WHERE json_extract(payload, '$.outboxId') = ? AND status <> 'sent'").run(opts.now, row.id);
    })();
    report.sent.push({ id: row.id, ownerId: row.ownerId, audience: row.audience, channel: row.channel, recipient: row.recipient });
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
