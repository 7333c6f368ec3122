/**
 * Offline `mis ask` end to end on the eval portals, through the product's MCP server and a real MCP client: an AE
 * named in the question scopes the answer, a named company resolves to its deal, "who has the most" ranks AEs,
 * a "what did they say" question needs a model and calls no tool, and the win rate cites won and lost deals.
 * Expected records are computed from the dataset and the analysis domain, not from the ask path.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, ModelUnavailableError, OfflineDriver } from '../../src/agent/index.js';
import { runChecks } from '../../src/analysis/checks/index.js';
import { readPortalFile, type PortalDataset } from '../../src/dataset/index.js';
import { connectInMemory } from '../../src/mcp/index.js';
import { sessionOf } from './support.js';

const evals = join(import.meta.dirname, '../../evals');
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function portal(ds: PortalDataset) {
  const session = await sessionOf(ds);
  const conn = await connectInMemory({ session });
  closers.push(() => conn.close());
  const called: string[] = [];
  // Counts the tool calls that reach the MCP client: the offline answerer has no other way to the data.
  const client = {
    listTools: conn.client.listTools.bind(conn.client),
    callTool: ((p: { name: string }, ...rest: unknown[]) => (
      called.push(p.name),
      (conn.client.callTool as (...a: unknown[]) => unknown)(p, ...rest)
    )) as typeof conn.client.callTool,
  };
  const run = (question: string, owner?: string) =>
    ask({
      question,
      driver: new OfflineDriver(),
      client,
      owner,
      asOf: session.ctx.asOf,
      view: { timezone: session.ctx.timezone, currency: session.ctx.currency },
      state: null,
    });
  return { session, run, called };
}

const load = (rel: string) => readPortalFile(join(evals, rel));
const ownerOf = (ds: PortalDataset) =>
  new Map(ds.objects.deals.map((d) => [d.id, d.properties['hubspot_owner_id'] ?? null]));
const dealIds = (citations: Array<{ type: string; id: string }>) =>
  citations.filter((c) => c.type === 'deal').map((c) => c.id);

describe('offline mis ask on the eval portals', () => {
  it('"at risk for Rohit" answers for Rohit only, the same deals as --owner', async () => {
    const ds = load('datasets/edge-cases.json');
    const p = await portal(ds);
    const rohit = ds.owners.find((o) => o.firstName === 'Rohit')!;
    const r = await p.run('which deals are at risk for Rohit?');
    const cited = dealIds(r.answer.citations);
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(ownerOf(ds).get(id)).toBe(rohit.id);
    expect(r.answer.answer).toContain(`For ${rohit.firstName} ${rohit.lastName}`);
    const byOption = await p.run('which deals are at risk?', rohit.id);
    expect(cited).toEqual(dealIds(byOption.answer.citations));
    expect(r.toolCalls.find((c) => c.tool === 'mis_deal_risk')?.args).toMatchObject({ owner: rohit.id });
  });

  it('two AEs with the same first name: says so and lists both, citing nothing', async () => {
    const ds = structuredClone(load('datasets/edge-cases.json'));
    ds.owners.push({
      ...ds.owners.find((o) => o.firstName === 'Rohit')!,
      id: '79999',
      email: 'rohit.shah@demo-logistics.example',
      lastName: 'Shah',
      userId: 99999,
    });
    const p = await portal(ds);
    const r = await p.run('which deals are at risk for Rohit?');
    expect(r.answer.citations).toEqual([]);
    expect(r.answer.report).toBeNull();
    expect(r.answer.answer).toMatch(/more than one AE/);
    expect(r.answer.answer).toContain('Rohit Malhotra');
    expect(r.answer.answer).toContain('Rohit Shah');
    expect(p.called).not.toContain('mis_deal_risk');
  });

  it('a named company resolves to its deal, not the similarly named firm, and asks mis_deal_risk for that deal', async () => {
    const ds = load('datasets/edge-cases.json');
    const p = await portal(ds);
    const agro = ds.objects.deals.find((d) => d.properties['dealname']?.startsWith('Tungabhadra Agro Foods'))!;
    const spices = ds.objects.deals
      .filter((d) => d.properties['dealname']?.startsWith('Tungabhadra Spices'))
      .map((d) => d.id);
    expect(spices.length).toBeGreaterThan(0);
    const r = await p.run('Is the Tungabhadra Agro Foods deal at risk?');
    expect(r.answer.report).toBe('at-risk');
    expect(r.answer.citations).toEqual([{ type: 'deal', id: agro.id }]);
    for (const id of spices) expect(r.text).not.toContain(id);
    expect(r.toolCalls.filter((c) => c.tool === 'mis_deal_risk').map((c) => c.args)).toEqual([{ dealId: agro.id }]);
  });

  it('"who has the most stale deals?" names the AE with the most stale_deal findings, with counts', async () => {
    const ds = load('datasets/sparse.json');
    const p = await portal(ds);
    const counts = new Map<string, number>();
    for (const f of runChecks(p.session.ctx, ['stale_deal']))
      if (f.ownerId) counts.set(f.ownerId, (counts.get(f.ownerId) ?? 0) + 1);
    const [topId, topN] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const top = ds.owners.find((o) => o.id === topId)!;
    const r = await p.run('who has the most stale deals?');
    expect(r.answer.citations[0]).toEqual({ type: 'owner', id: topId });
    expect(r.answer.citations.every((c) => c.type === 'owner')).toBe(true);
    expect(r.answer.answer).toMatch(
      new RegExp(`^${top.firstName} ${top.lastName} \\(owner ${topId}\\) has the most stale deals: ${topN} of`),
    );
    for (const [id, n] of counts) expect(r.answer.answer).toContain(`(owner ${id}): ${n}`);
  });

  it('"what did the CFO say on our last call?" needs a model: no report, only the names it needs to tell a customer from an AE', async () => {
    const p = await portal(load('../data/demo-portal.json'));
    const e = await p.run('what did the CFO of Kesar Warehousing say on our last call?').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelUnavailableError);
    expect((e as ModelUnavailableError).message).toMatch(/needs a model/);
    expect((e as ModelUnavailableError).hint).toMatch(/ANTHROPIC_API_KEY/);
    expect(p.called).toEqual(['hubspot_list_owners', 'hubspot_list_pipelines']);
  });

  it('the win rate cites the won deals as well as the lost ones of the quarter', async () => {
    const ds = load('weekly-momentum/hand-built.json');
    const p = await portal(ds);
    const r = await p.run('what is our win rate this quarter?');
    const closedInQuarter = (stage: string) =>
      ds.objects.deals
        .filter((d) => d.properties['dealstage'] === stage && (d.properties['closedate'] ?? '') >= '2026-10-01')
        .map((d) => d.id);
    const won = closedInQuarter('closedwon');
    const lost = closedInQuarter('closedlost');
    expect(won.length).toBeGreaterThan(0);
    expect(new Set(dealIds(r.answer.citations))).toEqual(new Set([...won, ...lost]));
  });
});
