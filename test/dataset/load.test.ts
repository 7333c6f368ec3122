/** portal@1 files: valid ones load, bad ones are refused naming the JSON path, and nothing is half-loaded. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors/index.js';
import { readPortalFile, writePortalFile, type PortalDatasetInput } from '../../src/dataset/index.js';
import { prepareSandboxStore, SandboxStore } from '../../src/sandbox/index.js';
import { fixtureInput } from '../support/fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mis-dataset-'));
});

function file(name: string, content: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

type Mutate = (d: PortalDatasetInput & Record<string, unknown>) => void;
const cases: [string, Mutate | string, string, RegExp][] = [
  ['not JSON', '{"format": "sales-mis/portal@1",', '', /not valid JSON/],
  ['wrong format tag', (d) => void (d.format = 'sales-mis/portal@2' as never), 'format', /sales-mis\/portal@1/],
  ['bad currency', (d) => void (d.portal.currency = 'rupees'), 'portal.currency', /ISO 4217/],
  ['bad time zone', (d) => void (d.portal.timezone = 'Mars/Olympus'), 'portal.timezone', /IANA/],
  ['bad asOf', (d) => void (d.portal.asOf = 'yesterday'), 'portal.asOf', /ISO 8601/],
  ['owners not an array', (d) => void ((d as Record<string, unknown>)['owners'] = {}), 'owners', /array/],
  [
    'deal without properties',
    (d) => void delete (d.objects.deals![2] as Record<string, unknown>)['properties'],
    'objects.deals[2].properties',
    /./,
  ],
  [
    'property value an object',
    (d) => void ((d.objects.deals![1]!.properties as Record<string, unknown>)['amount'] = { v: 1 }),
    'objects.deals[1].properties.amount',
    /./,
  ],
  [
    'duplicate deal id',
    (d) => void (d.objects.deals![3]!.id = d.objects.deals![0]!.id),
    'objects.deals[3].id',
    /duplicate deals id/,
  ],
  [
    'stage not in pipeline',
    (d) => void (d.objects.deals![4]!.properties['dealstage'] = 'contract_signed'),
    'objects.deals[4].properties.dealstage',
    /not in pipeline/,
  ],
  [
    'unknown owner',
    (d) => void (d.objects.deals![5]!.properties['hubspot_owner_id'] = '999'),
    'objects.deals[5].properties.hubspot_owner_id',
    /not in owners/,
  ],
  [
    'non-numeric amount',
    (d) => void (d.objects.deals![6]!.properties['amount'] = '15.2L'),
    'objects.deals[6].properties.amount',
    /not a number/,
  ],
  [
    'dangling association',
    (d) => void d.associations!.push({ from: { type: 'deals', id: '4001' }, to: { type: 'contacts', id: '999999' } }),
    'associations',
    /no contacts record/,
  ],
  [
    'association to an unknown type',
    (d) =>
      void d.associations!.push({ from: { type: 'deals', id: '4001' }, to: { type: 'tickets' as never, id: '1' } }),
    'associations',
    /./,
  ],
  [
    'history for a missing deal',
    (d) => void (d.propertyHistory!.deals!['123456'] = { dealstage: [] }),
    'propertyHistory.deals.123456',
    /no deals record/,
  ],
  [
    'SmartLead message for an unknown lead',
    (d) =>
      void d.smartlead!.messages!.push({ campaign_id: 77, lead_id: 1, type: 'SENT', time: '2026-11-10T09:00:00Z' }),
    'smartlead.messages',
    /not in campaign/,
  ],
  [
    'SmartLead message type',
    (d) => void ((d.smartlead!.messages![0] as Record<string, unknown>)['type'] = 'OPENED'),
    'smartlead.messages[0].type',
    /./,
  ],
  ['manager not an owner', (d) => void (d.managers = { '101': '555' }), 'managers.101', /not in owners/],
];

describe('dataset validation', () => {
  it('loads a valid file, normalising numbers in properties to strings', () => {
    const input = fixtureInput({ deals: 5 });
    (input.objects.deals![0]!.properties as Record<string, unknown>)['amount'] = 150000;
    const d = readPortalFile(file('ok.json', input));
    expect(d.objects.deals[0]!.properties['amount']).toBe('150000');
    expect(d.objects.deals).toHaveLength(5);
  });

  it.each(cases)('refuses %s, naming the path', (_name, mutate, path, message) => {
    const input = fixtureInput({ deals: 8 }) as PortalDatasetInput & Record<string, unknown>;
    let f: string;
    if (typeof mutate === 'string') f = file(`bad-${_name}.json`, mutate);
    else {
      mutate(input);
      f = file(`bad-${_name.replace(/\W+/g, '-')}.json`, input);
    }
    let err: unknown;
    try {
      readPortalFile(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetError);
    const de = err as DatasetError;
    expect(de.path.startsWith(path)).toBe(true);
    expect(de.message).toContain(f);
    expect(de.message).toMatch(message);
    expect(de.hint).toMatch(/nothing was loaded/);
  });

  it('keeps unknown fields through a write and a read', () => {
    const input = fixtureInput({ deals: 3 }) as PortalDatasetInput & Record<string, unknown>;
    input['x-custom'] = { kept: true };
    (input.objects.deals![0] as Record<string, unknown>)['url'] = 'https://app.hubspot.com/x';
    const f = join(dir, 'roundtrip.json');
    writePortalFile(f, input);
    const back = readPortalFile(f) as Record<string, unknown> & { objects: { deals: Record<string, unknown>[] } };
    expect(back['x-custom']).toEqual({ kept: true });
    expect(back.objects.deals[0]!['url']).toBe('https://app.hubspot.com/x');
  });
});

describe('loading into the sandbox store', () => {
  let store: SandboxStore | undefined;
  afterAll(() => store?.close());

  it('leaves the previous state untouched when a bad file is refused', () => {
    const storeFile = join(dir, 'sandbox.db');
    const good = file('good.json', fixtureInput({ deals: 4 }));
    prepareSandboxStore({ storeFile, dataset: good }).store.close();
    const bad = fixtureInput({ deals: 50 });
    bad.objects.deals![40]!.properties['dealstage'] = 'nope';
    expect(() => prepareSandboxStore({ storeFile, dataset: file('bad.json', bad), force: true })).toThrow(DatasetError);
    store = new SandboxStore(storeFile);
    expect(store.counts()['deals']).toBe(4);
    expect(store.portal().name).toBe('Fixture Portal');
  });

  it('rolls back a load that fails halfway through', () => {
    const s = new SandboxStore(':memory:');
    const d = readPortalFile(file('first.json', fixtureInput({ deals: 6 })));
    s.load(d);
    const broken = readPortalFile(file('second.json', fixtureInput({ deals: 9 })));
    // Two associations for the same pair in one direction are fine; make an insert fail mid-transaction instead.
    (broken.objects.deals as unknown[]).push(broken.objects.deals[0]);
    expect(() => s.load(broken)).toThrow();
    expect(s.counts()['deals']).toBe(6);
    s.close();
  });

  it('saves what it holds, writes included, as a file that loads back the same', () => {
    const s = new SandboxStore(':memory:');
    s.load(readPortalFile(file('src.json', fixtureInput({ deals: 7, notesPerDeal: 1 }))));
    const obj = s.getObject('deals', '4001')!;
    obj.properties['dealstage'] = 'closedwon';
    s.updateObject(obj);
    const out = join(dir, 'saved.json');
    writePortalFile(out, s.exportDataset());
    const again = new SandboxStore(':memory:');
    again.load(readPortalFile(out));
    expect(again.getObject('deals', '4001')!.properties['dealstage']).toBe('closedwon');
    expect(again.counts()).toEqual(s.counts());
    expect(again.associationsOf('deals', '4003', 'contacts').items.map((a) => a.toId)).toEqual(['3003']);
    expect(JSON.stringify(again.exportDataset())).toBe(JSON.stringify(s.exportDataset()));
    s.close();
    again.close();
  });

  it('refuses a store written by a newer sales-mis, without touching it', () => {
    const f = join(dir, 'newer.db');
    const s = new SandboxStore(f);
    s.db.pragma('user_version = 99');
    s.close();
    expect(() => new SandboxStore(f)).toThrow(/newer than this sales-mis/);
  });

  it('refuses a file that is not a database with a clear message', () => {
    const f = file('garbage.db', 'this is not sqlite at all'.repeat(100));
    expect(() => new SandboxStore(f)).toThrow(/cannot open sandbox store/);
  });
});
