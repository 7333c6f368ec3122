/**
 * notify_outbox: every message the product sends (digests, support notes, weekly reports), recorded before it is
 * sent. A row is claimed by one sender with a conditional UPDATE (`recorded` → `sending`, claimed_by, a lease):
 * SQLite serialises writers, so of any number of concurrent senders exactly one wins each row. Whether a held
 * claim may be taken over (lease lapsed, sender gone) is the sender's decision (src/notify); the take-over itself
 * is a compare-and-swap on the claim it saw. Marking a row sent also marks the nudges it carries, in one transaction.
 */
import { NudgesTable } from './nudges.js';
import type { StateStore } from './store.js';

export type OutboxAudience = 'ae' | 'manager' | 'report';
export type OutboxStatus = 'recorded' | 'sending' | 'sent' | 'failed';

/** A notify_outbox row as read back (slack: the Slack message as JSON text; the model column is read on its own). */
export interface NotifyOutboxRecord {
  id: string;
  ownerId: string;
  day: string;
  audience: OutboxAudience;
  channel: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  slack: string;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
}

/** A new row (always recorded as `recorded`); slack and model as JSON text. */
export type NewNotifyOutboxRow = Omit<NotifyOutboxRecord, 'status' | 'attempts' | 'error'> & {
  model: string;
  createdAt: string;
};

type Raw = Record<string, string | number | null>;

const CLAIM =
  "UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, sending_at = ?, claimed_by = ?, lease_until = ? WHERE id = ?";

export class NotifyOutboxTable {
  constructor(private readonly state: StateStore) {}

  /** Records a message; false when its id is recorded already (the row is left as it is). */
  insertOrIgnore(row: NewNotifyOutboxRow): boolean {
    return (
      this.state.db
        .prepare(
          `INSERT OR IGNORE INTO notify_outbox (id, owner_id, day, audience, channel, recipient, subject, body_text, body_html, slack, model, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded', ?)`,
        )
        .run(
          row.id,
          row.ownerId,
          row.day,
          row.audience,
          row.channel,
          row.recipient,
          row.subject,
          row.text,
          row.html,
          row.slack,
          row.model,
          row.createdAt,
        ).changes === 1
    );
  }

  has(id: string): boolean {
    return this.state.db.prepare('SELECT 1 FROM notify_outbox WHERE id = ?').get(id) !== undefined;
  }

  byId(id: string): NotifyOutboxRecord | null {
    const r = this.state.db.prepare('SELECT * FROM notify_outbox WHERE id = ?').get(id) as Raw | undefined;
    return r ? toRecord(r) : null;
  }

  /** Rows still to send (`recorded`, or `sending` under someone's claim), oldest first. */
  pending(): NotifyOutboxRecord[] {
    return (
      this.state.db
        .prepare("SELECT * FROM notify_outbox WHERE status IN ('recorded', 'sending') ORDER BY created_at, id")
        .all() as Raw[]
    ).map(toRecord);
  }

  /** One owner's rows for one day, by audience. */
  forOwnerDay(ownerId: string, day: string): NotifyOutboxRecord[] {
    return (
      this.state.db
        .prepare('SELECT * FROM notify_outbox WHERE owner_id = ? AND day = ? ORDER BY audience')
        .all(ownerId, day) as Raw[]
    ).map(toRecord);
  }

  /** The digest model recorded with a row (JSON text), or undefined when there is no such row. */
  modelOf(ownerId: string, day: string, audience: OutboxAudience): string | undefined {
    const r = this.state.db
      .prepare('SELECT model FROM notify_outbox WHERE owner_id = ? AND day = ? AND audience = ?')
      .get(ownerId, day, audience) as { model: string } | undefined;
    return r?.model;
  }

  attempts(id: string): number | undefined {
    return this.state.db.prepare('SELECT attempts FROM notify_outbox WHERE id = ?').pluck().get(id) as
      number | undefined;
  }

  /** Claims a `recorded` row for `sender` until `leaseUntil`; false when it is not `recorded` (any more). */
  claimRecorded(id: string, sender: string, now: string, leaseUntil: string): boolean {
    return this.state.db.prepare(`${CLAIM} AND status = 'recorded'`).run(now, sender, leaseUntil, id).changes === 1;
  }

  /** Who holds a `sending` row and until when; undefined when the row is not `sending`. */
  claimOf(id: string): { claimedBy: string | null; leaseUntil: string | null } | undefined {
    const r = this.state.db
      .prepare("SELECT claimed_by, lease_until FROM notify_outbox WHERE id = ? AND status = 'sending'")
      .get(id) as { claimed_by: string | null; lease_until: string | null } | undefined;
    return r ? { claimedBy: r.claimed_by, leaseUntil: r.lease_until } : undefined;
  }

  /** Takes over a `sending` row still held by `heldBy` (compare-and-swap): of two senders, one wins. */
  takeOver(id: string, sender: string, now: string, leaseUntil: string, heldBy: string | null): boolean {
    return (
      this.state.db
        .prepare(`${CLAIM} AND status = 'sending' AND claimed_by IS ?`)
        .run(now, sender, leaseUntil, id, heldBy).changes === 1
    );
  }

  /** A failed send: back to `recorded` (or `failed` for good), the claim dropped, if `sender` still holds it. */
  releaseFailed(id: string, sender: string, status: 'recorded' | 'failed', error: string): void {
    this.state.db
      .prepare(
        'UPDATE notify_outbox SET status = ?, error = ?, claimed_by = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?',
      )
      .run(status, error, id, sender);
  }

  /**
   * A delivered row: `sent` at `at` if `sender` still holds it, and the nudges it carries marked sent at `nudgesAt`
   * (previews and nudges sent already left alone), in one transaction.
   */
  markSent(id: string, sender: string, at: string, nudgesAt: string): void {
    this.state.transaction(() => {
      this.state.db
        .prepare(
          "UPDATE notify_outbox SET status = 'sent', sent_at = ?, error = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?",
        )
        .run(at, id, sender);
      new NudgesTable(this.state).markSentWith(id, nudgesAt);
    });
  }

  // Unclaimed sends (the manager's weekly email, sent at once by the report command): unconditional transitions.

  /** `sending`, one more attempt. */
  setSending(id: string, at: string): void {
    this.state.db
      .prepare("UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, sending_at = ? WHERE id = ?")
      .run(at, id);
  }

  /** `sent`, the error cleared. */
  setSent(id: string, at: string): void {
    this.state.db
      .prepare("UPDATE notify_outbox SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?")
      .run(at, id);
  }

  /** Back to `recorded` with the error (the next `mis notify` sends it). */
  setRecorded(id: string, error: string): void {
    this.state.db.prepare("UPDATE notify_outbox SET status = 'recorded', error = ? WHERE id = ?").run(error, id);
  }
}

function toRecord(r: Raw): NotifyOutboxRecord {
  return {
    id: String(r['id']),
    ownerId: String(r['owner_id']),
    day: String(r['day']),
    audience: r['audience'] as OutboxAudience,
    channel: String(r['channel']),
    recipient: String(r['recipient']),
    subject: String(r['subject']),
    text: String(r['body_text']),
    html: String(r['body_html']),
    slack: String(r['slack']),
    status: r['status'] as OutboxStatus,
    attempts: Number(r['attempts']),
    error: (r['error'] as string | null) ?? null,
  };
}
