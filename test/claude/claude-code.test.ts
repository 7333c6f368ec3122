/**
 * Claude Code itself (the @anthropic-ai/claude-code package, test-only; `.ci/run` installs it) headless against a
 * scripted Anthropic-compatible server on 127.0.0.1, with an isolated HOME, enableAllProjectMcpServers and no
 * network traffic of its own: (a) on a cold state its first model request already lists every sales-mis tool;
 * (b) a scripted model calling each tool once gets a non-error result each; (c) delegating to each subagent gives
 * it only that subagent's tools; (d) each command runs with its allowed-tools.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { allTools } from '../../src/mcp/index.js';
import { demoStateCopy } from '../support/demo-state.js'; // CI=true (in cleanEnv) makes Claude Code skip waiting for MCP servers: not passed to it
import {
  ScriptedAnthropic,
  type ContentBlock,
  type MessagesBody,
  type ScriptStep,
} from '../agent/scripted-anthropic.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = 'mcp__sales-mis__';
const INSTALL = 'npm install --no-save --prefix "$HOME/.cache/sales-mis/claude-code" @anthropic-ai/claude-code';

/** Claude Code's binary: CLAUDE_CODE_BIN, else where `.ci/run` installs it, else `claude` on PATH. */
function claudeBin(): string {
  const candidates = [
    process.env['CLAUDE_CODE_BIN'],
    join(homedir(), '.cache/sales-mis/claude-code/node_modules/.bin/claude'),
  ].filter((x): x is string => Boolean(x));
  for (const c of candidates) if (existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v claude'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(
    `Claude Code is not installed: these tests drive the real client. Install it (test-only, not a dependency) with\n  ${INSTALL}\nor set CLAUDE_CODE_BIN to its binary.`,
  );
}

const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) spawnSync('rm', ['-rf', d]);
});

interface Run {
  api: ScriptedAnthropic;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `claude -p PROMPT` in the checkout with an isolated HOME, against a scripted model. */
async function claude(
  prompt: string,
  script: (body: MessagesBody, i: number) => ScriptStep | undefined,
  opts: { stateDir: string; args?: string[] },
): Promise<Run> {
  const api = new ScriptedAnthropic(script);
  const url = await api.start();
  const home = tmp('cc-home-');
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ enableAllProjectMcpServers: true }));
  const env = {
    PATH: process.env['PATH'],
    MIS_STATE_DIR: opts.stateDir,
    HOME: home,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: url,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // Claude Code's MCP start-up timeout, stated: the server must be up well within it (it answers at once).
    MCP_TIMEOUT: '30000',
    // How long `claude -p` waits for an alwaysLoad server before its first request (default 5 s). The server answers
    // initialize once Node has loaded it (~1.5 s of CPU); on a shared, overloaded CI machine that can pass 5 s.
    MCP_CONNECT_TIMEOUT_MS: '30000',
  };
  try {
    return await new Promise<Run>((resolve) => {
      const c = spawn(claudeBin(), ['-p', prompt, '--output-format', 'json', ...(opts.args ?? [])], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      c.on('close', (code) => resolve({ api, code, stdout, stderr }));
    });
  } finally {
    await api.close();
  }
}

const toolNames = (b: MessagesBody) => (b.tools ?? []).map((t) => t.name);
const SERVER_TOOLS = allTools({ writes: false }).map((t) => t.name);
const results = (b: MessagesBody): ContentBlock[] =>
  b.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).filter((c) => c.type === 'tool_result');

let warmState: string;
beforeAll(() => {
  claudeBin(); // fails at once, saying how to install, when Claude Code is missing
  warmState = demoStateCopy('cc-warm-'); // the demo portal as the run synced it once
});

