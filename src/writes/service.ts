/**
 * The audited write path: every CRM change is proposed (validated, previewed from the cache, recorded once),
 * approved by a person (an HMAC token only the CLI can mint), applied with a single request (recorded as
 * `applying` before it is sent, never retried unless HubSpot rate-limited it), and written back to the cache.
 * Every transition is an update of the write's row in crm_writes.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  AccountInfo,
  Company,
  CrmWriter,
  Deal,
  Engagement,
  EngagementKind,
  Owner,
  Pipeline,
} from '../crm/index.js';
import { cachedRecord, cachedRecords, CrmWritesTable, type CrmWriteRow, type StateStore } from '../state/index.js';
import { approvalKey, DEFAULT_APPROVAL_TTL_MS, signApproval, verifyApproval } from './approval.js';
import { canonicalJson, sha256 } from './canonical.js';
import { crmChangeSchema, type CrmChange } from './change.js';
import {
  WriteConflictError,
  WriteFailedError,
  WriteInvalidError,
  WriteNotFoundError,
  WriteUnknownError,
} from './errors.js';
import { classifyFailure } from './outcome.js';
import { planWrite, runPlan, writeTarget } from './plan.js';
import { buildPreview, type PreviewLookup } from './preview.js';
import { WRITE_STATUSES, type WriteRecord, type WriteResultInfo, type WriteStatus } from './record.js';

export interface WriteServiceOptions {
  crm: CrmWriter;
  state: StateStore;
  /** Where approval.key lives (MIS_STATE_DIR). */
  stateDir: string;
  clock?: () => Date;
  /** How long an issued approval is valid. Default 10 minutes. */
  approvalTtlMs?: number;
  /** Requests per write when HubSpot answers 429 (rejected before processing). Default 3. */
  rateLimitAttempts?: number;
  /** Wait before re-sending after a 429, times the attempt number. Default 10 s (HubSpot's rolling window). */
  rateLimitWaitMs?: number;
}

export interface ProposeMeta {
  /** Who proposes it: an owner email, `claude`, a workflow name. */
  actor: string;
  /** Through what: `mcp:hubspot_update_deal`, `reconcile`, `cli`. */
  tool: string;
  /** Where the change came from (an AE update id, a finding): the same change from another source is another write. */
  source?: string;
}

export interface Proposal {
  writeId: string;
  preview: string;
  status: WriteStatus;
  idempotencyKey: string;
  /** False when this exact change from this source was proposed before: the existing write is returned. */
  created: boolean;
}

const APPLICABLE: ReadonlyArray<WriteStatus> = ['proposed', 'approved'];

export class WriteService {
  private readonly crm: CrmWriter;
  private readonly state: StateStore;
  private readonly stateDir: string;
  private readonly clock: () => Date;
  private readonly table: CrmWritesTable;
  private readonly ttl: number;
  private readonly attempts: number;
  private readonly waitMs: number;

  constructor(opts: WriteServiceOptions) {
    this.crm = opts.crm;
    this.state = opts.state;
    this.stateDir = opts.stateDir;
    this.clock = opts.clock ?? (() => new Date());
    this.table = new CrmWritesTable(opts.state);
    this.ttl = opts.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS;
    this.attempts = Math.max(1, opts.rateLimitAttempts ?? 3);
    this.waitMs = opts.rateLimitWaitMs ?? 10_000;
  }

