/**
 * The local sandbox: an HTTP server on 127.0.0.1 that speaks the HubSpot CRM v3/v4 and SmartLead APIs over a
 * SQLite store, with HubSpot's auth, rate limits and error bodies, optional faults, and request statistics.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PortalDataset } from '../dataset/index.js';
import { LIMIT_PRESETS, NO_FAULTS, type FaultConfig, type SandboxLimits } from '../config/index.js';
import { seededRandom, type ScriptedFault } from './faults.js';
import {
  compile,
  HttpError,
  match,
  type Api,
  type CompiledRoute,
  type Method,
  type Route,
  type RouteResult,
} from './http/router.js';
import { associationRoutes } from './hubspot/associations.js';
import { hsErrors } from './hubspot/errors.js';
import { objectRoutes } from './hubspot/objects.js';
import { ownerAndPipelineRoutes } from './hubspot/owners-pipelines.js';
import { DEFAULT_SEARCH_LIMITS, registerSearchFunctions, searchRoutes, type SearchLimits } from './hubspot/search.js';
import { RollingWindow } from './limits.js';
import { smartleadRoutes } from './smartlead/index.js';
import { SandboxStore } from './store/index.js';

export interface SandboxOptions {
  /** An open store; or give `dataset` to load one into a fresh in-memory store. */
  store?: SandboxStore;
  dataset?: PortalDataset;
  /** The one valid HubSpot token and SmartLead api_key (docs/contracts.md §3: MIS_SANDBOX_TOKEN, default `sandbox-token`). */
  token?: string;
  /** Further HubSpot tokens limited to the given scopes, to exercise 403 MISSING_SCOPES. */
  scopedTokens?: Record<string, string[]>;
  limits?: Partial<SandboxLimits>;
  faults?: Partial<FaultConfig>;
  searchLimits?: Partial<SearchLimits>;
  port?: number;
  host?: string;
  now?: () => Date;
}

