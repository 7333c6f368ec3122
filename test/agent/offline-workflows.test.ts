/**
 * Every shipped workflow runs with the offline driver on the demo portal, through the real MCP server, and its
 * output validates against its schema; figures are checked against the analysis they come from.
 */
import { digestFor } from '../../src/notify/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/analysis/checks/index.js';
import { weeklyMomentum } from '../../src/analysis/metrics/index.js';
import { dealRisk } from '../../src/analysis/risk/index.js';
import {
  complianceDigestSchema,
  dealMomentumSchema,
  dealRiskReportSchema,
  loadWorkflows,
  notificationPlanSchema,
  OfflineDriver,
  outputSpec,
  runWorkflow,
} from '../../src/agent/index.js';
import { StateStore } from '../../src/state/index.js';
import { demoServer } from './support.js';

let server: Awaited<ReturnType<typeof demoServer>>;
let state: StateStore;
const view = { timezone: 'Asia/Kolkata', currency: 'INR' };

beforeAll(async () => {
  state = new StateStore(':memory:');
  server = await demoServer(state);
});
afterAll(async () => {
  await server.close();
  state.close();
});

const workflows = loadWorkflows();

describe('shipped workflows, offline driver, demo portal', () => {
  it('ships the six workflows', () => {
    expect(workflows.map((w) => w.name)).toEqual([
      'adaptive-notification',
      'daily-compliance-check',
      'deal-risk-analysis',
      'meeting-prep',
      'pre-call-brief',
      'weekly-report-generation',
    ]);
  });

  for (const w of workflows) {
    it(`${w.name} runs and its output validates against ${w.output}`, async () => {
      const owner = w.scope === 'owner' ? server.session.ctx.data.crm.owners.find((o) => !o.archived)!.id : undefined;
      // The per-deal workflow (pre-call-brief) runs on the demo's largest open deal.
      const deal = w.steps.some((s) => JSON.stringify(s.args).includes('{{deal}}'))
        ? [...server.session.ctx.data.crm.deals]
            .filter((d) => d.stageId !== 'closedwon' && d.stageId !== 'closedlost')
            .sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0]!.id
        : undefined;
      const r = await runWorkflow({
        workflow: w,
        driver: new OfflineDriver(),
        client: server.client,
        inputs: { owner, ...(deal ? { deal } : {}) },
        asOf: server.session.ctx.asOf,
        view,
        state,
      });
      expect(outputSpec(w.output).schema.safeParse(r.output).success).toBe(true);
      expect(r.toolCalls.length).toBeGreaterThanOrEqual(w.steps.length);
      expect(r.toolCalls.every((c) => c.ok && w.tools.includes(c.tool))).toBe(true);
      expect(r.text.length).toBeGreaterThan(50);
      const row = state.db
        .prepare('SELECT workflow, driver, status, tool_calls, outputs, usage FROM runs WHERE id = ?')
        .get(r.runId) as Record<string, string>;
      expect(row['workflow']).toBe(w.name);
      expect(row['status']).toBe('ok');
      expect(JSON.parse(row['tool_calls']!)).toHaveLength(r.toolCalls.length);
      expect(JSON.parse(row['outputs']!)).toEqual(JSON.parse(JSON.stringify(r.output)));
    });
  }

  it('daily-compliance-check counts every finding per AE (all pages followed)', async () => {
    const w = workflows.find((x) => x.name === 'daily-compliance-check')!;
    const r = await runWorkflow({
      workflow: w,
      driver: new OfflineDriver(),
      client: server.client,
      inputs: {},
      asOf: server.session.ctx.asOf,
      view,
      state: null,
    });
    const d = complianceDigestSchema.parse(r.output);
    const all = runChecks(server.session.ctx);
    expect(d.totals.findings).toBe(all.length);
    expect(d.totals.high).toBe(all.filter((f) => f.severity === 'high').length);
    for (const o of d.owners) expect(o.findings).toBe(all.filter((f) => f.ownerId === o.ownerId).length);
    expect(d.owners.reduce((s, o) => s + o.findings, 0)).toBe(all.length);
    expect(r.toolCalls.filter((c) => c.tool === 'mis_run_checks').length).toBeGreaterThan(1);
  });

  it('weekly-report-generation copies the momentum figures and the waterfall balances', async () => {
    const w = workflows.find((x) => x.name === 'weekly-report-generation')!;
    const r = await runWorkflow({
      workflow: w,
      driver: new OfflineDriver(),
      client: server.client,
      inputs: {},
      asOf: server.session.ctx.asOf,
      view,
      state: null,
    });
    const d = dealMomentumSchema.parse(r.output);
    const m = weeklyMomentum(server.session.ctx);
    expect(d.team.won).toMatchObject({ count: m.team.won.count, amount: m.team.won.amount });
    expect(d.waterfall.end.amount).toBe(m.team.waterfall.end.amount);
    expect(d.byOwner.map((o) => o.ownerId)).toEqual(m.byOwner.map((o) => o.ownerId));
  });

  it('deal-risk-analysis lists risky deals with every factor, scores = sum of weights, owner filter applied', async () => {
    const w = workflows.find((x) => x.name === 'deal-risk-analysis')!;
    const ownerId = server.session.ctx.data.crm.owners.find(
      (o) => !o.archived && dealRisk(server.session.ctx, { ownerId: o.id }).some((d) => d.signals.length),
    )!.id;
    const r = await runWorkflow({
      workflow: w,
      driver: new OfflineDriver(),
      client: server.client,
      inputs: { owner: ownerId },
      asOf: server.session.ctx.asOf,
      view,
      state: null,
    });
    const d = dealRiskReportSchema.parse(r.output);
    const expected = dealRisk(server.session.ctx, { ownerId }).filter((x) => x.signals.length);
    expect(d.atRisk).toBe(expected.length);
    expect(d.deals.every((x) => x.ownerId === ownerId)).toBe(true);
    expect(d.deals[0]!.dealId).toBe(expected[0]!.dealId);
    expect(d.deals[0]!.factors.map((f) => f.signal)).toEqual(expected[0]!.signals.map((s) => s.signal));
    expect(r.text).toContain(`deal ${expected[0]!.dealId}`);
  });

  it('adaptive-notification is the planner: the same top action as mis digest for the same AE and day, nothing sent', async () => {
    const w = workflows.find((x) => x.name === 'adaptive-notification')!;
    const owner = server.session.ctx.data.crm.owners.find((o) =>
      runChecks(server.session.ctx).some((f) => f.ownerId === o.id && f.severity === 'high'),
    )!.id;
    const r = await runWorkflow({
      workflow: w,
      driver: new OfflineDriver(),
      client: server.client,
      inputs: { owner },
      asOf: server.session.ctx.asOf,
      view,
      state: null,
    });
    const p = notificationPlanSchema.parse(r.output);
    const digest = digestFor({ ctx: server.session.ctx, state: server.session.state }, owner);
    expect(p.nudges.length).toBeGreaterThan(0);
    expect(p.nudges[0]!.dealId).toBe(digest.digest!.top.dealId);
    expect(p.nudges[0]!.action).toBe(digest.digest!.top.ask.text);
    expect(p.day).toBe(digest.day);
    expect(r.text).not.toMatch(/placeholder/i);
    expect(Number(server.session.state.db.prepare('SELECT COUNT(*) FROM notify_outbox').pluck().get())).toBe(0);
  });
});
