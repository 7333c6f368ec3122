/**
 * The digest gives back what it asks for: on a hand-built portal where the answers are known, a deal with a data
 * problem keeps its data fix as the action, a deal whose data is clean gets its next best action instead, the AE's
 * meetings on the next working day come with their briefs, and the AE's overdue HubSpot tasks are listed — in
 * words (names, human dates, ₹), the same in `mis digest` (the planner's model and its renderings) and in
 * `mis_plan_digest` over a real MCP client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/analysis/checks/index.js';
import { connectInMemory } from '../../src/mcp/index.js';
import { digestFor, planTeam, renderHtml, renderSlack, renderText, type Digest } from '../../src/notify/index.js';
import { StateStore } from '../../src/state/index.js';
import { portalOf, situation, type Built } from '../assist/support.js';

let built: Built;
let digest: Digest;

// asOf: Thu 17 Sep 2026, 18:00 IST; the next working day is Fri 18 Sep.
beforeAll(async () => {
  built = await portalOf([
    // 0: data problem — the close date passed 5 days ago.
    situation({ name: 'Gamma Foods - Rollout', stage: 3, amount: 4_000_000, close: -5 }),
    // 1: clean, but met 10 days ago with no proposal since → send the proposal.
    situation({
      name: 'Beta Logistics - TMS',
      stage: 1,
      amount: 2_500_000,
      touches: [
        [10, 'meeting', 0, 'out', 'Product demo'],
        [3, 'note', null, 'out', 'Demo went well; they want pricing'],
      ],
      ahead: [[6, 'meeting', 'Check-in']],
    }),
    // 2: clean, with a meeting on the next working day → its brief in the digest.
    situation({
      name: 'Delta Pharma - WMS',
      stage: 1,
      amount: 1_500_000,
      touches: [[2, 'call', 0, 'out', 'Discovery call']],
      ahead: [[1, 'meeting', 'Pricing review']],
    }),
    // 3: an overdue task (due two days ago, still open).
    situation({
      name: 'Epsilon Retail - POS',
      stage: 1,
      amount: 800_000,
      touches: [[2, 'call', 0, 'out', 'Intro call']],
      ahead: [
        [-2, 'task', 'Send revised quote'],
        [8, 'meeting', 'Demo'],
      ],
    }),
  ]);
  const [plan] = planTeam({ ctx: built.ctx, state: new StateStore(':memory:') }, { ownerId: '801', preview: true });
  digest = plan!.messages.find((m) => m.audience === 'ae')!.digest;
});

const findingsOf = (dealId: string) =>
  runChecks(built.ctx)
    .filter((f) => f.objectType === 'deal' && f.objectId === dealId)
    .map((f) => f.check);

/** People read days, not ISO dates: none outside the links. */
const noIsoDates = (s: string) =>
  expect(s.replace(/https?:\/\/\S+?(?=["'\s<)]|$)/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}/);

describe('the digest carries next actions, meeting briefs and overdue tasks', () => {
  it('keeps the data fix on the deal with a problem and gives each clean deal its next best action', () => {
    expect(findingsOf(built.dealId(0))).toContain('close_date_past');
    expect(findingsOf(built.dealId(1)), 'precondition: deal 1 has clean data').toEqual([]);
    expect(digest.top.dealId).toBe(built.dealId(0));
    expect(digest.top.ask.text).toBe('Set a close date you believe in');
    const items = new Set([digest.top, ...digest.more].map((i) => i.dealId));
    // One action per deal: no deal with a data problem gets a next action too.
    for (const a of digest.nextActions) {
      expect(items.has(a.dealId)).toBe(false);
      expect(findingsOf(a.dealId)).toEqual([]);
    }
    const beta = digest.nextActions.find((a) => a.dealId === built.dealId(1));
    expect(beta).toMatchObject({
      name: 'Beta Logistics',
      amountText: '₹25 L',
      stage: 'Discovery',
      action: 'Send the proposal to Anu Bose',
    });
    expect(beta!.reason).toBe(
      'Met on Mon 7 Sept (10 days ago) and no proposal, quote or pricing email has gone out since.',
    );
  });

  it("briefs the AE's meetings on the next working day", () => {
    expect(digest.meetingsDay).toBe('Fri 18 Sept');
    expect(digest.meetings).toHaveLength(1);
    const m = digest.meetings[0]!;
    expect(m).toMatchObject({
      time: '18:00',
      title: 'Pricing review',
      with: ['Anu Bose'],
      dealId: built.dealId(2),
      dealName: 'Delta Pharma - WMS',
    });
    expect(m.lines[0]).toMatch(/^Discovery for \d+ days · ₹15 L · closes \w{3} \d{1,2} \w+$/);
    expect(m.lines.some((l) => l.startsWith('Ask: '))).toBe(true);
  });

  it("lists the AE's overdue HubSpot tasks, most overdue first", () => {
    expect(digest.overdueTasks.count).toBe(1);
    expect(digest.overdueTasks.items).toEqual([
      expect.objectContaining({
        subject: 'Send revised quote',
        dealName: 'Epsilon Retail - POS',
        due: 'Tue 15 Sept',
        daysOverdue: 2,
      }),
    ]);
  });

  it('renders all of it in words: text, HTML and Slack, with an evening greeting at 18:00', () => {
    const text = renderText(digest);
    const html = renderHtml(digest);
    const slack = JSON.stringify(renderSlack(digest));
    expect(text).toMatch(/^Good evening Ira · /);
    expect(html).toContain('Good evening Ira');
    for (const out of [text, html, slack]) {
      expect(out).toContain('Send the proposal to Anu Bose');
      expect(out).toContain('Pricing review');
      expect(out).toContain('Send revised quote');
      expect(out).not.toContain('Good morning');
      noIsoDates(out);
    }
    expect(text).toContain('YOUR MEETINGS ON FRI 18 SEPT');
    expect(text).toContain('• Send revised quote (Epsilon Retail - POS): due Tue 15 Sept, 2 days ago');
  });

  it('mis_plan_digest says the same as mis digest', async () => {
    const state = new StateStore(':memory:');
    const session = { ctx: built.ctx, state };
    const report = digestFor(session, '801');
    const { client, close } = await connectInMemory({ session });
    try {
      const r = await client.callTool({ name: 'mis_plan_digest', arguments: { owner: '801' } });
      expect(r.isError).toBeFalsy();
      const out = r.structuredContent as {
        meetingsDay: string | null;
        top: { dealId: string; ask: string };
        nextActions: Array<{ dealId: string; action: string; reason: string }>;
        meetings: Array<{ time: string; title: { text: string }; lines: string[] }>;
        overdueTasks: { count: number; items: Array<{ subject: { text: string }; due: string }> };
        reminders: Array<{ subject: string; due: string }>;
      };
      const d = report.digest!;
      expect(out.top).toMatchObject({ dealId: d.top.dealId, ask: d.top.ask.text });
      expect(out.nextActions).toEqual(
        d.nextActions.map((a) => ({ dealId: a.dealId, name: a.name, action: a.action, reason: a.reason })),
      );
      expect(out.meetingsDay).toBe(d.meetingsDay);
      expect(out.meetings.map((m) => [m.time, m.title.text, m.lines])).toEqual(
        d.meetings.map((m) => [m.time, m.title, m.lines]),
      );
      expect(out.overdueTasks.count).toBe(d.overdueTasks.count);
      expect(out.overdueTasks.items.map((t) => [t.subject.text, t.due])).toEqual(
        d.overdueTasks.items.map((t) => [t.subject, t.due]),
      );
      expect(out.reminders.map((x) => [x.subject, x.due])).toEqual(d.reminders.map((x) => [x.subject, x.due]));
    } finally {
      await close();
    }
  });
});
