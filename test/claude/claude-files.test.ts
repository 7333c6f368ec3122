/**
 * Every `.claude` file and the plugin manifest, parsed: frontmatter valid (strict), every tool an agent or command
 * names exists on the server (read and write tools) or is a Claude Code built-in, each job's subagent holds only its
 * own tools, commands call tools rather than prompts the model cannot read, and the plugin bundles them all.
 */
import matter from 'gray-matter';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHECK_NAMES } from '../../src/analysis/index.js';
import { allTools } from '../../src/mcp/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = 'mcp__sales-mis__';
const SERVER_TOOLS = new Set(allTools({ writes: true }).map((t) => t.name));
const BUILT_INS = new Set(['Read', 'Grep', 'Glob', 'ReadMcpResourceTool', 'ListMcpResourcesTool']);

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const agentSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string().min(80),
  tools: z.string().min(1),
  model: z.string().optional(),
});
const commandSchema = z.strictObject({
  description: z.string().min(20),
  'argument-hint': z.string().optional(),
  'allowed-tools': z.string().min(1),
});
const skillSchema = z.strictObject({ name: z.string().regex(/^[a-z][a-z0-9-]*$/), description: z.string().min(40) });

function files(dir: string, pick: (f: string) => boolean = (f) => f.endsWith('.md')): string[] {
  return readdirSync(join(ROOT, dir))
    .filter(pick)
    .map((f) => join(dir, f));
}
function front<T>(file: string, schema: z.ZodType<T>): { data: T; body: string } {
  const m = matter(readFileSync(join(ROOT, file), 'utf8'));
  const r = schema.safeParse(m.data);
  if (!r.success)
    throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { data: r.data, body: m.content };
}
function checkTools(file: string, tools: string[]): string[] {
  return tools
    .filter((t) => (t.startsWith(PREFIX) ? !SERVER_TOOLS.has(t.slice(PREFIX.length)) : !BUILT_INS.has(t)))
    .map((t) => `${file}: ${t}`);
}

const JOBS: Record<string, string[]> = {
  'hygiene-auditor': ['mis_run_checks', 'state_get_compliance_trend'],
  'deal-risk-analyst': ['mis_deal_risk', 'hubspot_get_deal_timeline', 'smartlead_get_lead_history'],
  'update-reconciler': ['mis_reconcile_update', 'mis_draft_update'],
  'pipeline-reporter': ['mis_weekly_momentum', 'mis_activity_scorecard', 'mis_get_metric'],
};

describe('.claude files', () => {
  const agents = files('.claude/agents').map((f) => ({ file: f, ...front(f, agentSchema) }));
  const commands = files('.claude/commands').map((f) => ({ file: f, ...front(f, commandSchema) }));

  it('agents: valid frontmatter, real tools, one per job with only its own tools, and the general mis agent', () => {
    expect(agents.flatMap((a) => checkTools(a.file, list(a.data.tools)))).toEqual([]);
    const byName = new Map(agents.map((a) => [a.data.name, a]));
    expect([...byName.keys()].sort()).toEqual(['mis', ...Object.keys(JOBS)].sort());
    for (const [name, needed] of Object.entries(JOBS)) {
      const tools = list(byName.get(name)!.data.tools).map((t) => t.replace(PREFIX, ''));
      for (const t of needed) expect(tools, name).toContain(t);
      expect(tools.length, `${name}: least privilege`).toBeLessThanOrEqual(needed.length + 3);
      const others = Object.entries(JOBS)
        .filter(([n]) => n !== name)
        .flatMap(([, t]) => t)
        .filter((t) => !needed.includes(t) && t !== 'hubspot_get_deal_timeline');
      for (const t of others) expect(tools, `${name} must not hold ${t}`).not.toContain(t);
      expect(byName.get(name)!.data.description).toMatch(/Use it/);
    }
    for (const a of agents) expect(a.data.name, a.file).toBe(a.file.replace(/^.*\/(.*)\.md$/, '$1'));
  });

  it('commands: valid frontmatter, every allowed tool exists on the server, and the body calls tools, not prompts', () => {
    expect(commands.map((c) => c.file.replace(/^.*\//, '')).sort()).toEqual([
      'advise.md',
      'brief.md',
      'daily-check.md',
      'prep.md',
      'reconcile.md',
      'weekly-report.md',
    ]);
    expect(commands.flatMap((c) => checkTools(c.file, list(c.data['allowed-tools'])))).toEqual([]);
    for (const c of commands) {
      const allowed = list(c.data['allowed-tools']).map((t) => t.replace(PREFIX, ''));
      const named = [...c.body.matchAll(/`([a-z]+_[a-z_]+)`/g)].map((m) => m[1]!).filter((n) => SERVER_TOOLS.has(n));
      expect(named.length, `${c.file} names the tools it calls`).toBeGreaterThan(0);
      for (const n of named) expect(allowed, `${c.file}: ${n} is named but not allowed`).toContain(n);
      expect(c.body, c.file).not.toMatch(/\bprompt\b/i);
    }
  });

  it('skills: valid frontmatter and only real tool names in backticks', () => {
    for (const dir of readdirSync(join(ROOT, '.claude/skills'))) {
      const { body } = front(join('.claude/skills', dir, 'SKILL.md'), skillSchema);
      const named = [...body.matchAll(/`((?:mis|hubspot|smartlead|state)_[a-z_]+)`/g)]
        .map((m) => m[1]!)
        .filter((n) => !CHECK_NAMES.includes(n as never));
      for (const n of named) expect(SERVER_TOOLS.has(n), `${dir}: ${n}`).toBe(true);
    }
  });

  it('the plugin manifest bundles the agents, commands, skills and the server, with paths that exist', () => {
    const m = JSON.parse(readFileSync(join(ROOT, '.claude-plugin/plugin.json'), 'utf8')) as {
      name: string;
      agents: string[];
      commands: string;
      skills: string;
      mcpServers: Record<string, { command: string; args: string[] }>;
    };
    expect(m.name).toBe('sales-mis');
    expect([...m.agents].sort()).toEqual(agents.map((a) => `./${a.file}`).sort());
    for (const p of [...m.agents, m.commands, m.skills]) expect(existsSync(join(ROOT, p)), p).toBe(true);
    const server = m.mcpServers['sales-mis']!;
    expect(server.args[0]).toBe('${CLAUDE_PLUGIN_ROOT}/bin/mis.js');
    expect(existsSync(join(ROOT, server.args[0]!.replace('${CLAUDE_PLUGIN_ROOT}/', '')))).toBe(true);
  });

  it('.mcp.json starts the server by a path that works from the checkout and from anywhere with SALES_MIS_DIR', () => {
    const m = JSON.parse(readFileSync(join(ROOT, '.mcp.json'), 'utf8')) as {
      mcpServers: Record<string, { command: string; args: string[] }>;
    };
    const args = m.mcpServers['sales-mis']!.args;
    expect(args[0]).toBe('${SALES_MIS_DIR:-.}/bin/mis.js');
    expect(existsSync(join(ROOT, args[0]!.replace('${SALES_MIS_DIR:-.}', '.')))).toBe(true);
  });
});
