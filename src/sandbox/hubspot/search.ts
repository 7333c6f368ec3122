/**
 * CRM search (docs/api-facts.md A2): filterGroups (OR of ANDed filters) with every operator, one sort, a text query,
 * offset paging up to 200 a page and the 10,000-result cap. Filters run inside SQLite through small
 * registered functions, so a search over 300k engagements never parses them in JavaScript.
 */
import type Database from 'better-sqlite3';
import { comparable, filterMatches, OPERATORS, type Operator } from '../../crm/index.js';
import type { ObjectType } from '../../dataset/index.js';
import type { RequestContext, Route, RouteResult } from '../http/router.js';
import { hsErrors } from './errors.js';
import { resolveType } from './object-types.js';
import { toPublicObject } from './serialize.js';

export interface SearchLimits {
  maxGroups: number;
  maxFiltersPerGroup: number;
  maxFilters: number;
  maxPageSize: number;
  maxResults: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  maxGroups: 5,
  maxFiltersPerGroup: 6,
  maxFilters: 18,
  maxPageSize: 200,
  maxResults: 10_000,
};

interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  deals: ['dealname'],
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'website'],
  calls: ['hs_call_title', 'hs_call_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
};

/** Register the SQL functions search needs (idempotent per connection). */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('hs_filter', { deterministic: true }, (value: unknown, op: unknown, args: unknown) =>
    filterMatches(value === null ? null : String(value), op as Operator, JSON.parse(String(args)) as Filter) ? 1 : 0,
  );
  db.function('hs_sortkey', { deterministic: true }, (value: unknown) =>
    comparable(value === null ? null : String(value)),
  );
  db.function('hs_query', { deterministic: true }, (props: unknown, type: unknown, q: unknown) => {
    const p = JSON.parse(String(props)) as Record<string, string | null>;
    const needle = String(q).toLowerCase();
    return QUERY_PROPERTIES[type as ObjectType].some((k) => (p[k] ?? '').toLowerCase().includes(needle)) ? 1 : 0;
  });
}

const PROPERTY_NAME = /^[A-Za-z0-9_]{1,100}$/;

function parseFilter(raw: unknown, where: string): Filter {
  const f = (raw ?? {}) as Record<string, unknown>;
  const propertyName = f['propertyName'];
  const operator = f['operator'];
  if (typeof propertyName !== 'string' || !propertyName)
    throw hsErrors.validation(`${where}: propertyName is required`);
  if (operator === undefined || operator === null)
    throw hsErrors.validation(`${where}: operator is required (one of ${OPERATORS.join(', ')})`);
  if (!OPERATORS.includes(operator as Operator))
    throw hsErrors.validation(`${where}: operator ${String(operator)} is not one of ${OPERATORS.join(', ')}`);
  const op = operator as Operator;
  const out: Filter = { propertyName, operator: op };
  if (f['value'] !== undefined) out.value = String(f['value']);
  if (f['highValue'] !== undefined) out.highValue = String(f['highValue']);
  if (Array.isArray(f['values'])) out.values = (f['values'] as unknown[]).map(String);
  if (
    ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'].includes(op) &&
    out.value === undefined
  ) {
    throw hsErrors.validation(`${where}: operator ${op} requires a value`);
  }
  if (op === 'BETWEEN' && (out.value === undefined || out.highValue === undefined))
    throw hsErrors.validation(`${where}: BETWEEN requires value and highValue`);
  if ((op === 'IN' || op === 'NOT_IN') && !out.values) throw hsErrors.validation(`${where}: ${op} requires values`);
  return out;
}

function filterSql(f: Filter, params: unknown[]): string {
  if (f.propertyName.startsWith('associations.')) {
    // HubSpot lets a search filter on associated records: associations.contact EQ 123
    const toType = resolveType(f.propertyName.slice('associations.'.length));
    const ids = f.operator === 'IN' ? (f.values ?? []) : f.operator === 'EQ' ? [f.value ?? ''] : null;
    if (!ids) throw hsErrors.validation(`${f.propertyName}: only EQ and IN are supported on associations`);
    params.push(toType, JSON.stringify(ids));
    return `EXISTS (SELECT 1 FROM associations a WHERE a.from_type = o.type AND a.from_id = o.id AND a.to_type = ? AND a.to_id IN (SELECT value FROM json_each(?)))`;
  }
  if (!PROPERTY_NAME.test(f.propertyName)) throw hsErrors.validation(`Property "${f.propertyName}" does not exist`);
  params.push(f.operator, JSON.stringify(f));
  return `hs_filter(json_extract(o.properties, '$.${f.propertyName}'), ?, ?)`;
}

