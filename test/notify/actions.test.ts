/** One-tap links over real HTTP (node:http on 127.0.0.1): signed, single use, expiring; the handler records the response. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import {
  commitPlan,
  createActionsHandler,
  dealLookup,
  linkSecret,
  NotifyStore,
  planTeam,
  renderMessage,
  signLink,
  type Digest,
  type QuickLogWriter,
} from '../../src/notify/index.js';
import type { StateStore } from '../../src/state/index.js';
import type { CrmChange } from '../../src/writes/index.js';
import { demoContext, memoryState } from './support.js';

const ASHA = '71217';
let ctx: AnalysisContext;
let state: StateStore;
let server: Server;
let base: string;
let digest: Digest;
let clockMs = Date.now();
const writes: Array<{ change: CrmChange; nudgeId: string }> = [];
let writerFails = false;

const writer: QuickLogWriter = {
  async write(change, meta) {
    if (writerFails) throw new Error('HubSpot unavailable');
    writes.push({ change, nudgeId: meta.nudgeId });
    return { writeId: `w-${writes.length}`, status: 'applied' };
  },
};

beforeAll(async () => {
  ctx = await demoContext();
  state = memoryState();
  // Asha had her first (one-item) digests already: today's carries several items.
  for (const day of ['2026-11-16', '2026-11-17', '2026-11-18']) {
    state.db
      .prepare(
        "INSERT INTO nudges (id, owner_id, day, item_key, level, channel, payload, status, created_at, sent_at) VALUES (?, ?, ?, 'deal:none', 1, 'email', '{}', 'sent', ?, ?)",
      )
      .run(`nd_prior_${day}`, ASHA, day, `${day}T12:00:00.000Z`, `${day}T12:00:00.000Z`);
  }
  const [plan] = planTeam({ ctx, state }, { ownerId: ASHA });
  expect(plan!.due).toBe(true);
  commitPlan(
    new NotifyStore(state),
    plan!,
    new Map(plan!.messages.map((m) => [m.id, renderMessage(m)])),
    new Date().toISOString(),
  );
  digest = plan!.messages.find((m) => m.audience === 'ae')!.digest;
  const handler = createActionsHandler({
    state,
    writer,
    clock: () => new Date(clockMs),
    deal: dealLookup(() => ctx),
  });
  server = createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404);
      res.end('not mine');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  state.close();
});

const local = (url: string) => `${base}${new URL(url).pathname}`;
const responses = (nudgeId: string) =>
  state.db.prepare('SELECT kind, detail FROM nudge_responses WHERE nudge_id = ? ORDER BY id').all(nudgeId) as {
    kind: string;
    detail: string;
  }[];

describe('one-tap actions', () => {
  it('leaves other paths to the server', async () => {
    const res = await fetch(`${base}/mcp`);
    expect(await res.text()).toBe('not mine');
  });

  it('Skip – Not Ready: a GET only shows the button; its POST records a response (not an action), snoozes the item, and works once', async () => {
    const item = digest.more[0] ?? digest.top;
    for (let i = 0; i < 2; i++) {
      const look = await fetch(local(item.links.skip)); // a mail scanner or link preview
      expect(look.status).toBe(200);
      expect(await look.text()).toContain('<form method="post"');
    }
    expect(responses(item.nudgeId)).toEqual([]);
    expect(state.db.prepare('SELECT COUNT(*) FROM notify_suppressions').pluck().get()).toBe(0);
    const res = await fetch(local(item.links.skip), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Skipped for now');
    expect(responses(item.nudgeId).map((r) => r.kind)).toEqual(['skipped']);
    const snooze = state.db
      .prepare("SELECT reason, until FROM notify_suppressions WHERE owner_id = ? AND item_key = ? AND kind = 'snooze'")
      .get(ASHA, item.key) as { reason: string; until: string };
    expect(snooze.reason).toMatch(/not ready/);
    expect(Date.parse(snooze.until)).toBeGreaterThan(clockMs);
    const again = await fetch(local(item.links.skip), { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already used');
    expect(responses(item.nudgeId)).toHaveLength(1);
  });

  it('opens the quick-log page and writes through the write path on submit, recording the nudge as acted on', async () => {
    const page = await fetch(local(digest.top.links.addNote));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="viewport"');
    expect(html).toContain('<form method="post"');
    // Opening the page does not use the link up.
    expect((await fetch(local(digest.top.links.addNote))).status).toBe(200);

    writerFails = true;
    const failed = await fetch(local(digest.top.links.addNote), {
      method: 'POST',
      body: new URLSearchParams({ kind: 'call', body: 'Spoke to the CFO, PO next week' }),
    });
    expect(failed.status).toBe(502);
    expect(await failed.text()).toMatch(/Nothing was saved.*The link still works/);
    expect(responses(digest.top.nudgeId)).toHaveLength(0);
    writerFails = false; // the link was given back: retry works

    const post = await fetch(local(digest.top.links.addNote), {
      method: 'POST',
      body: new URLSearchParams({ kind: 'call', body: 'Spoke to the CFO, PO next week' }),
    });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('Saved to HubSpot');
    expect(writes.map((w) => w.change.op)).toEqual(['log_call']);
    expect(writes[0]!.change).toMatchObject({
      op: 'log_call',
      dealId: digest.top.dealId,
      body: 'Spoke to the CFO, PO next week',
    });
    const r = responses(digest.top.nudgeId);
    expect(r.map((x) => x.kind)).toEqual(['acted']);
    expect(JSON.parse(r[0]!.detail)).toMatchObject({ action: 'add_note', via: 'quick_log' });
    const reuse = await fetch(local(digest.top.links.addNote), {
      method: 'POST',
      body: new URLSearchParams({ kind: 'note', body: 'again' }),
    });
    expect(reuse.status).toBe(410);
    expect(writes).toHaveLength(1);
  });

  it('refuses tampered, malformed and never-issued links', async () => {
    const url = local(digest.top.links.updateStage);
    const [id, mac] = url.split('/a/')[1]!.split('.');
    const flipped = `${mac!.slice(0, 5)}${mac![5] === 'A' ? 'B' : 'A'}${mac!.slice(6)}`;
    expect((await fetch(`${base}/a/${id}.${flipped}`)).status).toBe(403);
    const otherId = `${id!.slice(0, 23)}${id![23] === '0' ? '1' : '0'}`;
    expect((await fetch(`${base}/a/${otherId}.${mac}`)).status).toBe(403);
    expect((await fetch(`${base}/a/not-a-token`)).status).toBe(400);
    // Correctly signed with this state's key, but never recorded.
    const forged = signLink(linkSecret(state), {
      id: 'ab'.repeat(12),
      nudgeId: digest.top.nudgeId,
      ownerId: ASHA,
      dealId: digest.top.dealId,
      action: 'skip',
      exp: 9_999_999_999,
    });
    const res = await fetch(`${base}/a/${forged}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('never issued');
  });

  it('refuses an expired link', async () => {
    const item = digest.more[1] ?? digest.top;
    const saved = clockMs;
    clockMs = Date.now() + 49 * 3_600_000; // linkTtlHours is 48
    const res = await fetch(local(item.links.updateStage));
    clockMs = saved;
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    expect((await fetch(local(item.links.updateStage))).status).toBe(200);
  });
});

describe('the quick-log form', () => {
  it('refuses what the form does not offer (a closed stage, an unknown stage or field, an unknown kind) and writes nothing', async () => {
    const item = digest.more[1];
    expect(item).toBeDefined();
    const before = writes.length;
    for (const form of [
      { stage: 'closedwon' },
      { stage: 'no-such-stage' },
      { kind: 'none', body: 'x' },
      { dealstage: 'closedwon' },
      { outcome: 'won' },
    ]) {
      const post = await fetch(local(item!.links.updateStage), { method: 'POST', body: new URLSearchParams(form) });
      expect(post.status, JSON.stringify(form)).toBe(400);
      expect(await post.text()).toMatch(/Not saved: .*Nothing was written/);
    }
    expect(writes.length).toBe(before);
    expect(responses(item!.nudgeId)).toEqual([]);
  });

  it('puts every deal property of one tap into one update, first, and the typed text with it: nothing is dropped', async () => {
    const item = digest.more[1]!;
    const stages = dealLookup(ctx)(item.dealId)!.stages.filter((s) => s.id !== item.stageId);
    const before = writes.length;
    const post = await fetch(local(item.links.updateStage), {
      method: 'POST',
      body: new URLSearchParams({ kind: 'note', body: 'Legal review done', stage: stages[0]!.id }),
    });
    expect(post.status).toBe(200);
    expect(writes.slice(before).map((w) => w.change)).toEqual([
      { op: 'update_deal', dealId: item.dealId, properties: { dealstage: stages[0]!.id } },
      { op: 'add_note', dealId: item.dealId, body: 'Legal review done' },
    ]);
  });
});
