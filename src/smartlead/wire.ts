/**
 * SmartLead's response shapes (docs/api-facts.md C3) and their mapping to the domain model. Lenient where the real
 * API is inconsistent: numbers may be string-encoded, optional fields null or missing, times ISO or
 * `MM/dd/yyyy HH:mm:ss`. Unknown fields are ignored.
 */
import { z } from 'zod';
import type {
  Campaign,
  CampaignAnalytics,
  CampaignAnalyticsByDate,
  CampaignLead,
  CampaignStat,
  Lead,
  LeadMessage,
  OutreachCounters,
} from './model.js';

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A number, or a string holding one (`"12"`). */
export const wireNumber = z.union([
  z.number(),
  z.string().trim().regex(NUMERIC, { message: 'expected a number or a numeric string' }).transform(Number),
]);
const wireId = wireNumber.refine(Number.isSafeInteger, { message: 'expected an integer id' });
/** null, missing or "" → null. */
const optId = z
  .union([wireId, z.literal('')])
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v));
const count = z
  .union([wireNumber, z.literal('')])
  .nullish()
  .transform((v) => (typeof v === 'number' ? v : 0));
const optText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));
const flag = z
  .union([z.boolean(), z.enum(['true', 'false']), z.number()])
  .nullish()
  .transform((v) => v === true || v === 'true' || v === 1);

/** ISO string from an ISO time, a `MM/dd/yyyy HH:mm:ss` time, a zone-less time (taken as UTC), or epoch ms. */
export function toIsoTime(value: string | number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : undefined;
  const s = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (us) {
    const [, mo, d, y, h = '0', mi = '0', sec = '0'] = us;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const zoneless = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const ms = Date.parse(zoneless ? `${s.replace(' ', 'T')}Z` : s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const time = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const iso = toIsoTime(v);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a date-time' });
    return z.NEVER;
  }
  return iso;
});
const optTime = z
  .union([time, z.literal('')])
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v));
const customFields = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? {});

// ------------------------------------------------------------------ campaigns

export const campaignWire = z
  .looseObject({
    id: wireId,
    name: optText,
    status: optText,
    created_at: optTime,
    updated_at: optTime,
    client_id: optId,
    parent_campaign_id: optId,
  })
  .transform((w): Campaign => ({
    id: w.id,
    name: w.name ?? '',
    status: w.status ?? 'UNKNOWN',
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    clientId: w.client_id,
    parentCampaignId: w.parent_campaign_id,
  }));
export const campaignListWire = z.array(campaignWire);

// ------------------------------------------------------------------ campaign leads

const leadWire = z.looseObject({
  id: wireId,
  email: z.string(),
  first_name: optText,
  last_name: optText,
  company_name: optText,
  phone_number: optText,
  website: optText,
  location: optText,
  linkedin_profile: optText,
  custom_fields: customFields,
  is_unsubscribed: flag,
});

export const campaignLeadWire = z
  .looseObject({
    campaign_lead_map_id: optId,
    lead_category_id: optId,
    status: optText,
    created_at: optTime,
    lead: leadWire,
  })
  .transform((w): Omit<CampaignLead, 'campaignId'> => ({
    leadId: w.lead.id,
    campaignLeadMapId: w.campaign_lead_map_id,
    email: w.lead.email,
    firstName: w.lead.first_name,
    lastName: w.lead.last_name,
    companyName: w.lead.company_name,
    phoneNumber: w.lead.phone_number,
    website: w.lead.website,
    location: w.lead.location,
    linkedinProfile: w.lead.linkedin_profile,
    customFields: w.lead.custom_fields,
    isUnsubscribed: w.lead.is_unsubscribed,
    status: w.status ?? 'UNKNOWN',
    categoryId: w.lead_category_id,
    createdAt: w.created_at,
  }));

export const campaignLeadsPageWire = z.looseObject({
  total_leads: count,
  offset: optId,
  limit: optId,
  data: z
    .array(campaignLeadWire)
    .nullish()
    .transform((v) => v ?? []),
});

// ------------------------------------------------------------------ message history

const messageWire = z.looseObject({
  type: z.string(),
  time,
  subject: optText,
  email_body: optText,
  stats_id: optText,
  message_id: optText,
  email_seq_number: optId,
  from: optText,
  to: optText,
});

export const messageHistoryWire = z
  .looseObject({
    history: z
      .array(messageWire)
      .nullish()
      .transform((v) => v ?? []),
    from: optText,
    to: optText,
  })
  .transform((w) => ({
    /** SENT and REPLY items; anything else SmartLead may add (forwards, notes) is not a lead message. */
    messages: w.history.flatMap((m): Omit<LeadMessage, 'campaignId' | 'leadId'>[] => {
      const type = m.type.toUpperCase();
      if (type !== 'SENT' && type !== 'REPLY') return [];
      return [
        {
          type,
          time: m.time,
          subject: m.subject,
          body: m.email_body ?? '',
          statsId: m.stats_id,
          messageId: m.message_id,
          sequenceNumber: m.email_seq_number,
          from: m.from,
          to: m.to,
        },
      ];
    }),
  }));

