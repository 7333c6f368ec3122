/** `mis writes` end to end in-process (`main(argv, io)`) over the in-process sandbox. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotClient, DatasetCrm, HubSpotCrm } from '../../src/crm/index.js';
import { writePortalFile } from '../../src/dataset/index.js';
import { SandboxStore, startSandbox } from '../../src/sandbox/index.js';
import { cachedRecord, StateStore } from '../../src/state/index.js';
import type { Deal } from '../../src/crm/index.js';
import { WriteService, type WriteRecord } from '../../src/writes/index.js';
import { runMain } from '../support/cli.js';
import { fixture, fixtureInput } from '../support/fixtures.js';

let dir: string;
let env: Record<string, string>;
let stateDir: string;

/** Propose as reconcile or an MCP tool would, in this process, against the CLI's state. */
function propose(change: unknown, source: string): string {
  const state = StateStore.open(stateDir);
  try {
    return new WriteService({ crm: new DatasetCrm(fixture({ deals: 12 })), state, stateDir }).propose(change, {
      actor: 'claude',
      tool: 'test',
      source,
    }).writeId;
  } finally {
    state.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mis-writes-cli-'));
  const dataset = join(dir, 'portal.json');
  writePortalFile(dataset, fixtureInput({ deals: 12, notesPerDeal: 1 }));
  stateDir = join(dir, 'state');
  env = { MIS_DATASET: dataset, MIS_STATE_DIR: stateDir, MIS_SANDBOX_LIMITS: 'off', USER: 'ci-user' };
  const r = await runMain(['sync'], env);
  expect(r.status, r.stderr).toBe(0);
});

describe('mis writes', () => {
  it('approve --yes applies the write to HubSpot and the cache, and show records who did it', async () => {
    const id = propose({ op: 'update_deal', dealId: '4005', properties: { dealstage: 'contractsent' } }, 'cli-1');
    const list = await runMain(['writes', 'list'], env);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`${id}\\s+proposed .*Deal 4005 Forace Group Expansion 5: stage Demo Done → Negotiation`),
    );

    const noTty = await runMain(['writes', 'approve', id], env);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toMatch(/not on a terminal[\s\S]*--yes/);

    const r = await runMain(['writes', 'approve', id, '--yes', '--as', 'asha'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Deal 4005 Forace Group Expansion 5: stage Demo Done → Negotiation');
    expect(r.stdout).toMatch(
      new RegExp(`Applied ${id} \\(approved by asha\\): deal 4005 updated in HubSpot; the local cache has it\\.`),
    );

    const show = await runMain(['writes', 'show', id, '--json'], env);
    const w = JSON.parse(show.stdout) as WriteRecord;
    expect(w).toMatchObject({
      id,
      status: 'applied',
      approvedBy: 'asha',
      actor: 'claude',
      result: { recordId: '4005', attempts: 1, cacheRefreshed: true },
    });

    const state = StateStore.open(stateDir);
    expect((cachedRecord(state, 'deal', '4005') as Deal).stageId).toBe('contractsent');
    state.close();
    // what the sandbox now serves, read back through the official client
    const store = new SandboxStore(join(stateDir, 'sandbox.db'));
    const sb = await startSandbox({ store });
    try {
      const crm = new HubSpotCrm(createHubSpotClient({ accessToken: sb.token, basePath: sb.url, burst: false }));
      expect((await crm.getDeal('4005'))!.stageId).toBe('contractsent');
    } finally {
      await sb.close();
      store.close();
    }

    const again = await runMain(['writes', 'approve', id, '--yes'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/cannot approve write .*: it is applied[\s\S]*already in HubSpot/);
  });

  it('reject declines a write for good; list filters by status', async () => {
    const id = propose({ op: 'add_note', dealId: '4002', body: 'Dropped: went with a competitor' }, 'cli-2');
    const r = await runMain(['writes', 'reject', id], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Rejected ${id}: Note on deal 4002 Deal number 2: "Dropped: went with a competitor"\n`);
    const rejected = JSON.parse((await runMain(['writes', 'list', '--status', 'rejected', '--json'], env)).stdout) as {
      writes: WriteRecord[];
    };
    expect(rejected.writes.map((w) => [w.id, w.rejectedBy])).toEqual([[id, 'ci-user']]);
    const approve = await runMain(['writes', 'approve', id, '--yes'], env);
    expect(approve.status).toBe(1);
    expect(approve.stderr).toMatch(/it is rejected/);
  });

  it('approve --token approves without applying and prints a token that applies that write only', async () => {
    const id = propose({ op: 'update_deal', dealId: '4011', properties: { amount: '123000' } }, 'cli-3');
    const other = propose({ op: 'update_deal', dealId: '4011', properties: { amount: '456000' } }, 'cli-3');
    const r = await runMain(['writes', 'approve', id, '--token', '--yes', '--as', 'asha'], env);
    expect(r.status, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^mis1\.[\w-]+\.[\w-]+$/);
    const state = StateStore.open(stateDir);
    try {
      // a tool holding the token (here: over the in-memory fake) can apply this write, and no other
      const service = new WriteService({ crm: new DatasetCrm(fixture({ deals: 12 })), state, stateDir });
      expect(service.get(id)).toMatchObject({ status: 'approved', approvedBy: 'asha' });
      await expect(service.apply(other, token)).rejects.toMatchObject({
        code: 'WRITE_APPROVAL',
        problem: 'other_write',
      });
      expect(await service.apply(id, token)).toMatchObject({
        status: 'applied',
        approvedBy: 'asha',
        result: { recordId: '4011' },
      });
    } finally {
      state.close();
    }
  });

  it('explains itself and refuses bad input as usage errors', async () => {
    const help = await runMain(['help', 'writes'], env);
    expect(help.stdout).toMatch(/^Usage: mis writes <list\|show\|approve\|reject>/);
    expect((await runMain(['writes', 'list', '--status', 'done'], env)).status).toBe(2);
    const missing = await runMain(['writes', 'show', 'w-nope'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no CRM write w-nope[\s\S]*mis writes list/);
  });
});
