/**
 * SmartLead API v1 client (docs/api-facts.md C1–C3): `api_key` query auth, client-side pacing, retries of 429 and
 * 5xx honouring Retry-After, and every response checked against its schema before it reaches the product.
 */
import { SmartLeadError } from '../errors/index.js';
import { endpointOf, isEmptyAnswer, parseWire, redact, smartleadErrors } from './errors.js';
import type {
  Campaign,
  CampaignAnalytics,
  CampaignAnalyticsByDate,
  CampaignLead,
  CampaignStat,
  CampaignStats,
  Lead,
  LeadMessage,
  OutreachSnapshot,
  StatisticsFilters,
} from './model.js';
import {
  readAllThrough,
  type MessageHistoryOptions,
  type OutreachPort,
  type OutreachProgressListener,
} from './port.js';
import { sleep, Throttle } from './throttle.js';
import {
  analyticsByDateWire,
  analyticsWire,
  campaignLeadsPageWire,
  campaignListWire,
  campaignWire,
  leadByEmailWire,
  messageHistoryWire,
  statisticsPageWire,
} from './wire.js';

export interface SmartLeadClientOptions {
  /** e.g. `https://server.smartlead.ai/api/v1` or `http://127.0.0.1:PORT/smartlead/api/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Client-side pace (default 5/s, under SmartLead's 10 per 2 s; 0 or Infinity: unpaced). */
  requestsPerSecond?: number;
  /** Retries of 429, 5xx and network failures (default 4, so 5 attempts in all). */
  maxRetries?: number;
  /** Injectable fetch (default: Node's global fetch). */
  fetch?: typeof fetch;
  /** Called before every HTTP request, retries included, with the path pattern (`/campaigns/:campaignId/leads`). */
  onRequest?: (method: string, pathPattern: string) => void;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** A Retry-After longer than this is not waited out: the call fails with SMARTLEAD_RATE_LIMIT (default 60 s). */
  maxRetryAfterMs?: number;
  /** First backoff without Retry-After, doubled per retry (default 500 ms). */
  backoffMs?: number;
  /** Message histories fetched in parallel by readAll (default 2; the pace above still applies). */
  concurrency?: number;
}

/** Page size the client asks for (SmartLead's cap for leads). */
export const PAGE_SIZE = 100;

type Query = Record<string, string | number | undefined>;

interface Answer {
  status: number;
  body: unknown;
}

export class SmartLeadClient implements OutreachPort {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly maxRetries: number;
  private readonly fetchImpl: typeof fetch;
  private readonly onRequest: ((method: string, pathPattern: string) => void) | undefined;
  private readonly timeoutMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly backoffMs: number;
  private readonly concurrency: number;
  private readonly throttle: Throttle;

