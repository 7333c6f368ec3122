/**
 * The CLI in-process (`main(argv, io)`) against the in-process sandbox (demo portal): bad input refused with
 * nothing written, a real reconcile recorded and fed to `mis check` (HC-1), and the apply path through the audited
 * write path: consent rules, audit rows, and an idempotent rerun.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatasetPath } from '../../src/dataset/index.js';
import { reconcileResultSchema, type ReconcileResult } from '../../src/reconcile/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

const dir = mkdtempSync(join(tmpdir(), 'mis-reconcile-'));
// A copy of the run's synced demo portal: the reconcile reads a warm cache instead of syncing first.
const env = { MIS_STATE_DIR: demoStateCopy('mis-reconcile-state-'), MIS_SANDBOX_LIMITS: 'off' };
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const demo = JSON.parse(readFileSync(demoDatasetPath(), 'utf8')) as {
  aeUpdates: Array<{ ownerId: string; text: string }>;
};
const rohit = file('rohit.txt', demo.aeUpdates.find((u) => u.ownerId === '71234')!.text);
const mis = (args: string[]) => runMain(args, env);
const count = (table: string): number => {
  const db = join(env.MIS_STATE_DIR, 'mis.db');
  if (!existsSync(db)) return 0;
  const h = new Database(db, { readonly: true });
  try {
    return (h.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    h.close();
  }
};
const rows = <T>(sql: string): T[] => {
  const h = new Database(join(env.MIS_STATE_DIR, 'mis.db'), { readonly: true });
  try {
    return h.prepare(sql).all() as T[];
  } finally {
    h.close();
  }
};

/** Every file of the state folder with a hash of its bytes. */
const stateBytes = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(env.MIS_STATE_DIR, { recursive: true, encoding: 'utf8' })
      .map((f) => join(env.MIS_STATE_DIR, f))
      .filter((p) => statSync(p).isFile())
      .map((p) => [p, createHash('sha1').update(readFileSync(p)).digest('hex')]),
  );

describe('mis reconcile: bad input is refused with a clear message, nothing written', () => {
  it('refuses an empty update, 1 MB of text and binary bytes before connecting', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['empty.txt', '  \n\t\n', /is empty/],
      ['huge.txt', 'Forace grp: demo done, 15.2L\n'.repeat(36_000), /an update is at most 20,000 characters/],
      [
        'binary.bin',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]),
        /not UTF-8 text|binary/,
      ],
      ['nul.txt', 'Forace grp\u0000: demo done', /binary bytes/],
    ];
    const before = stateBytes();
    for (const [name, content, message] of cases) {
      const r = await mis(['reconcile', '--owner', '71234', '--update', file(name, content)]);
      expect(r.status, name).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/→ /); // the hint
      expect(r.stdout).toBe('');
    }
    // Refused before anything was opened: the state folder is byte for byte as it was, no update recorded.
    expect(stateBytes()).toEqual(before);
    expect(count('ae_updates')).toBe(0);
  });

  it('refuses an owner that does not exist', { timeout: 120_000 }, async () => {
    const r = await mis(['reconcile', '--owner', 'nobody@example.com', '--update', rohit]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no owner "nobody@example.com" in this portal/);
    expect(r.stderr).toMatch(/rohit\.malhotra@demo-logistics\.example/);
    expect(count('ae_updates')).toBe(0);
  });

  it('refuses an update that names only companies the CRM does not have', { timeout: 120_000 }, async () => {
    const r = await mis([
      'reconcile',
      '--owner',
      '71234',
      '--update',
      file('unknown.txt', 'Zorbit Foods: demo done, 12L\nQuixel Retail - proposal sent, 8L'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/none of the 2 companies in the update is in the CRM \(Zorbit Foods, Quixel Retail\)/);
    expect(count('ae_updates')).toBe(0);
    expect(count('reconciliations')).toBe(0);
    expect(count('crm_writes')).toBe(0);
  });
});

