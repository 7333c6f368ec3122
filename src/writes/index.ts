export * from './change.js';
export { WriteService, type WriteServiceOptions, type ProposeMeta, type Proposal } from './service.js';
export { WRITE_STATUSES, type WriteRecord, type WriteStatus, type WriteResultInfo } from './record.js';
export {
  WriteInvalidError,
  WriteNotFoundError,
  WriteApprovalError,
  WriteConflictError,
  WriteFailedError,
  WriteUnknownError,
  type ApprovalProblem,
} from './errors.js';
export { buildPreview, type PreviewLookup } from './preview.js';
export { APPROVAL_KEY_FILE, DEFAULT_APPROVAL_TTL_MS } from './approval.js';
export { canonicalJson } from './canonical.js';
