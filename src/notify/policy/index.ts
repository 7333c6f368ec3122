/** How hard to nudge: the AE profile and responsiveness, the adaptive rules, the escalation ladder, priority. */
export {
  aeProfileSchema,
  aeProfilePatchSchema,
  patchProfile,
  notificationConfigSchema,
  defaultProfile,
  applySettings,
  SETTABLE_KEYS,
  FREQUENCIES,
  CHANNELS,
  ACTION_PATTERNS,
  MAX_ITEMS,
  type AeProfile,
  type AeProfilePatch,
  type Frequency,
  type Channel,
  type ActionPattern,
} from './profile.js';
export {
  scoreResponsiveness,
  type Responsiveness,
  type EvidenceFn,
  type ActionEvidence,
  type SentNudge,
  type NudgeResponse,
  type NudgeOutcome,
} from './responsiveness.js';
export { policyFor, tierFor, TIERS, FREQUENCY_DAYS, type Tier, type Policy, type LadderDays } from './rules.js';
export { levelFor, LEVELS, LEVEL_NAMES, L3_MAX_ITEMS, MANAGER_REPEAT_DAYS, type Level } from './ladder.js';
export { itemFactsSchema, urgencyOf, moneyAtRisk, compareItems, URGENCY_FLOOR, type ItemFacts } from './priority.js';
