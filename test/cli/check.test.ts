/** `mis check` and `mis audit` on the demo portal, as a user (or a script reading --json) runs them (in-process). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditTrendSchema, checkReportSchema } from '../../src/analysis/index.js';
import { demoDatasetPath } from '../../src/dataset/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

const demo = JSON.parse(readFileSync(demoDatasetPath(), 'utf8')) as {
  portal: { asOf: string };
  owners: { id: string; email: string }[];
  generator: { planted: { kind: string; objectId: string | null }[] };
};
const planted = (kind: string) => demo.generator.planted.filter((p) => p.kind === kind).map((p) => p.objectId);
/** Each test gets its own copy of the synced demo portal: no test sees another's recorded runs. */
const freshEnv = () => ({
  MIS_STATE_DIR: demoStateCopy('mis-check-'),
  MIS_SANDBOX_LIMITS: 'off',
  MIS_SMARTLEAD_RPS: '200',
});
const later = '2026-11-27T18:00:00+05:30'; // a week on from the demo portal's as-of: stale counts grow

describe('mis check', () => {
  it("prints the contract JSON, with the demo portal's planted problems among the findings", async () => {
    const r = await runMain(['check', '--json'], freshEnv());
    expect(r.status, r.stderr).toBe(0);
    const report = checkReportSchema.parse(JSON.parse(r.stdout));
    expect(report.asOf).toBe(new Date(demo.portal.asOf).toISOString());
    for (const check of [
      'stale_deal',
      'missing_notes',
      'close_date_past',
      'stage_skipped',
      'missing_required_field',
    ] as const) {
      const found = new Set(report.findings.filter((f) => f.check === check).map((f) => f.objectId));
      for (const id of planted(check)) expect(found, `${check} on ${id}`).toContain(id);
    }
    for (const f of report.findings.filter((x) => x.check === 'duplicate_company'))
      expect(f.evidence).toHaveProperty('duplicateOf');
  });

  it('marks what is new since the previous run, and filters by owner email', async () => {
    const env = freshEnv();
    const first = await runMain(['check'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(/new since/);
    const r = await runMain(['check', '--as-of', later], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/findings, \d+ new since the run as of Fri, 20 Nov 2026, 18:00 IST\./);
    const all = checkReportSchema.parse(JSON.parse((await runMain(['check', '--json', '--as-of', later], env)).stdout));
    const ae = demo.owners.find((o) => o.id === all.findings.find((f) => f.ownerId)!.ownerId)!;
    const mine = checkReportSchema.parse(
      JSON.parse((await runMain(['check', '--json', '--owner', ae.email.toUpperCase()], env)).stdout),
    );
    expect(mine.findings.length).toBeGreaterThan(0);
    expect(new Set(mine.findings.map((f) => f.ownerId))).toEqual(new Set([ae.id]));
  });

  it('refuses an unknown check or owner with exit 2 and the valid choices', async () => {
    const env = freshEnv();
    const bad = await runMain(['check', '--only', 'stale_deal,vibes'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown check vibes[\s\S]*stale_deal/);
    const who = await runMain(['check', '--owner', 'nobody@example.com'], env);
    expect(who.status).toBe(2);
    expect(who.stderr).toMatch(/no owner "nobody@example.com"/);
  });
});

describe('mis audit', () => {
  it('shows each AE week by week, stored where a check ran and reconstructed elsewhere', async () => {
    const env = freshEnv();
    for (const asOf of [demo.portal.asOf, later])
      expect((await runMain(['check', '--json', '--as-of', asOf], env)).status).toBe(0);
    const r = await runMain(['audit', '--weeks', '3', '--json', '--as-of', later], env);
    expect(r.status, r.stderr).toBe(0);
    const trend = auditTrendSchema.parse(JSON.parse(r.stdout));
    expect(trend.owners.length).toBeGreaterThanOrEqual(3);
    for (const o of trend.owners) {
      expect(o.weeks.map((w) => w.source)).toEqual(['reconstructed', 'stored', 'stored']);
      for (const w of o.weeks) if (w.openDeals) expect(w.staleShare).toBeCloseTo(w.staleDeals / w.openDeals);
    }
  });
});
