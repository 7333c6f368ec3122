import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deal, Engagement } from '../../src/crm/index.js';
import {
  StateStore,
  cachedCount,
  cachedEngagementIds,
  cachedIds,
  cachedRecord,
  cachedRecords,
} from '../../src/state/index.js';

const rec = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  updatedAt: '2026-01-01T00:00:00.000Z',
  properties: {},
  ...extra,
});

describe('cache_records reads', () => {
  it('give one record, the small kinds, ids in numeric order and counts', () => {
    const state = StateStore.open(mkdtempSync(join(tmpdir(), 'mis-cache-')));
    state.applyChanges(
      {
        deals: [rec('10'), rec('9'), rec('100')] as unknown as Deal[],
        engagements: [
          rec('3', { kind: 'call' }),
          rec('20', { kind: 'note' }),
          rec('4', { kind: 'call' }),
        ] as unknown as Engagement[],
      },
      {},
      null,
    );
    expect(cachedIds(state, 'deal')).toEqual(['9', '10', '100']);
    expect(cachedEngagementIds(state, 'call')).toEqual(['3', '4']);
    expect(cachedEngagementIds(state, 'meeting')).toEqual([]);
    expect(cachedCount(state, 'engagement')).toBe(3);
    expect(cachedCount(state, 'company')).toBe(0);
    expect(cachedRecord(state, 'deal', '10')).toEqual(rec('10'));
    expect(cachedRecord(state, 'deal', '11')).toBeNull();
    expect(cachedRecords(state, 'owner')).toEqual([]);
    state.close();
  });
});
