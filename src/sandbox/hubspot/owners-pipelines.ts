/** Owners (docs/api-facts.md A5) and pipelines (A4). */
import { queryInt, type Route, type RouteResult } from '../http/router.js';
import { hsErrors } from './errors.js';
import { resolveType } from './object-types.js';
import { decodeCursor, encodeCursor } from './serialize.js';

const OWNER_PAGE_MAX = 500;

function pipelineWithDefaults(p: Record<string, unknown>): Record<string, unknown> {
  const epoch = '1970-01-01T00:00:00Z';
  const stages = (p['stages'] as Record<string, unknown>[]).map((s) => ({
    archived: false,
    createdAt: epoch,
    updatedAt: epoch,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    ...s,
  }));
  return { archived: false, createdAt: epoch, updatedAt: epoch, ...p, stages };
}

export const ownerAndPipelineRoutes: Route[] = [
  {
    // Real HubSpot: portal id, time zone and company currency. The sandbox adds its dataset's 'now' and name.
    method: 'GET',
    pattern: '/account-info/v3/details',
    api: 'hubspot',
    scope: 'account-info.details.read',
    handle(ctx): RouteResult {
      const p = ctx.store.portal();
      return {
        status: 200,
        body: {
          portalId: 1_000_001,
          accountType: 'STANDARD',
          timeZone: p.timezone,
          companyCurrency: p.currency,
          additionalCurrencies: [],
          utcOffset: '',
          utcOffsetMilliseconds: 0,
          uiDomain: 'app.hubspot.com',
          dataHostingLocation: 'local-sandbox',
          sandbox: { asOf: new Date(p.asOf).toISOString(), name: p.name },
        },
      };
    },
  },
  {
    // The SDK calls `/crm/v3/owners/` with a query and `/crm/v3/owners` without; the router ignores a trailing slash.
    method: 'GET',
    pattern: '/crm/v3/owners',
    api: 'hubspot',
    scope: 'crm.objects.owners.read',
    handle(ctx): RouteResult {
      const all = ctx.store.owners(ctx.query.get('archived') === 'true', ctx.query.get('email') ?? undefined);
      const limit = Math.min(Math.max(queryInt(ctx.query, 'limit', 100), 1), OWNER_PAGE_MAX);
      const offset = decodeCursor(ctx.query.get('after'));
      const page = all.slice(offset, offset + limit);
      const more = offset + limit < all.length;
      const after = encodeCursor(offset + limit);
      return {
        status: 200,
        body: { results: page, ...(more ? { paging: { next: { after, link: `?after=${after}` } } } : {}) },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/crm/v3/owners/:ownerId',
    api: 'hubspot',
    scope: 'crm.objects.owners.read',
    handle(ctx): RouteResult {
      const byUser = ctx.query.get('idProperty') === 'userId';
      const archived = ctx.query.get('archived') === 'true';
      const want = ctx.params['ownerId']!;
      const owner = ctx.store.owners(archived).find((o) => String(byUser ? o['userId'] : o['id']) === want);
      if (!owner) throw hsErrors.notFound(`Owner ${want} not found`);
      return { status: 200, body: owner };
    },
  },
  {
    method: 'GET',
    pattern: '/crm/v3/pipelines/:objectType',
    api: 'hubspot',
    scope: 'crm.objects.{objectType}.read',
    handle(ctx): RouteResult {
      return {
        status: 200,
        body: { results: ctx.store.pipelines(pipelineObjectType(ctx.params['objectType']!)).map(pipelineWithDefaults) },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/crm/v3/pipelines/:objectType/:pipelineId',
    api: 'hubspot',
    scope: 'crm.objects.{objectType}.read',
    handle(ctx): RouteResult {
      const p = ctx.store
        .pipelines(pipelineObjectType(ctx.params['objectType']!))
        .find((x) => x['id'] === ctx.params['pipelineId']);
      if (!p) throw hsErrors.notFound(`Pipeline ${ctx.params['pipelineId']} not found`);
      return { status: 200, body: pipelineWithDefaults(p) };
    },
  },
  {
    method: 'GET',
    pattern: '/crm/v3/pipelines/:objectType/:pipelineId/stages',
    api: 'hubspot',
    scope: 'crm.objects.{objectType}.read',
    handle(ctx): RouteResult {
      const p = ctx.store
        .pipelines(pipelineObjectType(ctx.params['objectType']!))
        .find((x) => x['id'] === ctx.params['pipelineId']);
      if (!p) throw hsErrors.notFound(`Pipeline ${ctx.params['pipelineId']} not found`);
      return { status: 200, body: { results: pipelineWithDefaults(p)['stages'] as unknown[] } };
    },
  },
];

/** `deals`, `deal` and `0-3` name the same pipelines (object type ids work here as on the object endpoints). */
function pipelineObjectType(raw: string): string {
  try {
    return resolveType(raw);
  } catch {
    return raw;
  }
}
