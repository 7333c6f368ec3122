/**
 * One smoke test per command through the built CLI as a user runs it (`node bin/mis.js …` in a subprocess): the
 * launcher finds dist/, the command dispatches, prints what it should to stdout/stderr and exits with the right
 * code. What each command computes is tested in-process (test/cli/*.test.ts and the folder tests); `mis serve` is
 * covered by test/mcp/transports.test.ts, `mis eval` by test/eval/cli.test.ts, `mis bench` by its own run.
 */
import { Client } from '@hubspot/api-client';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { checkReportSchema } from '../../src/analysis/index.js';
import { demoDatasetPath, readPortalFile, writePortalFile } from '../../src/dataset/index.js';
import { cleanEnv, MIS, runMisAsync, type RunResult } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';
import { fixtureInput } from '../support/fixtures.js';

const demoEnv = (extra: Record<string, string> = {}) => ({
  MIS_STATE_DIR: demoStateCopy('mis-smoke-'),
  MIS_SANDBOX_LIMITS: 'off',
  MIS_SMARTLEAD_RPS: '200',
  ...extra,
});
const ok = (r: RunResult) => expect(r.status, r.stderr).toBe(0);
const dir = mkdtempSync(join(tmpdir(), 'mis-smoke-files-'));
const demo = readPortalFile(demoDatasetPath());

describe('the built CLI, one command at a time', { timeout: 180_000 }, () => {
  it('help, --version and an unknown command', async () => {
    const help = await runMisAsync(['--help'], {});
    ok(help);
    expect(help.stdout).toMatch(/^sales-mis — /);
    expect((await runMisAsync(['--version'], {})).stdout).toMatch(/^sales-mis \d+\.\d+\.\d+/);
    const bad = await runMisAsync(['frobnicate'], {});
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('sync, then summary --json reads the cache', async () => {
    const env = { MIS_STATE_DIR: join(dir, 'sync-state'), MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' };
    const sync = await runMisAsync(['sync'], env);
    ok(sync);
    const summary = await runMisAsync(['summary', '--json'], env);
    ok(summary);
    expect((JSON.parse(summary.stdout) as { totals: { deals: number } }).totals.deals).toBe(demo.objects.deals!.length);
  });

  it('check --json, audit, report weekly, scorecard, metrics, risk', async () => {
    const env = demoEnv();
    const check = await runMisAsync(['check', '--json'], env);
    ok(check);
    expect(checkReportSchema.parse(JSON.parse(check.stdout)).findings.length).toBeGreaterThan(0);
    const texts: Array<[string[], RegExp]> = [
      [['audit', '--weeks', '2'], /Asha Rao/],
      [['report', 'weekly'], /Deal momentum, week of/],
      [['scorecard'], /Asha Rao/],
      [['metrics', 'funnel'], /──/],
      [['risk'], /₹/],
      [['advise', 'pipeline'], /Plan\n {2}1\. /],
    ];
    for (const [args, shape] of texts) {
      const r = await runMisAsync(args, env);
      ok(r);
      expect(r.stdout, args.join(' ')).toMatch(shape);
    }
  });

  it('digest, profile and notify --dry-run', async () => {
    const env = demoEnv();
    const digest = await runMisAsync(['digest', '--owner', '71217'], env);
    ok(digest);
    expect(digest.stdout).toMatch(/^Subject: .+\n\nGood evening Asha/);
    ok(await runMisAsync(['profile'], env));
    const notify = await runMisAsync(['notify', '--dry-run'], env);
    ok(notify);
    expect(readdirSync(join(env.MIS_STATE_DIR, 'outbox')).some((f) => f.endsWith('-71217-ae.html'))).toBe(true);
  });

  it('reconcile, draft-update and writes list', async () => {
    const env = demoEnv();
    const update = join(dir, 'rohit.txt');
    writeFileSync(update, demo.aeUpdates!.find((u) => u.ownerId === '71234')!.text);
    const rec = await runMisAsync(['reconcile', '--owner', '71234', '--update', update, '--json'], env);
    ok(rec);
    expect((JSON.parse(rec.stdout) as { owner: string }).owner).toBe('71234');
    const draft = await runMisAsync(['draft-update', '--owner', '71251'], env);
    ok(draft);
    expect(draft.stdout).toMatch(/^updates this wk:/);
    ok(await runMisAsync(['writes', 'list'], env));
  });

  it('run, ask, start and schedule --once (offline)', async () => {
    const env = demoEnv({ ANTHROPIC_API_KEY: '' });
    const run = await runMisAsync(['run', 'deal-risk-analysis', '--driver', 'offline', '--json'], env);
    ok(run);
    expect((JSON.parse(run.stdout) as { run: { driver: string } }).run.driver).toBe('offline');
    const ask = await runMisAsync(['ask', 'which deals are at risk?', '--driver', 'offline'], env);
    ok(ask);
    const start = await runMisAsync(['start'], env);
    ok(start);
    expect(start.stdout).toMatch(/^Daily CRM check · as of/);
    const schedule = await runMisAsync(['schedule', '--once', '--only', 'deal-risk-analysis'], env);
    ok(schedule);
    expect(schedule.stderr).toMatch(/deal-risk-analysis/);
  });

  it('sandbox serve: prints its URL first, serves the official client, counts requests, stops on SIGTERM', async () => {
    const dataset = join(dir, 'serve.json');
    writePortalFile(dataset, fixtureInput({ deals: 15 }));
    const child = spawn(
      process.execPath,
      [MIS, 'sandbox', 'serve', '--dataset', dataset, '--port', '0', '--limits', 'off'],
      {
        env: cleanEnv({ MIS_STATE_DIR: join(dir, 'serve-state'), MIS_SANDBOX_TOKEN: 'tok-123' }),
      },
    );
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    expect(first).toMatch(/^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.split(' ').pop()!;
    const hs = new Client({ accessToken: 'tok-123', basePath: url });
    const page = await hs.crm.deals.basicApi.getPage(100);
    expect(page.results).toHaveLength(15);
    const sl = (await (await fetch(`${url}/smartlead/api/v1/campaigns?api_key=tok-123`)).json()) as { id: number }[];
    expect(sl.map((c) => c.id)).toEqual([77]);
    const stats = (await (await fetch(`${url}/__sandbox/stats`)).json()) as {
      requests: Record<string, number>;
      total: number;
    };
    expect(stats.requests['GET /crm/v3/objects/:type']).toBe(1);
    expect(stats.total).toBe(2);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('sandbox load and save', async () => {
    const env = { MIS_STATE_DIR: join(dir, 'load-state') };
    const good = join(dir, 'good.json');
    writePortalFile(good, fixtureInput({ deals: 9 }));
    const load = await runMisAsync(['sandbox', 'load', good], env);
    ok(load);
    expect(load.stdout).toMatch(/loaded .*good\.json: .*9 deals/);
    const out = join(dir, 'saved.json');
    ok(await runMisAsync(['sandbox', 'save', out], env));
    expect((JSON.parse(readFileSync(out, 'utf8')) as { objects: { deals: unknown[] } }).objects.deals).toHaveLength(9);
  });
});
