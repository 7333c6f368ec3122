/**
 * The hygiene checks: pure functions of an AnalysisContext to findings (docs/contracts.md §2, `mis check --json`). Every
 * check reads the shared definitions in derive.ts (stage categories, what counts as activity, stale thresholds), so
 * checks and metrics agree.
 */
import { CHECK_NAMES, type CheckName, type Finding } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { closeDatePast } from './close-date-past.js';
import { sortFindings } from './common.js';
import { duplicateCompany } from './duplicate-company.js';
import { duplicateContact } from './duplicate-contact.js';
import { missingNotes } from './missing-notes.js';
import { missingRequiredField } from './missing-required-field.js';
import { smartleadUnsynced } from './smartlead-unsynced.js';
import { stageMismatch } from './stage-mismatch.js';
import { stageSkipped } from './stage-skipped.js';
import { staleDeal } from './stale-deal.js';

export type Check = (ctx: AnalysisContext) => Finding[];

/** Every check by its public name. */
export const CHECKS: Readonly<Record<CheckName, Check>> = {
  stage_mismatch: (ctx) => stageMismatch(ctx),
  stale_deal: staleDeal,
  missing_notes: missingNotes,
  smartlead_unsynced: smartleadUnsynced,
  duplicate_contact: duplicateContact,
  duplicate_company: duplicateCompany,
  missing_required_field: missingRequiredField,
  close_date_past: closeDatePast,
  stage_skipped: stageSkipped,
};

/**
 * Runs the checks (all, or `only`) and returns their findings in a deterministic order: check name, severity
 * high → low, object id (numeric ids numerically; null last).
 */
export function runChecks(ctx: AnalysisContext, only?: readonly CheckName[]): Finding[] {
  const wanted = only ? CHECK_NAMES.filter((n) => only.includes(n)) : CHECK_NAMES;
  const out: Finding[] = [];
  for (const name of wanted) out.push(...CHECKS[name](ctx));
  return sortFindings(out);
}

export { compareFindings, sortFindings, compareIds, snippet, LARGE_DEAL_AMOUNT, MAX_SNIPPET } from './common.js';
export { staleDeal } from './stale-deal.js';
export { missingNotes } from './missing-notes.js';
export { missingRequiredField, requiredFor } from './missing-required-field.js';
export { closeDatePast } from './close-date-past.js';
export { stageSkipped, stageJumps, openStagesByPipeline, CLOSED_WITHIN_DAYS, type StageJump } from './stage-skipped.js';
export { stageMismatch, defaultPhrases, lastStageChangeMs, type StageSignal } from './stage-mismatch.js';
export {
  STAGE_MISMATCH_PHRASES,
  NEGATION,
  HYPOTHETICAL,
  competitorLossPhrase,
  findPhrases,
  cancelled,
  type StagePhrase,
  type ImpliedCategory,
  type PhraseMatch,
} from './phrases.js';
export { smartleadUnsynced, SYNC_GRACE_DAYS } from './smartlead-unsynced.js';
export { duplicateContact, type Confidence } from './duplicate-contact.js';
export { duplicateCompany } from './duplicate-company.js';
