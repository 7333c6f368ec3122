/** Full then incremental sync through the real clients into the state cache. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { writePortalFile } from '../../src/dataset/index.js';
import { connect, type Connection } from '../../src/session/index.js';
import { StateStore } from '../../src/state/index.js';
import { sync } from '../../src/sync/index.js';
import { fixtureInput } from '../support/fixtures.js';

let dir: string;
let conn: Connection;
let state: StateStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mis-sync-'));
  const dataset = join(dir, 'portal.json');
  writePortalFile(dataset, fixtureInput({ deals: 40, notesPerDeal: 2 }));
  const config = loadConfig(
    { MIS_DATASET: dataset, MIS_STATE_DIR: join(dir, 'state'), MIS_SANDBOX_LIMITS: 'off' },
    dir,
  );
  conn = await connect(config);
  state = StateStore.open(config.stateDir);
});
afterAll(async () => {
  state.close();
  await conn.close();
});

describe('sync', () => {
  it('starts with a full sync that caches the whole portal', async () => {
    const r = await sync(conn, state);
    expect(r.kind).toBe('full');
    const snap = state.loadSnapshot()!;
    expect(snap.crm.deals).toHaveLength(40);
    expect(snap.crm.engagements).toHaveLength(80);
    expect(snap.crm.deals.find((d) => d.id === '4003')!.stageHistory.map((h) => h.value)).toEqual([
      'appointmentscheduled',
      'closedwon',
    ]);
    expect(snap.outreach!.messages.map((m) => m.type).sort()).toEqual(['REPLY', 'SENT']);
    expect(r.hubspotRequests).toBeGreaterThan(0);
    expect(r.smartleadRequests).toBeGreaterThan(0);
  });

  it('then reads only what changed: new and updated records, archives, new SmartLead replies', async () => {
    const full = state.loadSnapshot()!;
    const sb = conn.sandbox!;
    const hs = { url: sb.url, auth: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' } };
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${hs.url}${path}`, { method, headers: hs.auth, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(
      (await call('PATCH', '/crm/v3/objects/deals/4005', { properties: { dealstage: 'contractsent' } })).status,
    ).toBe(200);
    expect(
      (
        await call('POST', '/crm/v3/objects/notes', {
          properties: { hs_note_body: 'Fresh note', hs_timestamp: new Date().toISOString() },
          associations: [
            { to: { id: '4006' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] },
          ],
        })
      ).status,
    ).toBe(201);
    expect((await call('DELETE', '/crm/v3/objects/contacts/3010')).status).toBe(204);
    // A new reply arrives in SmartLead (no write API: add it to the sandbox store directly).
    sb.store.db
      .prepare('INSERT INTO sl_messages (campaign_id, lead_id, seq, time, type, json) VALUES (77, 880, 99, ?, ?, ?)')
      .run(
        '2026-11-21T10:00:00Z',
        'REPLY',
        JSON.stringify({
          campaign_id: 77,
          lead_id: 880,
          type: 'REPLY',
          time: '2026-11-21T10:00:00Z',
          email_body: 'Can we see a proposal?',
        }),
      );

    const before = conn.hubspotRequests.total;
    const r = await sync(conn, state);
    expect(r.kind).toBe('incremental');
    expect(conn.hubspotRequests.total - before).toBe(r.hubspotRequests);
    const snap = state.loadSnapshot()!;
    const deal = snap.crm.deals.find((d) => d.id === '4005')!;
    expect(deal.stageId).toBe('contractsent');
    expect(deal.stageHistory.at(-1)!.value).toBe('contractsent');
    expect(snap.crm.engagements).toHaveLength(81);
    expect(snap.crm.engagements.find((e) => e.body === 'Fresh note')!.dealIds).toEqual(['4006']);
    expect(snap.crm.contacts.find((c) => c.id === '3010')).toBeUndefined();
    expect(snap.crm.contacts).toHaveLength(full.crm.contacts.length - 1);
    expect(snap.outreach!.messages.filter((m) => m.type === 'REPLY').map((m) => m.body)).toContain(
      'Can we see a proposal?',
    );
    expect(r.changes.written.deal).toBe(1);
    expect(r.changes.removed.contact).toBe(1);
  });

  it('an incremental sync with nothing new changes no records and costs few requests', async () => {
    const r = await sync(conn, state);
    expect(r.kind).toBe('incremental');
    expect(r.changes.written.deal ?? 0).toBe(0);
    expect(r.changes.written.engagement ?? 0).toBe(0);
    expect(r.changes.written.message ?? 0).toBe(0);
    // account + 2 owner pages + pipelines + (1 search + 1 archived page) × 8 types = 20. The minute of overlap
    // before each cursor returns records already cached in that version, so none is read again.
    expect(r.hubspotRequests).toBe(20);
  });

  it('a full sync that fails halfway leaves the previous cache whole', async () => {
    const before = state.loadSnapshot()!;
    conn.sandbox!.injectFault({ status: 503, count: 50, match: '/crm/v3/objects/notes' });
    await expect(sync(conn, state, { full: true })).rejects.toMatchObject({ code: 'HUBSPOT_UNAVAILABLE' });
    const after = state.loadSnapshot()!;
    expect(after.crm.deals).toHaveLength(before.crm.deals.length);
    expect(after.crm.engagements).toHaveLength(before.crm.engagements.length);
    expect(after.syncedAt).toBe(before.syncedAt);
  });

  it('rebuilds the cache when the sandbox is loaded with another portal', async () => {
    conn.sandbox!.store.load((await import('../../src/dataset/index.js')).parsePortal(fixtureInput({ deals: 7 })));
    const reconnected = await connect(
      loadConfig({ MIS_STATE_DIR: join(dir, 'state'), MIS_SANDBOX_LIMITS: 'off' }, dir),
    );
    try {
      expect(reconnected.sourceKey).not.toBe(conn.sourceKey);
      const r = await sync(reconnected, state);
      expect(r.kind).toBe('full');
      expect(state.loadSnapshot()!.crm.deals).toHaveLength(7);
    } finally {
      await reconnected.close();
    }
  });
});
