/**
 * The claude driver with the real Anthropic SDK against a scripted Messages API on 127.0.0.1, calling the real
 * sales-mis MCP server (demo portal) through an MCP client: multi-turn tool use, tool errors as is_error, an
 * invalid answer then a valid one, the turn limit, the token budget, 429/529 retried by the SDK, prompt caching.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentError,
  ClaudeDriver,
  dealRiskReportSchema,
  findWorkflow,
  ModelUnavailableError,
  OfflineDriver,
  runWorkflow,
  selectDriver,
  type Workflow,
} from '../../src/agent/index.js';
import { StateStore } from '../../src/state/index.js';
import { ScriptedAnthropic, type ScriptStep } from './scripted-anthropic.js';
import { demoServer } from './support.js';

let server: Awaited<ReturnType<typeof demoServer>>;
let state: StateStore;
let validAnswer: string;
let scripted: ScriptedAnthropic | null = null;
const view = { timezone: 'Asia/Kolkata', currency: 'INR' };
const workflow = findWorkflow('deal-risk-analysis');

beforeAll(async () => {
  state = new StateStore(':memory:');
  server = await demoServer(state);
  // What a good model would answer: the offline driver's output for the same workflow.
  const offline = await runWorkflow({
    workflow,
    driver: new OfflineDriver(),
    client: server.client,
    inputs: {},
    asOf: server.session.ctx.asOf,
    view,
    state: null,
  });
  validAnswer = JSON.stringify(offline.output);
});
afterAll(async () => {
  await server.close();
  state.close();
});
afterEach(async () => {
  await scripted?.close();
  scripted = null;
});

async function driverFor(script: ScriptStep[], opts: { stream?: boolean; maxRetries?: number } = {}) {
  scripted = new ScriptedAnthropic(script);
  const url = await scripted.start();
  return new ClaudeDriver(
    { apiKey: 'test-key', baseURL: url, model: 'claude-test' },
    { stream: opts.stream ?? false, maxRetries: opts.maxRetries ?? 0 },
  );
}

function run(driver: ClaudeDriver, w: Workflow = workflow, owner?: string) {
  return runWorkflow({
    workflow: w,
    driver,
    client: server.client,
    inputs: owner ? { owner } : {},
    asOf: server.session.ctx.asOf,
    view,
    state,
  });
}

const firstRiskyDeal = () => (JSON.parse(validAnswer) as { deals: { dealId: string }[] }).deals[0]!.dealId;

describe('claude driver against a scripted Messages API', () => {
  for (const stream of [false, true]) {
    it(`multi-turn tool use: tool_use → tool_result → tool_use → final answer (${stream ? 'SSE streaming' : 'JSON'})`, async () => {
      const dealId = firstRiskyDeal();
      const driver = await driverFor(
        [
          {
            reply: [
              { type: 'text', text: 'Looking at the risk list.' },
              { type: 'tool_use', name: 'mis_deal_risk', input: { limit: 3 } },
            ],
            usage: { input_tokens: 1000, cache_creation_input_tokens: 2000 },
          },
          {
            reply: [{ type: 'tool_use', name: 'hubspot_get_deal_timeline', input: { dealId, limit: 5 } }],
            usage: { input_tokens: 1500, cache_read_input_tokens: 2000 },
          },
          {
            reply: [{ type: 'text', text: validAnswer }],
            usage: { input_tokens: 2500, cache_read_input_tokens: 2000, output_tokens: 900 },
          },
        ],
        { stream },
      );
      const r = await run(driver);
      expect(dealRiskReportSchema.parse(r.output)).toEqual(JSON.parse(validAnswer));
      expect(r.toolCalls.map((c) => [c.tool, c.ok])).toEqual([
        ['mis_deal_risk', true],
        ['hubspot_get_deal_timeline', true],
      ]);
      expect(r.usage).toEqual({
        requests: 3,
        inputTokens: 5000,
        outputTokens: 40 + 900,
        cacheCreationInputTokens: 2000,
        cacheReadInputTokens: 4000,
      });
      const reqs = scripted!.requests;
      expect(reqs).toHaveLength(3);
      expect(reqs.every((q) => Boolean(q.body.stream) === stream && q.body.model === 'claude-test')).toBe(true);
      // The second request carries the first tool_use and its result from the real MCP tool.
      const second = reqs[1]!.body.messages;
      expect(second.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      const toolUse = (second[1]!.content as { type: string; id?: string }[]).find((b) => b.type === 'tool_use')!;
      const result = (
        second[2]!.content as {
          type: string;
          tool_use_id?: string;
          content?: { type: string; text?: string }[];
          is_error?: boolean;
        }[]
      )[0]!;
      expect(result).toMatchObject({ type: 'tool_result', tool_use_id: toolUse.id });
      expect(result.is_error).toBeUndefined();
      expect(result.content!.map((c) => c.text).join('\n')).toMatch(/open deals at risk/);
      // Full history every turn (no server-side thread).
      expect(reqs[2]!.body.messages).toHaveLength(5);
      expect(reqs[2]!.body['thread']).toBeUndefined();
      // The run is recorded with its tool calls and token usage.
      const row = state.db
        .prepare('SELECT driver, status, usage, tool_calls FROM runs WHERE id = ?')
        .get(r.runId) as Record<string, string>;
      expect(row['driver']).toBe('claude');
      expect(JSON.parse(row['usage']!).requests).toBe(3);
      expect(JSON.parse(row['tool_calls']!)).toHaveLength(2);
    });
  }

  it('caches the stable prefix: cache_control on the last system block and the last tool; tools are the allow-list', async () => {
    const driver = await driverFor([{ reply: [{ type: 'text', text: validAnswer }] }]);
    await run(driver);
    const body = scripted!.requests[0]!.body;
    const system = body.system as { text: string; cache_control?: unknown }[];
    expect(system.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(system.slice(0, -1).every((b) => b.cache_control === undefined)).toBe(true);
    expect(system.map((b) => b.text).join('\n')).toContain('# Workflow: deal-risk-analysis');
    expect(body.tools!.map((t) => t.name)).toEqual(workflow.tools);
    expect(body.tools!.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(body.tools!.slice(0, -1).every((t) => t.cache_control === undefined)).toBe(true);
    expect(body.max_tokens).toBe(workflow.limits.maxOutputTokens);
  });

  it('a failing tool comes back to the model as is_error, and the run goes on', async () => {
    const driver = await driverFor([
      { reply: [{ type: 'tool_use', name: 'hubspot_get_deal_timeline', input: { dealId: '999999999' } }] },
      { reply: [{ type: 'text', text: validAnswer }] },
    ]);
    const r = await run(driver);
    const result = (
      scripted!.requests[1]!.body.messages[2]!.content as {
        type: string;
        is_error?: boolean;
        content: { text: string }[];
      }[]
    )[0]!;
    expect(result.type).toBe('tool_result');
    expect(result.is_error).toBe(true);
    expect(result.content.map((c) => c.text).join(' ')).toMatch(/no deal 999999999/);
    expect(r.toolCalls[0]).toMatchObject({ tool: 'hubspot_get_deal_timeline', ok: false });
  });

  it('an invalid final answer is sent back with the validation error once; the valid retry is accepted', async () => {
    const bad = JSON.parse(validAnswer) as { deals: { score: number | null; scored: boolean }[] };
    const scoredDeal = bad.deals.find((d) => d.scored)!;
    scoredDeal.score = (scoredDeal.score ?? 0) === 100 ? 1 : (scoredDeal.score ?? 0) + 1;
    const driver = await driverFor([
      { reply: [{ type: 'text', text: JSON.stringify(bad) }] },
      { reply: [{ type: 'text', text: validAnswer }] },
    ]);
    const r = await run(driver);
    expect(r.output).toEqual(JSON.parse(validAnswer));
    const retry = scripted!.requests[1]!.body.messages;
    expect(retry.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const feedback = retry[2]!.content;
    expect(typeof feedback === 'string' ? feedback : JSON.stringify(feedback)).toMatch(
      /does not validate.*score must be the sum of the factor weights/,
    );
  });

  it('an answer that is invalid twice fails clearly, and the failed run is recorded', async () => {
    const driver = await driverFor([
      { reply: [{ type: 'text', text: 'I think about 5 deals are at risk.' }] },
      { reply: [{ type: 'text', text: '{"kind":"deal_risk"}' }] },
    ]);
    const err = await run(driver).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).message).toMatch(/invalid twice/);
    expect((err as AgentError).hint).toMatch(/--driver offline/);
    const row = state.db
      .prepare("SELECT status, error FROM runs WHERE driver = 'claude' ORDER BY started_at DESC LIMIT 1")
      .get() as Record<string, string>;
    expect(row['status']).toBe('failed');
    expect(row['error']).toMatch(/invalid twice/);
  });

  it('the turn limit stops a model that keeps calling tools, with a clear error', async () => {
    const limited: Workflow = { ...workflow, limits: { ...workflow.limits, maxTurns: 3 } };
    const loop: ScriptStep = { reply: [{ type: 'tool_use', name: 'mis_deal_risk', input: { limit: 1 } }] };
    const driver = await driverFor([loop, loop, loop, loop, loop]);
    const err = await run(driver, limited).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).message).toMatch(/turn limit reached: 3 model requests/);
    expect(scripted!.requests).toHaveLength(3);
  });

  it('the token budget stops a run that would spend more', async () => {
    const tight: Workflow = { ...workflow, limits: { ...workflow.limits, maxTokens: 5000 } };
    const driver = await driverFor([
      { reply: [{ type: 'tool_use', name: 'mis_deal_risk', input: { limit: 1 } }], usage: { input_tokens: 3000 } },
      { reply: [{ type: 'tool_use', name: 'mis_deal_risk', input: { limit: 2 } }], usage: { input_tokens: 3000 } },
      { reply: [{ type: 'text', text: validAnswer }] },
    ]);
    const err = await run(driver, tight).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).message).toMatch(
      /token budget exceeded: \d+ tokens after 2 model requests \(budget 5000\)/,
    );
  });

  it('429 and 529 overloaded are retried by the SDK', async () => {
    const driver = await driverFor(
      [
        { status: 429, errorType: 'rate_limit_error', headers: { 'retry-after-ms': '20' } },
        { status: 529, errorType: 'overloaded_error', headers: { 'retry-after-ms': '20' } },
        { reply: [{ type: 'text', text: validAnswer }] },
      ],
      { maxRetries: 2 },
    );
    const r = await run(driver);
    expect(r.output).toEqual(JSON.parse(validAnswer));
    expect(scripted!.requests).toHaveLength(3);
    expect(scripted!.requests[2]!.headers['x-stainless-retry-count']).toBe('2');
  });

  it('with retries used up, overload is a clear failure', async () => {
    const driver = await driverFor(
      [{ status: 529, errorType: 'overloaded_error', headers: { 'retry-after-ms': '10' } }],
      { maxRetries: 0 },
    );
    const err = await run(driver).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).message).toMatch(/overloaded \(HTTP 529\) after retries/);
  });

  it('a refused key is a ModelUnavailableError that says what to do', async () => {
    const driver = await driverFor([{ status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }]);
    const err = await run(driver).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect((err as ModelUnavailableError).hint).toMatch(/ANTHROPIC_API_KEY/);
    expect((err as Error).message).not.toContain('test-key');
  });
});

describe('driver selection', () => {
  it('no key: the claude driver refuses clearly; auto falls back to offline', () => {
    expect(() => selectDriver('claude', { apiKey: null, baseURL: null, model: 'm' })).toThrow(ModelUnavailableError);
    expect(() => selectDriver('claude', { apiKey: null, baseURL: null, model: 'm' })).toThrow(
      /needs ANTHROPIC_API_KEY/,
    );
    expect(selectDriver('auto', { apiKey: null, baseURL: null, model: 'm' }).name).toBe('offline');
    expect(selectDriver('auto', { apiKey: 'k', baseURL: null, model: 'm' }).name).toBe('claude');
    expect(selectDriver('offline', { apiKey: 'k', baseURL: null, model: 'm' }).name).toBe('offline');
  });
});
