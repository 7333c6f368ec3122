/** The official @hubspot/api-client against the sandbox: what a real portal would answer, shape for shape. */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_PRESETS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { dealAmount, fixture, STAGES } from '../support/fixtures.js';

const N = 250;
let sb: RunningSandbox;
let hs: Client;

beforeAll(async () => {
  sb = await startSandbox({ dataset: fixture({ deals: N, notesPerDeal: 1 }), limits: LIMIT_PRESETS.off });
  hs = new Client({ accessToken: sb.token, basePath: sb.url });
});
afterAll(() => sb.close());

type Op =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';
async function searchIds(
  filters: { propertyName: string; operator: Op; value?: string; highValue?: string; values?: string[] }[],
  extra: { sorts?: unknown[]; limit?: number } = {},
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined = '0';
  while (after !== undefined) {
    const res = await hs.crm.deals.searchApi.doSearch({
      filterGroups: filters.length ? [{ filters: filters as never }] : [],
      sorts: (extra.sorts ?? []) as string[],
      properties: ['dealname', 'amount'],
      limit: extra.limit ?? 200,
      after,
    });
    ids.push(...res.results.map((r) => r.id));
    after = res.paging?.next?.after;
  }
  return ids;
}
const idsWhere = (pred: (i: number) => boolean) =>
  Array.from({ length: N }, (_, k) => k + 1)
    .filter(pred)
    .map((i) => String(4000 + i));
const hasAmount = (i: number) => i % 7 !== 0;

describe('objects: list and read', () => {
  it('pages through every deal with the cursor, and leaves paging off the last page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    let lastPaging: unknown = 'unset';
    do {
      const page = await hs.crm.deals.basicApi.getPage(100, after, ['dealname']);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      lastPaging = page.paging;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(lastPaging).toBeUndefined();
    expect(new Set(seen).size).toBe(N);
    expect(seen[0]).toBe('4001');
  });

  it('serves property values as strings, unset requested properties as null, unknown ones not at all, and dates as Date objects', async () => {
    const d = await hs.crm.deals.basicApi.getById('4007', ['amount', 'dealname', 'no_such_prop']);
    expect(d.properties['amount']).toBeNull(); // deal 7 has no amount
    expect(d.properties).not.toHaveProperty('no_such_prop'); // HubSpot ignores a property the object type does not have
    expect(d.properties['hs_object_id']).toBe('4007');
    expect(d.createdAt).toBeInstanceOf(Date);
    const d2 = await hs.crm.deals.basicApi.getById('4002', ['amount']);
    expect(d2.properties['amount']).toBe(String(dealAmount(2)));
  });

  it('accepts comma-joined array parameters as well as repeated ones', async () => {
    const res = await hs.apiRequest({ method: 'GET', path: '/crm/v3/objects/deals/4002?properties=amount,dealstage' });
    const body = (await res.json()) as { properties: Record<string, string> };
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(body.properties['dealstage']).toBe(STAGES[2]);
    expect(body.properties['amount']).toBe('20000');
  });

  it('answers an unknown record with 404 and a JSON body the client can parse', async () => {
    await expect(hs.crm.deals.basicApi.getById('999999')).rejects.toMatchObject({
      code: 404,
      body: { category: 'OBJECT_NOT_FOUND' },
    });
  });

  it('serves stage history newest first through propertiesWithHistory', async () => {
    const d = await hs.crm.deals.basicApi.getById('4002', ['dealstage'], ['dealstage']);
    const hist = d.propertiesWithHistory!['dealstage']!;
    expect(hist.map((h) => h.value)).toEqual(['contractsent', 'appointmentscheduled']);
    expect(hist[0]!.timestamp.getTime()).toBeGreaterThan(hist[1]!.timestamp.getTime());
  });

  it('batch-reads up to 100 ids, answering 207 with OBJECT_NOT_FOUND for the missing ones', async () => {
    const res = await hs.crm.deals.batchApi.read({
      inputs: [{ id: '4001' }, { id: '4002' }, { id: '987654' }],
      properties: ['amount'],
      propertiesWithHistory: [],
    });
    expect(res.results.map((r) => r.id).sort()).toEqual(['4001', '4002']);
    expect((res as { errors?: { category: string }[] }).errors?.[0]?.category).toBe('OBJECT_NOT_FOUND');
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: String(4001 + i) }));
    await expect(
      hs.crm.deals.batchApi.read({ inputs: tooMany, properties: [], propertiesWithHistory: [] }),
    ).rejects.toMatchObject({ code: 400 });
  });
});

