/** The notification tables behind src/state: nudges and responses, AE profiles, ladder episodes, snoozes and mutes. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AeProfilesTable,
  NotifyEpisodesTable,
  NotifySuppressionsTable,
  NudgesTable,
  StateStore,
  type NewNudge,
} from '../../src/state/index.js';

const open = () => StateStore.open(mkdtempSync(join(tmpdir(), 'mis-notify-tables-')));

const nudge = (id: string, over: Partial<NewNudge> = {}): NewNudge => ({
  id,
  ownerId: 'o1',
  day: '2026-01-05',
  itemKey: 'deal:7',
  level: 1,
  channel: 'email',
  payload: JSON.stringify({ dealId: '7', outboxId: 'ob_1' }),
  createdAt: '2026-01-05T08:00:00.000Z',
  ...over,
});

describe('nudges table', () => {
  it('records previews, lets the real nudge take a preview over, and never overwrites a real one', () => {
    const state = open();
    const t = new NudgesTable(state);
    t.recordPreview(nudge('n1', { level: 1 }));
    expect(t.on('o1', '2026-01-05')).toEqual([]);
    expect(t.byId('n1')?.status).toBe('preview');
    t.recordPlanned(nudge('n1', { level: 2, createdAt: '2026-01-05T09:00:00.000Z' }));
    expect(t.byId('n1')).toEqual({
      id: 'n1',
      ownerId: 'o1',
      day: '2026-01-05',
      itemKey: 'deal:7',
      dealId: '7',
      level: 2,
      channel: 'email',
      status: 'recorded',
      sentAt: '2026-01-05T09:00:00.000Z',
    });
    t.recordPlanned(nudge('n1', { level: 3 }));
    t.recordPreview(nudge('n1', { level: 4 }));
    expect(t.byId('n1')?.level).toBe(2);
    // No dealId in the payload: read from the item key.
    t.recordPlanned(nudge('n2', { itemKey: 'deal:9', payload: '{}' }));
    expect(t.on('o1', '2026-01-05').map((n) => [n.id, n.dealId])).toEqual([
      ['n1', '7'],
      ['n2', '9'],
    ]);
    expect(t.byId('n9')).toBeNull();
    state.close();
  });

  it('marks the nudges of an outbox row sent and lists them with their responses', () => {
    const state = open();
    const t = new NudgesTable(state);
    t.recordPlanned(nudge('n1'));
    t.recordPlanned(nudge('n2', { day: '2026-01-06', payload: JSON.stringify({ dealId: '8', outboxId: 'ob_2' }) }));
    expect(t.sent('o1', '2026-01-01')).toEqual([]);
    t.markSentWith('ob_1', '2026-01-05T10:00:00.000Z');
    t.markSentWith('ob_1', '2026-01-05T11:00:00.000Z');
    expect(t.sent('o1', '2026-01-01').map((n) => [n.id, n.status, n.sentAt])).toEqual([
      ['n1', 'sent', '2026-01-05T10:00:00.000Z'],
    ]);
    expect(t.sent('o1', '2026-01-06')).toEqual([]);
    t.addResponse('n1', 'acted', '2026-01-05T12:00:00.000Z', JSON.stringify({ action: 'update_stage' }));
    t.addResponse('n2', 'skipped', '2026-01-06T12:00:00.000Z', null);
    t.addResponse('n1', 'snoozed', '2026-01-05T13:00:00.000Z', '{"action":7}');
    expect(t.responses('o1', '2026-01-01')).toEqual([
      { nudgeId: 'n1', kind: 'acted', at: '2026-01-05T12:00:00.000Z', action: 'update_stage' },
      { nudgeId: 'n2', kind: 'skipped', at: '2026-01-06T12:00:00.000Z', action: undefined },
      { nudgeId: 'n1', kind: 'snoozed', at: '2026-01-05T13:00:00.000Z', action: undefined },
    ]);
    expect(t.responses('o1', '2026-01-06').map((r) => r.nudgeId)).toEqual(['n2']);
    expect(t.responses('o2', '2026-01-01')).toEqual([]);
    state.close();
  });
});

describe('ae_profiles table', () => {
  it('stores the JSON as given and replaces it on save', () => {
    const state = open();
    const t = new AeProfilesTable(state);
    expect(t.has('o1')).toBe(false);
    expect(t.json('o1')).toBeUndefined();
    expect(t.updatedAt('o1')).toBeNull();
    t.save('o1', '{"a":1,"future":true}', '2026-01-01T00:00:00.000Z');
    t.save('o1', '{"a":2}', '2026-01-02T00:00:00.000Z');
    expect(t.has('o1')).toBe(true);
    expect(t.json('o1')).toBe('{"a":2}');
    expect(t.updatedAt('o1')).toBe('2026-01-02T00:00:00.000Z');
    state.close();
  });
});

describe('notify_episodes table', () => {
  it('opens an episode, keeps the day the manager was told, and closes it', () => {
    const state = open();
    const t = new NotifyEpisodesTable(state);
    t.touch('o1', 'deal:7', '2026-01-05', '2026-01-05', 1, false);
    t.touch('o1', 'deal:7', '2026-01-05', '2026-01-07', 3, true);
    t.touch('o1', 'deal:7', '2026-01-05', '2026-01-08', 3, false);
    t.touch('o1', 'deal:1', '2026-01-06', '2026-01-06', 1, false);
    expect(t.open('o1')).toEqual([
      {
        ownerId: 'o1',
        itemKey: 'deal:1',
        startedDay: '2026-01-06',
        lastNudgedDay: '2026-01-06',
        lastLevel: 1,
        managerNotifiedDay: null,
      },
      {
        ownerId: 'o1',
        itemKey: 'deal:7',
        startedDay: '2026-01-05',
        lastNudgedDay: '2026-01-08',
        lastLevel: 3,
        managerNotifiedDay: '2026-01-07',
      },
    ]);
    t.close('o1', 'deal:7', '2026-01-09', 'acted');
    expect(t.open('o1').map((e) => e.itemKey)).toEqual(['deal:1']);
    // A new episode on the same item starts afresh.
    t.touch('o1', 'deal:7', '2026-01-10', '2026-01-10', 1, false);
    expect(t.open('o1').find((e) => e.itemKey === 'deal:7')?.startedDay).toBe('2026-01-10');
    state.close();
  });
});

describe('notify_suppressions table', () => {
  it('keeps snoozes until they expire and mutes until lifted', () => {
    const state = open();
    const t = new NotifySuppressionsTable(state);
    t.snooze('o1', 'deal:7', '2026-01-10T00:00:00.000Z', 'not ready', '2026-01-05T00:00:00.000Z');
    t.mute('o1', 'deal:7', 'missing_amount', null, '2026-01-05T00:00:00.000Z');
    t.mute('o1', 'deal:7', 'stale_deal', 'known', '2026-01-05T00:00:00.000Z');
    expect(t.active('o1', '2026-01-06T00:00:00.000Z').map((s) => [s.kind, s.checkName])).toEqual([
      ['snooze', null],
      ['mute', 'missing_amount'],
      ['mute', 'stale_deal'],
    ]);
    expect(t.active('o1', '2026-01-06T00:00:00.000Z')[0]).toEqual({
      id: 1,
      ownerId: 'o1',
      itemKey: 'deal:7',
      kind: 'snooze',
      checkName: null,
      reason: 'not ready',
      until: '2026-01-10T00:00:00.000Z',
      createdAt: '2026-01-05T00:00:00.000Z',
    });
    expect(t.active('o1', '2026-01-11T00:00:00.000Z').map((s) => s.kind)).toEqual(['mute', 'mute']);
    expect(t.lift('o1', 'deal:7', 'missing_amount', '2026-01-06T00:00:00.000Z')).toBe(1);
    expect(t.lift('o1', 'deal:7', 'missing_amount', '2026-01-06T00:00:00.000Z')).toBe(0);
    expect(t.lift('o1', 'deal:7', null, '2026-01-06T00:00:00.000Z')).toBe(2);
    expect(t.active('o1', '2026-01-06T00:00:00.000Z')).toEqual([]);
    state.close();
  });
});
