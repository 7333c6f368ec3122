/**
 * Applying a reconciliation's proposals through the audited write path (WriteService: propose → a person's
 * approval → apply, every step a crm_writes row). Each write's source is the update id, so a rerun over the same
 * update recognises what was applied and proposes it no more. Consent: on a terminal each change is asked
 * about; `--yes` applies the non-stage changes; a stage change (including closing a deal as lost) needs a
 * person's yes on the terminal, or `--yes-stages` as well as `--yes`.
 */
import type { CrmChange, WriteRecord, WriteService } from '../writes/index.js';
import type { Discrepancy, ReconcileResult } from './schema.js';

export type ApplyStatus = 'applied' | 'declined' | 'needs_consent' | 'failed' | 'already_applied';

export interface AppliedChange {
  change: CrmChange;
  discrepancy: Discrepancy['type'];
  dealId: string | null;
  status: ApplyStatus;
  writeId?: string;
  /** The created or updated record (a new deal's id). */
  recordId?: string;
  error?: string;
}

export interface ConsentPolicy {
  /** Asks a person about one change; true = apply. Absent: no terminal. */
  ask?: (change: CrmChange, d: Discrepancy, index: number, total: number) => Promise<boolean>;
  yes: boolean;
  yesStages: boolean;
}

export interface ApplyDeps {
  writes: Pick<WriteService, 'propose' | 'issueApproval' | 'apply' | 'list'>;
  /** Who proposes (the AE's update, through reconcile). */
  actor: string;
  /** The person approving (their name at the terminal, or who ran --yes). */
  approver: string;
  /** The update id: part of every write's idempotency key. */
  source: string;
}

/** Whether a change moves a deal's stage: never applied without a person's yes. */
export function isStageChange(change: CrmChange): boolean {
  return change.op === 'update_deal' && 'dealstage' in change.properties;
}

/** Key-order-independent JSON, for recognising the same change. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The changes already applied from this update (by a previous run). */
export function appliedFrom(writes: Pick<WriteService, 'list'>, source: string): Map<string, WriteRecord> {
  const out = new Map<string, WriteRecord>();
  for (const w of writes.list({ status: 'applied' })) if (w.source === source) out.set(stableJson(w.change), w);
  return out;
}

/**
 * Drops proposals a previous run already applied; a discrepancy whose every proposal was applied is dropped too
 * (the cache may not show the change yet). Returns how many proposals were dropped.
 */
export function withoutApplied(
  result: ReconcileResult,
  applied: ReadonlyMap<string, WriteRecord>,
): { result: ReconcileResult; dropped: number } {
  if (applied.size === 0) return { result, dropped: 0 };
  let dropped = 0;
  const discrepancies: Discrepancy[] = [];
  for (const d of result.discrepancies) {
    const left = d.proposedUpdates.filter((c) => !applied.has(stableJson(c)));
    dropped += d.proposedUpdates.length - left.length;
    if (left.length === 0 && d.proposedUpdates.length > 0) continue;
    discrepancies.push({ ...d, proposedUpdates: left });
  }
  const warnings = [...(result.warnings ?? [])];
  if (dropped)
    warnings.push(
      `${dropped} change(s) from this update were applied by an earlier run (mis writes list); not proposed again`,
    );
  return { result: { ...result, discrepancies, ...(warnings.length ? { warnings } : {}) }, dropped };
}

export async function applyProposals(
  result: ReconcileResult,
  deps: ApplyDeps,
  policy: ConsentPolicy,
): Promise<AppliedChange[]> {
  const items = result.discrepancies.flatMap((d) => d.proposedUpdates.map((change) => ({ d, change })));
  const done = appliedFrom(deps.writes, deps.source);
  const out: AppliedChange[] = [];
  let i = 0;
  for (const { d, change } of items) {
    i++;
    const base = { change, discrepancy: d.type, dealId: d.dealId };
    if (done.has(stableJson(change))) {
      out.push({ ...base, status: 'already_applied', writeId: done.get(stableJson(change))!.id });
      continue;
    }
    let consent: boolean;
    if (policy.ask) consent = await policy.ask(change, d, i, items.length);
    else if (!policy.yes) consent = false;
    else consent = !isStageChange(change) || policy.yesStages;
    if (!consent) {
      out.push({ ...base, status: policy.ask ? 'declined' : 'needs_consent' });
      continue;
    }
    let writeId: string | undefined;
    try {
      const proposal = deps.writes.propose(change, { actor: deps.actor, tool: 'reconcile', source: deps.source });
      writeId = proposal.writeId;
      const token = deps.writes.issueApproval(writeId, deps.approver);
      const record = await deps.writes.apply(writeId, token);
      out.push({ ...base, status: 'applied', writeId, ...(record.result ? { recordId: record.result.recordId } : {}) });
    } catch (e) {
      out.push({ ...base, status: 'failed', ...(writeId ? { writeId } : {}), error: (e as Error).message });
    }
  }
  return out;
}
