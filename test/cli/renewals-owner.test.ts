/** `mis metrics velocity|winloss --owner`: new business and the renewals section both keep that AE's rows only (demo portal, in-process). */
import { beforeAll, describe, expect, it } from 'vitest';
import { velocitySchema, winLossSchema } from '../../src/analysis/metrics/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

let env: Record<string, string>;
beforeAll(() => {
  env = { MIS_STATE_DIR: demoStateCopy('mis-renewals-owner-'), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
});

describe('renewals apart, per AE', () => {
  it('velocity --owner Asha: new business and renewals rows are Asha’s; the text names both', async () => {
    const all = velocitySchema.parse(JSON.parse((await runMain(['metrics', 'velocity', '--json'], env)).stdout));
    expect(all.scope).toBe('new_business');
    expect(all.renewals!.team.openDeals + all.team.openDeals).toBeGreaterThan(all.team.openDeals); // the demo has open renewals
    const v = velocitySchema.parse(
      JSON.parse((await runMain(['metrics', 'velocity', '--owner', 'Asha', '--json'], env)).stdout),
    );
    const asha = v.byOwner.map((r) => r.ownerName);
    expect(asha).toEqual(['Asha Rao']);
    expect(v.renewals!.byOwner.every((r) => r.ownerName === 'Asha Rao')).toBe(true);
    const text = (await runMain(['metrics', 'velocity'], env)).stdout;
    expect(text).toContain('(new business)');
    expect(text).toContain('Renewals and expansions, on their own');
  });

  it('winloss --owner Rohit keeps Rohit’s renewal rows only', async () => {
    const w = winLossSchema.parse(
      JSON.parse(
        (
          await runMain(
            [
              'metrics',
              'winloss',
              '--owner',
              'Rohit',
              '--from',
              '2026-01-01T00:00:00Z',
              '--to',
              '2026-12-01T00:00:00Z',
              '--json',
            ],
            env,
          )
        ).stdout,
      ),
    );
    expect(w.byOwner.every((r) => r.ownerName === 'Rohit Malhotra')).toBe(true);
    expect(w.renewals!.byOwner.every((r) => r.ownerName === 'Rohit Malhotra')).toBe(true);
  });
});
