import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyOutboxTable, StateStore, type NewNotifyOutboxRow } from '../../src/state/index.js';

const open = () => StateStore.open(mkdtempSync(join(tmpdir(), 'mis-outbox-')));

const row = (id: string, over: Partial<NewNotifyOutboxRow> = {}): NewNotifyOutboxRow => ({
  id,
  ownerId: 'o1',
  day: '2026-01-05',
  audience: 'ae',
  channel: 'email',
  recipient: 'ae@example.com',
  subject: 'Your deals today',
  text: 'text',
  html: '<p>html</p>',
  slack: '{"text":"s"}',
  model: '{"m":1}',
  createdAt: '2026-01-05T08:00:00.000Z',
  ...over,
});

describe('notify_outbox table', () => {
  it('records a message once and reads it back', () => {
    const state = open();
    const outbox = new NotifyOutboxTable(state);
    expect(outbox.insertOrIgnore(row('ob_1'))).toBe(true);
    expect(outbox.insertOrIgnore(row('ob_1', { subject: 'other' }))).toBe(false);
    expect(outbox.insertOrIgnore(row('ob_2', { audience: 'manager', createdAt: '2026-01-05T07:00:00.000Z' }))).toBe(
      true,
    );
    expect(outbox.has('ob_1')).toBe(true);
    expect(outbox.has('ob_3')).toBe(false);
    expect(outbox.byId('ob_1')).toEqual({
      id: 'ob_1',
      ownerId: 'o1',
      day: '2026-01-05',
      audience: 'ae',
      channel: 'email',
      recipient: 'ae@example.com',
      subject: 'Your deals today',
      text: 'text',
      html: '<p>html</p>',
      slack: '{"text":"s"}',
      status: 'recorded',
      attempts: 0,
      error: null,
    });
    expect(outbox.byId('ob_3')).toBeNull();
    expect(outbox.pending().map((r) => r.id)).toEqual(['ob_2', 'ob_1']);
    expect(outbox.forOwnerDay('o1', '2026-01-05').map((r) => r.audience)).toEqual(['ae', 'manager']);
    expect(outbox.modelOf('o1', '2026-01-05', 'ae')).toBe('{"m":1}');
    expect(outbox.modelOf('o1', '2026-01-05', 'report')).toBeUndefined();
    state.close();
  });

  it('lets one sender claim a row; a take-over swaps only the claim it saw', () => {
    const state = open();
    const outbox = new NotifyOutboxTable(state);
    outbox.insertOrIgnore(row('ob_1'));
    const t = '2026-01-05T09:00:00.000Z';
    const lease = '2026-01-05T09:10:00.000Z';
    expect(outbox.claimRecorded('ob_1', 'a', t, lease)).toBe(true);
    expect(outbox.claimRecorded('ob_1', 'b', t, lease)).toBe(false);
    expect(outbox.claimOf('ob_1')).toEqual({ claimedBy: 'a', leaseUntil: lease });
    expect(outbox.attempts('ob_1')).toBe(1);
    expect(outbox.takeOver('ob_1', 'b', t, lease, 'someone-else')).toBe(false);
    expect(outbox.takeOver('ob_1', 'b', t, lease, 'a')).toBe(true);
    expect(outbox.takeOver('ob_1', 'c', t, lease, 'a')).toBe(false);
    expect(outbox.claimOf('ob_1')?.claimedBy).toBe('b');
    expect(outbox.attempts('ob_1')).toBe(2);
    // Only the holder may release it.
    outbox.releaseFailed('ob_1', 'a', 'recorded', 'not mine');
    expect(outbox.byId('ob_1')?.status).toBe('sending');
    outbox.releaseFailed('ob_1', 'b', 'recorded', 'smtp down');
    expect(outbox.byId('ob_1')).toMatchObject({ status: 'recorded', error: 'smtp down' });
    expect(outbox.claimOf('ob_1')).toBeUndefined();
    expect(outbox.attempts('nope')).toBeUndefined();
    state.close();
  });

  it('marks a row sent with the nudges it carries, only while the sender holds it', () => {
    const state = open();
    const outbox = new NotifyOutboxTable(state);
    outbox.insertOrIgnore(row('ob_1'));
    const nudge = state.db.prepare(
      "INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at) VALUES (?, 'o1', '2026-01-05', ?, 1, 'email', ?, ?, 't')",
    );
    nudge.run('n1', 'deal:1', '{"outboxId":"ob_1"}', 'recorded');
    nudge.run('n2', 'deal:2', '{"outboxId":"ob_1"}', 'preview');
    nudge.run('n3', 'deal:3', '{"outboxId":"ob_9"}', 'recorded');
    outbox.claimRecorded('ob_1', 'a', 't1', '2026-01-05T09:10:00.000Z');
    outbox.markSent('ob_1', 'b', 't2', 'asof');
    expect(outbox.byId('ob_1')?.status).toBe('sending');
    outbox.markSent('ob_1', 'a', 't2', 'asof');
    expect(outbox.byId('ob_1')).toMatchObject({ status: 'sent', error: null });
    const nudges = state.db.prepare('SELECT id, status, sent_at FROM nudges ORDER BY id').all();
    expect(nudges).toEqual([
      { id: 'n1', status: 'sent', sent_at: 'asof' },
      { id: 'n2', status: 'preview', sent_at: null },
      { id: 'n3', status: 'recorded', sent_at: null },
    ]);
    state.close();
  });

  it('moves an unclaimed row through sending, failure and sent', () => {
    const state = open();
    const outbox = new NotifyOutboxTable(state);
    outbox.insertOrIgnore(row('ob_1', { audience: 'manager' }));
    outbox.setSending('ob_1', 't1');
    expect(outbox.byId('ob_1')).toMatchObject({ status: 'sending', attempts: 1 });
    outbox.setRecorded('ob_1', 'smtp down');
    expect(outbox.byId('ob_1')).toMatchObject({ status: 'recorded', error: 'smtp down' });
    outbox.setSending('ob_1', 't2');
    outbox.setSent('ob_1', 't3');
    expect(outbox.byId('ob_1')).toMatchObject({ status: 'sent', attempts: 2, error: null });
    state.close();
  });
});
