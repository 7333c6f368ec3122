/** `mis sandbox serve|load|save` as a user runs them. */
import { Client } from '@hubspot/api-client';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPortalFile, writePortalFile } from '../../src/dataset/index.js';
import { cleanEnv, MIS, runMis } from '../support/cli.js';
import { fixtureInput } from '../support/fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mis-sandbox-cli-'));
});

describe('mis sandbox', () => {
  it('serve: prints its URL first, serves the official client, counts requests, stops on SIGTERM', async () => {
    const dataset = join(dir, 'serve.json');
    writePortalFile(dataset, fixtureInput({ deals: 15 }));
    const child = spawn(process.execPath, [MIS, 'sandbox', 'serve', '--dataset', dataset, '--port', '0', '--limits', 'off'], {
      env: cleanEnv({ MIS_STATE_DIR: join(dir, 'serve-state'), MIS_SANDBOX_TOKEN: 'tok-123' }),
    });
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    expect(first).toMatch(/^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.split(' ').pop()!;
    const hs = new Client({ accessToken: 'tok-123', basePath: url });
    const page = await hs.crm.deals.basicApi.getPage(100);
    expect(page.results).toHaveLength(15);
    const sl = (await (await fetch(`${url}/smartlead/api/v1/campaigns?api_key=tok-123`)).json()) as { id: number }[];
    expect(sl.map((c) => c.id)).toEqual([77]);
    const stats = (await (await fetch(`${url}/__sandbox/stats`)).json()) as { requests: Record<string, number>; total: number };
    expect(stats.requests['GET /crm/v3/objects/:type']).toBe(1);
    expect(stats.total).toBe(2);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('load: a bad file is refused by JSON path and the store keeps what it had; save writes it back', () => {
    const env = { MIS_STATE_DIR: join(dir, 'load-state') };
    const good = join(dir, 'good.json');
    writePortalFile(good, fixtureInput({ deals: 9 }));
    expect(runMis(['sandbox', 'load', good], env).stdout).toMatch(/loaded .*good\.json: .*9 deals/);

    const broken = fixtureInput({ deals: 40 });
    broken.associations!.push({ from: { type: 'deals', id: '4001' }, to: { type: 'companies', id: '777' } });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(broken));
    const r = runMis(['sandbox', 'load', bad], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/associations\[\d+\]\.to: no companies record with id "777"/);

    const out = join(dir, 'saved.json');
    expect(runMis(['sandbox', 'save', out], env).status).toBe(0);
    expect(readPortalFile(out).objects.deals).toHaveLength(9);
  });
});
