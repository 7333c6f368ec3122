/**
 * The newer metrics on the dashboard (in-process: the dashboard's own HTTP handler over the demo portal): forward
 * forecast, attainment, speed to lead and aging on Team; channels, lead-score bands and CAC/LTV on Marketing;
 * attainment and speed to lead on Review; the deal page's prep. Every number shown equals `mis metrics <name>
 * --json` (run in-process through main) for the same owner; notes speak to people, not of JSON paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/index.js';
import { openAnalysis } from '../../src/session/index.js';
import { cleanEnv, runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';

const env = { MIS_STATE_DIR: demoStateCopy('mis-dash-metrics-'), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
let running: RunningDashboard;
let closeSession: () => Promise<void>;

const json: Record<string, any> = {};

async function metric(name: string, ...args: string[]): Promise<void> {
  const r = await runMain(['metrics', name, ...args, '--json'], env);
  if (r.status !== 0) throw new Error(r.stderr);
  json[[name, ...args].join(' ')] = JSON.parse(r.stdout);
}

/** The page's HTML and its numbers by data-key. */
async function page(path: string): Promise<{ html: string; n: Record<string, number | null> }> {
  const res = await fetch(`${running.url}/${path}`);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  const n: Record<string, number | null> = {};
  for (const m of html.matchAll(/data-key="([^"]+)"(?: data-value="([^"]*)")?/g))
    n[m[1]!.replace(/&amp;/g, '&')] = m[2] === undefined ? null : Number(m[2]);
  return { html, n };
}

beforeAll(async () => {
  for (const m of ['forecast', 'attainment', 'speed-to-lead', 'aging', 'lead-scores', 'channels', 'cac', 'ltv'])
    await metric(m);
  await metric('attainment', '--owner', 'asha');
  const saved = process.env;
  process.env = cleanEnv(env);
  try {
    const session = await openAnalysis(loadConfig(), {});
    closeSession = () => session.close();
    running = await startDashboard(
      { ctx: session.ctx, state: session.state, base: '', portalId: null, onError: () => {} },
      { host: '127.0.0.1', port: 0 },
    );
  } finally {
    process.env = saved;
  }
}, 120_000);

afterAll(async () => {
  await running?.close();
  await closeSession?.();
});

const id = (ownerId: string | null) => ownerId ?? 'team';

type Row = any;

describe('dashboard: the newer metrics', () => {
  it('Team shows forward forecast, attainment, speed to lead and aging, equal to mis metrics --json', async () => {
    const { html, n } = await page('team');
    for (const title of ['Forward forecast by close month', 'Quota attainment', 'Speed to lead (SLA', 'Aging deals'])
      expect(html).toContain(title);
    const fwd = json['forecast'].forward;
    for (const r of [...fwd.byOwner, fwd.team] as Row[])
      for (const k of ['commit', 'best_case', 'pipeline', 'omitted']) {
        const sum = (r.months as Row[]).reduce((s: number, m: Row) => s + m.categories[k].amount, 0);
        expect(n[`forward.${id(r.ownerId)}.${k}`], `${r.ownerName} ${k}`).toBeCloseTo(sum, 6);
      }
    const att = json['attainment'];
    for (const r of [...att.byOwner, att.team] as Row[]) {
      expect(n[`attainment.${id(r.ownerId)}.won`]).toBe(r.won);
      expect(n[`attainment.${id(r.ownerId)}.quota`]).toBe(r.quota);
      expect(n[`attainment.${id(r.ownerId)}.attainment`] ?? null).toBe(r.attainment);
    }
    const sp = json['speed-to-lead'];
    expect(sp.targetHours).toBe(4);
    for (const r of [...sp.byOwner, sp.team] as Row[]) {
      expect(n[`speed.${id(r.ownerId)}.mqls`]).toBe(r.mqls);
      expect(n[`speed.${id(r.ownerId)}.withinTarget`]).toBe(r.withinTarget);
    }
    const ag = json['aging'];
    for (const r of ag.byOwner as Row[]) expect(n[`aging.${r.ownerId}.aged`]).toBe(r.aged);
    expect(n['aging.team.aged']).toBe(ag.team.aged);
    // The leaderboard is off in the demo portal's configuration: no section at all.
    expect(html).not.toContain('Leaderboard');
    // A default quota is marked as such.
    if (att.team.usesDefaultQuota) expect(html).toMatch(/\* marks a default quota/);
  });

  it("an owner filter keeps that AE's rows and the team total, as --owner does", async () => {
    const { n } = await page('team?owner=asha');
    const a = json['attainment --owner asha'];
    expect(a.byOwner).toHaveLength(1);
    const asha = a.byOwner[0] as Row;
    expect(n[`attainment.${asha.ownerId}.won`]).toBe(asha.won);
    expect(n['attainment.team.won']).toBe(a.team.won);
    const others = (json['attainment'].byOwner as Row[]).filter((r) => r.ownerId !== asha.ownerId);
    for (const r of others) expect(n[`attainment.${r.ownerId}.won`]).toBeUndefined();
  });

  it('Marketing shows channels, lead-score bands and CAC/LTV, equal to --json; Review adds attainment and speed', async () => {
    const { html, n } = await page('marketing');
    for (const c of json['channels'].campaigns as Row[]) {
      expect(n[`channels.${c.campaignId}.leadsSent`]).toBe(c.leadsSent);
      expect(n[`channels.${c.campaignId}.leadsReplied`]).toBe(c.leadsReplied);
    }
    for (const b of json['lead-scores'].lift as Row[]) {
      expect(n[`leadScores.${b.band}.contacts`]).toBe(b.contacts);
      expect(n[`leadScores.${b.band}.converted`]).toBe(b.converted);
    }
    expect(n['cac.blendedCac'] ?? null).toBe(json['cac'].blendedCac);
    expect(n['cac.newCustomers']).toBe(json['cac'].newCustomers);
    expect(n['ltv.ltv'] ?? null).toBe(json['ltv'].ltv);
    const visible = html.replace(/<[^>]*>/g, ' ');
    expect(visible).not.toMatch(/\b(PAID_SOCIAL|EMAIL_MARKETING|ORGANIC_SEARCH|SMARTLEAD)\b/);
    const review = await page('review');
    expect(review.n['attainment.team.won']).toBe(json['attainment'].team.won);
    expect(review.n['speed.team.mqls']).toBe(json['speed-to-lead'].team.mqls);
  });

  it('notes speak to people: no --json commands or JSON paths on any page', async () => {
    for (const p of ['team', 'marketing', 'review', 'ae?owner=asha', 'deal/4000329']) {
      const { html } = await page(p);
      expect(html, p).not.toMatch(/--json|\[\]\.|byOwner|pipelines\[/);
    }
  });

  it("the deal page shows the deal's meeting prep and next action", async () => {
    const { html } = await page('deal/4000329');
    expect(html).toContain('Meeting prep and next action');
    expect(html).toMatch(/<h3>Where it stands<\/h3>/);
    expect(html).toMatch(/Next: /);
  });
});