export function runSearch(ctx: RequestContext, type: ObjectType, limits: SearchLimits): RouteResult {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const groups = Array.isArray(body['filterGroups']) ? (body['filterGroups'] as unknown[]) : [];
  if (groups.length > limits.maxGroups)
    throw hsErrors.validation(`Too many filter groups: ${groups.length} (max ${limits.maxGroups})`);
  let total = 0;
  const params: unknown[] = [type];
  const groupSql = groups.map((g, gi) => {
    const filters = Array.isArray((g as Record<string, unknown>)?.['filters'])
      ? ((g as Record<string, unknown>)['filters'] as unknown[])
      : [];
    if (filters.length > limits.maxFiltersPerGroup)
      throw hsErrors.validation(
        `Too many filters in filterGroups[${gi}]: ${filters.length} (max ${limits.maxFiltersPerGroup})`,
      );
    total += filters.length;
    if (!filters.length) return '1';
    return `(${filters.map((f, fi) => filterSql(parseFilter(f, `filterGroups[${gi}].filters[${fi}]`), params)).join(' AND ')})`;
  });
  if (total > limits.maxFilters) throw hsErrors.validation(`Too many filters: ${total} (max ${limits.maxFilters})`);

  let where = 'o.type = ? AND o.archived = 0';
  if (groupSql.length) where += ` AND (${groupSql.join(' OR ')})`;
  const query = body['query'];
  if (typeof query === 'string' && query.trim()) {
    if (query.length > 3000) throw hsErrors.validation('query is longer than 3000 characters');
    where += ' AND hs_query(o.properties, o.type, ?)';
    params.push(query.trim());
  }

  const limit = body['limit'] === undefined ? 10 : Number(body['limit']);
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize)
    throw hsErrors.validation(`limit must be between 1 and ${limits.maxPageSize}, got ${String(body['limit'])}`);
  const offset =
    body['after'] === undefined || body['after'] === null || body['after'] === '' ? 0 : Number(body['after']);
  if (!Number.isInteger(offset) || offset < 0)
    throw hsErrors.validation(`after must be a non-negative offset, got ${String(body['after'])}`);
  if (offset >= limits.maxResults) {
    throw hsErrors.validation(
      `The search endpoints are limited to ${limits.maxResults} total results for any given query. Attempting to page beyond ${limits.maxResults} will result in a 400 error.`,
    );
  }

  let order = 'o.num_id ASC, o.id ASC';
  const sorts = Array.isArray(body['sorts']) ? (body['sorts'] as unknown[]) : [];
  const sort = sorts[0];
  if (sort !== undefined) {
    let prop: string;
    let desc = false;
    if (typeof sort === 'string') {
      desc = sort.startsWith('-');
      prop = desc ? sort.slice(1) : sort;
    } else {
      const s = sort as Record<string, unknown>;
      prop = String(s['propertyName'] ?? '');
      desc = s['direction'] === 'DESCENDING';
    }
    if (!PROPERTY_NAME.test(prop)) throw hsErrors.validation(`Invalid sort property "${prop}"`);
    order = `hs_sortkey(json_extract(o.properties, '$.${prop}')) ${desc ? 'DESC' : 'ASC'}, ${order}`;
  }

  const db = ctx.store.db;
  const count = (db.prepare(`SELECT COUNT(*) AS n FROM objects o WHERE ${where}`).get(...params) as { n: number }).n;
  const pageSize = Math.min(limit, limits.maxResults - offset);
  const ids = db
    .prepare(`SELECT o.id FROM objects o WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, pageSize, offset) as { id: string }[];
  const properties = Array.isArray(body['properties']) ? (body['properties'] as unknown[]).map(String) : [];
  const results = ids.map(({ id }) => toPublicObject(ctx.store, ctx.store.getObject(type, id)!, { properties }));
  const next = offset + results.length;
  const more = next < Math.min(count, limits.maxResults);
  return {
    status: 200,
    body: { total: count, results, ...(more ? { paging: { next: { after: String(next) } } } : {}) },
  };
}

export function searchRoutes(limits: () => SearchLimits): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/crm/v3/objects/:type/search',
      api: 'hubspot',
      limit: 'search',
      scope: 'crm.objects.{type}.read',
      handle: (ctx) => runSearch(ctx, resolveType(ctx.params['type']!), limits()),
    },
  ];
}
