/** Associations v4 (docs/api-facts.md A3): per-record pages, batch read, create (labelled and default), archive. */
import type { ObjectType } from '../../dataset/index.js';
import { queryInt, type RequestContext, type Route, type RouteResult } from '../http/router.js';
import { defaultAssociationTypes, type AssociationType, type StoredAssociation } from '../store/index.js';
import { hsErrors } from './errors.js';
import { objectTypeId, resolveType } from './object-types.js';
import { decodeCursor, encodeCursor } from './serialize.js';

const PAGE_DEFAULT = 500;

/** `toObjectId` is a JSON number on the wire (docs/api-facts.md A3), though ids are strings everywhere else. */
function wire(a: StoredAssociation): Record<string, unknown> {
  return {
    toObjectId: Number(a.toId),
    associationTypes: a.types.map((t) => ({ category: t.category, typeId: t.typeId, label: t.label })),
  };
}

function requireObject(ctx: RequestContext, type: ObjectType, id: string): void {
  const o = ctx.store.getObject(type, id);
  if (!o || o.archived) throw hsErrors.notFound(`resource not found: ${type} ${id}`);
}

function batchInputs(ctx: RequestContext): Record<string, unknown>[] {
  const list = ((ctx.body ?? {}) as Record<string, unknown>)['inputs'];
  if (!Array.isArray(list)) throw hsErrors.validation('Invalid input JSON: "inputs" must be an array');
  if (list.length > 1000) throw hsErrors.validation('Batch input limit exceeded: at most 1000 inputs');
  return list as Record<string, unknown>[];
}

function labelsFrom(raw: unknown): AssociationType[] {
  if (!Array.isArray(raw) || !raw.length)
    throw hsErrors.validation(
      'Invalid input JSON: expected association types [{associationCategory, associationTypeId}]',
    );
  return (raw as Record<string, unknown>[]).map((t) => {
    if (typeof t['associationTypeId'] !== 'number') throw hsErrors.validation('associationTypeId must be a number');
    return {
      category: String(t['associationCategory'] ?? 'HUBSPOT_DEFINED') as AssociationType['category'],
      typeId: t['associationTypeId'],
      label: null,
    };
  });
}

const now = (ctx: RequestContext) => ctx.now().toISOString();

