/** CRM v3 object endpoints: list, read, create, update, archive and the batch forms (docs/api-facts.md A1). */
import { OBJECT_TYPES, type ObjectType } from '../../dataset/index.js';
import { queryInt, queryList, type RequestContext, type Route, type RouteResult } from '../http/router.js';
import { targetTypeFor, type AssociationType, type StoredObject } from '../store/index.js';
import { hsErrors } from './errors.js';
import { resolveType } from './object-types.js';
import { decodeCursor, pagingFor, toPublicObject, type ReadOptions } from './serialize.js';
import { archiveObject, createObject, updateObject } from './writes.js';

const LIST_MAX = 100;
const LIST_MAX_WITH_HISTORY = 50;
const BATCH_MAX = 100;

function readOptions(ctx: RequestContext): ReadOptions {
  return {
    properties: queryList(ctx.query, 'properties'),
    propertiesWithHistory: queryList(ctx.query, 'propertiesWithHistory'),
    associations: queryList(ctx.query, 'associations').flatMap((a) => {
      try {
        return [resolveType(a)];
      } catch {
        return []; // unknown association names are ignored, as HubSpot does
      }
    }),
  };
}

function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const b = ctx.body;
  if (b === null || typeof b !== 'object' || Array.isArray(b))
    throw hsErrors.validation('Invalid input JSON on line 1: expected an object');
  return b as Record<string, unknown>;
}

function inputs(ctx: RequestContext): Record<string, unknown>[] {
  const list = bodyObject(ctx)['inputs'];
  if (!Array.isArray(list)) throw hsErrors.validation('Invalid input JSON: "inputs" must be an array');
  if (list.length > BATCH_MAX)
    throw hsErrors.validation(`Batch input limit exceeded: at most ${BATCH_MAX} inputs, got ${list.length}`);
  return list as Record<string, unknown>[];
}

function findBy(
  ctx: RequestContext,
  type: ObjectType,
  id: string,
  idProperty: string | null,
  archived: boolean,
): StoredObject | undefined {
  if (!idProperty || idProperty === 'hs_object_id') {
    const o = ctx.store.getObject(type, id);
    return o && o.archived === archived ? o : undefined;
  }
  if (!/^[A-Za-z0-9_]+$/.test(idProperty)) throw hsErrors.validation(`Invalid idProperty ${idProperty}`);
  const row = ctx.store.db
    .prepare(
      `SELECT id FROM objects WHERE type = ? AND archived = ? AND lower(json_extract(properties, '$.${idProperty}')) = lower(?) LIMIT 1`,
    )
    .get(type, archived ? 1 : 0, id) as { id: string } | undefined;
  return row ? ctx.store.getObject(type, row.id) : undefined;
}

function attachAssociations(ctx: RequestContext, obj: StoredObject, raw: unknown): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) throw hsErrors.validation('Invalid input JSON: "associations" must be an array');
  for (const a of raw as {
    to?: { id?: unknown };
    types?: { associationCategory?: string; associationTypeId?: number }[];
  }[]) {
    const toId = String(a.to?.id ?? '');
    const types = a.types ?? [];
    const first = types[0];
    if (!toId || !first || typeof first.associationTypeId !== 'number')
      throw hsErrors.validation('Invalid association: needs to.id and types[0].associationTypeId');
    const toType = targetTypeFor(obj.type, first.associationTypeId, OBJECT_TYPES);
    if (!toType)
      throw hsErrors.validation(`Association type id ${first.associationTypeId} is not valid from ${obj.type}`);
    const target = ctx.store.getObject(toType, toId);
    if (!target || target.archived) throw hsErrors.validation(`Association target ${toType} ${toId} does not exist`);
    const labels: AssociationType[] = types.map((t) => ({
      category: (t.associationCategory ?? 'HUBSPOT_DEFINED') as AssociationType['category'],
      typeId: t.associationTypeId ?? first.associationTypeId!,
      label: null,
    }));
    ctx.store.associate(obj.type, obj.id, toType, toId, labels);
  }
}

const batchMeta = (now: Date) => ({ startedAt: now.toISOString(), completedAt: new Date().toISOString() });