  constructor(options: SmartLeadClientOptions) {
    if (!options.apiKey) {
      throw new SmartLeadError('SMARTLEAD_AUTH', 'No SmartLead API key was given: set SMARTLEAD_API_KEY', {
        hint: 'SmartLead → Settings → API key; against the sandbox, use MIS_SANDBOX_TOKEN.',
      });
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.maxRetries = Math.max(0, options.maxRetries ?? 4);
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.onRequest = options.onRequest;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 500;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.throttle = new Throttle(options.requestsPerSecond ?? 5);
  }

  // ---------------------------------------------------------------- port

  async listCampaigns(): Promise<Campaign[]> {
    const { body, endpoint } = await this.get('/campaigns', {});
    return parseWire(campaignListWire, body, endpoint);
  }

  async getCampaign(id: number): Promise<Campaign | null> {
    const { status, body, endpoint } = await this.get(
      '/campaigns/:campaignId',
      { campaignId: id },
      {},
      { notFoundIsEmpty: true },
    );
    if (status === 404 || isEmptyAnswer(body)) return null;
    return parseWire(campaignWire, body, endpoint);
  }

  async listCampaignLeads(campaignId: number): Promise<CampaignLead[]> {
    const out: CampaignLead[] = [];
    for (let offset = 0; ;) {
      const { body, endpoint } = await this.get(
        '/campaigns/:campaignId/leads',
        { campaignId },
        { offset, limit: PAGE_SIZE },
      );
      const page = parseWire(campaignLeadsPageWire, body, endpoint);
      for (const l of page.data) out.push({ campaignId, ...l });
      offset += page.data.length;
      if (page.data.length === 0 || page.data.length < PAGE_SIZE || offset >= page.total_leads) return out;
    }
  }

  async getLeadMessageHistory(
    campaignId: number,
    leadId: number,
    options: MessageHistoryOptions = {},
  ): Promise<LeadMessage[]> {
    const { body, endpoint } = await this.get(
      '/campaigns/:campaignId/leads/:leadId/message-history',
      { campaignId, leadId },
      { event_time_gt: options.after },
    );
    return parseWire(messageHistoryWire, body, endpoint).messages.map((m) => ({ campaignId, leadId, ...m }));
  }

  async getLeadByEmail(email: string): Promise<Lead | null> {
    if (!email.trim()) return null;
    const { status, body, endpoint } = await this.get('/leads', {}, { email: email.trim() }, { notFoundIsEmpty: true });
    if (status === 404 || isEmptyAnswer(body)) return null;
    return parseWire(leadByEmailWire, body, endpoint);
  }

  async getCampaignStatistics(campaignId: number, filters: StatisticsFilters = {}): Promise<CampaignStats> {
    const rows: CampaignStat[] = [];
    let total = 0;
    for (let offset = 0; ;) {
      const { body, endpoint } = await this.get(
        '/campaigns/:campaignId/statistics',
        { campaignId },
        {
          offset,
          limit: PAGE_SIZE,
          email_status: filters.emailStatus,
          email_sequence_number: filters.sequenceNumber,
          sent_time_start_date: filters.sentFrom,
          sent_time_end_date: filters.sentTo,
        },
      );
      const page = parseWire(statisticsPageWire, body, endpoint);
      total = page.total_stats;
      rows.push(...page.data);
      offset += page.data.length;
      if (page.data.length === 0 || page.data.length < PAGE_SIZE || offset >= total) return { campaignId, total, rows };
    }
  }

  async getCampaignAnalytics(campaignId: number): Promise<CampaignAnalytics> {
    const { body, endpoint } = await this.get('/campaigns/:campaignId/analytics', { campaignId });
    if (isEmptyAnswer(body)) throw smartleadErrors.notFound(endpoint, 'the campaign');
    return parseWire(analyticsWire, body, endpoint);
  }

  async getCampaignAnalyticsByDate(
    campaignId: number,
    startDate: string,
    endDate: string,
  ): Promise<CampaignAnalyticsByDate> {
    const { body, endpoint } = await this.get(
      '/campaigns/:campaignId/analytics-by-date',
      { campaignId },
      { start_date: startDate, end_date: endDate },
    );
    if (isEmptyAnswer(body)) throw smartleadErrors.notFound(endpoint, 'the campaign');
    return parseWire(analyticsByDateWire, body, endpoint);
  }

  readAll(onProgress?: OutreachProgressListener): Promise<OutreachSnapshot> {
    return readAllThrough(this, onProgress, this.concurrency);
  }

  // ---------------------------------------------------------------- transport

  /** One GET with pacing and retries; 2xx answers (and 404 when `notFoundIsEmpty`) come back, the rest throw. */
  private async get(
    pattern: string,
    params: Record<string, number | string>,
    query: Query = {},
    opts: { notFoundIsEmpty?: boolean } = {},
  ): Promise<Answer & { endpoint: string }> {
    const path = pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(params[k] ?? '')));
    const endpoint = endpointOf('GET', redact(path, this.apiKey));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
    search.set('api_key', this.apiKey);
    const url = `${this.baseUrl}${path}?${search.toString()}`;
    const attempts = this.maxRetries + 1;

