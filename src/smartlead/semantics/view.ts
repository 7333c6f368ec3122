/**
 * SmartLead's answers, computed from dataset records (docs/api-facts.md C3). Every function returns the JSON body
 * the real API would send, before paging: string-encoded counters, ISO times, the record's unknown fields
 * kept, and deterministic stand-ins for what a dataset lacks (see derive.ts). Used by the sandbox routes
 * over SQLite and by the in-memory `DatasetOutreach` fake, so both give the same answers.
 */
import type { CampaignRecord, LeadRecord, MessageRecord, SmartleadData } from './data.js';
import { asNumber, derivedInt, derivedUuid, domainOf, isoTime, timeMs } from './derive.js';

export type Json = Record<string, unknown>;

/** SmartLead's default lead categories (names as in the app; ids are the sandbox's). */
export const LEAD_CATEGORIES: ReadonlyArray<{
  id: number;
  name: string;
  sentiment_type: 'positive' | 'negative' | 'neutral';
}> = [
  { id: 1, name: 'Interested', sentiment_type: 'positive' },
  { id: 2, name: 'Meeting Request', sentiment_type: 'positive' },
  { id: 3, name: 'Not Interested', sentiment_type: 'negative' },
  { id: 4, name: 'Do Not Contact', sentiment_type: 'negative' },
  { id: 5, name: 'Information Request', sentiment_type: 'neutral' },
  { id: 6, name: 'Out Of Office', sentiment_type: 'neutral' },
  { id: 7, name: 'Wrong Person', sentiment_type: 'neutral' },
];
const INTERESTED = 1;

