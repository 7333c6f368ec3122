/**
 * mis_reconcile_update, mis_draft_update and mis_plan_digest through a real MCP client on the committed demo
 * portal, checked against the domain functions on the same snapshot: reconcile registers its fixes as proposals in
 * the audited write path (nothing applied), names stay inside quoted fields, nothing is sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetCrm } from '../../src/crm/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { digestFor } from '../../src/notify/index.js';
import { buildLexicon, draftUpdate, reconcileUpdate } from '../../src/reconcile/index.js';
import { WriteService } from '../../src/writes/index.js';
import { call, sessionOf } from './support.js';

const ds = readPortalFile(demoDatasetPath());
const update =
  (ds as unknown as { aeUpdates?: { ownerId: string; text: string }[] }).aeUpdates?.[0] ??
  (ds as unknown as { extensions: { aeUpdates: { ownerId: string; text: string }[] } }).extensions.aeUpdates[0]!;

let session: McpSession;
let writes: WriteService;
let client: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  session = await sessionOf(ds);
  session.state.replaceCache(session.ctx.data.crm, null); // the write path previews from the cache
  writes = new WriteService({
    crm: new DatasetCrm(ds),
    state: session.state,
    stateDir: mkdtempSync(join(tmpdir(), 'mis-upd-')),
  });
  ({ client, close } = await connectInMemory({ session, proposals: writes }));
});
afterAll(async () => {
  await close();
  session.state.close();
});

describe('update tools', () => {
  it('mis_reconcile_update finds what reconcile finds and registers every fix as a proposal, applied by no one', async () => {
    const want = await reconcileUpdate({
      ctx: session.ctx,
      ownerId: update.ownerId,
      text: update.text,
      lexicon: buildLexicon({}, session.ctx.config.risk.competitors),
      receivedAt: session.ctx.asOf,
    });
    const r = await call(client, 'mis_reconcile_update', { owner: update.ownerId, update: update.text });
    expect(r.isError, r.text).toBe(false);
    const got = r.data as {
      discrepancies: { type: string; dealId: string | null; said: { text: string } | null }[];
      proposals: { writeId: string; status: string }[];
      mentions: unknown[];
      next: string;
    };
    expect(got.discrepancies.map((d) => `${d.type}:${d.dealId}`)).toEqual(
      want.result.discrepancies.map((d) => `${d.type}:${d.dealId}`),
    );
    expect(got.mentions).toHaveLength(want.result.mentions.length);
    const changes = want.result.discrepancies.reduce((n, d) => n + d.proposedUpdates.length, 0);
    expect(changes).toBeGreaterThan(0);
    expect(got.proposals).toHaveLength(changes);
    for (const p of got.proposals) {
      expect(p.status).toBe('proposed');
      expect(writes.get(p.writeId).status).toBe('proposed');
    }
    expect(got.next).toContain('mis writes approve');
    // CRM and AE text only inside quoted objects: the first text block names no deal.
    const names = session.ctx.data.crm.deals.map((d) => d.name);
    expect(names.some((n) => r.text.split('\n')[0]!.includes(n))).toBe(false);
  });

  it('mis_draft_update returns the draft the domain writes, quoted', async () => {
    const want = draftUpdate(session.ctx, update.ownerId, buildLexicon({}, session.ctx.config.risk.competitors), {
      style: 'tidy',
    });
    const r = await call(client, 'mis_draft_update', { owner: update.ownerId, style: 'tidy' });
    expect(r.isError, r.text).toBe(false);
    expect((r.data['draft'] as { text: string }).text).toBe(want.text.replace(/\s+/g, ' ').trim());
    expect((r.data['lines'] as unknown[]).length).toBe(want.lines.length);
  });

  it('mis_plan_digest says what the digest says and sends nothing', async () => {
    const owner = session.ctx.data.crm.owners.find((o) => !o.archived && digestFor(session, o.id).digest)!;
    const want = digestFor(session, owner.id);
    const r = await call(client, 'mis_plan_digest', { owner: owner.email! });
    expect(r.isError, r.text).toBe(false);
    const items = [r.data['top'], ...(r.data['more'] as unknown[])] as { dealId: string; level: number; ask: string }[];
    expect(items.map((i) => [i.dealId, i.level])).toEqual(
      [want.digest!.top, ...want.digest!.more].map((i) => [i.dealId, i.level]),
    );
    expect(items[0]!.ask).toBe(want.digest!.top.ask.text);
    const sent = session.state.db.prepare('SELECT COUNT(*) AS n FROM notify_outbox').get() as { n: number };
    expect(sent.n).toBe(0);
  });
});
