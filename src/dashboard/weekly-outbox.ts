/**
 * The manager's weekly email through the durable outbox (notify_outbox): recorded once per recipient and week
 * (a rerun never sends the same week twice), then delivered row by row with the email transport; a row left
 * `recorded` (no SMTP yet, or SMTP down) is sent by the next `mis notify`.
 */
import { createHash } from 'node:crypto';
import { MisError } from '../errors/index.js';
import { NotifyStore, outboxRow, type OutboxRow, type Transport } from '../notify/index.js';
import { NotifyOutboxTable, type StateStore } from '../state/index.js';
import type { ManagerWeeklyEmail } from './weekly-email.js';

export interface WeeklyRecipient {
  /** The manager's owner id, or `to:<email>` for an address given on the command line. */
  ownerId: string;
  email: string;
}

export function weeklyMessageId(recipient: string, weekStart: string): string {
  return `ob_${createHash('sha256').update(`${recipient}\nweekly\n${weekStart}`).digest('hex').slice(0, 20)}`;
}

/** Records one outbox row per recipient (INSERT OR IGNORE: the same week is recorded once); returns the rows. */
export function recordManagerWeekly(
  state: StateStore,
  email: ManagerWeeklyEmail,
  recipients: ReadonlyArray<WeeklyRecipient>,
  now: string,
): OutboxRow[] {
  const weekStart = email.report.momentum.period.from;
  const day = `weekly-${weekStart.slice(0, 10)}`;
  const outbox = new NotifyOutboxTable(state);
  const ids: string[] = [];
  state.transaction(() => {
    for (const r of recipients) {
      const id = weeklyMessageId(r.email.toLowerCase(), weekStart);
      outbox.insertOrIgnore({
        id,
        ownerId: r.ownerId,
        day,
        audience: 'manager',
        channel: 'email',
        recipient: r.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        slack: JSON.stringify({ text: email.subject, blocks: [] }),
        model: JSON.stringify({ kind: 'manager_weekly', week: email.report.momentum.period }),
        createdAt: now,
      });
      ids.push(id);
    }
  });
  const store = new NotifyStore(state);
  return ids.map((id) => outboxRow(store, id)).filter((r): r is OutboxRow => r !== null);
}

export interface WeeklyDelivery {
  id: string;
  recipient: string;
  status: 'sent' | 'already_sent' | 'failed' | 'recorded';
  error?: string;
}

/** Sends the given rows that are still pending; a failure leaves the row for the next `mis notify`. */
export async function deliverManagerWeekly(
  state: StateStore,
  rows: ReadonlyArray<OutboxRow>,
  transport: Transport | undefined,
  clock: () => string = () => new Date().toISOString(),
): Promise<WeeklyDelivery[]> {
  const outbox = new NotifyOutboxTable(state);
  const out: WeeklyDelivery[] = [];
  for (const row of rows) {
    if (row.status === 'sent') {
      out.push({ id: row.id, recipient: row.recipient, status: 'already_sent' });
      continue;
    }
    if (!transport) {
      out.push({ id: row.id, recipient: row.recipient, status: 'recorded' });
      continue;
    }
    outbox.setSending(row.id, clock());
    try {
      await transport.send(row);
      outbox.setSent(row.id, clock());
      out.push({ id: row.id, recipient: row.recipient, status: 'sent' });
    } catch (e) {
      const msg = e instanceof MisError ? e.message : (e as Error).message;
      outbox.setRecorded(row.id, msg.slice(0, 500));
      out.push({ id: row.id, recipient: row.recipient, status: 'failed', error: msg });
    }
  }
  return out;
}
