/**
 * The outreach domain: SmartLead's campaigns, leads, messages and counters as the product uses them.
 * Ids and counters are numbers, times are ISO 8601 (UTC) strings, absent values are null.
 */
import { z } from 'zod';

const id = z.number().int().describe('SmartLead numeric id');
const iso = z.string().describe('ISO 8601 date-time (UTC)');
const text = z.string().nullable();

export const campaignSchema = z.object({
  id,
  name: z.string(),
  status: z.string().describe('DRAFTED, ACTIVE, PAUSED, STOPPED, COMPLETED or ARCHIVED'),
  createdAt: iso.nullable(),
  updatedAt: iso.nullable(),
  clientId: id.nullable(),
  parentCampaignId: id.nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignLeadSchema = z.object({
  campaignId: id,
  /** `lead.id`: the id message history, pause/resume and categories take. */
  leadId: id,
  campaignLeadMapId: id.nullable(),
  email: z.string(),
  firstName: text,
  lastName: text,
  companyName: text,
  phoneNumber: text,
  website: text,
  location: text,
  linkedinProfile: text,
  customFields: z.record(z.string(), z.unknown()),
  isUnsubscribed: z.boolean(),
  /** Per-campaign lead state: STARTED, INPROGRESS, COMPLETED, PAUSED, STOPPED, BLOCKED. */
  status: z.string(),
  categoryId: id.nullable(),
  createdAt: iso.nullable(),
});
export type CampaignLead = z.infer<typeof campaignLeadSchema>;

export const sendStatsSchema = z
  .object({
    openCount: z.number().nonnegative().describe('times the email was opened (SmartLead open_count)'),
    clickCount: z.number().nonnegative().describe('link clicks (click_count)'),
    bounced: z.boolean().describe('is_bounced'),
  })
  .describe("a sent email's row in SmartLead's campaign statistics");
export type SendStats = z.infer<typeof sendStatsSchema>;

export const leadMessageSchema = z.object({
  campaignId: id,
  leadId: id,
  type: z.enum(['SENT', 'REPLY']),
  time: iso,
  subject: text,
  body: z.string(),
  statsId: text,
  messageId: text,
  sequenceNumber: z.number().int().nullable(),
  from: text,
  to: text,
  /** SENT only, when the campaign statistics were read: opens, clicks and bounce of this email. */
  stats: sendStatsSchema.optional(),
});
export type LeadMessage = z.infer<typeof leadMessageSchema>;

export const leadCampaignSchema = z.object({
  campaignId: id,
  campaignName: text,
  campaignLeadMapId: id.nullable(),
  categoryId: id.nullable(),
  clientId: id.nullable(),
  lastSentAt: iso.nullable(),
  lastReplyAt: iso.nullable(),
});
export type LeadCampaign = z.infer<typeof leadCampaignSchema>;

export const leadSchema = z.object({
  id,
  email: z.string(),
  firstName: text,
  lastName: text,
  companyName: text,
  phoneNumber: text,
  website: text,
  linkedinProfile: text,
  isUnsubscribed: z.boolean(),
  createdAt: iso.nullable(),
  campaigns: z.array(leadCampaignSchema),
});
export type Lead = z.infer<typeof leadSchema>;

export const campaignStatSchema = z.object({
  statsId: text,
  leadEmail: z.string(),
  leadName: text,
  leadCategory: text,
  sequenceNumber: z.number().int().nullable(),
  subject: text,
  sentTime: iso.nullable(),
  openTime: iso.nullable(),
  clickTime: iso.nullable(),
  replyTime: iso.nullable(),
  openCount: z.number(),
  clickCount: z.number(),
  isUnsubscribed: z.boolean(),
  isBounced: z.boolean(),
});
export type CampaignStat = z.infer<typeof campaignStatSchema>;

export const campaignStatsSchema = z.object({
  campaignId: id,
  /** Rows matching the filters, as SmartLead counted them (`total_stats`). */
  total: z.number().int(),
  rows: z.array(campaignStatSchema),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const emailStatusSchema = z.enum(['opened', 'clicked', 'replied', 'unsubscribed', 'bounced']);
export type EmailStatusFilter = z.infer<typeof emailStatusSchema>;

export interface StatisticsFilters {
  emailStatus?: EmailStatusFilter;
  sequenceNumber?: number;
  /** ISO date-time; rows sent at or after it. */
  sentFrom?: string;
  /** ISO date-time; rows sent at or before it. */
  sentTo?: string;
}

const count = z.number();
export const outreachCountersSchema = z.object({
  sentCount: count,
  uniqueSentCount: count,
  openCount: count,
  uniqueOpenCount: count,
  clickCount: count,
  uniqueClickCount: count,
  replyCount: count,
  bounceCount: count,
  unsubscribedCount: count,
});
export type OutreachCounters = z.infer<typeof outreachCountersSchema>;

export const campaignAnalyticsSchema = outreachCountersSchema.extend({
  campaignId: id,
  name: z.string(),
  status: z.string(),
  blockCount: count,
  totalCount: count,
  sequenceCount: count,
  leadStats: z.object({
    total: count,
    notStarted: count,
    inProgress: count,
    completed: count,
    paused: count,
    stopped: count,
    blocked: count,
    interested: count,
  }),
});
export type CampaignAnalytics = z.infer<typeof campaignAnalyticsSchema>;

export const campaignAnalyticsByDateSchema = outreachCountersSchema.extend({
  campaignId: id,
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
});
export type CampaignAnalyticsByDate = z.infer<typeof campaignAnalyticsByDateSchema>;

export const outreachSnapshotSchema = z.object({
  campaigns: z.array(campaignSchema),
  leads: z.array(campaignLeadSchema),
  messages: z.array(leadMessageSchema),
});
/** Everything `readAll` read: campaigns (newest first), their leads, and every lead's message history. */
export type OutreachSnapshot = z.infer<typeof outreachSnapshotSchema>;
