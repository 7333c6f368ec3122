/**
 * SmartLead API v1 routes (docs/api-facts.md C3) under `/smartlead/api/v1`. Auth, rate limit, faults and JSON
 * serialisation are the server's; these handlers parse parameters, page, and answer in SmartLead's shapes.
 */
import { HttpError, type RequestContext, type Route, type RouteResult } from '../http/router.js';
import {
  isCalendarDate,
  parseQueryTime,
  type SmartleadData,
  campaignAnalytics,
  campaignAnalyticsByDate,
  campaignLeads,
  campaignStatistics,
  EMAIL_STATUSES,
  getCampaign,
  leadByEmail,
  leadCampaigns,
  listCampaigns,
  messageHistory,
  type EmailStatus,
  LEAD_EMAIL_STATUSES,
  type LeadEmailStatus,
} from '../../smartlead/semantics/index.js';
import { sqliteData } from './sqlite-data.js';

/** Per-campaign lead states (api-facts C3 "Campaign lead"). */
const LEAD_STATUSES = ['STARTED', 'INPROGRESS', 'COMPLETED', 'PAUSED', 'STOPPED', 'BLOCKED'];

export const SMARTLEAD_PREFIX = '/smartlead/api/v1';
/** Page size cap of `GET /campaigns/{id}/leads` (docs/api-facts.md C3 #7). */
export const LEADS_PAGE_MAX = 100;
/** Page size cap of `GET /campaigns/{id}/statistics` (new docs say 1000; NV). */
export const STATISTICS_PAGE_MAX = 1000;

const NOT_FOUND = { error: 'Resource not found' };

function data(ctx: RequestContext): SmartleadData {
  return sqliteData(ctx.store.db);
}

function bad(message: string): HttpError {
  return new HttpError(400, { error: message });
}

function idParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw bad(`${name === 'leadId' ? 'lead_id' : 'campaign_id'} must be a number`);
  return Number(raw);
}

/** `offset` and `limit` as SmartLead checks them: whole numbers, limit 1..max, offset ≥ 0; anything else is a 400. */
function page(
  ctx: RequestContext,
  max: number,
  fallback = Math.min(LEADS_PAGE_MAX, max),
): { offset: number; limit: number } {
  const whole = (key: string, dflt: number, lo: number, hi: number): number => {
    const raw = ctx.query.get(key);
    if (raw === null || raw === '') return dflt;
    const n = /^-?\d{1,15}$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < lo || n > hi) throw bad(`${key} must be a whole number from ${lo} to ${hi}`);
    return n;
  };
  return { offset: whole('offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: whole('limit', fallback, 1, max) };
}

/** A date-time query parameter as epoch ms (undefined when absent; 400 when unparsable). */
function timeParam(ctx: RequestContext, key: string): number | undefined {
  const raw = ctx.query.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const ms = parseQueryTime(raw);
  if (Number.isNaN(ms)) throw bad(`${key} must be a date-time such as 2026-11-01T00:00:00.000Z`);
  return ms;
}

function dateParam(ctx: RequestContext, key: string): string {
  const raw = ctx.query.get(key) ?? '';
  if (!isCalendarDate(raw)) {
    throw bad(`${key} is required and must be a date in YYYY-MM-DD format`);
  }
  return raw;
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });

function route(pattern: string, handle: (ctx: RequestContext) => RouteResult): Route {
  return { method: 'GET', pattern: `${SMARTLEAD_PREFIX}${pattern}`, api: 'smartlead', handle };
}

