/**
 * The pre-call brief with the claude driver (real Anthropic SDK, scripted Messages API on 127.0.0.1): the model's
 * words are accepted when every number and name is in what mis_deal_brief returned; an answer naming a person or
 * an amount the tools never returned is sent back once, and refused if it comes back the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeDriver, findWorkflow, OfflineDriver, runWorkflow } from '../../src/agent/index.js';
import { StateStore } from '../../src/state/index.js';
import { ScriptedAnthropic, type ScriptStep } from './scripted-anthropic.js';
import { demoServer } from './support.js';

let server: Awaited<ReturnType<typeof demoServer>>;
let state: StateStore;
let scripted: ScriptedAnthropic | null = null;
let offlineAnswer: { headline: string; sections: { title: string; lines: string[] }[] } & Record<string, unknown>;
let dealId: string;
const view = { timezone: 'Asia/Kolkata', currency: 'INR' };
const workflow = findWorkflow('pre-call-brief');

beforeAll(async () => {
  state = new StateStore(':memory:');
  server = await demoServer(state);
  dealId = [...server.session.ctx.data.crm.deals]
    .filter((d) => !['closedwon', 'closedlost'].includes(d.stageId))
    .sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0]!.id;
  const r = await runWorkflow({
    workflow,
    driver: new OfflineDriver(),
    client: server.client,
    inputs: { deal: dealId },
    asOf: server.session.ctx.asOf,
    view,
    state: null,
  });
  offlineAnswer = r.output as typeof offlineAnswer;
});
afterAll(async () => {
  await server.close();
  state.close();
});
afterEach(async () => {
  await scripted?.close();
  scripted = null;
});

async function run(script: ScriptStep[]) {
  scripted = new ScriptedAnthropic(script);
  const url = await scripted.start();
  const driver = new ClaudeDriver(
    { apiKey: 'test-key', baseURL: url, model: 'claude-test' },
    { stream: false, maxRetries: 0 },
  );
  return runWorkflow({
    workflow,
    driver,
    client: server.client,
    inputs: { deal: dealId },
    asOf: server.session.ctx.asOf,
    view,
    state,
  });
}

describe('pre-call-brief with Claude', () => {
  it('accepts a rewording that uses only the tool’s facts', async () => {
    const answer = { ...offlineAnswer, headline: `Before the call: ${offlineAnswer.headline}` };
    const r = await run([
      { reply: [{ type: 'tool_use', name: 'mis_deal_brief', input: { deal: dealId } }], stop: 'tool_use' },
      { reply: [{ type: 'text', text: JSON.stringify(answer) }] },
    ]);
    expect((r.output as { headline: string }).headline).toBe(answer.headline);
  });

  it('sends back, then refuses, an answer that names a person and an amount the tools never returned', async () => {
    const invented = { ...offlineAnswer, headline: 'Push Arvind Kesarkar for a ₹3.7 Cr commitment today.' };
    const step: ScriptStep = { reply: [{ type: 'text', text: JSON.stringify(invented) }] };
    await expect(
      run([
        { reply: [{ type: 'tool_use', name: 'mis_deal_brief', input: { deal: dealId } }], stop: 'tool_use' },
        step,
        step,
      ]),
    ).rejects.toThrow(/not in the tool results.*(3\.7|Arvind Kesarkar)/);
    const retry = scripted!.requests[2]!.body.messages.at(-1)!;
    expect(JSON.stringify(retry.content)).toMatch(/Arvind Kesarkar/);
  });
});