  /** Validate and record a change; the same change from the same source returns the same write. */
  propose(change: unknown, meta: ProposeMeta): Proposal {
    const parsed = crmChangeSchema.safeParse(change);
    if (!parsed.success) throw new WriteInvalidError(describeIssues(parsed.error));
    const actor = meta.actor.trim();
    const tool = meta.tool.trim();
    if (!actor || !tool) throw new WriteInvalidError('actor and tool are required');
    const valid = parsed.data;
    const idempotencyKey = sha256(`${canonicalJson(valid)}\n${meta.source ?? ''}`);
    const existing = this.table.byKey(idempotencyKey);
    if (existing) return toProposal(existing, false);
    const target = writeTarget(valid);
    const now = this.clock().toISOString();
    const { row, created } = this.table.insertOrGet({
      id: `w-${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      created_at: now,
      actor,
      tool,
      source: meta.source ?? null,
      target_type: target.type,
      target_id: target.id,
      preview: buildPreview(valid, this.lookup()),
      idempotency_key: idempotencyKey,
      status: 'proposed',
      op: valid.op,
      change: canonicalJson(valid),
    });
    return toProposal(row, created);
  }

  /** Mint the approval a person gives at the CLI; marks the write approved by them. */
  issueApproval(writeId: string, approver: string): string {
    const name = approver.trim();
    if (!name) throw new WriteInvalidError('an approver name is required');
    const row = this.row(writeId);
    const now = this.clock();
    if (
      !this.table.transition(writeId, APPLICABLE, now.toISOString(), {
        status: 'approved',
        approved_by: name,
        approved_at: now.toISOString(),
      })
    ) {
      throw new WriteConflictError(toRecord(this.row(writeId)), 'approve');
    }
    return signApproval(
      approvalKey(this.stateDir),
      { writeId, approver: name, expiresAt: now.getTime() + this.ttl },
      changeHash(row),
    );
  }

  /**
   * Apply an approved write: one request, recorded `applying` before it is sent, then `applied` (the cache
   * updated from HubSpot's answer), `failed` (HubSpot refused it) or `unknown` (it may have written).
   */
  async apply(writeId: string, approvalToken: string): Promise<WriteRecord> {
    const row = this.row(writeId);
    const claims = verifyApproval(
      approvalKey(this.stateDir),
      approvalToken,
      writeId,
      changeHash(row),
      this.clock().getTime(),
    );
    if (!APPLICABLE.includes(row.status as WriteStatus)) throw new WriteConflictError(toRecord(row), 'apply');
    const change = parseChange(row);
    const startedAt = this.clock().toISOString();
    const claimed = this.table.transition(writeId, APPLICABLE, startedAt, {
      status: 'applying',
      applying_at: startedAt,
      approved_by: claims.approver,
      approved_at: row.approved_at ?? startedAt,
    });
    if (!claimed) throw new WriteConflictError(toRecord(this.row(writeId)), 'apply');

    const cachedDeal = 'dealId' in change ? (cachedRecord(this.state, 'deal', change.dealId) as Deal | null) : null;
    const plan = planWrite(change, { now: this.clock(), dealOwnerId: cachedDeal?.ownerId ?? null });
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        const done = await runPlan(this.crm, plan);
        const cacheRefreshed = await this.refreshCache(
          done.recordType,
          done.recordId,
          'dealId' in change ? change.dealId : null,
        );
        const result: WriteResultInfo = { ...done, attempts, cacheRefreshed };
        const at = this.clock().toISOString();
        this.table.transition(writeId, ['applying'], at, {
          status: 'applied',
          applied_at: at,
          result: JSON.stringify(result),
          ...(change.op === 'create_deal' ? { target_id: done.recordId } : {}),
        });
        return this.get(writeId);
      } catch (e) {
        const failure = classifyFailure(e);
        if (failure.kind === 'rate_limited' && attempts < this.attempts) {
          await new Promise((r) => setTimeout(r, this.waitMs * attempts));
          continue;
        }
        const status: WriteStatus = failure.kind === 'unknown' ? 'unknown' : 'failed';
        this.table.transition(writeId, ['applying'], this.clock().toISOString(), {
          status,
          error:
            failure.kind === 'rate_limited'
              ? `rate-limited ${attempts} times, not sent again: ${failure.reason}`
              : failure.reason,
        });
        const record = this.get(writeId);
        if (status === 'unknown') throw new WriteUnknownError(record, failure.reason);
        throw new WriteFailedError(record, failure.reason, failure.hint);
      }
    }
  }

  /** A person declines the write; it can never be applied. */
  reject(writeId: string, by: string): WriteRecord {
    const name = by.trim();
    if (!name) throw new WriteInvalidError('who rejects the write is required');
    this.row(writeId);
    const at = this.clock().toISOString();
    if (!this.table.transition(writeId, APPLICABLE, at, { status: 'rejected', rejected_by: name, rejected_at: at })) {
      throw new WriteConflictError(toRecord(this.row(writeId)), 'reject');
    }
    return this.get(writeId);
  }

  /** Newest first. */
  list(filter: { status?: WriteStatus } = {}): WriteRecord[] {
    if (filter.status !== undefined && !WRITE_STATUSES.includes(filter.status))
      throw new WriteInvalidError(`unknown status ${String(filter.status)}`);
    return this.table.list(filter.status).map(toRecord);
  }

  get(writeId: string): WriteRecord {
    return toRecord(this.row(writeId));
  }

  private row(writeId: string): CrmWriteRow {
    const row = this.table.byId(writeId);
    if (!row) throw new WriteNotFoundError(writeId);
    return row;
  }

  /** Labels and current values for previews, read record by record from the cache. */
  private lookup(): PreviewLookup {
    const account = cachedRecords(this.state, 'account')[0] as AccountInfo | undefined;
    return {
      deal: (id) => cachedRecord(this.state, 'deal', id) as Deal | null,
      company: (id) => cachedRecord(this.state, 'company', id) as Company | null,
      owners: cachedRecords(this.state, 'owner') as Owner[],
      pipelines: (cachedRecords(this.state, 'pipeline') as Pipeline[]).sort((a, b) => a.displayOrder - b.displayOrder),
      timezone: account?.timezone ?? 'UTC',
      currency: account?.currency ?? 'USD',
    };
  }

  /** Put what HubSpot now holds into the cache (the record, and the deal an engagement was logged on). */
  private async refreshCache(recordType: string, recordId: string, dealId: string | null): Promise<boolean> {
    try {
      const deals: Deal[] = [];
      const engagements: Engagement[] = [];
      if (recordType === 'deal') deals.push(...(await this.crm.getDeals([recordId])));
      else {
        engagements.push(...(await this.crm.getEngagements(recordType as EngagementKind, [recordId])));
        if (dealId) deals.push(...(await this.crm.getDeals([dealId])));
      }
      if (!deals.length && !engagements.length) return false;
      this.state.applyChanges({ deals, engagements }, {}, null);
      return true;
    } catch {
      // The write happened; a stale cache is fixed by the next sync.
      return false;
    }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(change)'}: ${i.message}`)
    .join('; ');
}

function changeHash(row: CrmWriteRow): string {
  return sha256(`${row.change}\n${row.preview}`);
}

function parseChange(row: CrmWriteRow): CrmChange {
  return crmChangeSchema.parse(JSON.parse(row.change));
}

function toProposal(row: CrmWriteRow, created: boolean): Proposal {
  return {
    writeId: row.id,
    preview: row.preview,
    status: row.status as WriteStatus,
    idempotencyKey: row.idempotency_key,
    created,
  };
}

function toRecord(row: CrmWriteRow): WriteRecord {
  const change = parseChange(row);
  return {
    id: row.id,
    status: row.status as WriteStatus,
    op: change.op,
    change,
    preview: row.preview,
    idempotencyKey: row.idempotency_key,
    actor: row.actor,
    tool: row.tool,
    source: row.source,
    targetType: row.target_type,
    targetId: row.target_id,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    rejectedBy: row.rejected_by,
    rejectedAt: row.rejected_at,
    applyingAt: row.applying_at,
    appliedAt: row.applied_at,
    updatedAt: row.updated_at,
    result: row.result ? (JSON.parse(row.result) as WriteResultInfo) : null,
    error: row.error,
  };
}