export const smartleadRoutes: Route[] = [
  route('/campaigns', (ctx) => {
    const client = ctx.query.get('client_id');
    const list = listCampaigns(data(ctx), client && /^\d+$/.test(client) ? Number(client) : undefined);
    if (ctx.query.get('include_tags') === 'true') for (const c of list) c['tags'] ??= [];
    return ok(list);
  }),

  route('/campaigns/:campaignId', (ctx) => ok(getCampaign(data(ctx), idParam(ctx, 'campaignId')) ?? {})),

  route('/campaigns/:campaignId/leads', (ctx) => {
    const p = page(ctx, LEADS_PAGE_MAX);
    const status = ctx.query.get('status')?.trim() || undefined;
    if (status !== undefined && !LEAD_STATUSES.includes(status))
      throw bad(`status must be one of ${LEAD_STATUSES.join(', ')}`);
    const categoryRaw = ctx.query.get('lead_category_id')?.trim() || undefined;
    if (categoryRaw !== undefined && !/^\d{1,15}$/.test(categoryRaw)) throw bad('lead_category_id must be a number');
    const emailRaw = ctx.query.get('emailStatus')?.trim().toLowerCase().replace(/^is_/, '') || undefined;
    if (emailRaw !== undefined && !(LEAD_EMAIL_STATUSES as ReadonlyArray<string>).includes(emailRaw))
      throw bad(`emailStatus must be one of ${LEAD_EMAIL_STATUSES.join(', ')}`);
    const result = campaignLeads(data(ctx), idParam(ctx, 'campaignId'), p, {
      createdAfterMs: timeParam(ctx, 'created_at_gt'),
      eventAfterMs: timeParam(ctx, 'event_time_gt'),
      status,
      leadCategoryId: categoryRaw === undefined ? undefined : Number(categoryRaw),
      emailStatus: emailRaw as LeadEmailStatus | undefined,
    });
    if (!result) throw new HttpError(404, NOT_FOUND);
    return ok({ total_leads: String(result.total), offset: p.offset, limit: p.limit, data: result.items });
  }),

  route('/campaigns/:campaignId/leads/:leadId/message-history', (ctx) => {
    const body = messageHistory(
      data(ctx),
      idParam(ctx, 'campaignId'),
      idParam(ctx, 'leadId'),
      timeParam(ctx, 'event_time_gt'),
    );
    if (!body) throw new HttpError(404, NOT_FOUND);
    return ok(body);
  }),

  route('/leads', (ctx) => {
    const email = ctx.query.get('email')?.trim();
    if (!email) throw bad('email is required');
    return ok(leadByEmail(data(ctx), email) ?? {});
  }),

  route('/leads/:leadId/campaigns', (ctx) => ok(leadCampaigns(data(ctx), idParam(ctx, 'leadId')))),

  route('/campaigns/:campaignId/statistics', (ctx) => {
    const status = ctx.query.get('email_status');
    if (status !== null && status !== '' && !(EMAIL_STATUSES as ReadonlyArray<string>).includes(status)) {
      throw bad(`email_status must be one of ${EMAIL_STATUSES.join(', ')}`);
    }
    const seqRaw = ctx.query.get('email_sequence_number');
    if (seqRaw !== null && seqRaw !== '' && !/^\d+$/.test(seqRaw)) throw bad('email_sequence_number must be a number');
    const p = page(ctx, STATISTICS_PAGE_MAX);
    const rows = campaignStatistics(data(ctx), idParam(ctx, 'campaignId'), {
      emailStatus: status ? (status as EmailStatus) : undefined,
      sequenceNumber: seqRaw ? Number(seqRaw) : undefined,
      sentFromMs: timeParam(ctx, 'sent_time_start_date'),
      sentToMs: timeParam(ctx, 'sent_time_end_date'),
    });
    if (!rows) throw new HttpError(404, NOT_FOUND);
    return ok({
      total_stats: String(rows.length),
      data: rows.slice(p.offset, p.offset + p.limit),
      offset: p.offset,
      limit: p.limit,
    });
  }),

  route('/campaigns/:campaignId/analytics', (ctx) => {
    const body = campaignAnalytics(data(ctx), idParam(ctx, 'campaignId'));
    if (!body) throw new HttpError(404, NOT_FOUND);
    return ok(body);
  }),

  route('/campaigns/:campaignId/analytics-by-date', (ctx) => {
    const start = dateParam(ctx, 'start_date');
    const end = dateParam(ctx, 'end_date');
    if (end < start) throw bad('end_date must not be before start_date');
    const body = campaignAnalyticsByDate(data(ctx), idParam(ctx, 'campaignId'), start, end);
    if (!body) throw new HttpError(404, NOT_FOUND);
    return ok(body);
  }),
];
