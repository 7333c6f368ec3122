/** Rate limits, faults and auth failures: through the client's own retry, then mapped to typed errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotClient, HubSpotCrm } from '../../src/crm/index.js';
import { HubSpotError } from '../../src/errors/index.js';
import { LIMIT_PRESETS, startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { fixture } from '../support/fixtures.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function setup(
  opts: Partial<SandboxOptions>,
  client: {
    searchCap?: number;
    attempts?: number;
    burst?: { requests: number; windowMs: number } | false;
    searchPerSecond?: number | false;
    token?: string;
  } = {},
) {
  sb = await startSandbox({ dataset: fixture({ deals: 30 }), limits: LIMIT_PRESETS.off, ...opts });
  const hs = createHubSpotClient({
    accessToken: client.token ?? sb.token,
    basePath: sb.url,
    attempts: client.attempts ?? 3,
    burst: client.burst ?? false,
    searchPerSecond: client.searchPerSecond ?? false,
    ...(client.searchCap ? { searchCap: client.searchCap } : {}),
  });
  return { sb, hs, crm: new HubSpotCrm(hs) };
}

describe('rate limits', () => {
  it("rides out a TEN_SECONDLY_ROLLING 429 burst through the client's own retry", async () => {
    const { sb, hs } = await setup(
      { limits: { ...LIMIT_PRESETS.off, hubspot: { requests: 3, windowMs: 2_000 } } },
      { attempts: 2 },
    );
    const started = Date.now();
    const pages = await Promise.all(
      Array.from({ length: 4 }, () =>
        hs.client.crm.deals.basicApi.getPage(
          5,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          hs.options as never,
        ),
      ),
    );
    expect(pages.every((p) => p.results.length === 5)).toBe(true);
    expect(sb.stats().rateLimited).toBe(1);
    expect(hs.counter.total).toBe(5); // 4 calls + 1 retry
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900); // the client waits 10 s on this policy
  }, 30_000);

  it('stays under the burst limit with the client-side limiter (no 429 at all)', async () => {
    const { sb, hs } = await setup(
      { limits: { ...LIMIT_PRESETS.off, hubspot: { requests: 10, windowMs: 500 } } },
      { burst: { requests: 10, windowMs: 500 } },
    );
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        hs.client.crm.deals.basicApi.getById(
          String(4001 + i),
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          hs.options as never,
        ),
      ),
    );
    expect(sb.stats().rateLimited).toBe(0);
    expect(hs.counter.total).toBe(30);
  }, 30_000);

  it("retries search after HubSpot's secondly limit", async () => {
    const { sb, crm } = await setup({ limits: { ...LIMIT_PRESETS.off, search: { requests: 1, windowMs: 1_000 } } });
    const [a, b] = await Promise.all([
      crm.searchDeals({ filters: [{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: '101' }] }),
      crm.searchDeals({ filters: [{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: '102' }] }),
    ]);
    expect(a.length + b.length).toBe(30);
    expect(sb.stats().rateLimited).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('does not retry the DAILY limit and says when it resets', async () => {
    const { sb, crm } = await setup({});
    sb.injectFault({ status: 429, count: 1, policy: 'daily' });
    const err = await crm.listOwners().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotError);
    expect(err).toMatchObject({ code: 'HUBSPOT_RATE_LIMIT', status: 429 });
    expect((err as HubSpotError).hint).toMatch(/midnight/);
  });
});

describe('faults', () => {
  it('retries 5xx and succeeds, counting every attempt', async () => {
    const { sb, hs, crm } = await setup({}, { attempts: 3 });
    sb.injectFault({ status: 503, count: 2, match: '/crm/v3/objects/deals' });
    const deals = await crm.listDeals();
    expect(deals).toHaveLength(30);
    expect(sb.stats().faultsInjected).toBe(2);
    expect(hs.counter.snapshot().byRoute['GET /crm/v3/objects/deals']).toBe(3);
  });

  it('gives up after the configured attempts with a typed error', async () => {
    const { sb, crm } = await setup({}, { attempts: 2 });
    sb.injectFault({ status: 502, count: 5 });
    await expect(crm.listOwners()).rejects.toMatchObject({ code: 'HUBSPOT_UNAVAILABLE', status: 502 });
  });

  it('injects random faults from a spec, deterministically by seed', async () => {
    const { sb, crm } = await setup({ faults: { errorRate: 0.3, errorStatus: 500, seed: 7 } }, { attempts: 6 });
    const deals = await crm.listDeals();
    expect(deals).toHaveLength(30);
    expect(sb.stats().faultsInjected).toBeGreaterThan(0);
  });
});

describe('auth', () => {
  it('maps a bad token to HUBSPOT_AUTH without echoing the token', async () => {
    const { crm } = await setup({}, { token: 'pat-na1-not-a-real-token' });
    const err = (await crm.listDeals().catch((e: unknown) => e)) as HubSpotError;
    expect(err).toMatchObject({ code: 'HUBSPOT_AUTH', status: 401 });
    expect(`${err.message} ${err.hint}`).not.toContain('pat-na1-not-a-real-token');
    expect(err.hint).toMatch(/HUBSPOT_ACCESS_TOKEN/);
  });

  it('maps a missing scope to HUBSPOT_SCOPE naming the scope to add', async () => {
    const { crm } = await setup(
      { scopedTokens: { 'contacts-only': ['crm.objects.contacts.read'] } },
      { token: 'contacts-only' },
    );
    expect(await crm.listContacts()).toHaveLength(30);
    const err = (await crm.listDeals().catch((e: unknown) => e)) as HubSpotError;
    expect(err).toMatchObject({ code: 'HUBSPOT_SCOPE', status: 403 });
    expect(err.message).toContain('crm.objects.deals.read');
  });
});

describe('the 10,000-result search cap', () => {
  it('refuses to page past the cap, and the adapter gets past it with modified-date windows', async () => {
    const { crm, hs } = await setup(
      { dataset: fixture({ deals: 250 }), searchLimits: { maxResults: 100 } },
      { searchCap: 100 },
    );
    await expect(
      hs.client.crm.deals.searchApi.doSearch({ limit: 10, after: '100', filterGroups: [], sorts: [], properties: [] }),
    ).rejects.toMatchObject({ code: 400 });
    const ids = (await crm.modifiedSince('deals', '2020-01-01T00:00:00Z')).map((h) => h.id);
    expect(new Set(ids).size).toBe(250);
    const deals = await crm.searchDeals({ filters: [{ propertyName: 'amount', operator: 'HAS_PROPERTY' }] });
    expect(deals).toHaveLength(250 - Math.floor(250 / 7));
  });

  it("reads 10,050 deals by search at HubSpot's real cap", async () => {
    const { crm } = await setup({ dataset: fixture({ deals: 10_050 }) });
    const ids = (await crm.modifiedSince('deals', '2020-01-01T00:00:00Z')).map((h) => h.id);
    expect(ids).toHaveLength(10_050);
    expect(new Set(ids).size).toBe(10_050);
  }, 60_000);
});
