/** The consent policy of --apply, over a recording write port (the CLI test covers the real WriteService). */
import { describe, expect, it } from 'vitest';
import { applyProposals, isStageChange, withoutApplied, type ReconcileResult } from '../../src/reconcile/index.js';
import type { CrmChange, WriteRecord } from '../../src/writes/index.js';

const result: ReconcileResult = {
  owner: '101',
  asOf: '2026-11-20T12:30:00.000Z',
  mentions: [],
  discrepancies: [
    {
      type: 'stage_mismatch',
      dealId: '4001',
      mention: 'Forace',
      claimed: {},
      crm: {},
      proposedUpdates: [{ op: 'update_deal', dealId: '4001', properties: { dealstage: 'presentationscheduled' } }],
    },
    {
      type: 'amount_mismatch',
      dealId: '4001',
      mention: 'Forace',
      claimed: {},
      crm: {},
      proposedUpdates: [{ op: 'update_deal', dealId: '4001', properties: { amount: '1520000' } }],
    },
  ],
  coverage: { mentionsMatched: 1, mentionsTotal: 1, crmExplainedShare: 0.5 },
};

function recorder(applied: WriteRecord[] = []) {
  const log: string[] = [];
  let n = 0;
  return {
    log,
    writes: {
      propose: (change: unknown, meta: { source?: string }) => {
        log.push(`propose ${(change as CrmChange).op} ${meta.source}`);
        return { writeId: `w${++n}`, preview: '', status: 'proposed' as const, idempotencyKey: 'k', created: true };
      },
      issueApproval: (id: string, who: string) => {
        log.push(`approve ${id} ${who}`);
        return 'token';
      },
      apply: async (id: string) => {
        log.push(`apply ${id}`);
        return { result: { recordType: 'deal', recordId: '4001', attempts: 1, cacheRefreshed: true } } as WriteRecord;
      },
      list: () => applied,
    },
  };
}

describe('apply consent', () => {
  it('--yes alone never applies a stage change', async () => {
    const r = recorder();
    const out = await applyProposals(
      result,
      { writes: r.writes, actor: 'ae', approver: 'meera', source: 'upd_1' },
      { yes: true, yesStages: false },
    );
    expect(out.map((a) => a.status)).toEqual(['needs_consent', 'applied']);
    expect(r.log).toEqual(['propose update_deal upd_1', 'approve w1 meera', 'apply w1']);
  });

  it('on a terminal every change is asked, and a no writes nothing', async () => {
    const r = recorder();
    const asked: string[] = [];
    const out = await applyProposals(
      result,
      { writes: r.writes, actor: 'ae', approver: 'meera', source: 'upd_1' },
      {
        yes: false,
        yesStages: false,
        ask: async (c) => {
          asked.push(isStageChange(c) ? 'stage' : 'other');
          return isStageChange(c);
        },
      },
    );
    expect(asked).toEqual(['stage', 'other']);
    expect(out.map((a) => a.status)).toEqual(['applied', 'declined']);
    expect(r.log.filter((l) => l.startsWith('propose'))).toHaveLength(1);
  });

  it('skips what an earlier run applied from the same update', async () => {
    const done = {
      id: 'w9',
      source: 'upd_1',
      status: 'applied',
      change: { op: 'update_deal', properties: { amount: '1520000' }, dealId: '4001' },
    } as unknown as WriteRecord;
    const r = recorder([done]);
    const out = await applyProposals(
      result,
      { writes: r.writes, actor: 'ae', approver: 'meera', source: 'upd_1' },
      { yes: true, yesStages: true },
    );
    expect(out.map((a) => a.status)).toEqual(['applied', 'already_applied']);
    const filtered = withoutApplied(
      result,
      new Map([[JSON.stringify({ dealId: '4001', op: 'update_deal', properties: { amount: '1520000' } }), done]]),
    );
    expect(filtered.result.discrepancies.map((d) => d.type)).toEqual(['stage_mismatch']);
    expect(filtered.dropped).toBe(1);
  });
});
