/**
 * A follow-up reminder from the digest accepted with one tap, for real: the digest's [Add to my tasks] link opens a
 * page (a GET changes nothing), its button POSTs, and the task is created through the audited write path (the
 * official HubSpot client against the sandbox) with the reminder's subject, due date and deal association, exactly
 * once: a second tap, and two taps at the same moment, create nothing more. The same reminder proposed by
 * `mis remind --propose` is the same write (one task either way).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/analysis/index.js';
import { followUpReminders, proposeReminders } from '../../src/assist/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import {
  commitPlan,
  createActionsHandler,
  dealLookup,
  NotifyStore,
  planTeam,
  renderMessage,
  writeServiceWriter,
  type Digest,
} from '../../src/notify/index.js';
import { WriteService } from '../../src/writes/index.js';
import { hits, writeEnv, type WriteEnv } from '../writes/support.js';

let env: WriteEnv;
let server: Server;
let base: string;
let digest: Digest;
let service: WriteService;

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

const local = (url: string) => `${base}${new URL(url).pathname}`;
const tasks = async () => (await env.crm.readAll()).engagements.filter((e) => e.kind === 'task');
const writes = () =>
  env.state.db.prepare('SELECT op, status, tool, source, approved_by FROM crm_writes ORDER BY created_at').all();

beforeAll(async () => {
  env = await writeEnv();
  const ctx = context();
  const [plan] = planTeam({ ctx, state: env.state }, { ownerId: '101' });
  expect(plan!.due).toBe(true);
  commitPlan(new NotifyStore(env.state), plan!, new Map(plan!.messages.map((m) => [m.id, renderMessage(m)])), ctx.asOf);
  digest = plan!.messages.find((m) => m.audience === 'ae')!.digest;
  service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
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

describe('a reminder accepted with one tap', () => {
  it('the digest carries reminders with a one-tap link, in words', () => {
    // The fixture's open deals have nothing scheduled: each one's reminder is "book the next step".
    expect(digest.reminders.length).toBeGreaterThan(0);
    const r = digest.reminders[0]!;
    expect(r.subject).toMatch(/^Book the next step \(.+\)$/);
    expect(r.due).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2,3}$/);
    const text = renderMessage({ id: 'x', audience: 'ae', channel: 'email', digest }).text;
    // Listed as a follow-up, or offered with the deal's next action when it has one.
    expect(text).toMatch(
      new RegExp(`\\[Add (to my tasks|as a task, due ${r.due})\\] ${r.accept.replace(/[.]/g, '\\.')}`),
    );
  });

  it('GET shows the task and changes nothing; the POST creates it once, with subject, due date and deal', async () => {
    const r = digest.reminders[0]!;
    const expected = followUpReminders(context(), { ownerId: '101' }).find((x) => x.key === r.key)!;
    expect(expected).toBeTruthy();
    const before = await tasks();
    env.sb.resetStats();

    const page = await fetch(local(r.accept));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Add to my tasks');
    expect(html).toContain(r.subject.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(hits(env.sb, 'POST /crm/v3/objects/:type')).toBe(0);
    expect(writes()).toEqual([]);

    // Two taps at the same moment: one creates the task, the other is told it is already there.
    const [a, b] = await Promise.all([
      fetch(local(r.accept), { method: 'POST' }),
      fetch(local(r.accept), { method: 'POST' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 410]);
    const ok = await (a.status === 200 ? a : b).text();
    expect(ok).toContain('Added to your tasks');
    expect(ok).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // A third tap later: nothing more.
    const again = await fetch(local(r.accept), { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Already in your tasks');

    const after = await tasks();
    expect(after.length).toBe(before.length + 1);
    const task = after.find((t) => !before.some((x) => x.id === t.id))!;
    expect(task.subject).toBe(expected.change.subject);
    expect(task.timestamp).toBe(expected.dueAt);
    expect(task.dealIds).toEqual([r.dealId]);
    expect(task.status).not.toBe('COMPLETED');
    expect(task.ownerId).toBe('101'); // in the AE's own HubSpot task queue
    expect(writes()).toEqual([
      {
        op: 'create_task',
        status: 'applied',
        tool: 'notify:one-tap',
        source: `reminder:${r.key}`,
        approved_by: 'asha@example.com',
      },
    ]);
    expect(hits(env.sb, 'POST /crm/v3/objects/:type')).toBe(1);

    // The same reminder through `mis remind --propose` is the write already applied: no second task.
    const [p] = proposeReminders(service, [expected], 'asha@example.com');
    expect(p).toMatchObject({ created: false });
    expect((await tasks()).length).toBe(before.length + 1);
  });

  it('a reminder proposed first with `mis remind --propose` is the one the tap applies', async () => {
    const r = digest.reminders[1];
    expect(r, 'the fixture gives owner 101 at least two reminders').toBeTruthy();
    const expected = followUpReminders(context(), { ownerId: '101' }).find((x) => x.key === r!.key)!;
    const [p] = proposeReminders(service, [expected], 'asha@example.com');
    expect(p!.created).toBe(true);
    const before = (await tasks()).length;
    const res = await fetch(local(r!.accept), { method: 'POST' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await tasks()).length).toBe(before + 1);
    const row = env.state.db.prepare('SELECT status, approved_by FROM crm_writes WHERE id = ?').get(p!.writeId);
    expect(row).toEqual({ status: 'applied', approved_by: 'asha@example.com' });
  });

  it('a forged payload is refused: the link is signed, its row holds the task', async () => {
    const r = digest.reminders[0]!;
    const token = new URL(r.accept).pathname.split('/').pop()!;
    const [id, mac] = token.split('.');
    const forged = `${base}/a/${id!.slice(0, -1)}${id!.endsWith('0') ? '1' : '0'}.${mac}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(403);
  });
});
