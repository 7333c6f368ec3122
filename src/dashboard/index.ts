/**
 * The manager's dashboard: read-only, server-rendered pages (Team, AE, Deal, Marketing, Review) over the synced
 * cache, charts from Vega-Lite specs rendered to SVG on the server, every table downloadable as CSV.
 */
export { dashboardHandler, startDashboard, type DashboardDeps, type RunningDashboard } from './server.js';
export { parseFilters, filterQuery, PERIODS, type Filters, type PeriodChoice } from './filters.js';
export {
  teamPage,
  aePage,
  dealPage,
  marketingPage,
  reviewPage,
  pipelineSection,
  momentumSections,
  coverageSection,
  scorecardSection,
  hygieneSection,
  forecastSection,
  risksSection,
  findingsSection,
  waterfallSteps,
  quarterRange,
  hubspotDealUrl,
  clip,
  type PageEnv,
} from './pages.js';
export { pageHtml, tableCsv, esc } from './html.js';
export { withToken } from './auth.js';
export { buildManagerWeeklyEmail, type ManagerWeeklyEmail, type ManagerWeeklyEmailOptions } from './weekly-email.js';
export {
  recordManagerWeekly,
  deliverManagerWeekly,
  weeklyMessageId,
  type WeeklyRecipient,
  type WeeklyDelivery,
} from './weekly-outbox.js';
export type { Page, Section, Table, Cell } from './model.js';