export interface SandboxStats {
  requests: Record<string, number>;
  total: number;
  rateLimited: number;
  faultsInjected: number;
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:4010`: HubSpot's basePath; SmartLead's base is `${url}/smartlead/api/v1`. */
  url: string;
  port: number;
  token: string;
  store: SandboxStore;
  stats(): SandboxStats;
  resetStats(): void;
  injectFault(fault: ScriptedFault): void;
  setLimits(limits: Partial<SandboxLimits>): void;
  setFaults(faults: Partial<FaultConfig>): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=utf-8';
const MAX_BODY = 10 * 1024 * 1024;

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const store = opts.store ?? new SandboxStore(':memory:');
  if (opts.dataset) store.load(opts.dataset, { label: 'in-memory dataset' });
  registerSearchFunctions(store.db);
  const token = opts.token ?? 'sandbox-token';
  const now = opts.now ?? (() => new Date());
  let limits: SandboxLimits = { ...LIMIT_PRESETS.pro, ...opts.limits };
  let faults: FaultConfig = { ...NO_FAULTS, ...opts.faults };
  let random = seededRandom(faults.seed);
  const searchLimits: SearchLimits = { ...DEFAULT_SEARCH_LIMITS, ...opts.searchLimits };
  const windows = makeWindows(limits);
  let dailyUsed = 0;
  const scripted: ScriptedFault[] = [];
  const stats: SandboxStats = { requests: {}, total: 0, rateLimited: 0, faultsInjected: 0 };

  const routes: CompiledRoute[] = (
    [
      ...searchRoutes(() => searchLimits),
      ...objectRoutes,
      ...associationRoutes,
      ...ownerAndPipelineRoutes,
      ...smartleadRoutes,
    ] as Route[]
  ).map(compile);

  function makeWindows(l: SandboxLimits) {
    return {
      hubspot: l.hubspot ? new RollingWindow(l.hubspot) : null,
      search: l.search ? new RollingWindow(l.search) : null,
      smartlead: l.smartlead ? new RollingWindow(l.smartlead) : null,
    };
  }

  function rateLimit(api: Api, kind: Route['limit'], headers: Record<string, string>): void {
    const t = Date.now();
    const l0 = limits;
    if (api === 'smartlead') {
      const w = windows.smartlead;
      const taken = w ? w.tryTake(t) : true;
      if (w && l0.smartlead) {
        // SmartLead's rate-limit headers (api-facts C2): the window's size, what is left, when it frees (unix seconds).
        headers['X-RateLimit-Limit'] = String(l0.smartlead.requests);
        headers['X-RateLimit-Remaining'] = String(w.remaining(t));
        headers['X-RateLimit-Reset'] = String(Math.ceil((t + Math.max(w.retryAfterMs(t), taken ? 0 : 1)) / 1000));
      }
      if (w && !taken) {
        const secs = Math.max(1, Math.ceil(w.retryAfterMs(t) / 1000));
        throw new HttpError(
          429,
          {
            error: {
              code: 'RATE_LIMIT_EXCEEDED',
              message: `Too many requests. Please retry after ${secs} seconds.`,
              retry_after: secs,
            },
          },
          { 'Retry-After': String(secs), ...pickRateHeaders(headers) },
        );
      }
      return;
    }
    if (kind === 'none') return;
    if (limits.daily !== false && dailyUsed >= limits.daily) throw hsErrors.daily();
    if (kind === 'search') {
      if (windows.search && !windows.search.tryTake(t)) throw hsErrors.secondly();
      dailyUsed++;
      return; // search is exempt from the ten-secondly limit and carries no rate-limit headers
    }
    const w = windows.hubspot;
    if (w && !w.tryTake(t)) throw hsErrors.tenSecondly('publicapi:private_app-api-calls-ten-secondly:sandbox');
    dailyUsed++;
    if (w && limits.hubspot) {
      const max = limits.hubspot.requests;
      headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(limits.hubspot.windowMs);
      headers['X-HubSpot-RateLimit-Max'] = String(max);
      headers['X-HubSpot-RateLimit-Remaining'] = String(w.remaining(t));
      headers['X-HubSpot-RateLimit-Secondly'] = String(Math.ceil(max / 10));
    }
    if (limits.daily !== false) {
      headers['X-HubSpot-RateLimit-Daily'] = String(limits.daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, limits.daily - dailyUsed));
    }
  }

  function authenticate(
    api: Api,
    route: CompiledRoute,
    params: Record<string, string>,
    req: IncomingMessage,
    query: URLSearchParams,
  ): void {
    if (api === 'smartlead') {
      const key = query.get('api_key');
      if (!key) throw new HttpError(401, { message: 'API key is required.' });
      if (key !== token) throw new HttpError(401, { message: 'Invalid API Key' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (bearer === token) return;
    const scopes = bearer ? opts.scopedTokens?.[bearer] : undefined;
    if (!scopes) throw hsErrors.unauthorized();
    const needed = route.scope?.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? k);
    if (needed && !scopes.includes(needed)) throw hsErrors.missingScopes([needed]);
  }

  async function applyFaults(api: Api, path: string): Promise<void> {
    const lat = faults.latencyMs;
    const ms = Array.isArray(lat) ? lat[0] + random() * (lat[1] - lat[0]) : lat;
    if (ms > 0 && (!faults.match || path.includes(faults.match))) await new Promise((r) => setTimeout(r, ms));
    const i = scripted.findIndex((f) => !f.match || path.includes(f.match));
    if (i >= 0) {
      const f = scripted[i]!;
      if (--f.count <= 0) scripted.splice(i, 1);
      stats.faultsInjected++;
      throw faultError(api, f.status, f);
    }
    if (faults.errorRate > 0 && (!faults.match || path.includes(faults.match)) && random() < faults.errorRate) {
      stats.faultsInjected++;
      throw faultError(api, faults.errorStatus, {});
    }
  }

  function faultError(api: Api, status: number, f: Partial<ScriptedFault>): HttpError {
    if (api === 'smartlead') {
      if (status === 429) {
        const secs = f.retryAfter ?? 2;
        return new HttpError(
          429,
          {
            error: {
              code: 'RATE_LIMIT_EXCEEDED',
              message: `Too many requests. Please retry after ${secs} seconds.`,
              retry_after: secs,
            },
          },
          { 'Retry-After': String(secs) },
        );
      }
      return new HttpError(status, { error: 'Internal server error (injected by the sandbox)' });
    }
    if (status === 429) {
      if (f.policy === 'secondly') return hsErrors.secondly();
      if (f.policy === 'daily') return hsErrors.daily();
      return hsErrors.tenSecondly('publicapi:private_app-api-calls-ten-secondly:sandbox');
    }
    return hsErrors.server(status);
  }

  function send(res: ServerResponse, result: RouteResult, headers: Record<string, string>): void {
    const all: Record<string, string> = { 'Content-Type': JSON_TYPE, ...headers, ...result.headers };
    if (result.status === 204) {
      res.writeHead(204, all).end();
      return;
    }
    if (result.text !== undefined) {
      res.writeHead(result.status, { ...all, 'Content-Type': 'text/plain;charset=utf-8' }).end(result.text);
      return;
    }
    res.writeHead(result.status, all).end(JSON.stringify(result.body ?? {}));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const headers: Record<string, string> = {};

    if (path.startsWith('/__sandbox/')) {
      if (method === 'GET' && path === '/__sandbox/stats')
        return send(res, { status: 200, body: structuredClone(stats) }, headers);
      if (method === 'POST' && path === '/__sandbox/stats/reset') {
        resetStats();
        return send(res, { status: 200, body: structuredClone(stats) }, headers);
      }
      return send(res, { status: 404, body: { message: 'unknown sandbox path' } }, headers);
    }

    const api: Api = path.startsWith('/smartlead/') ? 'smartlead' : 'hubspot';
    if (api === 'hubspot') headers['X-HubSpot-Correlation-Id'] = randomUUID();
    const found = match(routes, method, path);
    const key = found && 'route' in found ? `${method} ${found.route.pattern}` : `${method} (unmatched)`;
    stats.requests[key] = (stats.requests[key] ?? 0) + 1;
    stats.total++;
    try {
      if (!found)
        throw api === 'smartlead'
          ? new HttpError(404, { error: 'Resource not found' })
          : hsErrors.notFound(`Unable to route ${method} ${path}`);
      if (!('route' in found))
        throw new HttpError(
          405,
          api === 'smartlead'
            ? { error: 'Method not allowed' }
            : {
                status: 'error',
                message: `${method} is not allowed here`,
                category: 'VALIDATION_ERROR',
                correlationId: randomUUID(),
              },
          { Allow: found.allowed.join(', ') },
        );
      authenticate(api, found.route, found.params, req, url.searchParams);
      try {
        rateLimit(api, found.route.limit ?? 'standard', headers);
      } catch (e) {
        stats.rateLimited++;
        throw e;
      }
      await applyFaults(api, path);
      const body = await readBody(req);
      const result = found.route.handle({
        method,
        path,
        params: found.params,
        query: url.searchParams,
        body,
        store,
        now,
      });
      send(res, result, headers);
    } catch (e) {
      if (e instanceof HttpError) return send(res, { status: e.status, body: e.body, headers: e.headers }, headers);
      process.stderr.write(
        `sandbox: ${method} ${found && 'route' in found ? found.route.pattern : path} failed: ${(e as Error).message}\n`,
      );
      send(
        res,
        {
          status: 500,
          body:
            api === 'smartlead'
              ? { error: 'Internal server error' }
              : { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR', correlationId: randomUUID() },
        },
        headers,
      );
    }
  }

  function resetStats(): void {
    stats.requests = {};
    stats.total = 0;
    stats.rateLimited = 0;
    stats.faultsInjected = 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      process.stderr.write(`sandbox: ${(e as Error).message}\n`);
      if (!res.headersSent)
        res.writeHead(500, { 'Content-Type': JSON_TYPE }).end('{"status":"error","message":"internal error"}');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    store,
    stats: () => structuredClone(stats),
    resetStats,
    injectFault: (f) => scripted.push({ ...f }),
    setLimits(l) {
      limits = { ...limits, ...l };
      Object.assign(windows, makeWindows(limits));
    },
    setFaults(f) {
      faults = { ...faults, ...f };
      random = seededRandom(faults.seed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw hsErrors.validation('request body is too large');
    chunks.push(chunk as Buffer);
  }
  if (!size) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw hsErrors.validation('Invalid input JSON on line 1: the body is not valid JSON');
  }
}

function pickRateHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.startsWith('X-RateLimit-')) out[k] = v;
  return out;
}
