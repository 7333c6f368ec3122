/** `mis summary` end to end in-process: `main(argv, io)`, the in-process sandbox, the real clients. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalSummarySchema } from '../../src/analysis/index.js';
import { writePortalFile } from '../../src/dataset/index.js';
import { LIMIT_PRESETS, startSandbox } from '../../src/sandbox/index.js';
import { runMain } from '../support/cli.js';
import { dealAmount, fixture, fixtureInput, STAGES } from '../support/fixtures.js';

let dir: string;
let dataset: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mis-cli-'));
  dataset = join(dir, 'portal.json');
  writePortalFile(dataset, fixtureInput({ deals: 30, notesPerDeal: 2 }));
});

// The fixture's rule: deal i has stage STAGES[i % 4], amount i × 10,000 unless i % 7 == 0, owner 101 if i is odd.
const deals = Array.from({ length: 30 }, (_, k) => k + 1);
const amount = (i: number) => (i % 7 === 0 ? 0 : dealAmount(i));
const probability: Record<string, number> = {
  appointmentscheduled: 0.1,
  qualifiedtobuy: 0.3,
  contractsent: 0.8,
  closedwon: 1,
};

describe('mis summary', () => {
  it('reads the whole sandbox portal through the clients and reports hand-checkable numbers', async () => {
    const r = await runMain(['summary', '--json'], { MIS_DATASET: dataset, MIS_STATE_DIR: join(dir, 'state1') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = portalSummarySchema.parse(JSON.parse(r.stdout));
    expect(s.portal).toMatchObject({
      mode: 'sandbox',
      currency: 'INR',
      timezone: 'Asia/Kolkata',
      asOf: '2026-11-20T12:30:00.000Z',
      name: 'Fixture Portal',
    });
    expect(s.totals).toEqual({ owners: 2, companies: 3, contacts: 30, deals: 30, openDeals: 23, engagements: 60 });

    const stages = Object.fromEntries(s.pipelines[0]!.stages.map((st) => [st.id, st]));
    for (const stage of STAGES) {
      const mine = deals.filter((i) => STAGES[i % 4] === stage);
      expect(stages[stage]!.deals).toBe(mine.length);
      expect(stages[stage]!.amount).toBe(mine.reduce((a, i) => a + amount(i), 0));
    }
    // Negotiation: i = 2, 6, 10, 14, 18, 22, 26, 30 → (2+6+10+18+22+26+30) × 10,000 (14 has no amount) = 11,40,000
    expect(stages['contractsent']!.amount).toBe(1_140_000);
    expect(stages['contractsent']!.weightedAmount).toBeCloseTo(1_140_000 * 0.8);

    const asha = s.owners.find((o) => o.id === '101')!;
    const ashaOpen = deals.filter((i) => i % 2 === 1 && STAGES[i % 4] !== 'closedwon');
    expect(asha.openDeals).toBe(ashaOpen.length);
    expect(asha.openAmount).toBe(ashaOpen.reduce((a, i) => a + amount(i), 0));
    expect(asha.weightedAmount).toBeCloseTo(ashaOpen.reduce((a, i) => a + amount(i) * probability[STAGES[i % 4]!]!, 0));
    expect(asha.wonDeals).toBe(deals.filter((i) => STAGES[i % 4] === 'closedwon').length);

    expect(s.engagements.byKind).toEqual({ call: 0, email: 0, meeting: 0, note: 60, task: 0 });
    expect(s.smartlead!.campaigns).toEqual([
      {
        id: 77,
        name: 'Q4 Logistics CFOs',
        status: 'ACTIVE',
        leads: 1,
        sent: 1,
        replies: 1,
        replyRate: 1,
        leadsNotInHubSpot: 0,
      },
    ]);
    expect(s.requests.hubspot).toBeGreaterThan(5);
    expect(s.requests.smartlead).toBe(3); // campaigns, analytics, leads
  });

  it('prints aligned tables with ₹ lakh amounts for people', async () => {
    const r = await runMain(['summary'], { MIS_DATASET: dataset, MIS_STATE_DIR: join(dir, 'state2') });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Fixture Portal');
    expect(r.stdout).toContain('Fri, 20 Nov 2026, 18:00 IST');
    expect(r.stdout).toMatch(/Negotiation\s+80%\s+8\s+₹11\.4 L\s+₹9\.12 L/);
    expect(r.stdout).toMatch(/SmartLead — 1 emails sent, 1 replies, 0 of 1 leads not in HubSpot/);
  });

  it('reads a real portal when HUBSPOT_ACCESS_TOKEN is set (here: a sandbox standing in for it)', async () => {
    const sb = await startSandbox({
      dataset: fixture({ deals: 12 }),
      token: 'pat-na1-test',
      limits: LIMIT_PRESETS.off,
    });
    try {
      const ok = await runMain(['summary', '--json'], {
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-test',
        HUBSPOT_BASE_URL: sb.url,
        MIS_STATE_DIR: join(dir, 'state3'),
      });
      expect(ok.status).toBe(0);
      const s = portalSummarySchema.parse(JSON.parse(ok.stdout));
      expect(s.portal.mode).toBe('portal');
      expect(s.totals.deals).toBe(12);
      expect(s.smartlead).toBeNull(); // no SMARTLEAD_API_KEY
      const bad = await runMain(['summary'], {
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-wrong-secret',
        HUBSPOT_BASE_URL: sb.url,
        MIS_STATE_DIR: join(dir, 'state4'),
      });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/HubSpot rejected the access token \(401\)/);
      expect(bad.stderr).toMatch(/→ Set HUBSPOT_ACCESS_TOKEN/);
      expect(bad.stderr).not.toContain('pat-na1-wrong-secret');
      expect(bad.stdout).toBe('');
    } finally {
      await sb.close();
    }
  });

  it('refuses a bad setting with the variable named and exit 1', async () => {
    const r = await runMain(['summary'], { MIS_HUBSPOT_BURST: 'lots', MIS_STATE_DIR: join(dir, 'state5') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MIS_HUBSPOT_BURST: MIS_HUBSPOT_BURST must be a whole number/);
  });

  it('refuses a bad dataset naming the JSON path, and usage errors with exit 2', async () => {
    const bad = fixtureInput({ deals: 3 });
    bad.objects.deals![1]!.properties['dealstage'] = 'won-ish';
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(bad));
    const r = await runMain(['summary'], { MIS_DATASET: f, MIS_STATE_DIR: join(dir, 'state6') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('objects.deals[1].properties.dealstage: stage "won-ish" is not in pipeline "default"');
    const u = await runMain(['summary', '--bogus'], {});
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/mis summary --help/);
    expect((await runMain(['frobnicate'], {})).status).toBe(2);
    expect((await runMain(['--help'], {})).stdout).toMatch(/Usage: mis <command>/);
  });
});
