/**
 * An in-memory OutreachPort over a dataset's `smartlead` section. It computes SmartLead's answers with the
 * sandbox's own view and reads them through the client's wire schemas, so it answers exactly as the
 * SmartLead client does against the sandbox loaded with the same dataset, without HTTP.
 */
import type { SmartleadSection } from '../dataset/index.js';
import {
  campaignAnalytics,
  campaignAnalyticsByDate,
  campaignLeads,
  campaignStatistics,
  getCampaign,
  isCalendarDate,
  parseQueryTime,
  leadByEmail,
  listCampaigns,
  memoryData,
  messageHistory,
  type SmartleadData,
} from './semantics/index.js';
import { endpointOf, parseWire, smartleadErrors } from './errors.js';
import type {
  Campaign,
  CampaignAnalytics,
  CampaignAnalyticsByDate,
  CampaignLead,
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

export class DatasetOutreach implements OutreachPort {
  private readonly data: SmartleadData;

  constructor(section: SmartleadSection | undefined) {
    this.data = memoryData(section);
  }

  async listCampaigns(): Promise<Campaign[]> {
    return parseWire(campaignListWire, listCampaigns(this.data), endpointOf('GET', '/campaigns'));
  }

  async getCampaign(id: number): Promise<Campaign | null> {
    const body = getCampaign(this.data, id);
    return body ? parseWire(campaignWire, body, endpointOf('GET', `/campaigns/${id}`)) : null;
  }

  async listCampaignLeads(campaignId: number): Promise<CampaignLead[]> {
    const endpoint = endpointOf('GET', `/campaigns/${campaignId}/leads`);
    const page = campaignLeads(this.data, campaignId, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
    if (!page) throw smartleadErrors.notFound(endpoint);
    const parsed = parseWire(
      campaignLeadsPageWire,
      { total_leads: String(page.total), offset: 0, limit: page.total, data: page.items },
      endpoint,
    );
    return parsed.data.map((l) => ({ campaignId, ...l }));
  }

  async getLeadMessageHistory(
    campaignId: number,
    leadId: number,
    options: MessageHistoryOptions = {},
  ): Promise<LeadMessage[]> {
    const endpoint = endpointOf('GET', `/campaigns/${campaignId}/leads/${leadId}/message-history`);
    const after = options.after === undefined ? undefined : parseQueryTime(options.after);
    if (after !== undefined && Number.isNaN(after))
      throw smartleadErrors.refused(endpoint, 400, 'event_time_gt must be a date-time');
    const body = messageHistory(this.data, campaignId, leadId, after);
    if (!body) throw smartleadErrors.notFound(endpoint);
    return parseWire(messageHistoryWire, body, endpoint).messages.map((m) => ({ campaignId, leadId, ...m }));
  }

  async getLeadByEmail(email: string): Promise<Lead | null> {
    const body = email.trim() ? leadByEmail(this.data, email) : undefined;
    return body ? parseWire(leadByEmailWire, body, endpointOf('GET', '/leads')) : null;
  }

  async getCampaignStatistics(campaignId: number, filters: StatisticsFilters = {}): Promise<CampaignStats> {
    const endpoint = endpointOf('GET', `/campaigns/${campaignId}/statistics`);
    const time = (iso: string | undefined, name: string): number | undefined => {
      if (iso === undefined) return undefined;
      const ms = parseQueryTime(iso);
      if (Number.isNaN(ms)) throw smartleadErrors.refused(endpoint, 400, `${name} must be a date-time`);
      return ms;
    };
    const rows = campaignStatistics(this.data, campaignId, {
      emailStatus: filters.emailStatus,
      sequenceNumber: filters.sequenceNumber,
      sentFromMs: time(filters.sentFrom, 'sent_time_start_date'),
      sentToMs: time(filters.sentTo, 'sent_time_end_date'),
    });
    if (!rows) throw smartleadErrors.notFound(endpoint);
    const page = parseWire(
      statisticsPageWire,
      { total_stats: String(rows.length), data: rows, offset: 0, limit: rows.length },
      endpoint,
    );
    return { campaignId, total: page.total_stats, rows: page.data };
  }

  async getCampaignAnalytics(campaignId: number): Promise<CampaignAnalytics> {
    const endpoint = endpointOf('GET', `/campaigns/${campaignId}/analytics`);
    const body = campaignAnalytics(this.data, campaignId);
    if (!body) throw smartleadErrors.notFound(endpoint);
    return parseWire(analyticsWire, body, endpoint);
  }

  async getCampaignAnalyticsByDate(
    campaignId: number,
    startDate: string,
    endDate: string,
  ): Promise<CampaignAnalyticsByDate> {
    const endpoint = endpointOf('GET', `/campaigns/${campaignId}/analytics-by-date`);
    for (const [name, d] of [
      ['start_date', startDate],
      ['end_date', endDate],
    ] as const) {
      if (!isCalendarDate(d)) {
        throw smartleadErrors.refused(endpoint, 400, `${name} is required and must be a date in YYYY-MM-DD format`);
      }
    }
    if (endDate < startDate) throw smartleadErrors.refused(endpoint, 400, 'end_date must not be before start_date');
    const body = campaignAnalyticsByDate(this.data, campaignId, startDate, endDate);
    if (!body) throw smartleadErrors.notFound(endpoint);
    return parseWire(analyticsByDateWire, body, endpoint);
  }

  readAll(onProgress?: OutreachProgressListener): Promise<OutreachSnapshot> {
    return readAllThrough(this, onProgress);
  }
}
