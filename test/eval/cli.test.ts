/** `mis eval` as a user runs it (the built CLI): one suite, --json, exit codes, the claude column without a key. */
import { describe, expect, it } from 'vitest';
import { evalRunSchema } from '../../src/eval/index.js';
import { runMisAsync } from '../support/cli.js';

describe('mis eval (CLI)', () => {
  it('prints one JSON document for the run; claude is skipped without a key', { timeout: 60_000 }, async () => {
    const r = await runMisAsync(['eval', 'weekly-momentum', '--driver', 'both', '--json'], {});
    expect(r.status, r.stderr).toBe(0);
    const run = evalRunSchema.parse(JSON.parse(r.stdout));
    expect(run.suites.map((s) => s.suite)).toEqual(['weekly-momentum']);
    expect(run.suites[0]!.drivers.map((d) => [d.driver, d.skipped === null])).toEqual([
      ['offline', true],
      ['claude', false],
    ]);
    expect(run.suites[0]!.drivers[0]!.metrics.find((m) => m.scorer === 'numbers_exact')!.value).toBe(1);
    expect(r.stderr).toMatch(/reports: .*evals\/reports\/.*\.json and .*\.md/);
  });

  it('refuses an unknown suite with exit 2 and lists the suites', async () => {
    const r = await runMisAsync(['eval', 'nope'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown eval suite "nope"');
    expect(r.stderr).toContain('daily-compliance');
  });
});
