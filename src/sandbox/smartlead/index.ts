/**
 * The sandbox's SmartLead API (docs/api-facts.md C3) and the record → response view it is built on. The view is
 * exported so the in-memory `DatasetOutreach` fake answers exactly as the sandbox does.
 */
export { smartleadRoutes, SMARTLEAD_PREFIX, LEADS_PAGE_MAX, STATISTICS_PAGE_MAX } from './routes.js';
export {
  memoryData,
  sqliteData,
  normaliseEmail,
  type SmartleadData,
  type CampaignRecord,
  type LeadRecord,
  type MessageRecord,
} from './data.js';
export { isCalendarDate, parseQueryTime, derivedInt, derivedUuid } from './derive.js';
export {
  campaignAnalytics,
  campaignAnalyticsByDate,
  campaignLeads,
  campaignStatistics,
  getCampaign,
  leadByEmail,
  leadCampaigns,
  listCampaigns,
  messageHistory,
  EMAIL_STATUSES,
  LEAD_CATEGORIES,
  SANDBOX_MAILBOX,
  type EmailStatus,
  type StatisticsFilters,
  type LeadsPage,
  type Json,
} from './view.js';
