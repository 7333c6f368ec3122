/**
 * Outreach: what the product reads from SmartLead. `OutreachPort` is the seam; `SmartLeadClient` reads the
 * real API (or the sandbox's), `DatasetOutreach` answers the same from a dataset in memory.
 */
export { SmartLeadClient, PAGE_SIZE, retryAfterMs, type SmartLeadClientOptions } from './client.js';
export { DatasetOutreach } from './dataset.js';
export {
  readAllThrough,
  type OutreachPort,
  type OutreachProgress,
  type OutreachProgressListener,
  type MessageHistoryOptions,
} from './port.js';
export { redact } from './errors.js';
export { attachSendStats, sendStatsOf } from './send-stats.js';
export {
  campaignSchema,
  campaignLeadSchema,
  leadMessageSchema,
  sendStatsSchema,
  leadSchema,
  leadCampaignSchema,
  campaignStatSchema,
  campaignStatsSchema,
  campaignAnalyticsSchema,
  campaignAnalyticsByDateSchema,
  outreachCountersSchema,
  outreachSnapshotSchema,
  emailStatusSchema,
  type Campaign,
  type CampaignLead,
  type LeadMessage,
  type SendStats,
  type Lead,
  type LeadCampaign,
  type CampaignStat,
  type CampaignStats,
  type CampaignAnalytics,
  type CampaignAnalyticsByDate,
  type OutreachCounters,
  type OutreachSnapshot,
  type EmailStatusFilter,
  type StatisticsFilters,
} from './model.js';
export {
  campaignWire,
  campaignListWire,
  campaignLeadWire,
  campaignLeadsPageWire,
  messageHistoryWire,
  leadByEmailWire,
  statisticsPageWire,
  analyticsWire,
  analyticsByDateWire,
  wireNumber,
  toIsoTime,
} from './wire.js';
