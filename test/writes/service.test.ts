/** The audited write path against the sandbox through the real @hubspot/api-client. */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetCrm, type Deal, type Engagement } from '../../src/crm/index.js';
import { cachedRecord, StateStore } from '../../src/state/index.js';
import { fixture } from '../support/fixtures.js';
import {
  WriteApprovalError,
  WriteConflictError,
  WriteFailedError,
  WriteInvalidError,
  WriteService,
  type ApprovalProblem,
} from '../../src/writes/index.js';
import { hits, writeEnv, type WriteEnv } from './support.js';

const PATCH = 'PATCH /crm/v3/objects/:type/:id';
/** The fixture's rule: deal i closes on day i + 60 of 2026. */
const closeDay = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i + 59) * 86_400_000).toISOString().slice(0, 10);
/** The same day as an approver reads it in a preview: "Tue, 15 Dec 2026". */
const closeDayText = (i: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(`${closeDay(i)}T12:00:00Z`));

let env: WriteEnv;
let service: WriteService;
beforeAll(async () => {
  env = await writeEnv();
  service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
});
afterAll(() => env.close());

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

describe('propose', () => {
  it('refuses an invalid change with an error naming the field, recording nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ op: 'update_deal', dealId: '4005', properties: {} }, /properties: at least one property/],
      [{ op: 'add_note', dealId: '4005' }, /body/],
      [{ op: 'delete_deal', dealId: '4005' }, /op/],
      [{ op: 'log_call', dealId: '4005', at: 'yesterday', body: 'x' }, /at: an ISO date/],
      [{ op: 'update_deal', dealId: '40 05', properties: { dealstage: 'x' } }, /dealId/],
    ];
    for (const [change, message] of cases) {
      const e = await refusal(() => service.propose(change, { actor: 'claude', tool: 'test' }));
      expect(e).toBeInstanceOf(WriteInvalidError);
      expect((e as Error).message).toMatch(message);
    }
    expect(service.list()).toEqual([]);
  });

  it('previews the change with the cached labels and current values', () => {
    const p = service.propose(
      { op: 'update_deal', dealId: '4005', properties: { closedate: '2026-12-15', dealstage: 'contractsent' } },
      { actor: 'claude', tool: 'test', source: 'preview' },
    );
    expect(p.preview).toBe(
      `Deal 4005 Forace Group Expansion 5: stage Demo Done → Negotiation; close date ${closeDayText(5)} → Tue, 15 Dec 2026`,
    );
    expect(p.status).toBe('proposed');
    const amount = service.propose(
      { op: 'update_deal', dealId: '4002', properties: { amount: '1520000', hubspot_owner_id: '101' } },
      { actor: 'claude', tool: 'test', source: 'preview' },
    );
    expect(amount.preview).toBe('Deal 4002 Deal number 2: amount ₹20,000 → ₹15.2 L; owner Vikram Shah → Asha Rao');
    const note = service.propose(
      { op: 'add_note', dealId: '4003', body: 'Shortlisted to\nfinal 2; F2F this week' },
      { actor: 'claude', tool: 'test', source: 'preview' },
    );
    expect(note.preview).toBe('Note on deal 4003 Deal number 3: "Shortlisted to final 2; F2F this week"');
    const deal = service.propose(
      {
        op: 'create_deal',
        properties: { dealname: 'Client 1 - WMS', dealstage: 'qualifiedtobuy', amount: '250000' },
        companyId: '2001',
        contactIds: ['3001'],
      },
      { actor: 'claude', tool: 'test', source: 'preview' },
    );
    expect(deal.preview).toBe(
      'New deal "Client 1 - WMS" for Client 1 Pvt Ltd (company 2001) with 1 contact: stage Demo Done, amount ₹2.5 L',
    );
    const unknown = service.propose(
      { op: 'update_deal', dealId: '999999', properties: { dealstage: 'closedwon' } },
      { actor: 'claude', tool: 'test', source: 'preview' },
    );
    expect(unknown.preview).toBe('Deal 999999 (not in the local cache): stage → Closed Won');
  });

  it('is idempotent: the same change from the same source is the same write, whatever the key order', () => {
    const meta = { actor: 'claude', tool: 'test', source: 'update-17' };
    const a = service.propose({ op: 'update_deal', dealId: '4010', properties: { amount: '1', dealname: 'x' } }, meta);
    const b = service.propose(
      { properties: { dealname: 'x', amount: '1' }, dealId: '4010', op: 'update_deal' },
      { ...meta, actor: 'someone else' },
    );
    expect(a.created).toBe(true);
    expect(b).toEqual({ ...a, created: false });
    const c = service.propose(
      { op: 'update_deal', dealId: '4010', properties: { amount: '1', dealname: 'x' } },
      { ...meta, source: 'update-18' },
    );
    expect(c.writeId).not.toBe(a.writeId);
    expect(service.list().filter((w) => w.targetId === '4010')).toHaveLength(2);
  });
});

