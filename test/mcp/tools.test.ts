/**
 * Every read tool through a real MCP Client over InMemoryTransport on the committed demo portal, checked against
 * the analysis functions computed directly on the same snapshot.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, auditSnapshot, auditTrend, derive, startOfWeek } from '../../src/analysis/index.js';
import { runChecks } from '../../src/analysis/checks/index.js';
import { activityScorecard, funnelConversion, velocity, weeklyMomentum } from '../../src/analysis/metrics/index.js';
import { dealRisk } from '../../src/analysis/risk/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { recordNudge } from '../../src/state/index.js';
import { NotifyStore } from '../../src/notify/index.js';
import { schemaProblems } from './json-schema.js';
import { call, sessionOf } from './support.js';

const READ_TOOLS = [
  'hubspot_search_deals',
  'hubspot_get_deal_timeline',
  'hubspot_list_owners',
  'hubspot_list_pipelines',
  'smartlead_list_campaigns',
  'smartlead_get_lead_history',
  'smartlead_get_campaign_stats',
  'state_get_ae_profile',
  'state_update_ae_profile',
  'state_list_nudges',
  'state_record_nudge_response',
  'state_get_run_findings',
  'state_get_compliance_trend',
  'state_list_ae_updates',
  'mis_run_checks',
  'mis_weekly_momentum',
  'mis_activity_scorecard',
  'mis_get_metric',
  'mis_advise',
  'mis_deal_risk',
  'mis_deal_brief',
  'mis_next_actions',
  'mis_meeting_prep',
  'mis_reconcile_update',
  'mis_draft_update',
  'mis_plan_digest',
];
const LOCAL_STATE_WRITERS = new Set(['state_update_ae_profile', 'state_record_nudge_response', 'mis_reconcile_update']);

let session: McpSession;
let client: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  session = await sessionOf(readPortalFile(demoDatasetPath()));
  ({ client, close } = await connectInMemory({ session, stateWrites: true }));
});
afterAll(async () => {
  await close();
  session.state.close();
});

describe('tool list', () => {
  it('has exactly the read tools, each with a title, a description and all four annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort());
    for (const t of tools) {
      expect(t.name).toMatch(/^[a-z]+_[a-z0-9_]{1,60}$/);
      expect(t.title, t.name).toBeTruthy();
      expect(t.description!.length, t.name).toBeGreaterThan(40);
      const a = t.annotations!;
      for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
        expect(typeof a[k], `${t.name} ${k}`).toBe('boolean');
      expect(a.readOnlyHint, t.name).toBe(!LOCAL_STATE_WRITERS.has(t.name));
      expect(a.openWorldHint, t.name).toBe(false);
    }
  });

  it('publishes input and output schemas that are valid JSON Schema, compile with the SDK validator, and describe every input', async () => {
    const { tools } = await client.listTools();
    const ajv = new AjvJsonSchemaValidator();
    const undescribed: string[] = [];
    for (const t of tools) {
      expect(schemaProblems(t.inputSchema), `${t.name} input`).toEqual([]);
      expect(schemaProblems(t.outputSchema), `${t.name} output`).toEqual([]);
      expect(() => ajv.getValidator(t.inputSchema as never), t.name).not.toThrow();
      expect(() => ajv.getValidator(t.outputSchema as never), t.name).not.toThrow();
      expect(t.outputSchema!.properties, t.name).toHaveProperty('truncated');
      for (const [name, p] of Object.entries(t.inputSchema.properties ?? {}))
        if (!(p as { description?: string }).description) undescribed.push(`${t.name}.${name}`);
    }
    expect(undescribed).toEqual([]);
  });

  it('lists the same tools on every portal (ready before the first sync), and refuses a stage the portal lacks, naming real ones', async () => {
    const { tools } = await client.listTools();
    const stage = (
      tools.find((t) => t.name === 'hubspot_search_deals')!.inputSchema.properties as Record<
        string,
        { enum?: string[]; description: string }
      >
    )['stage']!;
    expect(stage.enum).toBeUndefined();
    expect(stage.description).toContain('hubspot_list_pipelines');
    const bad = await call(client, 'hubspot_search_deals', { stage: 'no-such-stage' });
    expect(bad.isError).toBe(true);
    const ids = [...new Set(session.ctx.data.crm.pipelines.flatMap((p) => p.stages.map((s) => s.id)))];
    expect(bad.text).toContain(ids[0]!);
  });

  it('reports its size: the tools/list JSON', async () => {
    const list = await client.listTools();
    const chars = JSON.stringify(list).length;
    const modelFacing = JSON.stringify(
      list.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })),
    ).length;
    console.log(
      `tools/list: ${list.tools.length} tools, ${chars} chars (~${Math.round(chars / 4)} tokens); name+description+inputSchema: ${modelFacing} chars (~${Math.round(modelFacing / 4)} tokens)`,
    );
    // The whole list (with output schemas, which clients validate results against but models mostly do not see) is
    // bounded loosely; the model-visible part has its own budget (tool-budget.test.ts).
    expect(chars).toBeLessThan(110_000);
  });
});

describe('hubspot tools', () => {
  it('hubspot_search_deals filters by stage and open, sorts by amount, and pages through every match with the cursor', async () => {
    const d = derive(session.ctx);
    const open = session.ctx.data.crm.deals.filter((x) => d.isOpen(x));
    const stage = open[0]!.stageId;
    const want = open
      .filter((x) => x.stageId === stage)
      .map((x) => x.id)
      .sort();
    const r = await call(client, 'hubspot_search_deals', { stage, open: true, limit: 100 });
    const deals = r.data['deals'] as { id: string; amount: number | null; stageId: string; open: boolean }[];
    expect(deals.map((x) => x.id).sort()).toEqual(want);
    const amounts = deals.map((x) => x.amount ?? -1);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(r.data['truncated']).toBe(false);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call(client, 'hubspot_search_deals', { open: true, limit: 7, ...(cursor ? { cursor } : {}) });
      expect(page.isError).toBe(false);
      expect(page.data['total']).toBe(open.length);
      seen.push(...(page.data['deals'] as { id: string }[]).map((x) => x.id));
      cursor = (page.data['nextCursor'] as string | null) ?? undefined;
      expect(page.data['truncated']).toBe(cursor !== undefined);
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(open.length / 7));
    expect(seen.sort()).toEqual(open.map((x) => x.id).sort());
  });

  it('refuses a cursor from another query and an unknown owner, saying what to do', async () => {
    const first = await call(client, 'hubspot_search_deals', { open: true, limit: 2 });
    const other = await call(client, 'hubspot_search_deals', {
      open: false,
      limit: 2,
      cursor: first.data['nextCursor'],
    });
    expect(other.isError).toBe(true);
    expect(other.text).toMatch(/different query[\s\S]*What to do/);
    const bad = await call(client, 'hubspot_search_deals', { owner: 'nobody@example.com' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('no owner "nobody@example.com"');
  });

  it('hubspot_get_deal_timeline returns every engagement of the deal, newest first, with quoted text', async () => {
    const d = derive(session.ctx);
    const [dealId, engagements] = [...d.engagementsByDeal.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const r = await call(client, 'hubspot_get_deal_timeline', {
      dealId,
      kinds: ['call', 'email', 'meeting', 'note', 'task'],
      limit: 50,
    });
    expect(r.isError).toBe(false);
    expect(r.data['total']).toBe(engagements.length);
    const events = r.data['events'] as {
      id: string;
      at: string;
      body: { source: string; text: string; truncated: boolean } | null;
    }[];
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(engagements.some((x) => x.id === e.id)).toBe(true);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const withBody = events.find((e) => e.body);
    expect(withBody!.body!.source).toMatch(/^hubspot /);
    expect(withBody!.body!.text.length).toBeLessThanOrEqual(600);
    expect((r.data['deal'] as { id: string }).id).toBe(dealId);
    const missing = await call(client, 'hubspot_get_deal_timeline', { dealId: '999999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('hubspot_search_deals');
  });

  it('hubspot_list_owners and hubspot_list_pipelines match the snapshot', async () => {
    const d = derive(session.ctx);
    const owners = (await call(client, 'hubspot_list_owners', { limit: 200 })).data['owners'] as {
      id: string;
      openDeals: number;
      openAmount: number;
    }[];
    for (const o of owners) {
      const mine = session.ctx.data.crm.deals.filter((x) => x.ownerId === o.id && d.isOpen(x));
      expect(o.openDeals, o.id).toBe(mine.length);
      expect(o.openAmount, o.id).toBe(mine.reduce((s, x) => s + (x.amount ?? 0), 0));
    }
    expect(owners.map((o) => o.id).sort()).toEqual(
      session.ctx.data.crm.owners
        .filter((o) => !o.archived)
        .map((o) => o.id)
        .sort(),
    );
    const pipelines = (await call(client, 'hubspot_list_pipelines')).data['pipelines'] as {
      id: string;
      stages: { id: string; label: string; openDeals: number }[];
    }[];
    expect(pipelines.map((p) => p.stages.map((s) => `${s.id}:${s.label}`))).toEqual(
      session.ctx.data.crm.pipelines.map((p) => p.stages.map((s) => `${s.id}:${s.label}`)),
    );
    const openInPipelines = pipelines.flatMap((p) => p.stages).reduce((s, x) => s + x.openDeals, 0);
    expect(openInPipelines).toBe(session.ctx.data.crm.deals.filter((x) => d.isOpen(x) && d.stageOf(x)).length);
  });
});

describe('smartlead tools', () => {
  it('lists campaigns with counts that add up to the synced messages', async () => {
    const o = session.ctx.data.outreach!;
    const r = await call(client, 'smartlead_list_campaigns', { limit: 100 });
    const campaigns = r.data['campaigns'] as { id: number; sent: number; replies: number; leads: number }[];
    expect(r.data['total']).toBe(o.campaigns.length);
    expect(campaigns.reduce((s, c) => s + c.sent + c.replies, 0)).toBe(
      o.messages.filter((m) => o.campaigns.some((c) => c.id === m.campaignId)).length,
    );
    const c = campaigns[0]!;
    const stats = await call(client, 'smartlead_get_campaign_stats', { campaignId: c.id });
    expect(stats.data['leads']).toBe(o.leads.filter((l) => l.campaignId === c.id).length);
    expect(stats.data['sent']).toBe(c.sent);
    expect(stats.data['replies']).toBe(c.replies);
    expect((await call(client, 'smartlead_get_campaign_stats', { campaignId: -1 })).isError).toBe(true);
  });

  it("returns a lead's message history with quoted bodies and the HubSpot records it maps to", async () => {
    const o = session.ctx.data.outreach!;
    const replied = o.messages.find((m) => m.type === 'REPLY')!;
    const lead = o.leads.find((l) => l.campaignId === replied.campaignId && l.leadId === replied.leadId)!;
    const email = lead.email.toLowerCase();
    const keys = new Set(
      o.leads.filter((l) => l.email.toLowerCase() === email).map((l) => `${l.campaignId}:${l.leadId}`),
    );
    const r = await call(client, 'smartlead_get_lead_history', { email: lead.email.toUpperCase(), limit: 50 });
    expect(r.data['total']).toBe(o.messages.filter((m) => keys.has(`${m.campaignId}:${m.leadId}`)).length);
    const msgs = r.data['messages'] as { type: string; body: { source: string; text: string } | null }[];
    expect(msgs.some((m) => m.type === 'REPLY' && m.body?.source.startsWith('smartlead reply'))).toBe(true);
    expect(r.data['hubspotContactIds']).toEqual(
      session.ctx.data.crm.contacts.filter((c) => c.email?.toLowerCase() === email).map((c) => c.id),
    );
  });
});

describe('state tools', () => {
  it('gets default AE profiles, updates fields and reads them back', async () => {
    const owner = session.ctx.data.crm.owners.find((o) => !o.archived && o.email)!;
    const before = await call(client, 'state_get_ae_profile', { owner: owner.email });
    expect(before.data).toMatchObject({
      ownerId: owner.id,
      stored: false,
      profile: { preferredChannel: 'email', responsiveness: null, notification: { frequency: 'daily', maxItems: 3 } },
    });
    const upd = await call(client, 'state_update_ae_profile', {
      owner: owner.id,
      changes: { bestTime: '10:15', frequency: 'weekly' },
    });
    expect(upd.data['changed']).toEqual(['bestTime', 'frequency']);
    const after = await call(client, 'state_get_ae_profile', { owner: owner.id });
    expect(after.data).toMatchObject({
      stored: true,
      profile: { bestTime: '10:15', preferredChannel: 'email', notification: { frequency: 'weekly', maxItems: 3 } },
    });
    // the same profile `mis profile` and the digest planner read
    expect(new NotifyStore(session.state).profile(owner.id).notification.frequency).toBe('weekly');
    const bad = await call(client, 'state_update_ae_profile', { owner: owner.id, changes: { bestTime: '25:00' } });
    expect(bad.isError).toBe(true);
    const badZone = await call(client, 'state_update_ae_profile', {
      owner: owner.id,
      changes: { timezone: 'Mars/Olympus' },
    });
    expect(badZone.isError).toBe(true);
  });

  it('lists nudges with responses and refuses a response to an unknown nudge', async () => {
    const [a, b] = session.ctx.data.crm.owners.filter((o) => !o.archived);
    const n1 = recordNudge(session.state, {
      ownerId: a!.id,
      day: '2026-11-19',
      itemKey: 'stale_deal:4000001',
      channel: 'slack',
      payload: { text: 'Update deal 4000001' },
      status: 'sent',
    });
    recordNudge(session.state, {
      ownerId: a!.id,
      day: '2026-11-20',
      itemKey: 'missing_notes:4000002',
      channel: 'slack',
      payload: { text: 'Add a note' },
    });
    recordNudge(session.state, {
      ownerId: b!.id,
      day: '2026-11-20',
      itemKey: 'stale_deal:4000003',
      channel: 'email',
      payload: { text: 'x' },
    });
    const resp = await call(client, 'state_record_nudge_response', {
      nudgeId: n1,
      kind: 'acted',
      detail: 'logged the call',
    });
    expect(resp.data).toMatchObject({ nudgeId: n1, kind: 'acted', responses: 1 });
    const mine = await call(client, 'state_list_nudges', { owner: a!.id });
    const nudges = mine.data['nudges'] as { id: string; day: string; responses: { kind: string }[] }[];
    expect(nudges.map((n) => n.day)).toEqual(['2026-11-20', '2026-11-19']);
    expect(nudges[1]!.responses.map((x) => x.kind)).toEqual(['acted']);
    expect((await call(client, 'state_list_nudges', { fromDay: '2026-11-20' })).data['total']).toBe(2);
    const unknown = await call(client, 'state_record_nudge_response', { nudgeId: 'nope', kind: 'skipped' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('state_list_nudges');
  });

  it('state_get_run_findings reads the latest recorded check run; state_get_compliance_trend matches auditTrend', async () => {
    const none = await call(client, 'state_get_run_findings');
    expect(none.data['run']).toBeNull();
    const { ctx, state } = session;
    const findings = runChecks(ctx);
    state.recordRun(
      {
        id: 'run-test-1',
        workflow: 'check',
        driver: 'test',
        ownerId: null,
        asOf: ctx.asOf,
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        status: 'ok',
        durationMs: 1,
      },
      findings,
      auditSnapshot(ctx, findings),
    );
    const r = await call(client, 'state_get_run_findings', { limit: 5 });
    expect((r.data['run'] as { id: string }).id).toBe('run-test-1');
    expect(r.data['total']).toBe(findings.length);
    const high = await call(client, 'state_get_run_findings', { check: 'stale_deal', limit: 100 });
    expect(high.data['total']).toBe(findings.filter((f) => f.check === 'stale_deal').length);

    const trend = await call(client, 'state_get_compliance_trend', { weeks: 3 });
    const since = new Date(startOfWeek(addDays(Date.parse(ctx.asOf), -14), ctx.timezone)).toISOString();
    const want = auditTrend(ctx, 3, state.auditTrend(since), (c) => runChecks(c));
    expect(trend.data['owners']).toEqual(want.owners);
    expect(want.owners[0]!.weeks.at(-1)!.source).toBe('stored');
  });
});

describe('analysis tools', () => {
  it('mis_run_checks returns every finding with counts, high first, and marks them new against the last recorded run', async () => {
    const all = runChecks(session.ctx);
    const r = await call(client, 'mis_run_checks', { limit: 100 });
    const counts = r.data['counts'] as { total: number; byCheck: Record<string, number> };
    expect(counts.total).toBe(all.length);
    for (const f of all) expect(counts.byCheck[f.check]).toBe(all.filter((x) => x.check === f.check).length);
    const shown = r.data['findings'] as { severity: string; isNew: boolean; ownerId: string | null }[];
    const rank = { high: 2, medium: 1, low: 0 } as Record<string, number>;
    expect(shown.map((f) => rank[f.severity])).toEqual(shown.map((f) => rank[f.severity]).sort((a, b) => b! - a!));
    const owner = all.find((f) => f.ownerId)!.ownerId!;
    const mine = await call(client, 'mis_run_checks', { owner, minSeverity: 'high', limit: 100 });
    expect(mine.data['total']).toBe(all.filter((f) => f.ownerId === owner && f.severity === 'high').length);
  });

  it('mis_weekly_momentum, mis_activity_scorecard and mis_get_metric equal the metrics computed directly', async () => {
    const { ctx } = session;
    const m = weeklyMomentum(ctx);
    const r = await call(client, 'mis_weekly_momentum', { maxDealIds: 100 });
    const team = r.data['team'] as Record<string, { count: number; amount: number; dealIds: string[] }>;
    for (const k of ['new', 'advanced', 'regressed', 'stalled', 'won', 'lost', 'pushed'] as const) {
      expect(team[k]!.count, k).toBe(m.team[k].count);
      expect(team[k]!.amount, k).toBe(m.team[k].amount);
      expect(team[k]!.dealIds, k).toEqual(m.team[k].dealIds);
    }
    const s = activityScorecard(ctx);
    const sc = await call(client, 'mis_activity_scorecard');
    expect(
      (sc.data['byOwner'] as { ownerId: string; calls: { actual: number } }[]).map((x) => [x.ownerId, x.calls.actual]),
    ).toEqual(s.byOwner.map((x) => [x.ownerId, x.calls.actual]));
    const owner = s.byOwner[0]!.ownerId!;
    const one = await call(client, 'mis_activity_scorecard', { owner });
    expect((one.data['byOwner'] as unknown[]).length).toBe(1);

    const funnel = await call(client, 'mis_get_metric', { name: 'funnel' });
    expect((funnel.data['value'] as { stages: unknown }).stages).toEqual(funnelConversion(ctx).stages);
    const v = await call(client, 'mis_get_metric', { name: 'velocity', owner, from: '2026-08-01', to: '2026-11-01' });
    const want = velocity(ctx, { from: '2026-08-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect((v.data['value'] as { byOwner: { ownerId: string }[] }).byOwner.map((x) => x.ownerId)).toEqual(
      want.byOwner.filter((x) => x.ownerId === owner).map((x) => x.ownerId),
    );
    const half = await call(client, 'mis_get_metric', { name: 'funnel', from: '2026-08-01' });
    expect(half.isError).toBe(true);
    expect(half.text).toContain('from and to go together');
  });

  it('mis_deal_risk lists deals at risk by money at risk, one owner, or one deal', async () => {
    const all = dealRisk(session.ctx);
    const risky = all.filter((r) => r.signals.length);
    const r = await call(client, 'mis_deal_risk', { limit: 50 });
    expect(r.data['atRisk']).toBe(risky.length);
    expect(r.data['openDeals']).toBe(all.length);
    expect((r.data['deals'] as { dealId: string }[]).map((x) => x.dealId)).toEqual(
      risky.slice(0, (r.data['deals'] as unknown[]).length).map((x) => x.dealId),
    );
    const top = risky[0]!;
    const one = await call(client, 'mis_deal_risk', { dealId: top.dealId });
    const deal = (one.data['deals'] as { dealId: string; score: number; signals: { signal: string }[] }[])[0]!;
    expect(deal.dealId).toBe(top.dealId);
    expect(deal.signals.map((s) => s.signal)).toEqual(top.signals.map((s) => s.signal));
    const owner = top.ownerId!;
    const mine = await call(client, 'mis_deal_risk', { owner, onlyAtRisk: false, limit: 50 });
    expect(mine.data['total']).toBe(all.filter((x) => x.ownerId === owner).length);
  });
});