export const associationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/crm/v4/objects/:type/:id/associations/:toType',
    api: 'hubspot',
    scope: 'crm.objects.{type}.read',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const toType = resolveType(ctx.params['toType']!);
      requireObject(ctx, type, ctx.params['id']!);
      const limit = Math.min(Math.max(queryInt(ctx.query, 'limit', PAGE_DEFAULT), 1), PAGE_DEFAULT);
      const offset = decodeCursor(ctx.query.get('after'));
      const { items, more } = ctx.store.associationsOf(type, ctx.params['id']!, toType, offset, limit);
      const next = encodeCursor(offset + items.length);
      return {
        status: 200,
        body: {
          results: items.map(wire),
          ...(more ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v4/associations/:fromType/:toType/batch/read',
    api: 'hubspot',
    scope: 'crm.objects.{fromType}.read',
    handle(ctx): RouteResult {
      const fromType = resolveType(ctx.params['fromType']!);
      const toType = resolveType(ctx.params['toType']!);
      const startedAt = now(ctx);
      const results: unknown[] = [];
      const missing: string[] = [];
      for (const input of batchInputs(ctx)) {
        const id = String(input['id'] ?? '');
        const o = ctx.store.getObject(fromType, id);
        if (!o || o.archived) {
          missing.push(id);
          continue;
        }
        const offset = decodeCursor(typeof input['after'] === 'string' ? input['after'] : null);
        const { items, more } = ctx.store.associationsOf(fromType, id, toType, offset, PAGE_DEFAULT);
        if (!items.length) continue;
        results.push({
          from: { id },
          to: items.map(wire),
          ...(more ? { paging: { next: { after: encodeCursor(offset + items.length) } } } : {}),
        });
      }
      const done = { status: 'COMPLETE', results, startedAt, completedAt: now(ctx) };
      if (!missing.length) return { status: 200, body: done };
      return {
        status: 207,
        body: {
          ...done,
          numErrors: missing.length,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: `No ${fromType} with ids ${missing.join(', ')}`,
              context: {
                fromObjectId: missing,
                fromObjectType: [objectTypeId(fromType)],
                toObjectType: [objectTypeId(toType)],
              },
              errors: [],
              links: {},
            },
          ],
        },
      };
    },
  },
  {
    method: 'PUT',
    pattern: '/crm/v4/objects/:type/:id/associations/default/:toType/:toId',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const toType = resolveType(ctx.params['toType']!);
      requireObject(ctx, type, ctx.params['id']!);
      requireObject(ctx, toType, ctx.params['toId']!);
      ctx.store.associate(
        type,
        ctx.params['id']!,
        toType,
        ctx.params['toId']!,
        defaultAssociationTypes(type, toType, false),
      );
      const t = defaultAssociationTypes(type, toType, false)[0]!;
      return {
        status: 200,
        body: {
          status: 'COMPLETE',
          startedAt: now(ctx),
          completedAt: now(ctx),
          results: [
            {
              from: { id: ctx.params['id'] },
              to: { id: ctx.params['toId'] },
              associationSpec: { associationCategory: t.category, associationTypeId: t.typeId },
            },
          ],
        },
      };
    },
  },
  {
    method: 'PUT',
    pattern: '/crm/v4/objects/:type/:id/associations/:toType/:toId',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      const type = resolveType(ctx.params['type']!);
      const toType = resolveType(ctx.params['toType']!);
      requireObject(ctx, type, ctx.params['id']!);
      requireObject(ctx, toType, ctx.params['toId']!);
      const labels = labelsFrom(ctx.body);
      ctx.store.associate(type, ctx.params['id']!, toType, ctx.params['toId']!, labels);
      return {
        status: 201,
        body: {
          fromObjectTypeId: objectTypeId(type),
          fromObjectId: Number(ctx.params['id']),
          toObjectTypeId: objectTypeId(toType),
          toObjectId: Number(ctx.params['toId']),
          labels: labels.map((l) => l.label).filter(Boolean),
        },
      };
    },
  },
  {
    method: 'DELETE',
    pattern: '/crm/v4/objects/:type/:id/associations/:toType/:toId',
    api: 'hubspot',
    scope: 'crm.objects.{type}.write',
    handle(ctx): RouteResult {
      ctx.store.dissociate(
        resolveType(ctx.params['type']!),
        ctx.params['id']!,
        resolveType(ctx.params['toType']!),
        ctx.params['toId']!,
      );
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v4/associations/:fromType/:toType/batch/create',
    api: 'hubspot',
    scope: 'crm.objects.{fromType}.write',
    handle(ctx): RouteResult {
      const fromType = resolveType(ctx.params['fromType']!);
      const toType = resolveType(ctx.params['toType']!);
      const list = batchInputs(ctx);
      const results = ctx.store.db.transaction(() =>
        list.map((input) => {
          const fromId = String((input['from'] as Record<string, unknown> | undefined)?.['id'] ?? '');
          const toId = String((input['to'] as Record<string, unknown> | undefined)?.['id'] ?? '');
          requireObject(ctx, fromType, fromId);
          requireObject(ctx, toType, toId);
          const labels = labelsFrom(input['types']);
          ctx.store.associate(fromType, fromId, toType, toId, labels);
          return {
            fromObjectTypeId: objectTypeId(fromType),
            fromObjectId: Number(fromId),
            toObjectTypeId: objectTypeId(toType),
            toObjectId: Number(toId),
            labels: [],
          };
        }),
      )();
      return { status: 201, body: { status: 'COMPLETE', results, startedAt: now(ctx), completedAt: now(ctx) } };
    },
  },
  {
    method: 'POST',
    pattern: '/crm/v4/associations/:fromType/:toType/batch/archive',
    api: 'hubspot',
    scope: 'crm.objects.{fromType}.write',
    handle(ctx): RouteResult {
      const fromType = resolveType(ctx.params['fromType']!);
      const toType = resolveType(ctx.params['toType']!);
      const list = batchInputs(ctx);
      ctx.store.db.transaction(() => {
        for (const input of list) {
          const fromId = String((input['from'] as Record<string, unknown> | undefined)?.['id'] ?? '');
          const to = Array.isArray(input['to']) ? (input['to'] as Record<string, unknown>[]) : [];
          for (const t of to) ctx.store.dissociate(fromType, fromId, toType, String(t['id'] ?? ''));
        }
      })();
      return { status: 204 };
    },
  },
];
