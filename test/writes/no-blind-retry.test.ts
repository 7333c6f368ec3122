/**
 * Writes are never re-sent when their outcome is unknown. The shared client's retry decorator does re-send a
 * POST that got a 5xx (shown first, so these tests would notice if that ever changed), so write calls bypass it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotClient, HubSpotCrm, type Engagement } from '../../src/crm/index.js';
import { NO_FAULTS, parseFaults } from '../../src/sandbox/index.js';
import { WriteService, WriteUnknownError } from '../../src/writes/index.js';
import { hits, lossyGateway, writeEnv, type WriteEnv } from './support.js';

const POST = 'POST /crm/v3/objects/:type';
const isNotesPost = (method: string, path: string) => method === 'POST' && path === '/crm/v3/objects/notes';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function env(opts: Parameters<typeof writeEnv>[0] = {}): Promise<WriteEnv> {
  const e = await writeEnv(opts);
  cleanup.push(() => e.close());
  return e;
}

async function notesWith(e: WriteEnv, body: string): Promise<Engagement[]> {
  return (await e.crm.listEngagements('note')).filter((n) => n.body === body);
}

describe('the shared client (why writes bypass its retry)', () => {
  it('re-sends a create that HubSpot processed but answered 502 for: three attempts, three notes', async () => {
    const e = await env({ attempts: 3 });
    const gateway = await lossyGateway(e.sb.url, isNotesPost);
    cleanup.push(() => gateway.close());
    const viaGateway = createHubSpotClient({
      accessToken: e.sb.token,
      basePath: gateway.url,
      burst: false,
      attempts: 3,
    });
    const input = {
      properties: { hs_note_body: 'decorated create', hs_timestamp: '2026-11-20T10:00:00Z' },
      associations: [],
    };
    await expect(
      viaGateway.client.crm.objects.basicApi.create('notes', input, viaGateway.options as never),
    ).rejects.toMatchObject({ code: 502 });
    expect(gateway.lost()).toBe(3);
    expect(hits(e.sb, POST)).toBe(3);
    expect(await notesWith(e, 'decorated create')).toHaveLength(3);
  });
});

describe('WriteService.apply', () => {
  it('sends a create that gets a 502 (sandbox --faults) once, marks it unknown and says to check HubSpot', async () => {
    const e = await env({ attempts: 3 });
    const service = new WriteService({ crm: e.crm, state: e.state, stateDir: e.stateDir });
    const p = service.propose(
      { op: 'add_note', dealId: '4003', body: 'faulted note' },
      { actor: 'claude', tool: 'test' },
    );
    const token = service.issueApproval(p.writeId, 'asha');
    e.sb.setFaults(parseFaults('error=1,status=502,match=/crm/v3/objects/notes'));
    const err = await service.apply(p.writeId, token).then(
      () => null,
      (x: unknown) => x,
    );
    e.sb.setFaults(NO_FAULTS);
    expect(err).toBeInstanceOf(WriteUnknownError);
    expect((err as WriteUnknownError).message).toMatch(/outcome unknown \(HubSpot answered 502\); it was NOT retried/);
    expect((err as WriteUnknownError).hint).toMatch(/Check deal 4003 in HubSpot/);
    expect(hits(e.sb, POST)).toBe(1);
    expect(e.sb.stats().faultsInjected).toBe(1);
    expect(service.get(p.writeId)).toMatchObject({ status: 'unknown', error: 'HubSpot answered 502', result: null });
    // unknown is final: no second attempt through the write path either
    await expect(service.apply(p.writeId, token)).rejects.toMatchObject({ code: 'WRITE_CONFLICT' });
    expect(hits(e.sb, POST)).toBe(1);
  });

  it('does not duplicate a note HubSpot wrote but answered 502 for', async () => {
    const probe = await env();
    const gateway = await lossyGateway(probe.sb.url, isNotesPost);
    cleanup.push(() => gateway.close());
    // the same sandbox, reached through the lossy gateway
    const hs = createHubSpotClient({ accessToken: probe.sb.token, basePath: gateway.url, burst: false, attempts: 3 });
    const service = new WriteService({ crm: new HubSpotCrm(hs), state: probe.state, stateDir: probe.stateDir });
    const p = service.propose(
      { op: 'add_note', dealId: '4003', body: 'lost answer' },
      { actor: 'claude', tool: 'test' },
    );
    await expect(service.apply(p.writeId, service.issueApproval(p.writeId, 'asha'))).rejects.toBeInstanceOf(
      WriteUnknownError,
    );
    expect(gateway.lost()).toBe(1);
    expect(await notesWith(probe, 'lost answer')).toHaveLength(1);
    expect(service.get(p.writeId).status).toBe('unknown');
  });

  it('marks a write whose connection dropped after HubSpot wrote it unknown, and does not re-send it', async () => {
    const e = await env();
    const gateway = await lossyGateway(e.sb.url, isNotesPost, 'reset');
    cleanup.push(() => gateway.close());
    const hs = createHubSpotClient({ accessToken: e.sb.token, basePath: gateway.url, burst: false, attempts: 3 });
    const service = new WriteService({ crm: new HubSpotCrm(hs), state: e.state, stateDir: e.stateDir });
    const p = service.propose(
      { op: 'add_note', dealId: '4004', body: 'dropped connection' },
      { actor: 'claude', tool: 'test' },
    );
    const err = await service.apply(p.writeId, service.issueApproval(p.writeId, 'asha')).then(
      () => null,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(WriteUnknownError);
    expect(gateway.lost()).toBe(1);
    expect(await notesWith(e, 'dropped connection')).toHaveLength(1);
    expect(service.get(p.writeId)).toMatchObject({ status: 'unknown' });
    expect(service.get(p.writeId).error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('re-sends only after a 429, which HubSpot rejects before processing', async () => {
    const e = await env();
    const service = new WriteService({ crm: e.crm, state: e.state, stateDir: e.stateDir, rateLimitWaitMs: 5 });
    const p = service.propose(
      { op: 'update_deal', dealId: '4009', properties: { amount: '99000' } },
      { actor: 'claude', tool: 'test' },
    );
    const token = service.issueApproval(p.writeId, 'asha');
    e.sb.injectFault({ status: 429, count: 1, match: '/crm/v3/objects/deals/4009' });
    const w = await service.apply(p.writeId, token);
    expect(w).toMatchObject({ status: 'applied', result: { attempts: 2 } });
    expect(hits(e.sb, 'PATCH /crm/v3/objects/:type/:id')).toBe(2);
    expect((await e.crm.getDeal('4009'))!.amount).toBe(99_000);
  });

  it('gives up after the rate limit persists, recording failed (nothing was processed)', async () => {
    const e = await env();
    const service = new WriteService({
      crm: e.crm,
      state: e.state,
      stateDir: e.stateDir,
      rateLimitWaitMs: 5,
      rateLimitAttempts: 2,
    });
    const p = service.propose(
      { op: 'update_deal', dealId: '4010', properties: { amount: '1' } },
      { actor: 'claude', tool: 'test' },
    );
    const token = service.issueApproval(p.writeId, 'asha');
    e.sb.injectFault({ status: 429, count: 5, match: '/crm/v3/objects/deals/4010' });
    await expect(service.apply(p.writeId, token)).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(hits(e.sb, 'PATCH /crm/v3/objects/:type/:id')).toBe(2);
    expect(service.get(p.writeId).error).toMatch(/^rate-limited 2 times, not sent again/);
  });
});