    try {
      for (let attempt = 1; ; attempt++) {
        await this.throttle.take();
        this.onRequest?.('GET', pattern);
        let res: Response;
        try {
          res = await this.fetchImpl(url, {
            method: 'GET',
            headers: { Accept: 'application/json' },
            signal: AbortSignal.timeout(this.timeoutMs),
          });
        } catch (e) {
          if (attempt >= attempts) throw smartleadErrors.unavailable(endpoint, attempt, networkReason(e));
          await sleep(this.backoff(attempt));
          continue;
        }
        const text = await res.text().catch(() => '');
        const body = parseBody(text);

        if (res.ok) {
          if (body === NOT_JSON) throw smartleadErrors.notJson(endpoint, res.status);
          return { status: res.status, body, endpoint };
        }
        const detail = errorDetail(body);
        if (res.status === 401 || res.status === 403) throw smartleadErrors.auth(endpoint, res.status, detail);
        if (res.status === 404) {
          if (opts.notFoundIsEmpty) return { status: 404, body: undefined, endpoint };
          throw smartleadErrors.notFound(endpoint);
        }
        if (res.status === 429 || res.status >= 500) {
          const waitMs = retryAfterMs(res.headers.get('retry-after'), body);
          if (res.status === 429 && waitMs !== undefined && waitMs > this.maxRetryAfterMs) {
            throw smartleadErrors.rateLimited(
              endpoint,
              attempt,
              `HTTP 429 asking to wait ${Math.ceil(waitMs / 1000)} s`,
            );
          }
          if (attempt >= attempts) {
            throw res.status === 429
              ? smartleadErrors.rateLimited(endpoint, attempt)
              : smartleadErrors.unavailable(endpoint, attempt, `HTTP ${res.status}`, res.status);
          }
          const delay = Math.min(waitMs ?? this.backoff(attempt), this.maxRetryAfterMs);
          if (res.status === 429) this.throttle.pauseUntil(Date.now() + delay); // everyone backs off, not just this call
          await sleep(delay);
          continue;
        }
        throw smartleadErrors.refused(endpoint, res.status, detail);
      }
    } catch (e) {
      // belt and braces: whatever is thrown from here on carries no key
      if (e instanceof SmartLeadError) {
        const clean = redact(e.message, this.apiKey);
        if (clean !== e.message)
          throw new SmartLeadError(e.code, clean, {
            ...(e.hint ? { hint: e.hint } : {}),
            ...(e.status === undefined ? {} : { status: e.status }),
          });
        throw e;
      }
      throw e;
    }
  }

  private backoff(attempt: number): number {
    return this.backoffMs * 2 ** (attempt - 1);
  }
}

const NOT_JSON = Symbol('not-json');

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** SmartLead's own words for an error (`message`, `error`, or `error.message`), short and single-line. */
function errorDetail(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const err = b['error'];
  const raw =
    typeof b['message'] === 'string'
      ? b['message']
      : typeof err === 'string'
        ? err
        : err && typeof err === 'object' && typeof (err as Record<string, unknown>)['message'] === 'string'
          ? ((err as Record<string, unknown>)['message'] as string)
          : undefined;
  return raw === undefined ? undefined : raw.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Retry-After as ms: seconds or an HTTP date in the header, else the body's `error.retry_after` (seconds). */
export function retryAfterMs(header: string | null, body: unknown): number | undefined {
  if (header !== null && header.trim() !== '') {
    const h = header.trim();
    if (/^\d+(\.\d+)?$/.test(h)) return Number(h) * 1000;
    const at = Date.parse(h);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  const err = body && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : undefined;
  const secs = err && typeof err === 'object' ? (err as Record<string, unknown>)['retry_after'] : undefined;
  if (typeof secs === 'number' && secs >= 0) return secs * 1000;
  if (typeof secs === 'string' && /^\d+(\.\d+)?$/.test(secs)) return Number(secs) * 1000;
  return undefined;
}

function networkReason(e: unknown): string {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  const code = err?.cause?.code;
  return code ? `network error ${code}` : 'network error';
}
