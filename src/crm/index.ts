export * from './model.js';
export type {
  CrmPort,
  SearchQuery,
  SearchFilter,
  FilterOperator,
  ReadProgress,
  Modified,
  SnapshotBatch,
  CrmWriter,
  CrmWriteResult,
  WritableEngagementKind,
} from './port.js';
export { isCrmWriter } from './port.js';
export { matchOwner, ownerHandle, type OwnerMatch } from './owner-ref.js';
export { createHubSpotClient, HUBSPOT_BASE, type HubSpotClient, type HubSpotClientOptions } from './hubspot/client.js';
export { HubSpotCrm } from './hubspot/adapter.js';
export { RequestCounter } from './hubspot/request-counter.js';
export { mapHubSpotError } from './hubspot/errors.js';
export { DatasetCrm } from './memory/dataset-crm.js';
export { comparable, filterMatches, OPERATORS, type Operator } from './search-semantics.js';
export { stripHtml, toIso } from './mappers.js';
