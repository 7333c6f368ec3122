/** A tiny route table: the sandbox serves two fixed APIs, so patterns are compiled once and matched in order. */
import type { SandboxStore } from '../store/index.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestContext {
  method: Method;
  /** The path without the query string, as requested. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there is none). */
  body: unknown;
  store: SandboxStore;
  /** The sandbox clock (wall clock unless a test fixes it). */
  now(): Date;
}

export interface RouteResult {
  status: number;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  /** A plain-text body (SmartLead answers some writes with `success`). */
  text?: string;
  headers?: Record<string, string>;
}

export type Api = 'hubspot' | 'smartlead';

export interface Route {
  method: Method;
  /** e.g. `/crm/v3/objects/:type/:id`; used as the stats key. A trailing slash in a request is ignored. */
  pattern: string;
  api: Api;
  /** HubSpot search endpoints have their own secondly limit and are exempt from the ten-secondly one. */
  limit?: 'search' | 'standard' | 'none';
  /** HubSpot scope the token needs, e.g. `crm.objects.deals.read` (`{type}` is replaced by the :type param). */
  scope?: string;
  handle(ctx: RequestContext): RouteResult;
}

export interface CompiledRoute extends Route {
  regex: RegExp;
  keys: string[];
}

export function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const source = route.pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), keys };
}

export function match(
  routes: ReadonlyArray<CompiledRoute>,
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    return { route, params };
  }
  return allowed.length ? { allowed } : undefined;
}

/** Thrown by handlers to answer with an error status and body in the API's own shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Query arrays arrive repeated (`a=1&a=2`, as the HubSpot SDK sends) or comma-joined (as the docs describe). */
export function queryList(query: URLSearchParams, key: string): string[] {
  return query
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function queryInt(query: URLSearchParams, key: string, fallback: number): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}
