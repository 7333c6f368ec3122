/**
 * The quick-log page writing through the audited write path for real: the official HubSpot client against the
 * sandbox, src/writes' WriteService (propose → the AE's tap as approval → apply), and the response recorded —
 * after which the synced cache shows the change and the nudge counts as acted on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import {
  commitPlan,
  createActionsHandler,
  dealLookup,
  crmEvidence,
  NotifyStore,
  planTeam,
  renderMessage,
  scoreResponsiveness,
  writeServiceWriter,
  type Digest,
} from '../../src/notify/index.js';
import { WriteService } from '../../src/writes/index.js';
import { hits, writeEnv, type WriteEnv } from '../writes/support.js';

let env: WriteEnv;
let server: Server;
let base: string;
let digest: Digest;

function context(): AnalysisContext {
  const snap = env.state.loadSnapshot()!;
  return {
    data: { crm: snap.crm, outreach: null, marketing: null, smartleadSpend: {}, managers: { '101': '102' } },
    config: DEFAULT_TEAM_CONFIG,
    asOf: '2026-11-20T12:30:00.000Z',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
  };
}

beforeAll(async () => {
  env = await writeEnv();
  const ctx = context();
  const [plan] = planTeam({ ctx, state: env.state }, { ownerId: '101' });
  expect(plan!.due).toBe(true);
  commitPlan(new NotifyStore(env.state), plan!, new Map(plan!.messages.map((m) => [m.id, renderMessage(m)])), ctx.asOf);
  env.state.db.prepare("UPDATE nudges SET status = 'sent', sent_at = ?").run(ctx.asOf);
  digest = plan!.messages.find((m) => m.audience === 'ae')!.digest;
  const service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
  const handler = createActionsHandler({
    state: env.state,
    writer: writeServiceWriter(service, () => 'asha@example.com'),
    deal: dealLookup(() => context()),
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await env.close();
});

describe('quick log through the write path', () => {
  it('lands the note and the stage move in HubSpot, audited, and the nudge counts as acted on', async () => {
    const item = digest.top;
    const url = `${base}${new URL(item.links.updateStage).pathname}`;
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ kind: 'note', body: 'PO expected next week', stage: 'contractsent' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(hits(env.sb, 'POST /crm/v3/objects/:type')).toBeGreaterThanOrEqual(1);
    expect(hits(env.sb, 'PATCH /crm/v3/objects/:type/:id')).toBe(1);
    const writes = env.state.db
      .prepare('SELECT op, status, actor, tool, source, approved_by FROM crm_writes ORDER BY created_at')
      .all();
    expect(writes).toEqual([
      {
        op: 'update_deal',
        status: 'applied',
        actor: 'asha@example.com',
        tool: 'notify:quick-log',
        source: `nudge:${item.nudgeId}`,
        approved_by: 'asha@example.com',
      },
      {
        op: 'add_note',
        status: 'applied',
        actor: 'asha@example.com',
        tool: 'notify:quick-log',
        source: `nudge:${item.nudgeId}`,
        approved_by: 'asha@example.com',
      },
    ]);
    const deal = await env.hs.client.crm.objects.basicApi.getById(
      'deals',
      item.dealId,
      ['dealstage'],
      undefined,
      undefined,
      false,
      undefined,
      env.hs.options,
    );
    expect(deal.properties['dealstage']).toBe('contractsent');
    const kinds = env.state.db.prepare('SELECT kind FROM nudge_responses WHERE nudge_id = ?').pluck().all(item.nudgeId);
    expect(kinds).toEqual(['acted']);

    // The refreshed cache alone is evidence too: without the one-tap record, the nudge still counts as acted on.
    const store = new NotifyStore(env.state);
    const sent = store.sentNudges('101', '2026-01-01');
    const r = scoreResponsiveness(sent, [], crmEvidence(context()), {
      today: '2026-11-21',
      windowDays: 28,
      minNudges: 1,
    });
    expect(r.outcomes.find((o) => o.nudgeId === item.nudgeId)).toMatchObject({ acted: true });
    expect(r.outcomes.filter((o) => o.nudgeId !== item.nudgeId).every((o) => !o.acted)).toBe(true);
  });
});
