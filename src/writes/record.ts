/** One row of the crm_writes audit log, as the write path hands it out. */
import type { CrmChange } from './change.js';

export const WRITE_STATUSES = ['proposed', 'approved', 'applying', 'applied', 'failed', 'unknown', 'rejected'] as const;
export type WriteStatus = (typeof WRITE_STATUSES)[number];

export interface WriteResultInfo {
  /** The created or updated record. */
  recordType: string;
  recordId: string;
  /** Requests sent (more than one only after HubSpot rate-limited a request it did not process). */
  attempts: number;
  /** Whether the local cache now holds the record as HubSpot returned it. */
  cacheRefreshed: boolean;
}

export interface WriteRecord {
  id: string;
  status: WriteStatus;
  op: CrmChange['op'];
  change: CrmChange;
  preview: string;
  idempotencyKey: string;
  /** Who proposed it (an AE, `claude`, a workflow) and through which tool. */
  actor: string;
  tool: string;
  source: string | null;
  /** `deal` for deal updates and engagements on a deal; `deal` for a new deal (id once applied). */
  targetType: string;
  targetId: string | null;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  applyingAt: string | null;
  appliedAt: string | null;
  updatedAt: string;
  result: WriteResultInfo | null;
  error: string | null;
}
