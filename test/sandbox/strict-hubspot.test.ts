/**
 * The sandbox refuses what HubSpot refuses (api-facts A1, A2, A6, A7), through the official @hubspot/api-client:
 * unknown properties on writes, dropdown values outside their options, a search filter without an operator;
 * and answers as HubSpot does: 207 partial success for a batch update with one unknown id, unknown properties
 * ignored on reads, "" for a cleared property's version, pipelines by object type id.
 */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_PRESETS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { fixture } from '../support/fixtures.js';

let sb: RunningSandbox;
let hs: Client;

beforeAll(async () => {
  sb = await startSandbox({ dataset: fixture({ deals: 12, notesPerDeal: 1 }), limits: LIMIT_PRESETS.off });
  hs = new Client({ accessToken: sb.token, basePath: sb.url });
});
afterAll(() => sb.close());

/** The raw HTTP answer (status and body), so error categories and sub-codes can be checked. */
async function raw(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await hs.apiRequest({ method, path, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
const codes = (b: Record<string, unknown>) =>
  ((b['errors'] as { code?: string }[] | undefined) ?? []).map((e) => e.code);

describe('writes', () => {
  it('refuses a property the object type does not have: 400 VALIDATION_ERROR / PROPERTY_DOESNT_EXIST, nothing changed', async () => {
    const before = await hs.crm.deals.basicApi.getById('4003', ['amount']);
    const r = await raw('PATCH', '/crm/v3/objects/deals/4003', { properties: { amount: '5', dealstaeg: 'closedwon' } });
    expect(r.status).toBe(400);
    expect(r.body['category']).toBe('VALIDATION_ERROR');
    expect(codes(r.body)).toContain('PROPERTY_DOESNT_EXIST');
    expect(String(r.body['message'])).toContain('dealstaeg');
    expect((await hs.crm.deals.basicApi.getById('4003', ['amount'])).properties['amount']).toBe(
      before.properties['amount'],
    );
    const created = await raw('POST', '/crm/v3/objects/notes', {
      properties: { hs_timestamp: '2026-11-20T10:00:00Z', hs_note_body: 'x', nonsense_field: 'y' },
    });
    expect(created.status).toBe(400);
    expect(codes(created.body)).toContain('PROPERTY_DOESNT_EXIST');
  });

  it('validates dropdown values: a task status outside its options is 400 INVALID_OPTION; a listed one is accepted', async () => {
    const bad = await raw('POST', '/crm/v3/objects/tasks', {
      properties: { hs_timestamp: '2026-11-21T10:00:00Z', hs_task_subject: 'Call back', hs_task_status: 'DONE_ISH' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['category']).toBe('VALIDATION_ERROR');
    expect(codes(bad.body)).toContain('INVALID_OPTION');
    const badCall = await raw('POST', '/crm/v3/objects/calls', {
      properties: { hs_timestamp: '2026-11-21T10:00:00Z', hs_call_direction: 'SIDEWAYS' },
    });
    expect(codes(badCall.body)).toContain('INVALID_OPTION');
    const ok = await hs.crm.objects.tasks.basicApi.create({
      properties: {
        hs_timestamp: '2026-11-21T10:00:00Z',
        hs_task_subject: 'Call back',
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
      },
    } as never);
    expect(ok.properties['hs_task_status']).toBe('NOT_STARTED');
  });

  it('batch update with one unknown id: 207, the others applied, the unknown id named as OBJECT_NOT_FOUND', async () => {
    const r = await raw('POST', '/crm/v3/objects/deals/batch/update', {
      inputs: [
        { id: '4004', properties: { amount: '4440000' } },
        { id: '999999', properties: { amount: '1' } },
        { id: '4005', properties: { amount: '5550000' } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body['numErrors']).toBe(1);
    const errors = r.body['errors'] as { category: string; context: { ids: string[] } }[];
    expect(errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } });
    expect((r.body['results'] as { id: string }[]).map((x) => x.id).sort()).toEqual(['4004', '4005']);
    const after = await hs.crm.deals.batchApi.read({
      inputs: [{ id: '4004' }, { id: '4005' }],
      properties: ['amount'],
      propertiesWithHistory: [],
    });
    expect(after.results.map((d) => d.properties['amount']).sort()).toEqual(['4440000', '5550000']);
  });

  it('serves a cleared property\'s version as "" (not null), in history order', async () => {
    await hs.crm.deals.basicApi.update('4006', { properties: { closedate: '2026-12-31T00:00:00Z' } });
    await hs.crm.deals.basicApi.update('4006', { properties: { closedate: '' } });
    const d = await hs.crm.deals.basicApi.getById('4006', ['closedate'], ['closedate']);
    expect(d.properties['closedate']).toBeNull();
    const values = (d.propertiesWithHistory?.['closedate'] ?? []).map((v) => v.value);
    expect(values).toContain('');
    expect(values).not.toContain(null);
  });
});

describe('reads', () => {
  it('ignores a requested property the object type does not have, on get, list, batch read and search', async () => {
    const one = await hs.crm.deals.basicApi.getById('4002', ['amount', 'no_such_prop']);
    expect(one.properties).not.toHaveProperty('no_such_prop');
    expect(one.properties).toHaveProperty('amount');
    const page = await hs.crm.deals.basicApi.getPage(5, undefined, ['dealname', 'no_such_prop']);
    for (const d of page.results) expect(d.properties).not.toHaveProperty('no_such_prop');
    const batch = await hs.crm.deals.batchApi.read({
      inputs: [{ id: '4002' }],
      properties: ['no_such_prop', 'dealname'],
      propertiesWithHistory: [],
    });
    expect(batch.results[0]!.properties).not.toHaveProperty('no_such_prop');
    const found = await hs.crm.deals.searchApi.doSearch({
      filterGroups: [],
      properties: ['no_such_prop', 'dealname'],
      limit: 3,
      after: '0',
      sorts: [],
    });
    for (const d of found.results) expect(d.properties).not.toHaveProperty('no_such_prop');
  });

  it('refuses a search filter without an operator (400 VALIDATION_ERROR)', async () => {
    const r = await raw('POST', '/crm/v3/objects/deals/search', {
      filterGroups: [{ filters: [{ propertyName: 'dealstage', value: 'closedwon' }] }],
      limit: 10,
    });
    expect(r.status).toBe(400);
    expect(r.body['category']).toBe('VALIDATION_ERROR');
    expect(String(r.body['message'])).toMatch(/operator is required/);
  });

  it('serves pipelines by object type id (0-3) and singular name as by "deals"', async () => {
    const byName = await hs.crm.pipelines.pipelinesApi.getAll('deals');
    expect(byName.results.length).toBeGreaterThan(0);
    for (const t of ['0-3', 'deal']) {
      const r = await hs.crm.pipelines.pipelinesApi.getAll(t);
      expect(
        r.results.map((p) => p.id),
        t,
      ).toEqual(byName.results.map((p) => p.id));
    }
    const stages = await hs.crm.pipelines.pipelineStagesApi.getAll('0-3', byName.results[0]!.id);
    expect(stages.results.length).toBe(byName.results[0]!.stages.length);
  });
});
