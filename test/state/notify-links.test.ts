import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyLinksTable, StateStore } from '../../src/state/index.js';

const open = () => StateStore.open(mkdtempSync(join(tmpdir(), 'mis-links-')));

const link = {
  id: 'a'.repeat(24),
  nudgeId: 'nd_1',
  ownerId: 'o1',
  dealId: 'd1',
  action: 'update_stage',
  expiresAt: '2026-01-02T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  payload: null,
};

describe('notify_links table', () => {
  it('records a link once: a second record of the same id keeps the first', () => {
    const state = open();
    const links = new NotifyLinksTable(state);
    links.insertOrIgnore(link);
    links.insertOrIgnore({ ...link, dealId: 'd2', payload: '{"x":1}' });
    expect(links.byId(link.id)).toEqual({ ...link, usedAt: null, result: null });
    expect(links.byId('b'.repeat(24))).toBeUndefined();
    expect(links.actionOf(link.id)).toBe('update_stage');
    expect(links.actionOf('nope')).toBeUndefined();
    state.close();
  });

  it('is used once; release makes it usable again and keeps the result', () => {
    const state = open();
    const links = new NotifyLinksTable(state);
    links.insertOrIgnore(link);
    expect(links.resultOf(link.id)).toBeNull();
    expect(links.consume(link.id, '2026-01-01T01:00:00.000Z', '{"pending":true}')).toBe(true);
    expect(links.consume(link.id, '2026-01-01T01:00:01.000Z', '{"pending":true}')).toBe(false);
    expect(links.byId(link.id)?.usedAt).toBe('2026-01-01T01:00:00.000Z');
    links.setResult(link.id, '{"done":true}');
    expect(links.resultOf(link.id)).toBe('{"done":true}');
    links.release(link.id, '{"applied":[]}');
    expect(links.byId(link.id)).toMatchObject({ usedAt: null, result: '{"applied":[]}' });
    expect(links.consume(link.id, '2026-01-01T02:00:00.000Z', '{}')).toBe(true);
    expect(links.consume('unknown', '2026-01-01T02:00:00.000Z', '{}')).toBe(false);
    expect(links.resultOf('unknown')).toBeUndefined();
    state.close();
  });

  it('runs a transaction, rolling back on a throw; deletes meta keys', () => {
    const state = open();
    const links = new NotifyLinksTable(state);
    expect(() =>
      state.transaction(() => {
        links.insertOrIgnore(link);
        throw new Error('boom');
      }, 'immediate'),
    ).toThrow('boom');
    expect(links.byId(link.id)).toBeUndefined();
    expect(state.transaction(() => (links.insertOrIgnore(link), 1))).toBe(1);
    expect(links.byId(link.id)).toBeDefined();
    state.setMeta('k', 'v');
    state.deleteMeta('k');
    expect(state.getMeta('k')).toBeUndefined();
    state.close();
  });
});
