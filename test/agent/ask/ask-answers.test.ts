/**
 * Offline `mis ask` answers through the product's MCP server (real MCP client): constraints kept (the deals
 * listed are exactly those of the portal file meeting them, computed here from the raw records), a report that
 * cannot honour a constraint refuses, "this week" on a current-state report reads as now, and what an AE said comes
 * from a stored reconciliation.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, ModelUnavailableError, OfflineDriver } from '../../../src/agent/index.js';
import { readPortalFile } from '../../../src/dataset/index.js';
import { connectInMemory } from '../../../src/mcp/index.js';
import { recordReconciliation, StateStore } from '../../../src/state/index.js';
import { sessionOf } from '../support.js';

const demo = readPortalFile(join(import.meta.dirname, '../../../data/demo-portal.json'));
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function open(state = new StateStore(':memory:')) {
  const session = await sessionOf(demo, state);
  const conn = await connectInMemory({ session });
  closers.push(() => conn.close());
  return (question: string) =>
    ask({
      question,
      driver: new OfflineDriver(),
      client: conn.client,
      asOf: session.ctx.asOf,
      view: { timezone: session.ctx.timezone, currency: session.ctx.currency },
      state: null,
      fiscalYearStartMonth: 4,
    });
}

const props = (d: (typeof demo.objects.deals)[number]) => d.properties as Record<string, string | undefined>;

describe('offline mis ask answers', () => {
  it(
    'lists exactly the deals meeting owner, amount and period, and states the reading of the quarter',
    { timeout: 60_000 },
    async () => {
      const run = await open();
      const from = Date.parse('2026-10-01T00:00:00+05:30');
      const to = Date.parse('2027-01-01T00:00:00+05:30');
      const openStages = new Set(
        demo.pipelines.deals.flatMap((p) =>
          p.stages
            .filter((s) => String((s.metadata as Record<string, unknown>)['isClosed']) !== 'true')
            .map((s) => s.id),
        ),
      );
      const want = demo.objects.deals
        .filter(
          (d) =>
            props(d)['hubspot_owner_id'] === '71234' &&
            openStages.has(props(d)['dealstage'] ?? '') &&
            Number(props(d)['amount'] ?? 0) > 500_000,
        )
        .filter((d) => {
          const t = Date.parse(props(d)['closedate'] ?? '');
          return t >= from && t < to;
        })
        .map((d) => d.id)
        .sort();
      expect(want.length).toBeGreaterThan(0);
      const r = await run('Which deals is Rohit Malhotra closing this quarter over 5 lakh?');
      expect(r.answer.citations.map((c) => c.id).sort()).toEqual(want);
      expect(r.answer.answer).toContain('Q3 FY 2026-27');
      expect(r.answer.answer).toMatch(/over ₹5 L/);
      expect(r.answer.answer).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    },
  );

  it('refuses a constraint the report cannot honour instead of dropping it', { timeout: 60_000 }, async () => {
    const run = await open();
    await expect(run('what is our coverage for deals over 20 lakh?')).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(run('what was our win rate last year?')).rejects.toThrow(/kept for this quarter only/);
  });

  it('"this week" on stale deals reads as now, not as a close date', { timeout: 60_000 }, async () => {
    const run = await open();
    const a = await run('which deals are stale this week?');
    const b = await run('which deals are stale?');
    expect(a.answer.citations).toEqual(b.answer.citations);
    expect(a.answer.answer).toMatch(/current state/);
  });

  it(
    'quotes what an AE said about a deal from a stored reconciliation, and says when nothing is stored',
    { timeout: 60_000 },
    async () => {
      const state = new StateStore(':memory:');
      const result = {
        owner: '71217',
        asOf: demo.portal.asOf,
        mentions: [{ text: 'Navkar Express: POC on, 4.2L', dealId: '4000314', confidence: 0.9 }],
        discrepancies: [],
        coverage: { mentionsMatched: 1, mentionsTotal: 1, crmExplainedShare: 0 },
      };
      recordReconciliation(
        state,
        { id: 'u1', ownerId: '71217', receivedAt: '2026-11-20T10:00:00.000Z', source: 'file', text: 'x' },
        { id: 'r1', runAt: '2026-11-20T12:00:00.000Z', json: JSON.stringify(result) },
      );
      const run = await open(state);
      const said = await run('What did Asha say about Navkar Express?');
      expect(said.answer.answer).toContain('“Navkar Express: POC on, 4.2L”');
      expect(said.answer.citations).toEqual([{ type: 'deal', id: '4000314' }]);
      const none = await run('What did Karan say about Forace Group?');
      expect(none.answer.answer).toMatch(/no stored update from Karan Mehta/);
      expect(none.answer.citations).toEqual([]);
    },
  );
});