describe('search', () => {
  const amt = (i: number) => String(dealAmount(i));
  it.each<
    [
      string,
      { propertyName: string; operator: Op; value?: string; highValue?: string; values?: string[] },
      (i: number) => boolean,
    ]
  >([
    ['EQ', { propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' }, (i) => STAGES[i % 4] === 'closedwon'],
    ['NEQ', { propertyName: 'dealstage', operator: 'NEQ', value: 'closedwon' }, (i) => STAGES[i % 4] !== 'closedwon'],
    ['LT', { propertyName: 'amount', operator: 'LT', value: amt(50) }, (i) => hasAmount(i) && i < 50],
    ['LTE', { propertyName: 'amount', operator: 'LTE', value: amt(50) }, (i) => hasAmount(i) && i <= 50],
    ['GT', { propertyName: 'amount', operator: 'GT', value: amt(200) }, (i) => hasAmount(i) && i > 200],
    ['GTE', { propertyName: 'amount', operator: 'GTE', value: amt(200) }, (i) => hasAmount(i) && i >= 200],
    [
      'BETWEEN',
      { propertyName: 'amount', operator: 'BETWEEN', value: amt(10), highValue: amt(20) },
      (i) => hasAmount(i) && i >= 10 && i <= 20,
    ],
    [
      'IN',
      { propertyName: 'dealstage', operator: 'IN', values: ['qualifiedtobuy', 'contractsent'] },
      (i) => i % 4 === 1 || i % 4 === 2,
    ],
    ['NOT_IN', { propertyName: 'hubspot_owner_id', operator: 'NOT_IN', values: ['101'] }, (i) => i % 2 === 0],
    ['HAS_PROPERTY', { propertyName: 'amount', operator: 'HAS_PROPERTY' }, hasAmount],
    ['NOT_HAS_PROPERTY', { propertyName: 'amount', operator: 'NOT_HAS_PROPERTY' }, (i) => !hasAmount(i)],
    ['CONTAINS_TOKEN', { propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'forace' }, (i) => i % 5 === 0],
    [
      'NOT_CONTAINS_TOKEN',
      { propertyName: 'dealname', operator: 'NOT_CONTAINS_TOKEN', value: 'forace' },
      (i) => i % 5 !== 0,
    ],
  ])('%s', async (_op, filter, pred) => {
    expect((await searchIds([filter])).sort()).toEqual(idsWhere(pred).sort());
  });

  it('compares date filters given as epoch milliseconds against ISO values', async () => {
    const cutoff = Date.UTC(2026, 0, 11); // deals created on day i = 1..10 are before it
    const ids = await searchIds([{ propertyName: 'createdate', operator: 'LT', value: String(cutoff) }]);
    expect(ids.sort()).toEqual(idsWhere((i) => i <= 10).sort());
  });

  it('ORs filter groups and ANDs filters within a group', async () => {
    const res = await hs.crm.deals.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'dealstage', operator: 'EQ' as never, value: 'closedwon' },
            { propertyName: 'hubspot_owner_id', operator: 'EQ' as never, value: '101' },
          ],
        },
        { filters: [{ propertyName: 'hs_object_id', operator: 'EQ' as never, value: '4002' }] },
      ],
      limit: 200,
      after: '0',
      sorts: [],
      properties: [],
    });
    // closedwon needs i % 4 == 3 (always odd, so owner 101), plus deal 4002
    expect(res.total).toBe(idsWhere((i) => i % 4 === 3).length + 1);
  });

  it('sorts ascending and descending, with objects or "-prop" strings', async () => {
    const asc = await searchIds([{ propertyName: 'amount', operator: 'HAS_PROPERTY' }], {
      sorts: [{ propertyName: 'amount', direction: 'ASCENDING' }],
    });
    expect(asc.slice(0, 3)).toEqual(['4001', '4002', '4003']);
    const desc = await searchIds([{ propertyName: 'amount', operator: 'HAS_PROPERTY' }], { sorts: ['-amount'] });
    expect(desc.slice(0, 2)).toEqual(['4250', '4249']);
  });

  it('matches a text query against the deal name', async () => {
    const res = await hs.crm.deals.searchApi.doSearch({
      query: 'Forace',
      limit: 200,
      after: '0',
      sorts: [],
      properties: [],
      filterGroups: [],
    });
    expect(res.total).toBe(idsWhere((i) => i % 5 === 0).length);
  });

  it('refuses more than 200 a page, and too many filters, with 400 VALIDATION_ERROR', async () => {
    await expect(
      hs.crm.deals.searchApi.doSearch({ limit: 201, after: '0', filterGroups: [], sorts: [], properties: [] }),
    ).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    const seven = Array.from({ length: 7 }, () => ({ propertyName: 'amount', operator: 'HAS_PROPERTY' as never }));
    await expect(
      hs.crm.deals.searchApi.doSearch({
        limit: 10,
        after: '0',
        filterGroups: [{ filters: seven }],
        sorts: [],
        properties: [],
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('filters on associated records (associations.contact)', async () => {
    const ids = await searchIds([{ propertyName: 'associations.contact', operator: 'EQ', value: '3005' }]);
    expect(ids).toEqual(['4005']);
  });
});

describe('associations v4', () => {
  it("lists a deal's contacts and a contact's deals (both directions), with numeric toObjectId on the wire", async () => {
    const fwd = await hs.crm.associations.v4.basicApi.getPage('deals', '4003', 'contacts');
    expect(fwd.results.map((r) => String(r.toObjectId))).toEqual(['3003']);
    expect(typeof fwd.results[0]!.toObjectId).toBe('number');
    expect(fwd.results[0]!.associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 3 });
    const back = await hs.crm.associations.v4.basicApi.getPage('contacts', '3003', 'deals');
    expect(back.results.map((r) => String(r.toObjectId))).toEqual(['4003']);
    expect(back.results[0]!.associationTypes[0]!.typeId).toBe(4);
  });

  it('marks the first company of a deal Primary (5) besides unlabeled (341)', async () => {
    const res = await hs.crm.associations.v4.basicApi.getPage('deals', '4004', 'companies');
    expect(res.results[0]!.associationTypes.map((t) => t.typeId).sort()).toEqual([341, 5].sort());
  });

  it('batch-reads associations for many records', async () => {
    const res = await hs.crm.associations.v4.batchApi.getPage('companies', 'deals', {
      inputs: [{ id: '2000' }, { id: '2001' }],
    });
    const byCompany = Object.fromEntries(res.results.map((r) => [r._from.id, r.to.length]));
    expect(byCompany['2000']).toBe(idsWhere((i) => i % 3 === 0).length);
    expect(byCompany['2001']).toBe(idsWhere((i) => i % 3 === 1).length);
  });

  it('inlines associations on v3 list reads when asked', async () => {
    const page = await hs.crm.objects.notes.basicApi.getPage(5, undefined, ['hs_note_body'], undefined, ['deals']);
    expect(page.results[0]!.associations?.['deals']?.results[0]).toMatchObject({ id: '4001', type: 'note_to_deal' });
  });
});

describe('owners and pipelines', () => {
  it('lists owners with and without the trailing slash the client sends', async () => {
    const page = await hs.crm.owners.ownersApi.getPage(undefined, undefined, 100);
    expect(page.results.map((o) => o.id)).toEqual(['101', '102']);
    const bare = await hs.apiRequest({ method: 'GET', path: '/crm/v3/owners' });
    expect(((await bare.json()) as { results: unknown[] }).results).toHaveLength(2);
    const one = await hs.crm.owners.ownersApi.getById(9001, 'userId');
    expect(one.email).toBe('asha@example.com');
  });

  it('serves the deal pipeline with string metadata', async () => {
    const res = await hs.crm.pipelines.pipelinesApi.getAll('deals');
    expect(res.results[0]!.stages.find((s) => s.id === 'closedwon')!.metadata).toMatchObject({
      isClosed: 'true',
      probability: '1.0',
    });
  });
});

describe('writes answer the status codes the client requires', () => {
  it('creates (201), updates (200) with history, and archives (204) a deal', async () => {
    const created = await hs.crm.deals.basicApi.create({
      properties: { dealname: 'New one', dealstage: 'appointmentscheduled', amount: '500000', hubspot_owner_id: '101' },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    const updated = await hs.crm.deals.basicApi.update(created.id, { properties: { dealstage: 'qualifiedtobuy' } });
    expect(updated.properties['dealstage']).toBe('qualifiedtobuy');
    const withHistory = await hs.crm.deals.basicApi.getById(created.id, ['dealstage'], ['dealstage']);
    expect(withHistory.propertiesWithHistory!['dealstage']!.map((h) => h.value)).toEqual([
      'qualifiedtobuy',
      'appointmentscheduled',
    ]);
    await hs.crm.deals.basicApi.archive(created.id);
    await expect(hs.crm.deals.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
    const archived = await hs.crm.deals.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('refuses a stage that is not in the pipeline and a read-only property with 400', async () => {
    await expect(hs.crm.deals.basicApi.update('4001', { properties: { dealstage: 'nope' } })).rejects.toMatchObject({
      code: 400,
    });
    await expect(hs.crm.deals.basicApi.update('4001', { properties: { hs_object_id: '1' } })).rejects.toMatchObject({
      code: 400,
    });
  });

  it('creates a note associated to a deal, visible through v4 from the deal', async () => {
    const note = await hs.crm.objects.notes.basicApi.create({
      properties: { hs_note_body: 'Met the CFO', hs_timestamp: '2026-11-20T10:00:00Z' },
      associations: [
        { to: { id: '4010' }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 214 }] },
      ],
    });
    const fromDeal = await hs.crm.associations.v4.basicApi.getPage('deals', '4010', 'notes');
    expect(fromDeal.results.map((r) => String(r.toObjectId))).toContain(note.id);
  });

  it('refuses an engagement without hs_timestamp', async () => {
    await expect(
      hs.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: 'x' }, associations: [] }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('creates (201) and deletes (204) a v4 association', async () => {
    await hs.crm.associations.v4.basicApi.create('deals', '4011', 'contacts', '3012', [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 },
    ]);
    let res = await hs.crm.associations.v4.basicApi.getPage('deals', '4011', 'contacts');
    expect(res.results.map((r) => String(r.toObjectId)).sort()).toEqual(['3011', '3012']);
    await hs.crm.associations.v4.basicApi.archive('deals', '4011', 'contacts', '3012');
    res = await hs.crm.associations.v4.basicApi.getPage('deals', '4011', 'contacts');
    expect(res.results.map((r) => String(r.toObjectId))).toEqual(['3011']);
  });
});

describe('statistics', () => {
  it('counts requests per route pattern at the sandbox-only path, and resets them', async () => {
    await fetch(`${sb.url}/__sandbox/stats/reset`, { method: 'POST' });
    await hs.crm.deals.basicApi.getPage(10);
    await hs.crm.deals.basicApi.getById('4001');
    const stats = (await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as {
      requests: Record<string, number>;
      total: number;
    };
    expect(stats.requests).toEqual({ 'GET /crm/v3/objects/:type': 1, 'GET /crm/v3/objects/:type/:id': 1 });
    expect(stats.total).toBe(2);
  });
});
