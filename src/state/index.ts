export { StateStore, StateError, STATE_VERSION, findingFingerprint, messageKey, modifiedOf, type CacheKind, type CacheChanges, type RunRecord, type AuditRow } from './store.js';