describe('mis reconcile on the demo portal, then mis check and --apply', () => {
  let first: ReconcileResult;
  beforeAll(async () => {
    const r = await mis(['reconcile', '--owner', 'rohit.malhotra@demo-logistics.example', '--update', rohit, '--json']);
    expect(r.status, r.stderr).toBe(0);
    first = reconcileResultSchema.parse(JSON.parse(r.stdout));
  }, 120_000);
  afterAll(() => undefined);

  it('prints the contract document with what was planted, and records the update', () => {
    expect(first.owner).toBe('71234');
    expect(first.discrepancies.map((d) => `${d.type}:${d.dealId}`).sort()).toEqual([
      'amount_mismatch:4000266',
      'close_date_mismatch:4000269',
      'lost_not_closed:4000404',
      'unlogged_activity:4000383',
    ]);
    expect(first.coverage).toMatchObject({ mentionsMatched: 5, mentionsTotal: 5 });
    expect(count('ae_updates')).toBe(1);
    expect(count('reconciliations')).toBe(1);
    expect(count('crm_writes')).toBe(0);
  });

  it(
    'feeds HC-1: the next mis check shows the lost deal as stage_mismatch quoting the update',
    { timeout: 120_000 },
    async () => {
      const r = await mis(['check', '--owner', '71234', '--only', 'stage_mismatch', '--json']);
      expect(r.status, r.stderr).toBe(0);
      const findings = (
        JSON.parse(r.stdout) as {
          findings: Array<{ objectId: string; summary: string; evidence: Record<string, unknown> }>;
        }
      ).findings;
      const f = findings.find((x) => x.objectId === '4000404');
      expect(f?.evidence).toMatchObject({
        source: 'ae_update',
        sourceId: first.updateId,
        snippet: 'Vrinadvan Freight not going ahead, on hold till next yr',
      });
      expect(f?.summary).toMatch(
        /Rohit Malhotra's update on Fri 20 Nov says Closed Lost: "Vrinadvan Freight not going ahead/,
      );
    },
  );

  it('needs --yes off a terminal', { timeout: 120_000 }, async () => {
    const r = await mis(['reconcile', '--owner', '71234', '--update', rohit, '--apply']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not on a terminal/);
    expect(count('crm_writes')).toBe(0);
  });

  it(
    '--yes applies the non-stage changes through the audited path; the stage change waits for a person',
    { timeout: 120_000 },
    async () => {
      const r = await mis([
        'reconcile',
        '--owner',
        '71234',
        '--update',
        rohit,
        '--apply',
        '--yes',
        '--as',
        'manager-meera',
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as ReconcileResult & {
        applied: Array<{ status: string; discrepancy: string; writeId?: string }>;
      };
      expect(out.applied.map((a) => `${a.discrepancy}:${a.status}`).sort()).toEqual([
        'amount_mismatch:applied',
        'close_date_mismatch:applied',
        'lost_not_closed:needs_consent',
        'unlogged_activity:applied',
      ]);
      const audit = rows<{ status: string; source: string; actor: string; approved_by: string; op: string }>(
        'SELECT status, source, actor, approved_by, op FROM crm_writes ORDER BY op',
      );
      expect(audit).toEqual([
        {
          status: 'applied',
          source: first.updateId,
          actor: 'rohit.malhotra@demo-logistics.example',
          approved_by: 'manager-meera',
          op: 'log_meeting',
        },
        {
          status: 'applied',
          source: first.updateId,
          actor: 'rohit.malhotra@demo-logistics.example',
          approved_by: 'manager-meera',
          op: 'update_deal',
        },
        {
          status: 'applied',
          source: first.updateId,
          actor: 'rohit.malhotra@demo-logistics.example',
          approved_by: 'manager-meera',
          op: 'update_deal',
        },
      ]);
    },
  );

  it('a rerun proposes nothing already applied', { timeout: 120_000 }, async () => {
    const r = await mis(['reconcile', '--owner', '71234', '--update', rohit, '--json']);
    const again = reconcileResultSchema.parse(JSON.parse(r.stdout));
    expect(again.updateId).toBe(first.updateId);
    expect(again.discrepancies.map((d) => d.type)).toEqual(['lost_not_closed']);
    expect(count('crm_writes')).toBe(3);
    expect(count('ae_updates')).toBe(1);
  });

  it(
    '--yes --yes-stages applies the stage change too; then the CRM agrees with the update',
    { timeout: 120_000 },
    async () => {
      const r = await mis([
        'reconcile',
        '--owner',
        '71234',
        '--update',
        rohit,
        '--apply',
        '--yes',
        '--yes-stages',
        '--as',
        'manager-meera',
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Applied 1 of 1 changes/);
      expect(count('crm_writes')).toBe(4);
      const done = reconcileResultSchema.parse(
        JSON.parse((await mis(['reconcile', '--owner', '71234', '--update', rohit, '--json'])).stdout),
      );
      expect(done.discrepancies).toEqual([]);
      expect(done.coverage.crmExplainedShare).toBe(1);
      // And HC-1 no longer flags the deal: the CRM now says what the update says.
      const check = JSON.parse(
        (await mis(['check', '--owner', '71234', '--only', 'stage_mismatch', '--json'])).stdout,
      ) as { findings: Array<{ objectId: string }> };
      expect(check.findings.some((f) => f.objectId === '4000404')).toBe(false);
    },
  );

  it("mis draft-update writes a readable update in the AE's shape", { timeout: 120_000 }, async () => {
    const out = join(dir, 'draft.txt');
    const r = await mis(['draft-update', '--owner', '71251', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // Karan writes one deal per line under "updates this wk:".
    expect(lines[0]).toBe('updates this wk:');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(1))
      expect(l).toMatch(
        /^[A-Z][\w&.' -]+: (discovery stage|demo done|POC on|proposal sent|shortlisted|in nego|closed won|closed lost)/,
      );
    expect(readFileSync(out, 'utf8').trim()).toBe(r.stdout.trim());
  });
});
