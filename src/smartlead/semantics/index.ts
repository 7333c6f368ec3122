/**
 * SmartLead's answers as a function of its records: what each API call returns for a campaign, lead or message
 * history. The sandbox serves them over HTTP and `DatasetOutreach` answers from memory, so both agree.
 */
export {
  memoryData,
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
  LEAD_EMAIL_STATUSES,
  LEAD_CATEGORIES,
  SANDBOX_MAILBOX,
  type EmailStatus,
  type LeadEmailStatus,
  type StatisticsFilters,
  type LeadsPage,
  type Json,
} from './view.js';
