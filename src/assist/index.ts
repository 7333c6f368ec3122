/** What the AE gets back for logging: pre-call briefs, meeting prep, next best actions and follow-up reminders. */
export { dealBrief, dealBriefSchema, cutAtWord, type DealBrief, type BriefOptions } from './brief.js';
export {
  nextActions,
  nextActionFor,
  nextActionSchema,
  NEXT_ACTION_KINDS,
  URGENCY,
  type NextAction,
  type NextActionKind,
  type NextActionFilter,
} from './next-action.js';
export { meetingPrep, meetingPrepSchema, nextWorkingDay, type MeetingPrep, type PrepOptions } from './prep.js';
export {
  followUpReminders,
  overdueTasks,
  proposeReminders,
  reminderSchema,
  overdueTaskSchema,
  REMINDER_KINDS,
  type Reminder,
  type OverdueTask,
} from './reminders.js';
export { saidByDeal, type SaidAboutDeal } from './said.js';
export { exitCriteriaFor, DEFAULT_EXIT_CRITERIA } from './criteria.js';
export { findDeal } from './find-deal.js';
export { dayLabel, timeLabel } from './when.js';
export {
  renderBrief,
  briefSections,
  renderNextActions,
  renderPrep,
  renderReminders,
  wrapWords,
  type BriefSection,
} from './render.js';
