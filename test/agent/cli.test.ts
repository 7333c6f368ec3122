/**
 * The CLI in-process (`main(argv, io)`) on a fixture portal: mis run (offline, and claude through
 * ANTHROPIC_BASE_URL pointing at the scripted API), mis start, mis ask, mis schedule --once — each recorded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSchema, complianceDigestSchema, dealRiskReportSchema } from '../../src/agent/index.js';
import { writePortalFile } from '../../src/dataset/index.js';
import { StateStore } from '../../src/state/index.js';
import { runMain } from '../support/cli.js';
import { fixtureInput } from '../support/fixtures.js';
import { ScriptedAnthropic } from './scripted-anthropic.js';
import { tempDir } from './support.js';

const tmp = tempDir('mis-agent-cli-');
const dataset = join(tmp.dir, 'portal.json');
const env = (extra: Record<string, string> = {}) => ({
  MIS_DATASET: dataset,
  MIS_STATE_DIR: join(tmp.dir, 'state'),
  MIS_SANDBOX_LIMITS: 'off',
  ...extra,
});
const runs = (where = 'workflow IS NOT NULL') => {
  const s = StateStore.open(join(tmp.dir, 'state'));
  try {
    return s.db
      .prepare(`SELECT workflow, driver, status, tool_calls, usage, error FROM runs WHERE ${where} ORDER BY started_at`)
      .all() as Record<string, string | null>[];
  } finally {
    s.close();
  }
};

beforeAll(async () => {
  writePortalFile(dataset, fixtureInput({ deals: 30, notesPerDeal: 1 }));
  const first = await runMain(['sync'], env());
  expect(first.status).toBe(0);
}, 120_000);
afterAll(() => tmp.cleanup());

describe('mis run / start / ask / schedule', () => {
  it('mis run daily-compliance-check --driver offline --json prints one validated document and records the run', async () => {
    const r = await runMain(
      ['run', 'daily-compliance-check', '--driver', 'offline', '--json'],
      env({ ANTHROPIC_API_KEY: '' }),
    );
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      run: { id: string; driver: string; toolCalls: { tool: string }[] };
      output: unknown;
    };
    const digest = complianceDigestSchema.parse(doc.output);
    expect(doc.run.driver).toBe('offline');
    expect(doc.run.toolCalls.map((c) => c.tool)).toEqual(
      expect.arrayContaining(['mis_run_checks', 'hubspot_search_deals', 'hubspot_list_owners']),
    );
    expect(digest.owners.map((o) => o.ownerName)).toEqual(expect.arrayContaining(['Asha Rao']));
    const row = runs(`id = '${doc.run.id}'`)[0]!;
    expect(row).toMatchObject({ workflow: 'daily-compliance-check', driver: 'offline', status: 'ok' });
    expect(JSON.parse(row['tool_calls']!)).toHaveLength(doc.run.toolCalls.length);
  });

  it('mis run --driver claude without a key fails clearly (exit 1, what to do)', async () => {
    const r = await runMain(['run', 'deal-risk-analysis', '--driver', 'claude'], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /error: the claude driver needs ANTHROPIC_API_KEY\n {2}→ Set ANTHROPIC_API_KEY .*--driver offline/,
    );
  });

  it('mis run with ANTHROPIC_API_KEY + ANTHROPIC_BASE_URL + MIS_MODEL uses Claude (auto) over the MCP tools', async () => {
    const offline = await runMain(['run', 'deal-risk-analysis', '--driver', 'offline', '--json'], env());
    const answer = JSON.stringify((JSON.parse(offline.stdout) as { output: unknown }).output);
    const api = new ScriptedAnthropic([
      {
        reply: [{ type: 'tool_use', name: 'mis_deal_risk', input: { limit: 5 } }],
        usage: { input_tokens: 4000, cache_creation_input_tokens: 3000 },
      },
      {
        reply: [{ type: 'text', text: answer }],
        usage: { input_tokens: 5000, cache_read_input_tokens: 3000, output_tokens: 700 },
      },
    ]);
    const url = await api.start();
    try {
      const r = await runMain(
        ['run', 'deal-risk-analysis', '--json'],
        env({ ANTHROPIC_API_KEY: 'sk-test-secret', ANTHROPIC_BASE_URL: url, MIS_MODEL: 'claude-scripted-1' }),
      );
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        run: { id: string; driver: string; model: string; usage: { requests: number; cacheReadInputTokens: number } };
        output: unknown;
      };
      expect(doc.run).toMatchObject({
        driver: 'claude',
        model: 'claude-scripted-1',
        usage: { requests: 2, cacheReadInputTokens: 3000 },
      });
      expect(dealRiskReportSchema.parse(doc.output)).toEqual(JSON.parse(answer));
      expect(api.requests.map((q) => q.body.model)).toEqual(['claude-scripted-1', 'claude-scripted-1']);
      expect(api.requests[0]!.headers['authorization']).toBe('Bearer sk-test-secret');
      expect(r.stderr + r.stdout).not.toContain('sk-test-secret');
      const row = runs(`id = '${doc.run.id}'`)[0]!;
      expect(row).toMatchObject({ driver: 'claude', status: 'ok' });
      expect(JSON.parse(row['usage']!)).toMatchObject({ requests: 2, inputTokens: 9000, outputTokens: 720 });
    } finally {
      await api.close();
    }
  });

  it('mis start runs the daily-compliance-check workflow and prints the per-AE summary', async () => {
    const r = await runMain(['start'], env({ ANTHROPIC_API_KEY: 'ignored-by-start' }));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Daily CRM check · as of Fri, 20 Nov 2026, 18:00 IST/);
    expect(r.stdout).toMatch(/\nAsha Rao — \d+ findings \(\d+ high\): /);
    expect(r.stdout).toMatch(/\nVikram Shah — \d+ findings/);
    expect(r.stderr).toMatch(/daily-compliance-check · offline/);
    const recorded = runs(`workflow IN ('daily-compliance-check', 'check')`).map((x) => x['workflow']);
    expect(recorded.slice(-2)).toEqual(['daily-compliance-check', 'check']);
  });

  it('mis ask offline answers a question it can map, with citations; another needs a model', async () => {
    const r = await runMain(['ask', 'which deals are at risk?', '--json', '--driver', 'offline'], env());
    expect(r.status, r.stderr).toBe(0);
    const a = answerSchema.parse(JSON.parse(r.stdout));
    expect(a.report).toBe('at-risk');
    expect(a.citations.length).toBeGreaterThan(0);
    const no = await runMain(['ask', 'write a poem about our CFO', '--driver', 'offline'], env());
    expect(no.status).toBe(1);
    expect(no.stderr).toMatch(/this question needs a model/);
    expect(no.stderr).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('mis schedule --once runs each workflow that is due once, records it, and a second --once runs nothing', async () => {
    const fresh = env({ MIS_STATE_DIR: join(tmp.dir, 'state-schedule'), ANTHROPIC_API_KEY: '' });
    const first = await runMain(['schedule', '--once', '--only', 'deal-risk-analysis,weekly-report-generation'], fresh);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/deal-risk-analysis missed its .* slot \(last run never\): one catch-up run/);
    expect(first.stderr).toMatch(/weekly-report-generation finished/);
    const second = await runMain(
      ['schedule', '--once', '--only', 'deal-risk-analysis,weekly-report-generation'],
      fresh,
    );
    expect(second.status).toBe(0);
    expect(second.stderr).not.toMatch(/started/);
    const s = StateStore.open(join(tmp.dir, 'state-schedule'));
    try {
      const rows = s.db.prepare("SELECT workflow, status FROM runs WHERE workflow != 'check' ORDER BY workflow").all();
      expect(rows).toEqual([
        { workflow: 'deal-risk-analysis', status: 'ok' },
        { workflow: 'weekly-report-generation', status: 'ok' },
      ]);
    } finally {
      s.close();
    }
  });

  it('a bad workflow file is refused with its path and field (exit 1)', async () => {
    const bad = join(tmp.dir, 'bad-flow.md');
    writeFileSync(
      bad,
      '---\nname: bad-flow\ndescription: x\nschedule: "0 25 * * *"\nscope: team\ntools: [mis_run_checks]\nsteps: [{ tool: mis_run_checks, as: checks }]\noutput: compliance-digest\n---\nDo it.\n',
    );
    const r = await runMain(['run', bad, '--driver', 'offline'], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad-flow\.md: schedule: invalid cron "0 25 \* \* \*"/);
  });
});
