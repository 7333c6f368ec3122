/**
 * The local sandbox: an HTTP server on 127.0.0.1 that speaks the HubSpot CRM v3/v4 and SmartLead APIs over a
 * SQLite store, with HubSpot's auth, rate limits and error bodies, optional faults, and request statistics.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PortalDataset } from '../dataset/index.js';
import type { FaultConfig, SandboxLimits } from '../config/index.js';
import { FaultInjector, type ScriptedFault } from './faults.js';
import { authenticate } from './http/auth.js';
import { JSON_TYPE, readBody, send } from './http/exchange.js';
import { compile, HttpError, match, type Api, type CompiledRoute, type Method, type Route } from './http/router.js';
import { associationRoutes } from './hubspot/associations.js';
import { hsErrors } from './hubspot/errors.js';
import { objectRoutes } from './hubspot/objects.js';
import { ownerAndPipelineRoutes } from './hubspot/owners-pipelines.js';
import { DEFAULT_SEARCH_LIMITS, registerSearchFunctions, searchRoutes, type SearchLimits } from './hubspot/search.js';
import { RateGate } from './rate-gate.js';
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

/** Starts the sandbox: the routes of both services behind auth, rate limits and faults, with request statistics. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const store = opts.store ?? new SandboxStore(':memory:');
  if (opts.dataset) store.load(opts.dataset, { label: 'in-memory dataset' });
  registerSearchFunctions(store.db);
  const creds = { token: opts.token ?? 'sandbox-token', scopedTokens: opts.scopedTokens };
  const now = opts.now ?? (() => new Date());
  const gate = new RateGate(opts.limits);
  const faults = new FaultInjector(opts.faults);
  const searchLimits: SearchLimits = { ...DEFAULT_SEARCH_LIMITS, ...opts.searchLimits };
  const stats = newStats();
  const routes: CompiledRoute[] = (
    [
      ...searchRoutes(() => searchLimits),
      ...objectRoutes,
      ...associationRoutes,
      ...ownerAndPipelineRoutes,
      ...smartleadRoutes,
    ] as Route[]
  ).map(compile);
  const snapshot = (): SandboxStats => ({ ...structuredClone(stats), faultsInjected: faults.injected });
  const resetStats = () => {
    Object.assign(stats, newStats());
    faults.injected = 0;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const headers: Record<string, string> = {};
    if (path.startsWith('/__sandbox/')) return control(res, method, path, snapshot, resetStats);

    const api: Api = path.startsWith('/smartlead/') ? 'smartlead' : 'hubspot';
    if (api === 'hubspot') headers['X-HubSpot-Correlation-Id'] = randomUUID();
    const found = match(routes, method, path);
    const key = found && 'route' in found ? `${method} ${found.route.pattern}` : `${method} (unmatched)`;
    stats.requests[key] = (stats.requests[key] ?? 0) + 1;
    stats.total++;
    try {
      if (!found) throw notFound(api, method, path);
      if (!('route' in found)) throw notAllowed(api, method, found.allowed);
      authenticate(creds, api, found.route, found.params, req, url.searchParams);
      try {
        gate.take(api, found.route.limit ?? 'standard', headers);
      } catch (e) {
        stats.rateLimited++;
        throw e;
      }
      await faults.apply(api, path);
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
      send(res, { status: 500, body: internalError(api) }, headers);
    }
  }

  const server = await listen(handle, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token: creds.token,
    store,
    stats: snapshot,
    resetStats,
    injectFault: (f) => faults.script(f),
    setLimits: (l) => gate.setLimits(l),
    setFaults: (f) => faults.set(f),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function newStats(): SandboxStats {
  return { requests: {}, total: 0, rateLimited: 0, faultsInjected: 0 };
}

/** The sandbox's own paths: request statistics and their reset (docs/contracts.md). */
function control(
  res: ServerResponse,
  method: Method,
  path: string,
  stats: () => SandboxStats,
  reset: () => void,
): void {
  if (method === 'GET' && path === '/__sandbox/stats') return send(res, { status: 200, body: stats() }, {});
  if (method === 'POST' && path === '/__sandbox/stats/reset') {
    reset();
    return send(res, { status: 200, body: stats() }, {});
  }
  send(res, { status: 404, body: { message: 'unknown sandbox path' } }, {});
}

function notFound(api: Api, method: Method, path: string): HttpError {
  return api === 'smartlead'
    ? new HttpError(404, { error: 'Resource not found' })
    : hsErrors.notFound(`Unable to route ${method} ${path}`);
}

function notAllowed(api: Api, method: Method, allowed: string[]): HttpError {
  return new HttpError(
    405,
    api === 'smartlead'
      ? { error: 'Method not allowed' }
      : {
          status: 'error',
          message: `${method} is not allowed here`,
          category: 'VALIDATION_ERROR',
          correlationId: randomUUID(),
        },
    { Allow: allowed.join(', ') },
  );
}

function internalError(api: Api): unknown {
  return api === 'smartlead'
    ? { error: 'Internal server error' }
    : { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR', correlationId: randomUUID() };
}

async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number,
  host: string,
): Promise<Server> {
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
    server.listen(port, host, () => resolve());
  });
  return server;
}
