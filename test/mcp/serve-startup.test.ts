/**
 * `mis serve` is up at once on any cache state: the official SDK client over stdio gets `initialize` and
 * `tools/list` answered while the first sync of a generated 20k-deal portal has barely begun (the sync runs in its
 * own process), tools say the first sync is running with its progress, and a warm or stale cache answers with its
 * age and a `stale` flag. Claude Code gives an MCP server about 30 s to start; the figures are printed.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, MIS } from '../support/cli.js';
import { call } from './support.js';

const DEALS = 20_000;
const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) spawnSync('rm', ['-rf', d]);
});

/** The generated 20k-deal portal, made once and kept in the temp folder (the generator is deterministic). */
function bigPortal(): string {
  const dir = join(tmpdir(), 'sales-mis-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `portal-${DEALS}-seed42.json`);
  if (!existsSync(file)) {
    const r = spawnSync(
      process.execPath,
      [MIS, 'sandbox', 'generate', '--out', `${file}.part`, '--deals', String(DEALS)],
      { env: cleanEnv({ MIS_STATE_DIR: tmp('mis-gen-') }), encoding: 'utf8', timeout: 600_000 },
    );
    if (r.status !== 0) throw new Error(`generating the ${DEALS}-deal portal failed: ${r.stderr}`);
    spawnSync('mv', [`${file}.part`, file]);
  }
  return file;
}

async function start(
  env: Record<string, string>,
): Promise<{ client: Client; connectMs: number; listMs: number; tools: string[]; stderr: () => string }> {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MIS, 'serve'],
    env: cleanEnv(env) as Record<string, string>,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'startup-test', version: '1.0.0' });
  const t0 = performance.now();
  await client.connect(transport);
  const t1 = performance.now();
  // The raw request: Client.listTools() also compiles a validator per output schema, which is the client's time.
  const { tools } = await client.request({ method: 'tools/list', params: {} }, ListToolsResultSchema);
  const t2 = performance.now();
  return { client, connectMs: t1 - t0, listMs: t2 - t0, tools: tools.map((t) => t.name), stderr: () => stderr };
}

async function untilAnswered(client: Client, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(client, 'hubspot_list_pipelines');
    if (!r.isError || Date.now() > end) return r;
    await new Promise((res) => setTimeout(res, 500));
  }
}

describe('mis serve starts at once', () => {
  it(`answers initialize and tools/list at once on a first-sync start of a ${DEALS.toLocaleString('en-IN')}-deal portal, and says the sync is running`, async () => {
    const dataset = bigPortal();
    const s = await start({ MIS_DATASET: dataset, MIS_STATE_DIR: tmp('mis-cold-') });
    try {
      console.log(
        `cold ${DEALS}-deal start: initialize answered ${Math.round(s.connectMs)} ms after spawn, tools/list ${Math.round(s.listMs)} ms after spawn (${Math.round(s.listMs - s.connectMs)} ms after initialize)`,
      );
      expect(s.tools).toContain('mis_run_checks');
      expect(s.tools.length).toBeGreaterThanOrEqual(18);
      expect(s.listMs - s.connectMs).toBeLessThan(1000);
      expect(s.listMs).toBeLessThan(30_000); // Claude Code's MCP start-up timeout
      await new Promise((res) => setTimeout(res, 1500)); // the background first sync is under way
      const r = await call(s.client, 'mis_run_checks');
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/first sync of the portal is running \(\d+ s so far/);
      expect(r.text).toContain('What to do:');
    } finally {
      await s.client.close();
    }
  }, 900_000);

  it('answers from a warm cache with its age, and from a stale one flagged stale while a sync refreshes it', async () => {
    const stateDir = tmp('mis-warm-');
    const first = await start({ MIS_STATE_DIR: stateDir });
    let r;
    try {
      r = await untilAnswered(first.client, 180_000);
    } finally {
      await first.client.close();
    }
    expect(r.isError, r.text).toBe(false);
    expect(r.data['cache']).toMatchObject({ stale: false, syncing: false, ageMinutes: 0 });
    // Every start now finds the cache stale: it answers from it at once and syncs in the background.
    const config = join(tmp('mis-cfg-'), 'mis.config.json');
    writeFileSync(config, JSON.stringify({ sync: { freshnessMinutes: 0 } }));
    const second = await start({ MIS_STATE_DIR: stateDir, MIS_CONFIG: config });
    try {
      const stale = await untilAnswered(second.client, 120_000);
      expect(stale.isError, stale.text).toBe(false);
      expect(stale.data['cache']).toMatchObject({ stale: true });
      expect(stale.text).toMatch(/from a cache synced .* ago/);
    } finally {
      await second.client.close();
    }
  }, 400_000);
});
