/** Creating and changing records as HubSpot does: validation, read-only fields, timestamps and history. */
import type { ObjectType } from '../../dataset/index.js';
import type { SandboxStore, StoredObject } from '../store/index.js';
import { hsErrors } from './errors.js';
import { isEngagement, READ_ONLY, TRACKED_HISTORY } from './object-types.js';
import { knownProperties, propertyOptions } from './properties.js';

type Props = Record<string, unknown>;

function asProperties(raw: unknown, store: SandboxStore, type: ObjectType): Record<string, string | null> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw hsErrors.validation('Invalid input JSON: "properties" must be an object');
  const out: Record<string, string | null> = {};
  const known = knownProperties(store, type);
  for (const [k, v] of Object.entries(raw as Props)) {
    if (!/^[A-Za-z0-9_]{1,100}$/.test(k) || (!known.has(k) && !READ_ONLY.has(k))) {
      throw hsErrors.validation(`Property values were not valid: Property "${k}" does not exist`, [
        { message: `Property "${k}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [k] } },
      ]);
    }
    if (READ_ONLY.has(k))
      throw hsErrors.validation(`Property values were not valid: ${k} is read-only`, [
        { message: `${k} is a read only property; its value cannot be set.`, code: 'READ_ONLY_VALUE' },
      ]);
    if (v === null || v === '') out[k] = null;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else
      throw hsErrors.validation(`Property values were not valid: ${k} must be a string`, [
        { message: `${k} must be a string`, code: 'INVALID_VALUE' },
      ]);
    const options = out[k] == null ? undefined : propertyOptions(store, type, k);
    if (options && !options.has(out[k]!)) {
      const allowed = [...options].join(', ');
      throw hsErrors.validation(
        `Property values were not valid: ${out[k]} was not one of the allowed options: [${allowed}]`,
        [
          {
            message: `${out[k]} was not one of the allowed options: [${allowed}]`,
            code: 'INVALID_OPTION',
            context: { propertyName: [k] },
          },
        ],
      );
    }
  }
  return out;
}

function checkValues(
  store: SandboxStore,
  type: ObjectType,
  props: Record<string, string | null>,
  current?: Record<string, string | null>,
): void {
  const owner = props['hubspot_owner_id'];
  if (owner && !store.db.prepare('SELECT 1 FROM owners WHERE id = ?').get(owner)) {
    throw hsErrors.validation(`Property values were not valid: ${owner} is not a valid owner id`, [
      { message: `${owner} is not a valid owner id`, code: 'INVALID_OWNER_ID' },
    ]);
  }
  if (type === 'deals' && (props['dealstage'] !== undefined || props['pipeline'] !== undefined)) {
    const pipelineId =
      props['pipeline'] ?? current?.['pipeline'] ?? (store.pipelines('deals')[0]?.['id'] as string | undefined);
    const pipeline = store.pipelines('deals').find((p) => p['id'] === pipelineId) as
      { stages: { id: string }[] } | undefined;
    if (!pipeline)
      throw hsErrors.validation(`Property values were not valid: pipeline ${pipelineId} does not exist`, [
        { message: `${pipelineId} is not a valid pipeline`, code: 'INVALID_OPTION' },
      ]);
    const stage = props['dealstage'] ?? current?.['dealstage'];
    if (stage && !pipeline.stages.some((s) => s.id === stage)) {
      throw hsErrors.validation(
        `Property values were not valid: ${stage} is not a valid stage of pipeline ${pipelineId}`,
        [{ message: `${stage} was not one of the allowed options`, code: 'INVALID_OPTION' }],
      );
    }
  }
  for (const key of ['amount', 'hs_call_duration']) {
    const v = props[key];
    if (v != null && !Number.isFinite(Number(v)))
      throw hsErrors.validation(`Property values were not valid: ${key} "${v}" is not a number`, [
        { message: `${v} is not a valid number`, code: 'INVALID_FLOAT' },
      ]);
  }
}

export function createObject(store: SandboxStore, type: ObjectType, body: unknown, now: Date): StoredObject {
  const input = (body ?? {}) as Props;
  const props = asProperties(input['properties'] ?? {}, store, type);
  if (isEngagement(type) && !props['hs_timestamp']) {
    throw hsErrors.validation('Property values were not valid: hs_timestamp is required', [
      { message: 'hs_timestamp is required', code: 'REQUIRED_PROPERTY' },
    ]);
  }
  if (type === 'deals') props['pipeline'] ??= (store.pipelines('deals')[0]?.['id'] as string | undefined) ?? 'default';
  checkValues(store, type, props);
  const ts = now.toISOString();
  const id = store.nextId(type);
  props['hs_object_id'] = id;
  props['hs_lastmodifieddate'] = ts;
  if (type === 'contacts') props['lastmodifieddate'] = ts;
  if (isEngagement(type)) props['hs_createdate'] = ts;
  else props['createdate'] ??= ts;
  const obj: StoredObject = {
    type,
    id,
    properties: props,
    createdAt: ts,
    updatedAt: ts,
    archived: false,
    archivedAt: null,
    extra: null,
  };
  store.insertObject(obj);
  for (const p of TRACKED_HISTORY) {
    if (props[p] != null) store.appendHistory(type, id, p, { value: props[p]!, timestamp: ts, sourceType: 'API' });
  }
  return obj;
}

export function updateObject(
  store: SandboxStore,
  type: ObjectType,
  id: string,
  body: unknown,
  now: Date,
): StoredObject {
  const current = store.getObject(type, id);
  if (!current || current.archived) throw hsErrors.notFound(`resource not found: ${type} ${id}`);
  const props = asProperties(((body ?? {}) as Props)['properties'] ?? {}, store, type);
  checkValues(store, type, props, current.properties);
  const ts = now.toISOString();
  let changed = false;
  for (const [k, v] of Object.entries(props)) {
    if ((current.properties[k] ?? null) === v) continue;
    changed = true;
    current.properties[k] = v;
    // A cleared property's version reads "" (as HubSpot serves it), never null.
    if (TRACKED_HISTORY.includes(k))
      store.appendHistory(type, id, k, { value: v ?? '', timestamp: ts, sourceType: 'API' });
  }
  if (changed) {
    current.properties['hs_lastmodifieddate'] = ts;
    if (type === 'contacts') current.properties['lastmodifieddate'] = ts;
    current.updatedAt = ts;
    store.updateObject(current);
  }
  return current;
}

export function archiveObject(store: SandboxStore, type: ObjectType, id: string, now: Date): boolean {
  const current = store.getObject(type, id);
  if (!current) return false;
  if (!current.archived) {
    const ts = now.toISOString();
    current.archived = true;
    current.archivedAt = ts;
    current.updatedAt = ts;
    current.properties['hs_lastmodifieddate'] = ts;
    if (type === 'contacts') current.properties['lastmodifieddate'] = ts;
    store.updateObject(current);
  }
  return true;
}
