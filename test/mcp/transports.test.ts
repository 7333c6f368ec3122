/**
 * The built CLI as a server: `mis serve` over stdio (what .mcp.json starts), `mis serve --http` with its bearer
 * token and Origin checks, and the MCP Inspector CLI listing and calling tools. Needs `npm run build` first.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePortalFile } from '../../src/dataset/index.js';
import { cleanEnv, MIS, runMis } from '../support/cli.js';
import { fixtureInput } from '../support/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let env: Record<string, string>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'mis-mcp-cli-'));
  const dataset = join(dir, 'portal.json');
  writePortalFile(dataset, fixtureInput({ deals: 12, notesPerDeal: 1 }));
  env = { MIS_DATASET: dataset, MIS_STATE_DIR: join(dir, 'state'), MIS_SANDBOX_LIMITS: 'off' };
  // Sync once, so every server below starts from a fresh cache.
  const r = runMis(['sync'], env);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('mis serve (stdio)', () => {
  it('serves the tools over stdio, keeps stdout for the protocol, and exits when the client goes', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MIS, 'serve'],
      env: cleanEnv(env) as Record<string, string>,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const protocolErrors: Error[] = [];
    transport.onerror = (e) => protocolErrors.push(e);
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(24);
    expect(tools.some((t) => t.name === 'hubspot_update_deal')).toBe(false);
    const owners = (await client.callTool({ name: 'hubspot_list_owners', arguments: {} })).structuredContent as {
      owners: { id: string; openDeals: number }[];
    };
    // Fixture rule: deal i is owned by 101 when i is odd; stages cycle through 4 with closedwon at i % 4 == 3.
    const open = (odd: boolean) =>
      Array.from({ length: 12 }, (_, k) => k + 1).filter((i) => i % 2 === (odd ? 1 : 0) && i % 4 !== 3).length;
    expect(owners.owners.map((o) => [o.id, o.openDeals])).toEqual([
      ['101', open(true)],
      ['102', open(false)],
    ]);
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(2_000); // it exited on stdin end, not on the SIGTERM that follows at 2 s
    expect(protocolErrors).toEqual([]);
    expect(stderr).toContain('sales-mis MCP server on stdio');
  }, 60_000);
});

function startHttp(
  extra: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MIS, 'serve', '--http', '--port', '0'], {
      env: cleanEnv({ ...env, ...extra }),
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const first = out.split('\n')[0]!;
      if (out.includes('\n')) {
        const m = /^mcp listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)$/.exec(first);
        if (m) resolve({ child, url: m[1]!, stderr: () => err });
        else reject(new Error(`unexpected first line: ${first}\n${err}`));
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
};
const post = (url: string, headers: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(INIT),
  });

describe('mis serve --http', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  beforeAll(async () => {
    server = await startHttp({ MIS_MCP_TOKEN: 'test-token-123' });
  }, 60_000);
  afterAll(() => {
    server.child.kill('SIGTERM');
  });

  it('requires the bearer token: none or a wrong one is 401', async () => {
    const none = await post(server.url, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(server.url, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it("answers the digest's one-tap links beside /mcp, with the link's own signature instead of the bearer token", async () => {
    const base = server.url.replace(/\/mcp$/, '');
    // The server answers at once; links are served once its cache is open (503 with Retry-After until then).
    let malformed = await fetch(`${base}/a/not-a-link`);
    for (let i = 0; i < 60 && malformed.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 500));
      malformed = await fetch(`${base}/a/not-a-link`);
    }
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toMatch(/can’t be used/);
    // well formed, signed with a key this server never issued: refused as tampered, nothing recorded
    const forged = await fetch(`${base}/a/${'ab'.repeat(12)}.${'A'.repeat(22)}`);
    expect(forged.status).toBe(403);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('refuses a foreign Origin with 403, accepts a local one', async () => {
    expect(
      (await post(server.url, { Authorization: 'Bearer test-token-123', Origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post(server.url, { Origin: 'https://evil.example' })).status).toBe(403);
    const local = await post(server.url, { Authorization: 'Bearer test-token-123', Origin: 'http://localhost:6274' });
    expect(local.status).toBe(200);
    expect(((await local.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe(
      'sales-mis',
    );
  });

  it('serves an SDK client that sends the right token', async () => {
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { Authorization: 'Bearer test-token-123' } },
      }),
    );
    expect((await client.listTools()).tools).toHaveLength(24);
    const r = await client.callTool({
      name: 'hubspot_search_deals',
      arguments: { owner: 'asha@example.com', open: true, limit: 100 },
    });
    const deals = (r.structuredContent as { deals: { id: string; ownerId: string }[] }).deals;
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.every((d) => d.ownerId === '101')).toBe(true);
    await client.close();
  });

  it('generates a token and prints it to stderr when MIS_MCP_TOKEN is unset', async () => {
    const other = await startHttp({});
    try {
      await new Promise((r) => setTimeout(r, 200));
      const m = /bearer token \(set MIS_MCP_TOKEN to choose one\): (\S+)/.exec(other.stderr());
      expect(m).not.toBeNull();
      expect((await post(other.url, {})).status).toBe(401);
      expect((await post(other.url, { Authorization: `Bearer ${m![1]}` })).status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((r) => other.child.once('exit', (code) => r(code)));
      other.child.kill('SIGTERM');
      expect(await exited).toBe(0); // stops cleanly on SIGTERM
    }
  }, 60_000);
});

describe('MCP Inspector CLI against `node bin/mis.js serve`', () => {
  // inspector-cli 1.0.3 finds its own package.json relative to the working directory (../package.json), so it
  // runs from bin/, where that is the checkout's.
  const inspect = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        join(ROOT, 'node_modules/.bin/mcp-inspector-cli'),
        ['--cli', process.execPath, MIS, 'serve', ...args],
        { cwd: join(ROOT, 'bin'), env: cleanEnv(env) },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('lists the tools', async () => {
    const r = await inspect(['--method', 'tools/list']);
    expect(r.code, r.stderr).toBe(0);
    const names = (JSON.parse(r.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toHaveLength(24);
    expect(names).toContain('mis_run_checks');
  }, 60_000);

  it('calls hubspot_list_pipelines and mis_run_checks', async () => {
    const p = await inspect(['--method', 'tools/call', '--tool-name', 'hubspot_list_pipelines']);
    expect(p.code, p.stderr).toBe(0);
    const stages = (
      JSON.parse(p.stdout) as { structuredContent: { pipelines: { stages: { id: string }[] }[] } }
    ).structuredContent.pipelines[0]!.stages.map((s) => s.id);
    const dataset = JSON.parse(readFileSync(env['MIS_DATASET']!, 'utf8')) as {
      pipelines: { deals: { stages: { id: string }[] }[] };
    };
    expect(stages).toEqual(dataset.pipelines.deals[0]!.stages.map((s) => s.id));
    const c = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'mis_run_checks',
      '--tool-arg',
      'limit=3',
      '--tool-arg',
      'minSeverity=low',
    ]);
    expect(c.code, c.stderr).toBe(0);
    const checks = (JSON.parse(c.stdout) as { structuredContent: { findings: unknown[]; counts: { total: number } } })
      .structuredContent;
    expect(checks.findings.length).toBe(Math.min(3, checks.counts.total));
    expect(checks.counts.total).toBeGreaterThan(0);
  }, 60_000);
});