describe('approval tokens', () => {
  it('refuse forged, expired, tampered and other-write approvals, sending nothing', async () => {
    const a = service.propose(
      { op: 'update_deal', dealId: '4006', properties: { dealstage: 'closedwon' } },
      { actor: 'claude', tool: 'test', source: 'tokens' },
    );
    const b = service.propose(
      { op: 'update_deal', dealId: '4006', properties: { amount: '1' } },
      { actor: 'claude', tool: 'test', source: 'tokens' },
    );
    const token = service.issueApproval(a.writeId, 'asha');
    expect(statSync(join(env.stateDir, 'approval.key')).mode & 0o777).toBe(0o600);
    const [prefix, claims, mac] = token.split('.') as [string, string, string];
    const tamperedClaims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), a: 'mallory' }),
    ).toString('base64url');
    const otherKey = new WriteService({
      crm: env.crm,
      state: env.state,
      stateDir: join(env.stateDir, 'elsewhere'),
    }).issueApproval(a.writeId, 'asha');
    const later = new WriteService({
      crm: env.crm,
      state: env.state,
      stateDir: env.stateDir,
      clock: () => new Date(Date.now() + 11 * 60_000),
    });
    const flipped = mac.slice(0, -2) + (mac.endsWith('AA') ? 'BB' : 'AA');
    env.sb.resetStats();
    const cases: [string, WriteService, string, ApprovalProblem][] = [
      [b.writeId, service, token, 'other_write'],
      [a.writeId, service, 'not-a-token', 'malformed'],
      [a.writeId, service, `${prefix}.${claims}.${flipped}`, 'forged'],
      [a.writeId, service, `${prefix}.${tamperedClaims}.${mac}`, 'forged'],
      [a.writeId, service, otherKey, 'forged'],
      [a.writeId, later, token, 'expired'],
    ];
    for (const [id, svc, t, problem] of cases) {
      const e = await refusal(svc.apply(id, t));
      expect(e).toBeInstanceOf(WriteApprovalError);
      expect((e as WriteApprovalError).problem).toBe(problem);
    }
    // The approved change edited in the database after approval: the token no longer matches it.
    env.state.db
      .prepare('UPDATE crm_writes SET change = ? WHERE id = ?')
      .run(JSON.stringify({ op: 'update_deal', dealId: '4006', properties: { dealstage: 'closedlost' } }), a.writeId);
    expect(((await refusal(service.apply(a.writeId, token))) as WriteApprovalError).problem).toBe('forged');
    expect(env.sb.stats().total).toBe(0);
    expect(service.get(a.writeId).status).toBe('approved');
    expect(service.get(b.writeId).status).toBe('proposed');
    const d = await env.hs.client.crm.objects.basicApi.getById(
      'deals',
      '4006',
      ['dealstage', 'amount'],
      undefined,
      undefined,
      false,
      undefined,
      env.hs.options as never,
    );
    expect(d.properties).toMatchObject({ dealstage: 'contractsent', amount: '60000' });
  });
});

