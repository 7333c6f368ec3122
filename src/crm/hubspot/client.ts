/**
 * Builds the official `@hubspot/api-client` for a portal or the sandbox: retries, rate limiting shaped to
 * HubSpot's limits, and a request counter. The client's retry/limiter decorators are process-wide, so build one.
 */
import { Client } from '@hubspot/api-client';
import Bottleneck from 'bottleneck';
import { RequestCounter } from './request-counter.js';

export interface HubSpotClientOptions {
  accessToken: string;
  /** Default https://api.hubapi.com; the sandbox's URL for local use. No trailing slash. */
  basePath?: string;
  /** Attempts in all (the client's numberOfApiCallRetries): 5xx and HubSpot's 429s are retried. Default 3. */
  attempts?: number;
  /** HubSpot's burst limit to stay under (requests per rolling window). Default 100 per 10 s (Free/Starter). */
  burst?: { requests: number; windowMs: number } | false;
  /** Search requests per second (HubSpot: 5). */
  searchPerSecond?: number | false;
  maxConcurrent?: number;
  counter?: RequestCounter;
  /** Results one search query can page through (HubSpot: 10,000). */
  searchCap?: number;
}

export interface HubSpotClient {
  client: Client;
  counter: RequestCounter;
  /** Pass as the last argument of every generated API call: counts the request. */
  options: CallOptions;
  /** Wraps search calls, which HubSpot limits separately. */
  search<T>(fn: () => Promise<T>): Promise<T>;
  searchCap: number;
  basePath: string;
}

export interface CallOptions {
  middleware: { pre<T>(ctx: T): Promise<T>; post<T>(ctx: T): Promise<T> }[];
  middlewareMergeStrategy: 'append';
}

export const HUBSPOT_BASE = 'https://api.hubapi.com';

export function createHubSpotClient(opts: HubSpotClientOptions): HubSpotClient {
  const counter = opts.counter ?? new RequestCounter();
  const burst = opts.burst === undefined ? { requests: 100, windowMs: 10_000 } : opts.burst;
  const basePath = (opts.basePath ?? HUBSPOT_BASE).replace(/\/+$/, '');
  const client = new Client({
    accessToken: opts.accessToken,
    basePath,
    numberOfApiCallRetries: opts.attempts ?? 3,
    ...(burst ? { limiterOptions: burstLimiter(burst, opts.maxConcurrent ?? 6) } : {}),
  });
  // In 13.5.0 the generated APIs run only call-time middleware (a `middleware` given to new Client() is never
  // applied), so the counter rides on per-call options, appended to the client's own. Retries re-run it.
  const options = {
    middleware: [
      {
        pre: async <T>(ctx: T): Promise<T> => {
          const c = ctx as unknown as { getUrl(): string; getHttpMethod(): string };
          counter.record(String(c.getHttpMethod()), c.getUrl());
          return ctx;
        },
        post: async <T>(ctx: T): Promise<T> => ctx,
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  };
  // The client's retry/limiter decorators live in a process-wide singleton that each `new Client()` replaces, and
  // a discovery binds them when first touched: touch ours now so this client keeps its own settings.
  void client.crm.objects.basicApi;
  void client.crm.owners.ownersApi;
  void client.crm.pipelines.pipelinesApi;
  void client.crm.associations.v4.batchApi;
  const searchLimiter = opts.searchPerSecond
    ? new Bottleneck({ maxConcurrent: 1, minTime: Math.ceil(1100 / opts.searchPerSecond) })
    : null;
  return {
    client,
    counter,
    options,
    basePath,
    searchCap: opts.searchCap ?? 10_000,
    search: (fn) => (searchLimiter ? searchLimiter.schedule(fn) : fn()),
  };
}

/**
 * A token bucket that can never exceed `requests` in any rolling window: capacity C plus refill r per ms
 * over a window W admits at most C + r·W; we take C = r·W = 47.5 % of the limit each (5 % margin).
 */
function burstLimiter(
  limit: { requests: number; windowMs: number },
  maxConcurrent: number,
): Bottleneck.ConstructorOptions {
  const capacity = Math.max(1, Math.floor(limit.requests * 0.475));
  const interval = Math.ceil(limit.windowMs / capacity);
  return {
    id: 'sales-mis-hubspot',
    maxConcurrent,
    reservoir: capacity,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: interval,
    reservoirIncreaseMaximum: capacity,
    // Bottleneck looks at its reservoir every heartbeat (250 ms by default), which would cap the refill rate.
    heartbeatInterval: Math.min(250, Math.max(10, Math.floor(interval / 4))),
  };
}
