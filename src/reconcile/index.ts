/** Reconcile AE free-text updates against the CRM, and draft the update from the CRM (issue 5). */
export {
  reconcileUpdate,
  offlineExtractor,
  type Extractor,
  type ReconcileOptions,
  type ReconcileOutcome,
} from './reconcile.js';
export { extractOffline, extractSegment } from './extract-offline.js';
export {
  claudeExtractor,
  crossCheck,
  modelExtractionSchema,
  type ClaudeExtractorOptions,
  type ModelExtraction,
} from './extract-claude.js';
export {
  buildLexicon,
  lexiconOverrideSchema,
  stageFor,
  keyForStage,
  type Lexicon,
  type LexiconOverride,
} from './lexicon.js';
export { matchMentions, MATCH_THRESHOLD, type MatchResult } from './match.js';
export { compareMention, CLOSE_DATE_SLACK_DAYS, ACTIVITY_SLACK_DAYS } from './compare.js';
export { decodeUpdate, updateIdOf, MAX_UPDATE_CHARS } from './input.js';
export { UpdateInputError, ReconcileModelError } from './errors.js';
export { draftUpdate, styleOf, inrShort, DRAFT_STYLES, type Draft, type DraftStyle, type DraftLine } from './draft.js';
export {
  applyProposals,
  withoutApplied,
  appliedFrom,
  isStageChange,
  stableJson,
  type AppliedChange,
  type ApplyStatus,
  type ConsentPolicy,
  type ApplyDeps,
} from './apply.js';
export { stageClaimsFromStored, STAGE_CLAIM_DAYS } from './hc1.js';
export { parseAmounts, amountsAgree } from './parse/amount.js';
export { parseDates, localDate, closeDateDay, type DateContext } from './parse/dates.js';
export * from './schema.js';