describe('apply', () => {
  it('updates the deal in HubSpot once, refreshes the cache and fills in the audit row', async () => {
    const p = service.propose(
      { op: 'update_deal', dealId: '4005', properties: { dealstage: 'contractsent', closedate: '2026-12-15' } },
      { actor: 'claude', tool: 'mcp:hubspot_update_deal', source: 'apply-1' },
    );
    env.sb.resetStats();
    env.hs.counter.reset();
    const w = await service.apply(p.writeId, service.issueApproval(p.writeId, 'asha'));
    expect(hits(env.sb, PATCH)).toBe(1);
    // the write is counted like every other request (call-time options ride along underneath the decorators)
    expect(env.hs.counter.snapshot().byRoute['PATCH /crm/v3/objects/deals/:id']).toBe(1);
    expect(w).toMatchObject({
      status: 'applied',
      approvedBy: 'asha',
      actor: 'claude',
      tool: 'mcp:hubspot_update_deal',
      source: 'apply-1',
      error: null,
      result: { recordType: 'deal', recordId: '4005', attempts: 1, cacheRefreshed: true },
    });
    expect(Date.parse(w.applyingAt!)).toBeLessThanOrEqual(Date.parse(w.appliedAt!));
    expect(Date.parse(w.approvedAt!)).toBeLessThanOrEqual(Date.parse(w.applyingAt!));
    // read back with the real client
    const d = await env.hs.client.crm.objects.basicApi.getById(
      'deals',
      '4005',
      ['dealstage', 'closedate'],
      undefined,
      undefined,
      false,
      undefined,
      env.hs.options as never,
    );
    expect(d.properties['dealstage']).toBe('contractsent');
    expect(Date.parse(d.properties['closedate']!)).toBe(Date.parse('2026-12-15T00:00:00Z'));
    const cached = cachedRecord(env.state, 'deal', '4005') as Deal;
    expect(cached.stageId).toBe('contractsent');
    expect(cached.closeDate).toBe('2026-12-15T00:00:00.000Z');
    expect(
      env.state
        .loadSnapshot()!
        .crm.deals.find((x) => x.id === '4005')!
        .stageHistory.at(-1)!.value,
    ).toBe('contractsent');
    // applied once, and only once
    expect(await refusal(() => service.issueApproval(p.writeId, 'asha'))).toBeInstanceOf(WriteConflictError);
    expect(
      service.propose(
        { op: 'update_deal', dealId: '4005', properties: { dealstage: 'contractsent', closedate: '2026-12-15' } },
        { actor: 'claude', tool: 'x', source: 'apply-1' },
      ),
    ).toMatchObject({ writeId: p.writeId, status: 'applied', created: false });
    expect(hits(env.sb, PATCH)).toBe(1);
  });

  it('logs a note on the deal as its owner and caches the note and the deal', async () => {
    const p = service.propose(
      { op: 'add_note', dealId: '4003', body: 'Shortlisted to final 2; F2F this week' },
      { actor: 'asha@example.com', tool: 'reconcile', source: 'apply-2' },
    );
    const w = await service.apply(p.writeId, service.issueApproval(p.writeId, 'asha'));
    const noteId = w.result!.recordId;
    expect(w.result).toMatchObject({ recordType: 'note', cacheRefreshed: true });
    const n = await env.hs.client.crm.objects.basicApi.getById(
      'notes',
      noteId,
      ['hs_note_body', 'hubspot_owner_id', 'hs_timestamp'],
      undefined,
      ['deals'],
      false,
      undefined,
      env.hs.options as never,
    );
    expect(n.properties).toMatchObject({
      hs_note_body: 'Shortlisted to final 2; F2F this week',
      hubspot_owner_id: '101',
    });
    expect(n.associations?.['deals']?.results.map((r) => r.id)).toEqual(['4003']);
    const cached = cachedRecord(env.state, 'engagement', noteId) as Engagement;
    expect(cached).toMatchObject({
      kind: 'note',
      dealIds: ['4003'],
      ownerId: '101',
      body: 'Shortlisted to final 2; F2F this week',
    });
  });

  it('creates a deal with its company, and records the new id as the target', async () => {
    const p = service.propose(
      {
        op: 'create_deal',
        properties: { dealname: 'Client 2 - WMS', dealstage: 'appointmentscheduled', hubspot_owner_id: '102' },
        companyId: '2002',
      },
      { actor: 'claude', tool: 'test', source: 'apply-3' },
    );
    expect(service.get(p.writeId).targetId).toBeNull();
    const w = await service.apply(p.writeId, service.issueApproval(p.writeId, 'vikram'));
    expect(w.targetId).toBe(w.result!.recordId);
    expect(cachedRecord(env.state, 'deal', w.targetId!)).toMatchObject({
      name: 'Client 2 - WMS',
      companyIds: ['2002'],
      ownerId: '102',
    });
  });

  it('marks a write HubSpot refused as failed, with the reason and nothing written', async () => {
    const p = service.propose(
      { op: 'update_deal', dealId: '4007', properties: { dealstage: 'no-such-stage' } },
      { actor: 'claude', tool: 'test', source: 'apply-4' },
    );
    const e = await refusal(service.apply(p.writeId, service.issueApproval(p.writeId, 'asha')));
    expect(e).toBeInstanceOf(WriteFailedError);
    expect((e as Error).message).toMatch(/nothing was written.*400/);
    expect(service.get(p.writeId)).toMatchObject({ status: 'failed', result: null });
    expect(service.get(p.writeId).error).toMatch(/no-such-stage is not a valid stage/);
    expect((await env.crm.getDeal('4007'))!.stageId).toBe('closedwon');
  });

  it('never applies a rejected write', async () => {
    const p = service.propose(
      { op: 'log_call', dealId: '4008', at: '2026-11-19T09:30:00Z', body: 'Spoke to the CFO' },
      { actor: 'claude', tool: 'test', source: 'apply-5' },
    );
    const token = service.issueApproval(p.writeId, 'asha');
    expect(service.reject(p.writeId, 'vikram')).toMatchObject({ status: 'rejected', rejectedBy: 'vikram' });
    env.sb.resetStats();
    expect(await refusal(service.apply(p.writeId, token))).toBeInstanceOf(WriteConflictError);
    expect(env.sb.stats().total).toBe(0);
    expect(service.list({ status: 'rejected' }).map((w) => w.id)).toEqual([p.writeId]);
  });
});