/** `email_status` filter values of the statistics endpoint. */
export const EMAIL_STATUSES = ['opened', 'clicked', 'replied', 'unsubscribed', 'bounced'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The sandbox's sending mailbox when neither the message nor the campaign names one. */
export const SANDBOX_MAILBOX = 'outreach@mailer.sandbox.example';

// ------------------------------------------------------------------ records → API objects

const CAMPAIGN_DEFAULTS = {
  track_settings: [],
  scheduler_cron_value: { tz: 'UTC', days: [1, 2, 3, 4, 5], endHour: '18:00', startHour: '09:00' },
  min_time_btwn_emails: 10,
  max_leads_per_day: 100,
  stop_lead_settings: 'REPLY_TO_AN_EMAIL',
  schedule_start_time: null,
  enable_ai_esp_matching: false,
  send_as_plain_text: false,
  follow_up_percentage: 100,
  unsubscribe_text: '',
  parent_campaign_id: null,
  client_id: null,
};

/** A campaign as `GET /campaigns` and `GET /campaigns/{id}` serve it. */
export function campaignObject(c: CampaignRecord): Json {
  const times = { created_at: isoTime(c.created_at), updated_at: isoTime(c.updated_at ?? c.created_at) };
  return merge({ id: c.id, user_id: 1, ...times, status: c.status, name: c.name, ...CAMPAIGN_DEFAULTS }, c, times);
}

/** Later parts win; keys keep the position of their first appearance (SmartLead's field order first). */
function merge(...parts: ReadonlyArray<object>): Json {
  return Object.assign({}, ...parts) as Json;
}

function mailbox(c: CampaignRecord | undefined): string {
  const from = c?.['from_email'];
  return typeof from === 'string' && from.includes('@') ? from : SANDBOX_MAILBOX;
}

/** The nested `lead` object of a campaign lead. */
export function leadObject(l: LeadRecord): Json {
  return merge(
    {
      id: l.lead.id,
      first_name: null,
      last_name: null,
      email: l.lead.email,
      phone_number: null,
      company_name: null,
      website: null,
      location: null,
      custom_fields: {},
      linkedin_profile: null,
      company_url: null,
      is_unsubscribed: false,
      unsubscribed_client_id_map: null,
    },
    l.lead,
  );
}

export function campaignLeadMapId(l: LeadRecord): number {
  return asNumber(l['campaign_lead_map_id']) ?? derivedInt(`map:${l.campaign_id}:${l.lead.id}`, 2_000_000_000);
}

export function leadCategoryId(l: LeadRecord): number | null {
  const id = asNumber(l['lead_category_id']);
  if (id !== undefined) return id;
  const name = l['lead_category'];
  if (typeof name === 'string')
    return LEAD_CATEGORIES.find((c) => c.name.toLowerCase() === name.trim().toLowerCase())?.id ?? null;
  return null;
}

function categoryName(id: number | null): string | null {
  return id === null ? null : (LEAD_CATEGORIES.find((c) => c.id === id)?.name ?? null);
}

/** The per-campaign lead state; without one in the dataset: STARTED until the first email, then INPROGRESS. */
export function leadStatus(l: LeadRecord, contacted: boolean): string {
  return l.status ?? (contacted ? 'INPROGRESS' : 'STARTED');
}

/** An item of `GET /campaigns/{id}/leads`. */
export function campaignLeadItem(l: LeadRecord, c: CampaignRecord, contacted: boolean): Json {
  const { campaign_id: _campaign, lead: _lead, status: _status, created_at, ...rest } = l;
  const ids = { campaign_lead_map_id: campaignLeadMapId(l), lead_category_id: leadCategoryId(l) };
  return merge(
    { ...ids, status: leadStatus(l, contacted), created_at: isoTime(created_at ?? c.created_at) },
    rest,
    ids,
    { lead: leadObject(l) },
  );
}

// ------------------------------------------------------------------ message threads

/** A message with what SmartLead would have recorded about it. */
export interface ThreadMessage {
  record: MessageRecord;
  type: 'SENT' | 'REPLY';
  ms: number;
  time: string;
  seqNumber: number;
  statsId: string;
  messageId: string;
  from: string;
  to: string;
  /** SENT only: the first reply that answered it, and derived open/click data. */
  replyTime: string | null;
  openTime: string | null;
  clickTime: string | null;
  openCount: number;
  clickCount: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function optionalTime(v: unknown): string | null {
  const s = str(v);
  return s ? isoTime(s) : null;
}

/** One lead's messages in a campaign, in time order, with seq numbers, stats ids and reply/open data derived. */
export function thread(
  c: CampaignRecord | undefined,
  l: LeadRecord | undefined,
  messages: ReadonlyArray<MessageRecord>,
): ThreadMessage[] {
  const sorted = messages.map((m, i) => ({ m, i, ms: timeMs(m.time) })).sort((a, b) => a.ms - b.ms || a.i - b.i);
  const leadEmail = l?.lead.email ?? '';
  const box = mailbox(c);
  const out: ThreadMessage[] = [];
  let sentCount = 0;
  let lastSent: ThreadMessage | undefined;
  sorted.forEach(({ m, ms }, k) => {
    const key = `${m.campaign_id}:${m.lead_id}`;
    const own = asNumber(m['email_seq_number'] ?? m['sequence_number'] ?? m['seq_number']);
    const time = isoTime(m.time);
    if (m.type === 'SENT') {
      sentCount++;
      const from = str(m['from']) ?? box;
      const msg: ThreadMessage = {
        record: m,
        type: 'SENT',
        ms,
        time,
        seqNumber: own ?? sentCount,
        statsId: str(m['stats_id']) ?? derivedUuid(`stats:${key}:${sentCount}`),
        messageId: str(m['message_id']) ?? `<${derivedUuid(`msg:${key}:${k}`)}@${domainOf(from)}>`,
        from,
        to: str(m['to']) ?? leadEmail,
        replyTime: null,
        openTime: optionalTime(m['open_time']),
        clickTime: optionalTime(m['click_time']),
        openCount: 0,
        clickCount: 0,
      };
      out.push(msg);
      lastSent = msg;
    } else {
      const from = str(m['from']) ?? leadEmail;
      out.push({
        record: m,
        type: 'REPLY',
        ms,
        time,
        seqNumber: own ?? lastSent?.seqNumber ?? 1,
        // a reply is recorded against the email it answers
        statsId: str(m['stats_id']) ?? lastSent?.statsId ?? derivedUuid(`stats:${key}:reply:${k}`),
        messageId: str(m['message_id']) ?? `<${derivedUuid(`msg:${key}:${k}`)}@${domainOf(from)}>`,
        from,
        to: str(m['to']) ?? lastSent?.from ?? box,
        replyTime: null,
        openTime: null,
        clickTime: null,
        openCount: 0,
        clickCount: 0,
      });
      if (lastSent && lastSent.replyTime === null) lastSent.replyTime = time;
    }
  });
  for (const s of out) {
    if (s.type !== 'SENT') continue;
    s.openTime ??= s.replyTime; // whoever replied opened the email
    s.openCount = asNumber(s.record['open_count']) ?? (s.openTime ? 1 : 0);
    s.clickCount = asNumber(s.record['click_count']) ?? (s.clickTime ? 1 : 0);
  }
  return out;
}

const MESSAGE_KEYS_CONSUMED = ['campaign_id', 'lead_id'];

/** An item of `history` in `GET /campaigns/{id}/leads/{lead_id}/message-history`. */
export function historyItem(t: ThreadMessage): Json {
  const rest: Json = {};
  for (const [k, v] of Object.entries(t.record)) if (!MESSAGE_KEYS_CONSUMED.includes(k)) rest[k] = v;
  const subject = t.type === 'SENT' ? (t.record.subject ?? '') : t.record.subject;
  const derived: Json = {
    stats_id: t.statsId,
    from: t.from,
    to: t.to,
    type: t.type,
    message_id: t.messageId,
    time: t.time,
    email_body: t.record.email_body ?? '',
    ...(subject === undefined ? {} : { subject }),
    email_seq_number: String(t.seqNumber),
    open_count: t.openCount,
    click_count: t.clickCount,
    click_details: {},
  };
  return merge(
    derived,
    rest,
    pick(derived, ['stats_id', 'from', 'to', 'message_id', 'time', 'email_seq_number', 'open_count', 'click_count']),
  );
}

function pick(o: Json, keys: ReadonlyArray<string>): Json {
  const out: Json = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

// ------------------------------------------------------------------ endpoints

export function getCampaign(data: SmartleadData, id: number): Json | undefined {
  const c = data.campaign(id);
  return c ? campaignObject(c) : undefined;
}

export function listCampaigns(data: SmartleadData, clientId?: number): Json[] {
  return data
    .campaigns()
    .map(campaignObject)
    .filter((c) => clientId === undefined || c['client_id'] === clientId);
}

export interface LeadsPage {
  total: number;
  items: Json[];
}

/** `GET /campaigns/{id}/leads`; undefined when the campaign does not exist. */
/** Filters of `GET /campaigns/{id}/leads` (SmartLead's query parameters). */
export interface LeadFilters {
  createdAfterMs?: number | undefined;
  /** The per-campaign lead status (STARTED, INPROGRESS, COMPLETED, PAUSED, STOPPED, BLOCKED). */
  status?: string | undefined;
  leadCategoryId?: number | undefined;
  /** opened, clicked, replied, bounced or unsubscribed: the lead's messages in this campaign show it. */
  emailStatus?: LeadEmailStatus | undefined;
  /** Leads with a message (sent or reply) after this instant. */
  eventAfterMs?: number | undefined;
}
export const LEAD_EMAIL_STATUSES = ['opened', 'clicked', 'replied', 'bounced', 'unsubscribed'] as const;
export type LeadEmailStatus = (typeof LEAD_EMAIL_STATUSES)[number];

export function campaignLeads(
  data: SmartleadData,
  campaignId: number,
  page: { offset: number; limit: number },
  filters: LeadFilters = {},
): LeadsPage | undefined {
  const c = data.campaign(campaignId);
  if (!c) return undefined;
  const contacted = data.contactedLeadIds(campaignId);
  const item = (l: LeadRecord) => campaignLeadItem(l, c, contacted.has(l.lead.id));
  const filtered = Object.values(filters).some((v) => v !== undefined);
  if (!filtered) {
    return { total: data.leadCount(campaignId), items: data.leads(campaignId, page).map(item) };
  }
  const keep = (l: LeadRecord): boolean => {
    if (filters.status !== undefined && leadStatus(l, contacted.has(l.lead.id)) !== filters.status) return false;
    if (filters.leadCategoryId !== undefined && leadCategoryId(l) !== filters.leadCategoryId) return false;
    if (
      filters.createdAfterMs !== undefined &&
      !(timeMs(isoTime(l.created_at ?? c.created_at)) > filters.createdAfterMs)
    )
      return false;
    if (filters.emailStatus !== undefined || filters.eventAfterMs !== undefined) {
      const t = thread(c, l, data.messages(campaignId, l.lead.id));
      if (filters.eventAfterMs !== undefined && !t.some((m) => m.ms > filters.eventAfterMs!)) return false;
      switch (filters.emailStatus) {
        case 'replied':
          if (!t.some((m) => m.type === 'REPLY')) return false;
          break;
        case 'opened':
          if (!t.some((m) => m.openCount > 0 || m.type === 'REPLY')) return false;
          break;
        case 'clicked':
          if (!t.some((m) => m.clickCount > 0)) return false;
          break;
        case 'bounced':
          if (!t.some((m) => m.record['is_bounced'] === true)) return false;
          break;
        case 'unsubscribed':
          if (l.lead['is_unsubscribed'] !== true) return false;
          break;
        default:
          break;
      }
    }
    return true;
  };
  const all = data.leads(campaignId).filter(keep).map(item);
  return { total: all.length, items: all.slice(page.offset, page.offset + page.limit) };
}

/** `GET /campaigns/{id}/leads/{lead_id}/message-history`; undefined when the lead is not in the campaign. */
export function messageHistory(
  data: SmartleadData,
  campaignId: number,
  leadId: number,
  eventTimeGtMs?: number,
): Json | undefined {
  const c = data.campaign(campaignId);
  const l = c ? data.lead(campaignId, leadId) : undefined;
  if (!c || !l) return undefined;
  const all = thread(c, l, data.messages(campaignId, leadId));
  const items = all.filter((t) => eventTimeGtMs === undefined || t.ms > eventTimeGtMs).map(historyItem);
  // The top-level `from` is the mailbox the campaign wrote from: the one its sent messages carry.
  const from = all.find((t) => t.type === 'SENT')?.from ?? mailbox(c);
  return { history: items, from, to: l.lead.email };
}

/** `GET /leads/?email=`; undefined for an unknown address. */
export function leadByEmail(data: SmartleadData, email: string): Json | undefined {
  const rows = data.leadsByEmail(email);
  const first = rows[0];
  if (!first) return undefined;
  const same = rows.filter((r) => r.lead.id === first.lead.id);
  const created = same
    .map((r) => r.created_at ?? data.campaign(r.campaign_id)?.created_at)
    .filter((t): t is string => t !== undefined)
    .sort((a, b) => timeMs(a) - timeMs(b))[0];
  return {
    ...leadObject(first),
    created_at: created ? isoTime(created) : null,
    lead_campaign_data: same.map((r) => {
      const c = data.campaign(r.campaign_id);
      const t = thread(c, r, data.messages(r.campaign_id, r.lead.id));
      const last = (type: 'SENT' | 'REPLY') => t.filter((m) => m.type === type).at(-1)?.time ?? null;
      return {
        campaign_lead_map_id: campaignLeadMapId(r),
        campaign_id: r.campaign_id,
        campaign_name: c?.name ?? null,
        client_id: c?.['client_id'] ?? null,
        client_email: null,
        lead_category_id: leadCategoryId(r),
        last_sent_at: last('SENT'),
        last_reply_at: last('REPLY'),
        last_activity_at: t.at(-1)?.time ?? null,
      };
    }),
  };
}

/** `GET /leads/{lead_id}/campaigns`: the campaigns the lead is in (empty for an unknown lead). */
export function leadCampaigns(data: SmartleadData, leadId: number): Json[] {
  const seen = new Set<number>();
  const out: Json[] = [];
  for (const r of data.leadsById(leadId)) {
    if (seen.has(r.campaign_id)) continue;
    seen.add(r.campaign_id);
    const c = data.campaign(r.campaign_id);
    if (c) out.push(campaignObject(c));
  }
  return out;
}

export interface StatisticsFilters {
  emailStatus?: EmailStatus | undefined;
  sequenceNumber?: number | undefined;
  sentFromMs?: number | undefined;
  sentToMs?: number | undefined;
}

/** Every sent email of a campaign with its lead, in send order. */
function sentEmails(data: SmartleadData, c: CampaignRecord): { t: ThreadMessage; l: LeadRecord }[] {
  const byLead = new Map<number, MessageRecord[]>();
  for (const m of data.messages(c.id)) {
    const list = byLead.get(m.lead_id);
    if (list) list.push(m);
    else byLead.set(m.lead_id, [m]);
  }
  const out: { t: ThreadMessage; l: LeadRecord; order: number }[] = [];
  data.leads(c.id).forEach((l, order) => {
    for (const t of thread(c, l, byLead.get(l.lead.id) ?? [])) if (t.type === 'SENT') out.push({ t, l, order });
  });
  return out.sort((a, b) => a.t.ms - b.t.ms || a.order - b.order || a.t.seqNumber - b.t.seqNumber);
}

function statisticsRow(t: ThreadMessage, l: LeadRecord): Json {
  const name = [l.lead.first_name, l.lead.last_name].filter((s) => typeof s === 'string' && s !== '').join(' ');
  return {
    lead_name: name,
    lead_email: l.lead.email,
    lead_category: categoryName(leadCategoryId(l)),
    sequence_number: t.seqNumber,
    stats_id: t.statsId,
    email_campaign_seq_id: derivedInt(`step:${l.campaign_id}:${t.seqNumber}`, 100_000),
    seq_variant_id: null,
    email_subject: t.record.subject ?? '',
    email_message: t.record.email_body ?? '',
    sent_time: t.time,
    open_time: t.openTime,
    click_time: t.clickTime,
    reply_time: t.replyTime,
    open_count: t.openCount,
    click_count: t.clickCount,
    is_unsubscribed: l.lead['is_unsubscribed'] === true || t.record['is_unsubscribed'] === true,
    is_bounced: t.record['is_bounced'] === true,
  };
}

/** `GET /campaigns/{id}/statistics`, all matching rows; undefined when the campaign does not exist. */
export function campaignStatistics(
  data: SmartleadData,
  campaignId: number,
  f: StatisticsFilters = {},
): Json[] | undefined {
  const c = data.campaign(campaignId);
  if (!c) return undefined;
  return sentEmails(data, c)
    .filter(({ t, l }) => {
      if (f.sequenceNumber !== undefined && t.seqNumber !== f.sequenceNumber) return false;
      if (f.sentFromMs !== undefined && !(t.ms >= f.sentFromMs)) return false;
      if (f.sentToMs !== undefined && !(t.ms <= f.sentToMs)) return false;
      switch (f.emailStatus) {
        case 'opened':
          return t.openTime !== null;
        case 'clicked':
          return t.clickTime !== null;
        case 'replied':
          return t.replyTime !== null;
        case 'unsubscribed':
          return l.lead['is_unsubscribed'] === true || t.record['is_unsubscribed'] === true;
        case 'bounced':
          return t.record['is_bounced'] === true;
        default:
          return true;
      }
    })
    .map(({ t, l }) => statisticsRow(t, l));
}

interface Window {
  fromMs: number;
  toMs: number;
}

function counters(
  data: SmartleadData,
  c: CampaignRecord,
  rows: ReadonlyArray<{ t: ThreadMessage; l: LeadRecord }>,
  w?: Window,
): Json {
  const inWindow = (time: string | null) =>
    time !== null && (!w || (timeMs(time) >= w.fromMs && timeMs(time) <= w.toMs));
  const sent = rows.filter(({ t }) => inWindow(t.time));
  const opened = rows.filter(({ t }) => inWindow(t.openTime));
  const clicked = rows.filter(({ t }) => inWindow(t.clickTime));
  const replied = new Set(
    data
      .messages(c.id)
      .filter((m) => m.type === 'REPLY' && inWindow(isoTime(m.time)))
      .map((m) => m.lead_id),
  );
  const unique = (list: { l: LeadRecord }[]) => new Set(list.map(({ l }) => l.lead.id)).size;
  const openSum = opened.reduce((n, { t }) => n + t.openCount, 0);
  const clickSum = clicked.reduce((n, { t }) => n + t.clickCount, 0);
  const unsubscribed = new Set(
    sent
      .filter(({ l, t }) => l.lead['is_unsubscribed'] === true || t.record['is_unsubscribed'] === true)
      .map(({ l }) => l.lead.id),
  );
  return {
    sent_count: String(sent.length),
    unique_sent_count: String(unique(sent)),
    open_count: String(openSum),
    unique_open_count: String(unique(opened)),
    click_count: String(clickSum),
    unique_click_count: String(unique(clicked)),
    reply_count: String(replied.size),
    bounce_count: String(sent.filter(({ t }) => t.record['is_bounced'] === true).length),
    unsubscribed_count: String(unsubscribed.size),
  };
}

/** `GET /campaigns/{id}/analytics`: lifetime counters (string-encoded, as SmartLead sends them). */
export function campaignAnalytics(data: SmartleadData, campaignId: number): Json | undefined {
  const c = data.campaign(campaignId);
  if (!c) return undefined;
  const leads = data.leads(campaignId);
  const contacted = data.contactedLeadIds(campaignId);
  const buckets = { notStarted: 0, inprogress: 0, completed: 0, paused: 0, stopped: 0, blocked: 0 };
  for (const l of leads) {
    switch (leadStatus(l, contacted.has(l.lead.id)).toUpperCase()) {
      case 'STARTED':
      case 'DRAFTED':
      case 'NOT_STARTED':
        buckets.notStarted++;
        break;
      case 'INPROGRESS':
        buckets.inprogress++;
        break;
      case 'COMPLETED':
        buckets.completed++;
        break;
      case 'PAUSED':
        buckets.paused++;
        break;
      case 'STOPPED':
        buckets.stopped++;
        break;
      case 'BLOCKED':
        buckets.blocked++;
        break;
    }
  }
  const sent = sentEmails(data, c);
  const seqNumbers = sent.map(({ t }) => t.seqNumber);
  const obj = campaignObject(c);
  return {
    id: c.id,
    user_id: obj['user_id'],
    created_at: obj['created_at'],
    status: c.status,
    name: c.name,
    ...counters(data, c, sent),
    block_count: String(buckets.blocked),
    total_count: String(leads.length),
    drafted_count: '0',
    sequence_count: String(asNumber(c['sequence_count']) ?? seqNumbers.reduce((m, n) => Math.max(m, n), 0)),
    tags: null,
    campaign_lead_stats: {
      total: leads.length,
      ...buckets,
      interested: leads.filter((l) => leadCategoryId(l) === INTERESTED).length,
      revenue: 0,
    },
    client_id: obj['client_id'] ?? null,
    client_name: null,
    client_email: null,
    client_company_name: null,
    parent_campaign_id: obj['parent_campaign_id'] ?? null,
    send_as_plain_text: obj['send_as_plain_text'] ?? false,
  };
}

/** `GET /campaigns/{id}/analytics-by-date` for whole UTC days `start`..`end` (YYYY-MM-DD, validated by the caller). */
export function campaignAnalyticsByDate(
  data: SmartleadData,
  campaignId: number,
  start: string,
  end: string,
): Json | undefined {
  const c = data.campaign(campaignId);
  if (!c) return undefined;
  const w: Window = { fromMs: Date.parse(`${start}T00:00:00.000Z`), toMs: Date.parse(`${end}T23:59:59.999Z`) };
  const obj = campaignObject(c);
  return {
    id: c.id,
    user_id: obj['user_id'],
    created_at: obj['created_at'],
    status: c.status,
    name: c.name,
    start_date: start,
    end_date: end,
    ...counters(data, c, sentEmails(data, c), w),
  };
}
