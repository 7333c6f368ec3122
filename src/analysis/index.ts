export {
  summarizePortal,
  portalSummarySchema,
  type PortalSummary,
  type CampaignRead,
  type SummaryInput,
} from './portal-summary.js';
export type { AnalysisContext, PortalData, MarketingData, AeUpdateStageClaim } from './input.js';
export { marketingSchema } from './input.js';
export {
  CHECK_NAMES,
  SEVERITIES,
  findingSchema,
  checkReportSchema,
  type CheckName,
  type Severity,
  type Finding,
  type CheckReport,
} from './finding.js';
export { portalDataFromDataset, datasetExtras } from './from-dataset.js';
export { derive, categoryFor, isDone, type Derived, type StageInfo, type Activity } from './derive.js';
export { zoneOffsetMs, startOfDay, startOfWeek, startOfQuarter, addDays, daysSince, DAY_MS } from './time.js';
export { auditSnapshot, auditRowSchema, type AuditSnapshotRow } from './audit.js';
export { auditTrend, auditTrendSchema, type AuditRow, type AuditTrend } from './audit-trend.js';
export { competitorsOf, ownCompanyNames } from './competitors.js';
export { weeklyReport, weeklyReportSchema, type WeeklyReport } from './weekly-report.js';
export { scopeToPipeline } from './scope.js';
export { recordName } from './record-name.js';
