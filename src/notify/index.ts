/**
 * Adaptive notifications: the AE profile and responsiveness, the adaptive rules and escalation ladder, the digest
 * model and its renderings (text, HTML email, Slack Block Kit), the durable outbox with SMTP / Slack / dry-run
 * delivery, signed one-tap links and their HTTP handler (with the quick-log page).
 */
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
export { openItems } from './items.js';
export { winsAndWeek, winsSchema, weekSchema, type Wins, type WeekProgress } from './wins.js';
export {
  digestSchema,
  digestItemSchema,
  buildDigest,
  greeting,
  DIGEST_FORMAT,
  type Digest,
  type DigestItem,
  type Person,
  type Said,
} from './digest.js';
export { renderText, renderHtml, renderSlack, type SlackMessage } from './render/index.js';
export { guardWording, checkWording, numbersIn, modelNumbers, WordingRejectedError } from './guard.js';
export { NotifyStore, type EpisodeRow, type SuppressionRow, type NudgeRow } from './store.js';
export {
  planOwnerDay,
  commitPlan,
  nudgeId,
  messageId,
  type Plan,
  type PlanInput,
  type PlannedMessage,
  type PlannedNudge,
  type NotifyConfig,
} from './plan.js';
export {
  deliverPending,
  pendingRows,
  outboxRow,
  outboxFor,
  claimRow,
  claimantGone,
  NotifyDeliveryError,
  MAX_ATTEMPTS,
  CLAIM_LEASE_MS,
  SENDER_ID,
  type OutboxRow,
  type Transport,
  type Transports,
  type DeliveryHooks,
  type DeliveryReport,
} from './outbox.js';
export { smtpTransport, type SmtpOptions } from './deliver/smtp.js';
export { slackWebhookTransport, type WebhookResolver } from './deliver/slack-webhook.js';
export { writeOutboxFiles, type RenderedMessage } from './deliver/dry-run.js';
export {
  signLink,
  verifyLink,
  linkSecret,
  LINK_KEY_FILE,
  linkId,
  linkUrl,
  recordLink,
  consumeLink,
  loadLink,
  LinkError,
  LINK_ACTIONS,
  type LinkClaims,
  type LinkAction,
  type LinkProblem,
} from './links.js';
export { createActionsHandler, recordSkip, type ActionsDeps, type QuickLogWriter } from './actions.js';
export { writeServiceWriter } from './write-adapter.js';
export { dealLookup } from './deal-lookup.js';
export {
  dealView,
  fixForm,
  changesFromForm,
  problemWords,
  humanDay,
  FormRefused,
  type DealView,
  type FixForm,
} from './fix-form.js';
export { crmEvidence } from './evidence.js';
export { latestSaid } from './said.js';
export { localTime, dayDiff, addDay } from './calendar.js';
export {
  planTeam,
  notifyRun,
  transportsFromConfig,
  digestFor,
  printStartDigests,
  renderMessage,
  personOf,
  notifyReportSchema,
  digestReportSchema,
  type NotifyReport,
  type DigestReport,
  type NotifyRunOptions,
  type NotifySession,
  type Rendered,
} from './run.js';
export {
  deliveryTick,
  textWeeklyReport,
  lastFullWeek,
  reportId,
  type WeeklyReportComposer,
  type WeeklyReportMessage,
  type TickOptions,
  type TickReport,
} from './schedule.js';
