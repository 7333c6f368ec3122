/** `mis check` and `mis audit` on the demo portal, as a user (or a script reading --json) runs them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrendSchema, checkReportSchema } from '../../src/analysis/index.js';
import { demoDatasetPath } from '../../src/dataset/index.js';
import { runMis } from '../support/cli.js';

let env: Record<string, string>;
const demo = JSON.parse(readFileSync(demoDatasetPath(), 'utf8')) as {
  portal: { asOf: string };
  owners: { id: string; email: string }[];
  generator: { planted: { kind: string; objectId: string | null }[] };
};
const planted = (kind: string) => demo.generator.planted.filter((p) => p.kind === kind).map((p) => p.objectId);

beforeAll(() => {
  env = { MIS_STATE_DIR: mkdtempSync(join(tmpdir(), 'mis-check-')), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
});

describe('mis check', () => {
  it('prints the contract JSON, with the demo portal\'s planted problems among the findings', () => {
    const r = runMis(['check', '--json'], env);
    expect(r.status).toBe(0);
    const report = checkReportSchema.parse(JSON.parse(r.stdout));
    expect(report.asOf).toBe(new Date(demo.portal.asOf).toISOString());
    for (const check of ['stale_deal', 'missing_notes', 'close_date_past', 'stage_skipped', 'missing_required_field'] as const) {
      const found = new Set(report.findings.filter((f) => f.check === check).map((f) => f.objectId));
      for (const id of planted(check)) expect(found, `${check} on ${id}`).toContain(id);
    }
    for (const f of report.findings.filter((x) => x.check === 'duplicate_company')) expect(f.evidence).toHaveProperty('duplicateOf');
  });

  it('marks what is new since the previous run, and filters by owner email', () => {
    const later = '2026-11-27T18:00:00+05:30'; // a week on: stale counts grow
    const r = runMis(['check', '--as-of', later], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/findings, \d+ new since the run as of Fri, 20 Nov 2026, 18:00 IST\./);
    const all = checkReportSchema.parse(JSON.parse(runMis(['check', '--json', '--as-of', later], env).stdout));
    const ae = demo.owners.find((o) => o.id === all.findings.find((f) => f.ownerId)!.ownerId)!;
    const mine = checkReportSchema.parse(JSON.parse(runMis(['check', '--json', '--owner', ae.email.toUpperCase()], env).stdout));
    expect(mine.findings.length).toBeGreaterThan(0);
    expect(new Set(mine.findings.map((f) => f.ownerId))).toEqual(new Set([ae.id]));
  });

  it('refuses an unknown check or owner with exit 2 and the valid choices', () => {
    const bad = runMis(['check', '--only', 'stale_deal,vibes'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown check vibes[\s\S]*stale_deal/);
    const who = runMis(['check', '--owner', 'nobody@example.com'], env);
    expect(who.status).toBe(2);
    expect(who.stderr).toMatch(/no owner "nobody@example.com"/);
  });
});

describe('mis audit', () => {
  it('shows each AE week by week, stored where a check ran and reconstructed elsewhere', () => {
    const r = runMis(['audit', '--weeks', '3', '--json', '--as-of', '2026-11-27T18:00:00+05:30'], env);
    expect(r.status).toBe(0);
    const trend = auditTrendSchema.parse(JSON.parse(r.stdout));
    expect(trend.owners.length).toBeGreaterThanOrEqual(3);
    for (const o of trend.owners) {
      expect(o.weeks.map((w) => w.source)).toEqual(['reconstructed', 'stored', 'stored']);
      for (const w of o.weeks) if (w.openDeals) expect(w.staleShare).toBeCloseTo(w.staleDeals / w.openDeals);
    }
  });
});
