/**
 * The size bound: pageOf and enforceBound on their own, then every read tool on a generated portal of a few
 * thousand deals, asked for as much as each allows, stays under 20 KB and says when it left something out.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePortal } from '../../src/dataset/index.js';
import { generatePortal } from '../../src/generator/index.js';
import {
  connectInMemory,
  DEFAULT_MAX_RESULT_BYTES,
  enforceBound,
  jsonBytes,
  pageOf,
  type McpSession,
} from '../../src/mcp/index.js';
import { call, sessionOf } from './support.js';

describe('pageOf', () => {
  const items = Array.from({ length: 500 }, (_, i) => ({ id: i, text: 'x'.repeat(100) }));
  const build = (page: typeof items, info: { total: number; nextCursor: string | null; truncated: boolean }) => ({
    items: page,
    ...info,
  });

  it('returns at most limit items and a cursor that continues exactly where the page ended', () => {
    const first = pageOf(items, { limit: 10, query: { q: 1 }, maxBytes: 1_000_000 }, build);
    expect(first.items.map((x) => x.id)).toEqual([...Array(10).keys()]);
    expect(first).toMatchObject({ total: 500, truncated: true });
    const second = pageOf(items, { limit: 10, cursor: first.nextCursor!, query: { q: 1 }, maxBytes: 1_000_000 }, build);
    expect(second.items[0]!.id).toBe(10);
    const last = pageOf(
      items,
      {
        limit: 10,
        cursor: pageOf(items, { limit: 490, query: { q: 1 }, maxBytes: 1e9 }, build).nextCursor!,
        query: { q: 1 },
        maxBytes: 1e9,
      },
      build,
    );
    expect(last).toMatchObject({ nextCursor: null, truncated: false });
    expect(last.items).toHaveLength(10);
  });

  it('cuts a page to the most items that fit the byte budget and continues after them', () => {
    const page = pageOf(items, { limit: 500, query: {}, maxBytes: 5_000 }, build);
    expect(jsonBytes(page)).toBeLessThanOrEqual(5_000);
    expect(jsonBytes(pageOf(items, { limit: page.items.length + 1, query: {}, maxBytes: 1e9 }, build))).toBeGreaterThan(
      5_000,
    );
    expect(page.truncated).toBe(true);
    const next = pageOf(items, { limit: 500, cursor: page.nextCursor!, query: {}, maxBytes: 5_000 }, build);
    expect(next.items[0]!.id).toBe(page.items.length);
  });

  it('refuses a forged cursor or one from another query', () => {
    const first = pageOf(items, { limit: 10, query: { q: 1 }, maxBytes: 1e9 }, build);
    expect(() =>
      pageOf(items, { limit: 10, cursor: first.nextCursor!, query: { q: 2 }, maxBytes: 1e9 }, build),
    ).toThrow(/different query/);
    expect(() => pageOf(items, { limit: 10, cursor: 'not-a-cursor', query: { q: 1 }, maxBytes: 1e9 }, build)).toThrow(
      /not a cursor/,
    );
  });
});

describe('enforceBound', () => {
  it('leaves small values alone', () => {
    const v = { a: [1, 2, 3], truncated: false };
    expect(enforceBound(v, 1000)).toBe(v);
  });

  it('shortens the biggest arrays and strings until the value fits, keeping its shape, and flags it', () => {
    const v = {
      rows: Array.from({ length: 2000 }, (_, i) => ({
        id: String(i),
        ids: Array.from({ length: 20 }, (_, k) => `${i}-${k}`),
      })),
      note: 'y'.repeat(30_000),
      n: 5,
      truncated: false,
    };
    const b = enforceBound(v, 20_000);
    expect(jsonBytes(b)).toBeLessThanOrEqual(20_000);
    expect(b.truncated).toBe(true);
    expect(b.n).toBe(5);
    expect(Array.isArray(b.rows)).toBe(true);
    expect(b.rows.length).toBeGreaterThan(0);
    expect(b.note.endsWith('…')).toBe(true);
    expect(v.rows).toHaveLength(2000); // the input is not modified
  });
});

describe('every read tool on a generated portal of 2,000 deals', () => {
  let session: McpSession;
  let client: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    session = await sessionOf(parsePortal(generatePortal({ seed: 7, deals: 2000 }), 'generated'));
    ({ client, close } = await connectInMemory({ session }));
  }, 120_000);
  afterAll(async () => {
    await close();
    session.state.close();
  });

  it('keeps every answer under 20 KB of JSON and flags what it left out', async () => {
    const crm = session.ctx.data.crm;
    const o = session.ctx.data.outreach!;
    const perDeal = new Map<string, number>();
    for (const e of crm.engagements) for (const id of e.dealIds) perDeal.set(id, (perDeal.get(id) ?? 0) + 1);
    const busiest = [...perDeal.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const lead = o.leads.find((l) => o.messages.some((m) => m.leadId === l.leadId && m.campaignId === l.campaignId))!;
    const owner = crm.owners.find((x) => crm.deals.some((d) => d.ownerId === x.id))!.id;
    const calls: [string, Record<string, unknown>][] = [
      ['hubspot_search_deals', { limit: 100 }],
      ['hubspot_get_deal_timeline', { dealId: busiest, limit: 50 }],
      ['hubspot_list_owners', { includeArchived: true, limit: 200 }],
      ['hubspot_list_pipelines', {}],
      ['smartlead_list_campaigns', { limit: 100 }],
      ['smartlead_get_lead_history', { email: lead.email, limit: 50 }],
      ['smartlead_get_campaign_stats', { campaignId: o.campaigns[0]!.id }],
      ['state_get_ae_profile', { owner }],
      ['state_list_nudges', { limit: 100 }],
      ['state_get_run_findings', { limit: 100 }],
      ['state_get_compliance_trend', { weeks: 2 }], // auditSnapshot costs seconds per reconstructed week at this size
      ['mis_run_checks', { limit: 100 }],
      ['mis_weekly_momentum', { maxDealIds: 100, from: '2026-01-01', to: '2026-11-21' }],
      ['mis_activity_scorecard', { from: '2026-01-01', to: '2026-11-21' }],
      ['mis_get_metric', { name: 'velocity' }],
      ['mis_get_metric', { name: 'winloss', from: '2025-01-01', to: '2026-11-21' }],
      ['mis_get_metric', { name: 'roi' }],
      ['mis_deal_risk', { limit: 50, onlyAtRisk: false }],
    ];
    const sizes: string[] = [];
    for (const [name, args] of calls) {
      const r = await call(client, name, args);
      expect(r.isError, `${name}: ${r.text}`).toBe(false);
      expect(r.bytes, name).toBeLessThanOrEqual(DEFAULT_MAX_RESULT_BYTES);
      sizes.push(`${name} ${r.bytes}`);
    }
    console.log(`result bytes on 2,000 deals: ${sizes.join(', ')}`);
    const deals = await call(client, 'hubspot_search_deals', { limit: 100 });
    expect(deals.data['total']).toBe(crm.deals.length);
    expect(deals.data['truncated']).toBe(true);
    expect((deals.data['deals'] as unknown[]).length).toBeGreaterThan(40);
    const checks = await call(client, 'mis_run_checks', { limit: 100 });
    expect(checks.data['truncated']).toBe(true);
    expect(checks.data['nextCursor']).toEqual(expect.any(String));
    const momentum = await call(client, 'mis_weekly_momentum', {
      maxDealIds: 100,
      from: '2026-01-01',
      to: '2026-11-21',
    });
    expect(momentum.data['truncated']).toBe(true);
  }, 300_000);
});
