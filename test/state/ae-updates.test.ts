import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore, reconciliationsOf, recordReconciliation } from '../../src/state/index.js';

describe('reconciliations of one owner', () => {
  it('are newest first, only that owner’s, at most the limit', () => {
    const state = StateStore.open(mkdtempSync(join(tmpdir(), 'mis-ae-updates-')));
    const update = (id: string, ownerId: string) => ({
      id,
      ownerId,
      receivedAt: '2026-01-05T08:00:00.000Z',
      source: 'cli',
      text: 'moved Acme to negotiation',
    });
    recordReconciliation(state, update('u1', 'o1'), { id: 'r1', runAt: '2026-01-05T09:00:00.000Z', json: '{"n":1}' });
    recordReconciliation(state, update('u1', 'o1'), { id: 'r2', runAt: '2026-01-06T09:00:00.000Z', json: '{"n":2}' });
    recordReconciliation(state, update('u2', 'o2'), { id: 'r3', runAt: '2026-01-07T09:00:00.000Z', json: '{"n":3}' });
    recordReconciliation(state, update('u3', 'o1'), { id: 'r4', runAt: '2026-01-04T09:00:00.000Z', json: '{"n":4}' });
    expect(reconciliationsOf(state, 'o1')).toEqual([
      { json: '{"n":2}', runAt: '2026-01-06T09:00:00.000Z' },
      { json: '{"n":1}', runAt: '2026-01-05T09:00:00.000Z' },
      { json: '{"n":4}', runAt: '2026-01-04T09:00:00.000Z' },
    ]);
    expect(reconciliationsOf(state, 'o1', 1).map((r) => r.json)).toEqual(['{"n":2}']);
    expect(reconciliationsOf(state, 'o9')).toEqual([]);
    state.close();
  });
});