describe('Claude Code with the sales-mis server', () => {
  it('(a) on a cold state, the first model request already lists every sales-mis tool', async () => {
    const run = await claude('How is the pipeline?', () => ({ reply: [{ type: 'text', text: 'ok' }] }), {
      stateDir: tmp('cc-cold-'),
    });
    expect(run.code, run.stderr).toBe(0);
    const first = run.api.requests[0]!.body;
    const listed = toolNames(first)
      .filter((n) => n.startsWith(PREFIX))
      .map((n) => n.slice(PREFIX.length));
    expect(listed.sort()).toEqual([...SERVER_TOOLS].sort());
    expect(run.api.requests[0]!.path).toContain('beta=true');
  }, 300_000);

  it('(b) a scripted model calling each tool once gets a non-error result for each', async () => {
    const ds = readPortalFile(demoDatasetPath());
    const owner = ds.owners.find((o) => !o.archived)!;
    const deal = ds.objects.deals[0]!;
    const lead = ds.smartlead?.leads[0];
    const campaign = ds.smartlead?.campaigns[0];
    const update = `Weekly update\n- ${deal.properties['dealname']}: demo done this week`;
    const args: Record<string, Record<string, unknown>> = {
      hubspot_search_deals: { limit: 3 },
      hubspot_get_deal_timeline: { dealId: deal.id, limit: 3 },
      hubspot_list_owners: {},
      hubspot_list_pipelines: {},
      smartlead_list_campaigns: {},
      smartlead_get_lead_history: { email: lead?.lead.email ?? 'none@example.com' },
      smartlead_get_campaign_stats: { campaignId: campaign?.id ?? 0 },
      state_get_ae_profile: { owner: owner.id },
      state_list_nudges: {},
      state_get_run_findings: {},
      state_get_compliance_trend: { weeks: 2 },
      mis_run_checks: { limit: 3 },
      mis_weekly_momentum: {},
      mis_activity_scorecard: {},
      mis_get_metric: { name: 'coverage' },
      mis_deal_risk: { limit: 3 },
      mis_reconcile_update: { owner: owner.id, update },
      mis_draft_update: { owner: owner.id },
      mis_plan_digest: { owner: owner.id },
      mis_deal_brief: { deal: deal.id },
      mis_next_actions: { limit: 3 },
      mis_meeting_prep: { owner: owner.id },
      mis_advise: { topic: 'pipeline' },
      state_list_ae_updates: {},
    };
    // The state-writing tools are not listed unless `mis serve --enable-state-writes` (a person turns them on).
    expect(SERVER_TOOLS).not.toContain('state_update_ae_profile');
    expect(Object.keys(args).sort()).toEqual([...SERVER_TOOLS].sort());
    const calls = Object.entries(args).map(([name, input], i) => ({
      type: 'tool_use' as const,
      id: `toolu_${String(i).padStart(3, '0')}`,
      name: `${PREFIX}${name}`,
      input,
    }));
    const run = await claude(
      'Use every sales-mis tool once.',
      (body) => (results(body).length ? { reply: [{ type: 'text', text: 'done' }] } : { reply: calls }),
      {
        stateDir: warmState,
        args: ['--allowedTools', SERVER_TOOLS.map((n) => `${PREFIX}${n}`).join(',')],
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const last = run.api.requests.at(-1)!.body;
    const byId = new Map(results(last).map((r) => [r.tool_use_id!, r]));
    const bad: string[] = [];
    for (const c of calls) {
      const r = byId.get(c.id);
      const text = typeof r?.content === 'string' ? r.content : JSON.stringify(r?.content ?? null);
      const expectError = c.name.endsWith('state_record_nudge_response');
      if (!r || Boolean(r.is_error) !== expectError) bad.push(`${c.name}: ${text.slice(0, 200)}`);
    }
    expect(bad).toEqual([]);
  }, 600_000);

  it('(c) delegating to each subagent gives it only that subagent\u2019s tools', async () => {
    const agents = readdirSync(join(ROOT, '.claude/agents')).map(
      (f) => matter(readFileSync(join(ROOT, '.claude/agents', f), 'utf8')).data as { name: string; tools: string },
    );
    for (const a of agents.filter((x) => x.name !== 'mis')) {
      const granted = a.tools
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t.startsWith(PREFIX))
        .sort();
      let delegated = false;
      const run = await claude(
        `Ask the ${a.name}.`,
        (body) => {
          const isSub = !toolNames(body).includes('Agent') && !toolNames(body).includes('Task');
          if (isSub) return { reply: [{ type: 'text', text: 'sub done' }] };
          if (!delegated) {
            delegated = true;
            return {
              reply: [
                {
                  type: 'tool_use',
                  name: toolNames(body).includes('Agent') ? 'Agent' : 'Task',
                  input: { description: 'delegate', prompt: 'Report.', subagent_type: a.name },
                },
              ],
            };
          }
          return { reply: [{ type: 'text', text: 'done' }] };
        },
        { stateDir: warmState },
      );
      expect(run.code, run.stderr).toBe(0);
      const sub = run.api.requests.find(
        (r) =>
          !toolNames(r.body).includes('Agent') &&
          !toolNames(r.body).includes('Task') &&
          toolNames(r.body).some((n) => n.startsWith(PREFIX)),
      );
      expect(sub, `${a.name}: no request from the subagent`).toBeDefined();
      expect(
        toolNames(sub!.body)
          .filter((n) => n.startsWith(PREFIX))
          .sort(),
        a.name,
      ).toEqual(granted);
    }
  }, 900_000);

  it('(d) each command runs with its allowed-tools: the tools it names are called without any other permission', async () => {
    const ds = readPortalFile(demoDatasetPath());
    const owner = ds.owners.find((o) => !o.archived)!;
    const deal = ds.objects.deals[0]!;
    const ARGS: Record<string, Record<string, unknown>> = {
      mis_run_checks: { limit: 3 },
      hubspot_list_owners: {},
      hubspot_get_deal_timeline: { dealId: deal.id, limit: 3 },
      mis_weekly_momentum: {},
      mis_activity_scorecard: {},
      mis_get_metric: { name: 'coverage' },
      mis_reconcile_update: { owner: owner.id, update: `- ${deal.properties['dealname']}: demo done this week` },
      mis_deal_brief: { deal: deal.id },
      mis_next_actions: { limit: 3 },
      mis_meeting_prep: { owner: owner.id },
      mis_advise: { topic: 'pipeline' },
    };
    for (const file of readdirSync(join(ROOT, '.claude/commands'))) {
      const cmd = matter(readFileSync(join(ROOT, '.claude/commands', file), 'utf8'));
      const allowed = String((cmd.data as Record<string, unknown>)['allowed-tools'])
        .split(',')
        .map((t) => t.trim());
      const named = [...new Set([...cmd.content.matchAll(/`([a-z]+_[a-z_]+)`/g)].map((m) => m[1]!))].filter(
        (n) => n in ARGS,
      );
      expect(named.length, file).toBeGreaterThan(0);
      const calls = named.map((n, i) => ({
        type: 'tool_use' as const,
        id: `toolu_c${i}`,
        name: `${PREFIX}${n}`,
        input: ARGS[n]!,
      }));
      const name = file.replace(/\.md$/, '');
      const run = await claude(
        `/${name} ${owner.id}`,
        (body) => (results(body).length ? { reply: [{ type: 'text', text: 'done' }] } : { reply: calls }),
        { stateDir: warmState },
      );
      expect(run.code, run.stderr).toBe(0);
      const firstUser = JSON.stringify(run.api.requests[0]!.body.messages);
      expect(firstUser, `${name}: the command's text reached the model`).toContain(
        cmd.content
          .trim()
          .split('\n')[0]!
          .slice(0, 40)
          .replace(/"/g, '\\"')
          .replace('$ARGUMENTS', owner.id)
          .slice(0, 20),
      );
      const got = results(run.api.requests.at(-1)!.body);
      for (const c of calls) {
        const r = got.find((x) => x.tool_use_id === c.id);
        const text = typeof r?.content === 'string' ? r.content : JSON.stringify(r?.content ?? null);
        expect(r && !r.is_error, `${name}: ${c.name}: ${text.slice(0, 200)}`).toBe(true);
        expect(allowed).toContain(c.name);
      }
    }
  }, 900_000);
});
