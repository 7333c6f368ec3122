/** `mis advise <topic>` on the demo portal, in-process: one JSON document per topic, readable text, usage errors. */
import { describe, expect, it } from 'vitest';
import { adviceReportSchema } from '../../src/advise/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

const env = () => ({
  MIS_STATE_DIR: demoStateCopy('mis-advise-'),
  MIS_SANDBOX_LIMITS: 'off',
  MIS_SMARTLEAD_RPS: '200',
});

describe('mis advise', () => {
  it('pipeline --json is one advice document whose deals over the maximum are real demo deals', async () => {
    const r = await runMain(['advise', 'pipeline', '--json'], env());
    expect(r.status, r.stderr).toBe(0);
    const report = adviceReportSchema.parse(JSON.parse(r.stdout));
    if (report.topic !== 'pipeline') throw new Error(`topic ${report.topic}`);
    expect(report.maxStayFactor).toBe(2);
    expect(report.overMax.length).toBeGreaterThan(0);
    for (const x of report.overMax) expect(x.days).toBeGreaterThan(x.maxDays);
    expect(report.plan.length).toBeGreaterThan(1);
    expect(report.cannotTell.length).toBeGreaterThan(0);
  });

  it.each(['lifecycle', 'scoring', 'metrics', 'hygiene'])(
    '%s prints a plan and what the data cannot tell, in names and ₹, no raw codes',
    { timeout: 60_000 },
    async (topic) => {
      const r = await runMain(['advise', topic], { ...env(), COLUMNS: '80' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\nPlan\n {2}1\. /);
      expect(r.stdout).toMatch(/What the data can't tell/);
      expect(r.stdout).not.toMatch(
        /undefined|NaN|\[object|marketingqualifiedlead|appointmentscheduled|hubspot_owner_id/,
      );
      for (const line of r.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    },
  );

  it('--help, a missing topic and an unknown one', async () => {
    const help = await runMain(['advise', '--help'], env());
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: mis advise <topic>/);
    expect((await runMain(['advise'], env())).status).toBe(2);
    const typo = await runMain(['advise', 'pipline'], env());
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/unknown advice topic "pipline"[\s\S]*pipeline/);
  });
});