// ------------------------------------------------------------------ lead by email

export const leadByEmailWire = z
  .looseObject({
    id: wireId,
    email: z.string(),
    first_name: optText,
    last_name: optText,
    company_name: optText,
    phone_number: optText,
    website: optText,
    linkedin_profile: optText,
    is_unsubscribed: flag,
    created_at: optTime,
    lead_campaign_data: z
      .array(
        z.looseObject({
          campaign_id: wireId,
          campaign_name: optText,
          campaign_lead_map_id: optId,
          lead_category_id: optId,
          client_id: optId,
          last_sent_at: optTime,
          last_reply_at: optTime,
        }),
      )
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((w): Lead => ({
    id: w.id,
    email: w.email,
    firstName: w.first_name,
    lastName: w.last_name,
    companyName: w.company_name,
    phoneNumber: w.phone_number,
    website: w.website,
    linkedinProfile: w.linkedin_profile,
    isUnsubscribed: w.is_unsubscribed,
    createdAt: w.created_at,
    campaigns: w.lead_campaign_data.map((c) => ({
      campaignId: c.campaign_id,
      campaignName: c.campaign_name,
      campaignLeadMapId: c.campaign_lead_map_id,
      categoryId: c.lead_category_id,
      clientId: c.client_id,
      lastSentAt: c.last_sent_at,
      lastReplyAt: c.last_reply_at,
    })),
  }));

// ------------------------------------------------------------------ statistics & analytics

const statRowWire = z
  .looseObject({
    stats_id: optText,
    lead_email: z.string(),
    lead_name: optText,
    lead_category: optText,
    sequence_number: optId,
    email_subject: optText,
    sent_time: optTime,
    open_time: optTime,
    click_time: optTime,
    reply_time: optTime,
    open_count: count,
    click_count: count,
    is_unsubscribed: flag,
    is_bounced: flag,
  })
  .transform((w): CampaignStat => ({
    statsId: w.stats_id,
    leadEmail: w.lead_email,
    leadName: w.lead_name,
    leadCategory: w.lead_category,
    sequenceNumber: w.sequence_number,
    subject: w.email_subject,
    sentTime: w.sent_time,
    openTime: w.open_time,
    clickTime: w.click_time,
    replyTime: w.reply_time,
    openCount: w.open_count,
    clickCount: w.click_count,
    isUnsubscribed: w.is_unsubscribed,
    isBounced: w.is_bounced,
  }));

export const statisticsPageWire = z.looseObject({
  total_stats: count,
  offset: optId,
  limit: optId,
  data: z
    .array(statRowWire)
    .nullish()
    .transform((v) => v ?? []),
});

const countersShape = {
  sent_count: count,
  unique_sent_count: count,
  open_count: count,
  unique_open_count: count,
  click_count: count,
  unique_click_count: count,
  reply_count: count,
  bounce_count: count,
  unsubscribed_count: count,
};

function toCounters(w: { [K in keyof typeof countersShape]: number }): OutreachCounters {
  return {
    sentCount: w.sent_count,
    uniqueSentCount: w.unique_sent_count,
    openCount: w.open_count,
    uniqueOpenCount: w.unique_open_count,
    clickCount: w.click_count,
    uniqueClickCount: w.unique_click_count,
    replyCount: w.reply_count,
    bounceCount: w.bounce_count,
    unsubscribedCount: w.unsubscribed_count,
  };
}

const leadStatsWire = z
  .looseObject({
    total: count,
    notStarted: count,
    inprogress: count,
    completed: count,
    paused: count,
    stopped: count,
    blocked: count,
    interested: count,
  })
  .nullish()
  .transform((v) => ({
    total: v?.total ?? 0,
    notStarted: v?.notStarted ?? 0,
    inProgress: v?.inprogress ?? 0,
    completed: v?.completed ?? 0,
    paused: v?.paused ?? 0,
    stopped: v?.stopped ?? 0,
    blocked: v?.blocked ?? 0,
    interested: v?.interested ?? 0,
  }));

export const analyticsWire = z
  .looseObject({
    id: wireId,
    name: optText,
    status: optText,
    ...countersShape,
    block_count: count,
    total_count: count,
    sequence_count: count,
    campaign_lead_stats: leadStatsWire,
  })
  .transform((w): CampaignAnalytics => ({
    campaignId: w.id,
    name: w.name ?? '',
    status: w.status ?? 'UNKNOWN',
    ...toCounters(w),
    blockCount: w.block_count,
    totalCount: w.total_count,
    sequenceCount: w.sequence_count,
    leadStats: w.campaign_lead_stats,
  }));

export const analyticsByDateWire = z
  .looseObject({
    id: wireId,
    name: optText,
    start_date: z.string(),
    end_date: z.string(),
    ...countersShape,
  })
  .transform((w): CampaignAnalyticsByDate => ({
    campaignId: w.id,
    name: w.name ?? '',
    startDate: w.start_date,
    endDate: w.end_date,
    ...toCounters(w),
  }));
