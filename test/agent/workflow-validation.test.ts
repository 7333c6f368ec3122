/** Workflow files: the shipped ones load; a bad one is refused with a message naming the file and the field. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findWorkflow,
  listServerTools,
  loadWorkflow,
  loadWorkflows,
  parseWorkflow,
  resolveArgs,
  WorkflowError,
  workflowTools,
} from '../../src/agent/index.js';
import { demoServer, tempDir } from './support.js';

const GOOD = {
  name: 'my-check',
  description: 'test',
  schedule: '0 18 * * 1-5',
  scope: 'team',
  tools: ['mis_run_checks', 'hubspot_search_deals', 'hubspot_list_owners'],
  steps: [
    { tool: 'mis_run_checks', args: { owner: '{{owner}}', limit: 100 }, as: 'checks', pages: 'all' },
    { tool: 'hubspot_search_deals', args: { owner: '{{owner}}' }, as: 'deals' },
    { tool: 'hubspot_list_owners', as: 'owners' },
  ],
  output: 'compliance-digest',
};

function md(fm: Record<string, unknown>, body = 'Do the thing.'): string {
  return `---\n${JSON.stringify(fm, null, 2)}\n---\n${body}\n`;
}

function problem(fm: Record<string, unknown>, body?: string): string {
  try {
    parseWorkflow(md(fm, body), '/tmp/wf/my-check.md');
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowError);
    return (e as WorkflowError).message;
  }
  throw new Error('expected a WorkflowError');
}

describe('workflow frontmatter', () => {
  it('the shipped workflows load with their defaults', () => {
    const all = loadWorkflows();
    expect(all).toHaveLength(6);
    for (const w of all) {
      expect(w.instruction.length).toBeGreaterThan(100);
      expect(w.mode).toBe('read');
      expect(w.steps.every((s) => w.tools.includes(s.tool))).toBe(true);
    }
    expect(findWorkflow('adaptive-notification').description).not.toMatch(/PLACEHOLDER/i);
  });

  it('a good file parses; step args resolve "{{owner}}" and drop it when absent', () => {
    const w = parseWorkflow(md(GOOD), '/tmp/wf/my-check.md');
    expect(w.limits).toEqual({ maxTurns: 8, maxTokens: 200_000, maxOutputTokens: 4096 });
    expect(resolveArgs(w.steps[0]!, { owner: '101' })).toEqual({ owner: '101', limit: 100 });
    expect(resolveArgs(w.steps[0]!, {})).toEqual({ limit: 100 });
  });

  it('a bad cron names the field, the value and the cron problem', () => {
    expect(problem({ ...GOOD, schedule: '0 25 * * *' })).toMatch(
      /^\/tmp\/wf\/my-check\.md: schedule: invalid cron "0 25 \* \* \*" \(.*hour.*\); use five fields/,
    );
    expect(problem({ ...GOOD, schedule: 'every day at six' })).toMatch(/schedule: invalid cron "every day at six"/);
  });

  it('an unknown output schema lists the known ones', () => {
    expect(problem({ ...GOOD, output: 'fancy-report' })).toMatch(
      /output: unknown output schema "fancy-report"; known: compliance-digest, deal-momentum, deal-risk-report, notification-plan, answer/,
    );
  });

  it('steps must use allowed tools, unique names and known inputs', () => {
    expect(problem({ ...GOOD, steps: [{ tool: 'mis_deal_risk', as: 'risk' }] })).toMatch(
      /steps\[0\]\.tool: "mis_deal_risk" is not in this workflow's tools/,
    );
    expect(problem({ ...GOOD, steps: [GOOD.steps[0], { ...GOOD.steps[1], as: 'checks' }] })).toMatch(
      /steps\[1\]\.as: "checks" is used by an earlier step/,
    );
    expect(
      problem({ ...GOOD, steps: [{ tool: 'mis_run_checks', args: { owner: '{{ownr}}' }, as: 'checks' }] }),
    ).toMatch(/steps\[0\]\.args\.owner: references unknown input "\{\{ownr\}\}"/);
  });

  it('missing fields, unknown fields, a wrong name, a missing prompt or body are named', () => {
    // No schedule: an on-demand workflow (mis run); a schedule that is not cron is named.
    const { schedule: _s, ...noSchedule } = GOOD;
    expect(parseWorkflow(md(noSchedule), '/tmp/wf/my-check.md').schedule).toBeUndefined();
    expect(problem({ ...GOOD, schedule: 'every day' })).toMatch(/schedule: invalid cron "every day"/);
    expect(problem({ ...GOOD, scope: 'everyone' })).toMatch(/scope: /);
    expect(problem({ ...GOOD, tool: ['x'] })).toMatch(/Unrecognized key.*"tool"/);
    expect(problem({ ...GOOD, name: 'other-name' })).toMatch(/name: "other-name" must match the file name "my-check"/);
    expect(problem({ ...GOOD, prompts: ['no-such-prompt'] })).toMatch(/prompts: no prompt "no-such-prompt"/);
    expect(problem(GOOD, '   ')).toMatch(/the body is empty/);
    expect(() => parseWorkflow('Just text, no frontmatter.', '/tmp/wf/my-check.md')).toThrow(/no frontmatter/);
  });

  it('a file that does not exist, or an unknown workflow name, says where to look', () => {
    expect(() => loadWorkflow('/nonexistent/wf.md')).toThrow(/cannot read the file/);
    expect(() => findWorkflow('no-such-workflow')).toThrow(/no workflow "no-such-workflow"/);
  });

  describe('against the MCP server tools', () => {
    let server: Awaited<ReturnType<typeof demoServer>>;
    const tmp = tempDir();
    beforeAll(async () => {
      server = await demoServer();
    });
    afterAll(async () => {
      await server.close();
      tmp.cleanup();
    });

    it('an unknown tool is refused naming it and the tools the server offers', async () => {
      const file = join(tmp.dir, 'my-check.md');
      writeFileSync(file, md({ ...GOOD, tools: [...GOOD.tools, 'hubspot_delete_everything'] }));
      const w = loadWorkflow(file);
      const tools = await listServerTools(server.client);
      expect(() => workflowTools(w, tools)).toThrow(WorkflowError);
      expect(() => workflowTools(w, tools)).toThrow(
        /tools: unknown tool "hubspot_delete_everything"; the MCP server offers .*mis_run_checks/,
      );
    });

    it('every shipped workflow uses only tools the server offers, all read-only', async () => {
      const tools = await listServerTools(server.client);
      for (const w of loadWorkflows()) expect(workflowTools(w, tools).map((t) => t.name)).toEqual(w.tools);
    });
  });
});