describe('over the in-memory fake', () => {
  it('logs tasks, calls and meetings with HubSpot property names, as the deal owner', async () => {
    const crm = new DatasetCrm(fixture({ deals: 12 }));
    const stateDir = mkdtempSync(join(tmpdir(), 'mis-writes-fake-'));
    const state = StateStore.open(stateDir);
    try {
      const snap = await crm.readAll();
      state.replaceCache(snap, null);
      state.setMeta('last_sync_at', snap.fetchedAt);
      const now = new Date('2026-11-20T12:30:00Z');
      const svc = new WriteService({ crm, state, stateDir, clock: () => now });
      const run = async (change: unknown) => {
        const p = svc.propose(change, { actor: 'claude', tool: 'test' });
        const w = await svc.apply(p.writeId, svc.issueApproval(p.writeId, 'asha'));
        return cachedRecord(state, 'engagement', w.result!.recordId) as Engagement;
      };
      // deal 4002 is owned by 102
      expect(
        await run({
          op: 'create_task',
          dealId: '4002',
          subject: 'Send revised commercials',
          dueAt: '2026-11-25T10:00:00+05:30',
          body: 'v2 pricing',
        }),
      ).toMatchObject({
        kind: 'task',
        subject: 'Send revised commercials',
        body: 'v2 pricing',
        status: 'NOT_STARTED',
        timestamp: '2026-11-25T04:30:00.000Z',
        ownerId: '102',
        dealIds: ['4002'],
      });
      expect(
        await run({
          op: 'log_call',
          dealId: '4002',
          at: '2026-11-19T15:00:00+05:30',
          body: 'CFO wants a 3-year price lock',
        }),
      ).toMatchObject({
        kind: 'call',
        body: 'CFO wants a 3-year price lock',
        status: 'COMPLETED',
        timestamp: '2026-11-19T09:30:00.000Z',
        ownerId: '102',
        dealIds: ['4002'],
      });
      expect(
        await run({ op: 'log_meeting', dealId: '4002', at: '2026-11-18T11:00:00+05:30', title: 'F2F with the CFO' }),
      ).toMatchObject({
        kind: 'meeting',
        subject: 'F2F with the CFO',
        status: 'COMPLETED',
        timestamp: '2026-11-18T05:30:00.000Z',
        ownerId: '102',
        dealIds: ['4002'],
      });
      expect(
        await run({
          op: 'log_meeting',
          dealId: '4002',
          at: '2026-11-27T11:00:00+05:30',
          title: 'Contract walkthrough',
        }),
      ).toMatchObject({ status: 'SCHEDULED' });
      expect(svc.list({ status: 'applied' })).toHaveLength(4);
    } finally {
      state.close();
    }
  });
});
