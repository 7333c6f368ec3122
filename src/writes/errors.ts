/** Typed errors of the audited write path; each says what to do next and never carries the CRM payload. */
import { MisError } from '../errors/index.js';
import type { WriteRecord } from './record.js';

/** The proposed change is not a valid CrmChange: nothing was recorded. */
export class WriteInvalidError extends MisError {
  constructor(problem: string) {
    super('WRITE_INVALID', `invalid CRM change: ${problem}`, {
      hint: 'Fix the change (ops: update_deal, create_deal, add_note, create_task, log_call, log_meeting; see docs/writes.md) and propose it again; nothing was recorded.',
    });
  }
}

export class WriteNotFoundError extends MisError {
  constructor(writeId: string) {
    super('WRITE_NOT_FOUND', `no CRM write ${writeId}`, { hint: 'Run `mis writes list` for the write ids.' });
  }
}

export type ApprovalProblem = 'malformed' | 'forged' | 'expired' | 'other_write';

/** The approval token does not approve this write as it stands: nothing was written. */
export class WriteApprovalError extends MisError {
  readonly problem: ApprovalProblem;
  constructor(problem: ApprovalProblem, writeId: string) {
    const what: Record<ApprovalProblem, string> = {
      malformed: 'is not an approval token',
      forged: 'was not issued for this write as it stands (wrong key, or the write changed since)',
      expired: 'has expired',
      other_write: 'approves a different write',
    };
    super('WRITE_APPROVAL', `approval for ${writeId} refused: the token ${what[problem]}; nothing was written`, {
      hint: `A person approves writes with \`mis writes approve ${writeId}\`; it shows the change and applies it.`,
    });
    this.problem = problem;
  }
}

/** The write is not in a state that allows this step (already applied, rejected, in flight, unknown). */
export class WriteConflictError extends MisError {
  readonly write: WriteRecord;
  constructor(write: WriteRecord, wanted: string) {
    const hint =
      write.status === 'unknown' || write.status === 'applying'
        ? `Its outcome is unknown: check the record in HubSpot before doing anything else; if it is not there, propose the change again with a new source.`
        : write.status === 'applied'
          ? 'It is already in HubSpot; nothing to do.'
          : `Run \`mis writes show ${write.id}\` to see its history.`;
    super('WRITE_CONFLICT', `cannot ${wanted} write ${write.id}: it is ${write.status}`, { hint });
    this.write = write;
  }
}

/** HubSpot refused the write: nothing was written. */
export class WriteFailedError extends MisError {
  readonly write: WriteRecord;
  constructor(write: WriteRecord, reason: string, hint: string | undefined) {
    super('WRITE_FAILED', `CRM write ${write.id} failed; nothing was written: ${reason}`, {
      hint: hint ?? 'Fix the cause and propose the change again.',
    });
    this.write = write;
  }
}

/** The request may or may not have reached HubSpot (timeout, 5xx, connection reset): never retried blindly. */
export class WriteUnknownError extends MisError {
  readonly write: WriteRecord;
  constructor(write: WriteRecord, reason: string) {
    super('WRITE_UNKNOWN', `CRM write ${write.id}: outcome unknown (${reason}); it was NOT retried`, {
      hint: `Check ${write.targetType}${write.targetId ? ` ${write.targetId}` : ''} in HubSpot: if the change is there, nothing to do; if not, propose it again with a new source. The write stays marked unknown.`,
    });
    this.write = write;
  }
}
