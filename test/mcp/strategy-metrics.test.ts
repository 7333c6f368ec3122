/** The strategy metrics through a real MCP client: mis_get_metric returns what the metric functions compute. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m from '../../src/analysis/metrics/index.js';
import { connectInMemory, type McpSession } from '../../src/mcp/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { call, sessionOf } from './support.js';

let session: McpSession;
let client: Client;
let close: () => Promise<void>;
beforeAll(async () => {
  session = await sessionOf(readPortalFile(demoDatasetPath()));
  ({ client, close } = await connectInMemory({ session }));
});
afterAll(async () => {
  await close();
});

describe('mis_get_metric: the strategy metrics', () => {
  it('lists every new metric in its enum and answers each with the metric document', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'mis_get_metric')!;
    const names = (tool.inputSchema.properties!['name'] as { enum: string[] }).enum;
    for (const n of [
      'cac',
      'ltv',
      'conversion',
      'attainment',
      'aging',
      'speed_to_lead',
      'lead_scores',
      'leaderboard',
      'budget',
      'channels',
    ])
      expect(names).toContain(n);
    const { ctx } = session;
    const cac = await call(client, 'mis_get_metric', { name: 'cac' });
    expect((cac.data['value'] as { blendedCac: number }).blendedCac).toBe(m.cac(ctx).blendedCac);
    const ltv = await call(client, 'mis_get_metric', { name: 'ltv' });
    expect((ltv.data['value'] as { ltv: number }).ltv).toBe(m.ltv(ctx).ltv);
    const aging = await call(client, 'mis_get_metric', { name: 'aging' });
    expect((aging.data['value'] as { team: unknown }).team).toEqual(m.aging(ctx).team);
    const f = await call(client, 'mis_get_metric', { name: 'forecast' });
    expect((f.data['value'] as { forward: { team: unknown } }).forward.team).toEqual(m.forwardForecast(ctx).team);
    const board = await call(client, 'mis_get_metric', { name: 'leaderboard', owner: '71217' });
    expect((board.data['value'] as { view: string }).view).toBe('off');
    for (const name of ['conversion', 'attainment', 'speed_to_lead', 'lead_scores', 'budget', 'channels']) {
      const r = await call(client, 'mis_get_metric', { name });
      expect(r.isError, name).toBeFalsy();
    }
  });
});
