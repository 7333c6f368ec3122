/**
 * A follow-up reminder accepted once lands as exactly one HubSpot task (the sandbox, through the real client and
 * the audited write path) with its due date and the deal association; proposing it again or re-sending the
 * acceptance adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { followUpReminders, proposeReminders } from '../../src/assist/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { fixture } from '../support/fixtures.js';
import { WriteService } from '../../src/writes/index.js';
import { writeEnv, type WriteEnv } from '../writes/support.js';

let env: WriteEnv;
let ctx: AnalysisContext;
beforeAll(async () => {
  env = await writeEnv();
  const ds = fixture({ deals: 12, notesPerDeal: 1 });
  ctx = {
    data: await portalDataFromDataset(ds),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
});
afterAll(() => env.close());

describe('a reminder accepted', () => {
  it('becomes one task in HubSpot with the due date and the deal, exactly once', async () => {
    const service = new WriteService({ crm: env.crm, state: env.state, stateDir: env.stateDir });
    // The fixture's deals have no engagement ahead: every open deal of owner 101 gets "book the next step".
    const reminders = followUpReminders(ctx, { ownerId: '101' }).filter((r) => r.kind === 'no_next_step');
    expect(reminders.length).toBeGreaterThan(0);
    const r = reminders[0]!;
    const [first] = proposeReminders(service, [r], 'asha@example.com');
    expect(first!.created).toBe(true);
    const [again] = proposeReminders(service, [r], 'asha@example.com');
    expect(again).toEqual({ key: r.key, writeId: first!.writeId, created: false });

    const before = (await env.crm.readAll()).engagements.filter((e) => e.kind === 'task').length;
    const applied = await service.apply(first!.writeId, service.issueApproval(first!.writeId, 'asha'));
    expect(applied.status).toBe('applied');
    expect(() => service.issueApproval(first!.writeId, 'asha')).toThrow(/it is applied/);

    const tasks = (await env.crm.readAll()).engagements.filter((e) => e.kind === 'task');
    expect(tasks.length).toBe(before + 1);
    const task = tasks.find((e) => e.subject === r.change.subject)!;
    expect(task.dealIds).toEqual([r.dealId]);
    expect(task.timestamp).toBe(r.dueAt);
    expect(task.status).not.toBe('COMPLETED');
  });
});
