/** mis_advise through a real MCP Client on the committed demo portal: the advisor's report, bounded, strict input. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advise/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { sessionOf } from './support.js';

let session: McpSession;
let client: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  session = await sessionOf(readPortalFile(demoDatasetPath()));
  ({ client, close } = await connectInMemory({ session }));
});
afterAll(async () => {
  await close();
  session.state.close();
});

describe('mis_advise', () => {
  it('is listed read-only with all four annotations', async () => {
    const t = (await client.listTools()).tools.find((x) => x.name === 'mis_advise')!;
    expect(t.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
  });

  it.each(['lifecycle', 'scoring', 'pipeline', 'metrics', 'hygiene', 'out_of_scope'] as const)(
    '%s: the report the advisor computes, lists cut to 10 rows, under 20 KB',
    async (topic) => {
      const r = await client.callTool({ name: 'mis_advise', arguments: { topic } });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      const out = r.structuredContent as { topic: string; report: Record<string, unknown>; truncated: boolean };
      expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(20_000);
      const direct = advise(session.ctx, topic);
      expect(out.topic).toBe(topic);
      expect(out.report['headline']).toBe(direct.headline);
      expect(out.report['plan']).toEqual(direct.plan.slice(0, 10));
      const lists = Object.values(direct).filter(Array.isArray);
      expect(out.truncated).toBe(lists.some((l) => l.length > 10));
    },
  );

  it('pipeline: the deals over their maximum are the report’s, most money first', async () => {
    const r = await client.callTool({ name: 'mis_advise', arguments: { topic: 'pipeline' } });
    const over = (r.structuredContent as { report: { overMax: { deal: { id: string }; amount: number }[] } }).report
      .overMax;
    const direct = advise(session.ctx, 'pipeline');
    if (direct.topic !== 'pipeline') throw new Error('topic');
    expect(over.map((x) => x.deal.id)).toEqual(direct.overMax.slice(0, 10).map((x) => x.deal.id));
    expect(over.map((x) => x.amount)).toEqual([...over.map((x) => x.amount)].sort((a, b) => b - a));
  });

  it('refuses unknown topics and unknown keys', async () => {
    const bad = await client.callTool({ name: 'mis_advise', arguments: { topic: 'cold_email' } });
    expect(bad.isError).toBe(true);
    const extra = await client.callTool({ name: 'mis_advise', arguments: { topic: 'pipeline', owner: '101' } });
    expect(extra.isError).toBe(true);
  });
});