export const objectRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/crm/v3/objects/:type',
    api: 'hubspot',
    scope: 'crm.objects.{type}.read',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const opts = readOptions(ctx);
      const max = opts.propertiesWithHistory?.length ? LIST_MAX_WITH_HISTORY : LIST_MAX;
      const limit = Math.min(Math.max(queryInt(ctx.query, 'limit', 10), 1), max);
      const offset = decodeCursor(ctx.query.get('after'));
      const { items, more } = ctx.store.pageObjects(type, ctx.query.get('archived') === 'true', offset, limit);
      return {
        status: 200,
        body: {
          results: items.map((o) => toPublicObject(ctx.store, o, opts)),
          ...pagingFor(offset + items.length, more),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/crm/v3/objects/:type/:id',
    api: 'hubspot',
    scope: 'crm.objects.{type}.read',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const obj = findBy(
        ctx,
        type,
        ctx.params['id']!,
        ctx.query.get('idProperty'),
        ctx.query.get('archived') === 'true',
      );
      if (!obj) throw hsErrors.notFound(`resource not found: ${type} ${ctx.params['id']}`);
      return { status: 200, body: toPublicObject(ctx.store, obj, readOptions(ctx)) };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v3/objects/:type',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const body = bodyObject(ctx);
      const obj = ctx.store.db.transaction(() => {
        const created = createObject(ctx.store, type, body, ctx.now());
        attachAssociations(ctx, created, body['associations']);
        return created;
      })();
      return { status: 201, body: toPublicObject(ctx.store, obj, { properties: Object.keys(obj.properties) }) };
    },
  },
  {
    method: 'PATCH',
    pattern: '/crm/v3/objects/:type/:id',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const existing = findBy(ctx, type, ctx.params['id']!, ctx.query.get('idProperty'), false);
      if (!existing) throw hsErrors.notFound(`resource not found: ${type} ${ctx.params['id']}`);
      const obj = ctx.store.db.transaction(() =>
        updateObject(ctx.store, type, existing.id, bodyObject(ctx), ctx.now()),
      )();
      return { status: 200, body: toPublicObject(ctx.store, obj, { properties: Object.keys(obj.properties) }) };
    },
  },
  {
    method: 'DELETE',
    pattern: '/crm/v3/objects/:type/:id',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      if (!archiveObject(ctx.store, type, ctx.params['id']!, ctx.now()))
        throw hsErrors.notFound(`resource not found: ${type} ${ctx.params['id']}`);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v3/objects/:type/batch/read',
    api: 'hubspot',
    scope: 'crm.objects.{type}.read',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const body = bodyObject(ctx);
      const list = inputs(ctx);
      const opts: ReadOptions = {
        properties: Array.isArray(body['properties']) ? (body['properties'] as string[]) : [],
        propertiesWithHistory: Array.isArray(body['propertiesWithHistory'])
          ? (body['propertiesWithHistory'] as string[])
          : [],
      };
      const idProperty = typeof body['idProperty'] === 'string' ? body['idProperty'] : null;
      const archived = ctx.query.get('archived') === 'true';
      const results: unknown[] = [];
      const missing: string[] = [];
      for (const input of list) {
        const id = String(input['id'] ?? '');
        const obj = findBy(ctx, type, id, idProperty, archived);
        if (obj) results.push(toPublicObject(ctx.store, obj, opts));
        else missing.push(id);
      }
      const started = ctx.now();
      if (!missing.length) return { status: 200, body: { status: 'COMPLETE', results, ...batchMeta(started) } };
      return {
        status: 207,
        body: {
          status: 'COMPLETE',
          results,
          numErrors: missing.length,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
              context: { ids: missing },
              errors: [],
              links: {},
            },
          ],
          ...batchMeta(started),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v3/objects/:type/batch/create',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const list = inputs(ctx);
      const created = ctx.store.db.transaction(() =>
        list.map((input) => {
          const obj = createObject(ctx.store, type, input, ctx.now());
          attachAssociations(ctx, obj, input['associations']);
          return obj;
        }),
      )();
      return {
        status: 201,
        body: {
          status: 'COMPLETE',
          results: created.map((o) => toPublicObject(ctx.store, o, { properties: Object.keys(o.properties) })),
          ...batchMeta(ctx.now()),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v3/objects/:type/batch/update',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const list = inputs(ctx);
      // Inputs naming a record that does not exist fail alone (207, OBJECT_NOT_FOUND); the others are applied.
      const missing: string[] = [];
      const present = list.filter((input) => {
        const id = String(input['id'] ?? '');
        const obj = ctx.store.getObject(type, id);
        if (obj && !obj.archived) return true;
        missing.push(id);
        return false;
      });
      const updated = ctx.store.db.transaction(() =>
        present.map((input) => updateObject(ctx.store, type, String(input['id'] ?? ''), input, ctx.now())),
      )();
      const results = updated.map((o) => toPublicObject(ctx.store, o, { properties: Object.keys(o.properties) }));
      if (!missing.length) return { status: 200, body: { status: 'COMPLETE', results, ...batchMeta(ctx.now()) } };
      return {
        status: 207,
        body: {
          status: 'COMPLETE',
          results,
          numErrors: missing.length,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
              context: { ids: missing },
              errors: [],
              links: {},
            },
          ],
          ...batchMeta(ctx.now()),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v3/objects/:type/batch/archive',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const list = inputs(ctx);
      ctx.store.db.transaction(() =>
        list.forEach((input) => archiveObject(ctx.store, type, String(input['id'] ?? ''), ctx.now())),
      )();
      return { status: 204 };
    },
  },
];
