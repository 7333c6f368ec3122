export {
  StateStore,
  StateError,
  STATE_VERSION,
  privateFile,
  findingFingerprint,
  messageKey,
  modifiedOf,
  type CacheKind,
  type CacheChanges,
  type RunRecord,
} from './store.js';
export type { AuditRow } from '../analysis/index.js';
export { CrmWritesTable, type CrmWriteRow, type NewCrmWriteRow, type CrmWriteUpdate } from './crm-writes.js';
export { listRuns } from './runs.js';
export {
  recordReconciliation,
  recentReconciliations,
  aeUpdatesOf,
  reconciliationsOf,
  type AeUpdateRow,
  type StoredReconciliation,
} from './ae-updates.js';
export { NotifyLinksTable, type NotifyLinkRow, type NewNotifyLinkRow } from './notify-links.js';
export {
  NotifyOutboxTable,
  type NotifyOutboxRecord,
  type NewNotifyOutboxRow,
  type OutboxAudience,
  type OutboxStatus,
} from './notify-outbox.js';
export {
  NudgesTable,
  listNudges,
  recordNudge,
  recordNudgeResponse,
  NUDGE_RESPONSE_KINDS,
  type NudgeRow,
  type NudgeFilter,
  type NudgeResponseKind,
  type NudgeRecord,
  type NewNudge,
  type NudgeResponseRecord,
} from './nudges.js';
export { AeProfilesTable } from './ae-profiles.js';
export { NotifyEpisodesTable, type EpisodeRow } from './notify-episodes.js';
export { NotifySuppressionsTable, type SuppressionRow } from './notify-suppressions.js';
export { cachedRecord, cachedRecords, cachedIds, cachedEngagementIds, cachedCount } from './cache-records.js';
