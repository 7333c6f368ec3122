/**
 * Adaptive notifications: the AE profile and responsiveness, the adaptive rules and escalation ladder, the digest
 * model and its renderings (text, HTML email, Slack Block Kit), the durable outbox with SMTP / Slack / dry-run
 * delivery, signed one-tap links and their HTTP handler (with the quick-log page).
 *
 * Layout: policy/ (how hard to nudge), content/ (what a digest says), delivery/ (outbox, channels, renderings),
 * web/ (one-tap links and pages); plan.ts decides an AE's day, run.ts and schedule.ts run it, store.ts keeps state.
 */

export * from './policy/index.js';
export * from './content/index.js';
export * from './delivery/index.js';
export * from './web/index.js';
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
