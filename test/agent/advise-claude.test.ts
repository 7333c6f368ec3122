/**
 * RevOps advice through `mis ask` with the claude driver (real Anthropic SDK, scripted Messages API on 127.0.0.1):
 * the prose is the model's, but once mis_advise was consulted every number and name in it must be in the tool
 * results; an answer with an invented figure is sent back once and refused if it comes back the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advise/index.js';
import { ask, ClaudeDriver } from '../../src/agent/index.js';
import { formatMoney } from '../../src/format/index.js';
import { ScriptedAnthropic, type ScriptStep } from './scripted-anthropic.js';
import { demoServer } from './support.js';

let server: Awaited<ReturnType<typeof demoServer>>;
let scripted: ScriptedAnthropic | null = null;
const view = { timezone: 'Asia/Kolkata', currency: 'INR' };
const question = 'Our pipeline is a mess: deals sit in stages forever. What do we do?';

beforeAll(async () => {
  server = await demoServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await scripted?.close();
  scripted = null;
});

async function askWith(script: ScriptStep[]) {
  scripted = new ScriptedAnthropic(script);
  const url = await scripted.start();
  const driver = new ClaudeDriver(
    { apiKey: 'test-key', baseURL: url, model: 'claude-test' },
    { stream: false, maxRetries: 0 },
  );
  return ask({ question, driver, client: server.client, asOf: server.session.ctx.asOf, view, state: null });
}

const toolUse: ScriptStep = {
  reply: [{ type: 'tool_use', name: 'mis_advise', input: { topic: 'pipeline' } }],
  stop: 'tool_use',
};
const answer = (text: string) => ({
  reply: [
    {
      type: 'text' as const,
      text: JSON.stringify({ kind: 'answer', question, answer: text, citations: [], report: null }),
    },
  ],
});

describe('RevOps advice with Claude', () => {
  it("accepts the model's wording when its figures come from the advice report", async () => {
    const r = advise(server.session.ctx, 'pipeline');
    if (r.topic !== 'pipeline') throw new Error('topic');
    const top = r.overMax[0]!;
    const text = `${top.deal.name} has sat ${top.days} days in ${top.stage}, past the ${top.maxDays}-day maximum; it is worth ${formatMoney(top.amount, 'INR')}. Chase it first.`;
    const out = await askWith([toolUse, answer(text)]);
    expect(out.answer.answer).toBe(text);
    expect(out.toolCalls.map((c) => c.tool)).toEqual(['mis_advise']);
  });

  it('sends back, then refuses, advice with a figure the report does not hold', async () => {
    const invented = answer('Cut the pipeline by ₹9.87 Cr and close 437 deals this week.');
    await expect(askWith([toolUse, invented, invented])).rejects.toThrow(/not in the tool results.*(9\.87|437)/);
    const retry = scripted!.requests[2]!.body.messages.at(-1)!;
    expect(JSON.stringify(retry.content)).toMatch(/437|9\.87/);
  });
});
