/**
 * Writes on an in-memory portal@1 dataset, refused the way HubSpot (and the sandbox) refuses them: an unknown
 * record is a 404; a read-only or malformed property, an unknown owner, stage or association target a 400.
 * Copy-on-write: the dataset passed in is never changed; a new one is returned.
 */
import type { CrmRecord, ObjectType, PortalDataset } from '../../dataset/index.js';
import { HubSpotError } from '../../errors/index.js';

export type DatasetWrite =
  | { op: 'update'; type: ObjectType; id: string; properties: Readonly<Record<string, string>> }
  | {
      op: 'create';
      type: ObjectType;
      properties: Readonly<Record<string, string>>;
      associations: ReadonlyArray<{ type: ObjectType; id: string }>;
    };

const READ_ONLY = new Set(['hs_object_id', 'hs_lastmodifieddate', 'hs_createdate', 'lastmodifieddate']);
const TRACKED_HISTORY = ['dealstage', 'closedate', 'amount', 'hubspot_owner_id'];
const ENGAGEMENTS = new Set<ObjectType>(['calls', 'emails', 'meetings', 'notes', 'tasks']);
const TYPE_BASE: Record<ObjectType, number> = {
  companies: 1,
  contacts: 2,
  deals: 3,
  calls: 4,
  emails: 5,
  meetings: 6,
  notes: 7,
  tasks: 8,
};

function invalid(message: string): HubSpotError {
  return new HubSpotError('HUBSPOT_VALIDATION', `HubSpot refused the request (400): ${message}`, {
    status: 400,
    hint: 'Fix the value and propose the change again.',
  });
}

function checkProperties(
  d: PortalDataset,
  type: ObjectType,
  props: Readonly<Record<string, string>>,
  current?: Record<string, string | null>,
): void {
  for (const [k, v] of Object.entries(props)) {
    if (!/^[A-Za-z0-9_]{1,100}$/.test(k)) throw invalid(`Property "${k}" does not exist`);
    if (READ_ONLY.has(k)) throw invalid(`${k} is a read only property`);
    if (typeof v !== 'string') throw invalid(`${k} must be a string`);
  }
  const owner = props['hubspot_owner_id'];
  if (owner && !d.owners.some((o) => o.id === owner)) throw invalid(`${owner} is not a valid owner id`);
  if (type === 'deals' && (props['dealstage'] !== undefined || props['pipeline'] !== undefined)) {
    const pipelineId = props['pipeline'] ?? current?.['pipeline'] ?? d.pipelines.deals[0]?.id;
    const pipeline = d.pipelines.deals.find((p) => p.id === pipelineId);
    if (!pipeline) throw invalid(`pipeline ${pipelineId} does not exist`);
    const stage = props['dealstage'] ?? current?.['dealstage'];
    if (stage && !pipeline.stages.some((s) => s.id === stage))
      throw invalid(`${stage} is not a valid stage of pipeline ${pipelineId}`);
  }
  const amount = props['amount'];
  if (amount !== undefined && amount !== '' && !Number.isFinite(Number(amount)))
    throw invalid(`amount "${amount}" is not a number`);
}

function nextId(d: PortalDataset, type: ObjectType): string {
  let max = TYPE_BASE[type] * 10_000_000;
  for (const r of d.objects[type]) {
    const n = Number(r.id);
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

export function applyDatasetWrite(
  d: PortalDataset,
  w: DatasetWrite,
  now: Date,
): { dataset: PortalDataset; id: string; linked: { type: ObjectType; id: string }[] } {
  const ts = now.toISOString();
  const records = d.objects[w.type];
  type History = Record<string, Record<string, Record<string, unknown[]>>>;
  let history = (d.propertyHistory ?? {}) as History;
  // Copies only the path it changes, so the caller's dataset keeps its own history.
  const track = (id: string, props: Record<string, string | null>) => {
    const byId = { ...(history[w.type] ?? {}) };
    const byProp = { ...(byId[id] ?? {}) };
    for (const p of TRACKED_HISTORY) {
      if (props[p] === undefined) continue;
      byProp[p] = [...(byProp[p] ?? []), { value: props[p], timestamp: ts, sourceType: 'API' }];
    }
    byId[id] = byProp;
    history = { ...history, [w.type]: byId };
  };
  const withHistory = () => history as NonNullable<PortalDataset['propertyHistory']>;

  if (w.op === 'update') {
    const i = records.findIndex((r) => r.id === w.id && !r.archived);
    const current = records[i];
    if (!current)
      throw new HubSpotError('HUBSPOT_NOT_FOUND', `HubSpot has no such record (404): ${w.type} ${w.id}`, {
        status: 404,
        hint: 'The record may have been deleted or merged; sync again.',
      });
    checkProperties(d, w.type, w.properties, current.properties);
    const props: Record<string, string | null> = { ...current.properties };
    const changed: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(w.properties)) {
      const value = v === '' ? null : v;
      if ((props[k] ?? null) === value) continue;
      props[k] = changed[k] = value;
    }
    if (!Object.keys(changed).length) return { dataset: d, id: current.id, linked: [] };
    props['hs_lastmodifieddate'] = ts;
    track(current.id, changed);
    const updated: CrmRecord = { ...current, properties: props, updatedAt: ts };
    const next = [...records];
    next[i] = updated;
    return {
      dataset: { ...d, objects: { ...d.objects, [w.type]: next }, propertyHistory: withHistory() },
      id: current.id,
      linked: [],
    };
  }

  checkProperties(d, w.type, w.properties);
  if (ENGAGEMENTS.has(w.type) && !w.properties['hs_timestamp']) throw invalid('hs_timestamp is required');
  for (const a of w.associations) {
    if (!d.objects[a.type].some((r) => r.id === a.id && !r.archived))
      throw invalid(`Association target ${a.type} ${a.id} does not exist`);
  }
  const id = nextId(d, w.type);
  const props: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(w.properties)) props[k] = v === '' ? null : v;
  if (w.type === 'deals') props['pipeline'] ??= d.pipelines.deals[0]?.id ?? 'default';
  props['hs_object_id'] = id;
  props['hs_lastmodifieddate'] = ts;
  if (ENGAGEMENTS.has(w.type)) props['hs_createdate'] = ts;
  else props['createdate'] ??= ts;
  track(id, props);
  const created: CrmRecord = { id, properties: props, createdAt: ts, updatedAt: ts, archived: false };
  const associations = [
    ...d.associations,
    ...w.associations.map((a) => ({ from: { type: w.type, id }, to: { type: a.type, id: a.id } })),
  ];
  return {
    dataset: {
      ...d,
      objects: { ...d.objects, [w.type]: [...records, created] },
      associations,
      propertyHistory: withHistory(),
    },
    id,
    linked: [...w.associations],
  };
}
