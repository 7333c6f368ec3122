/** Stage exit criteria for briefs: configured per stage id or category, else a default per category. */
import type { EnablementConfig, ExitCriterion } from '../config/index.js';

/** Default exit criteria by stage category, for portals whose config names none for a stage. */
export const DEFAULT_EXIT_CRITERIA: Readonly<Record<'early' | 'mid' | 'late', ExitCriterion[]>> = {
  early: [
    {
      criterion: 'the problem and its cost are written down',
      question: 'What does this problem cost you today, and who feels it most?',
    },
    {
      criterion: 'the person who signs is known',
      question: 'Who else signs off on a purchase like this, and how have you bought similar tools?',
    },
  ],
  mid: [
    {
      criterion: 'the decision maker has seen the product',
      question: 'Has the person who signs seen the product, and what did they make of it?',
    },
    {
      criterion: 'the budget and the timeline are confirmed',
      question: 'Is budget set aside for this, and by when do you need it live?',
    },
  ],
  late: [
    {
      criterion: 'commercials are agreed',
      question: 'Is anything in the commercials still open for you or for finance?',
    },
    {
      criterion: 'the PO or contract date is confirmed',
      question: 'What are the steps to a PO from here, and what date can we plan around?',
    },
  ],
};

/** The criteria for a stage: configured for the stage id, else for its category, else the default for the category. */
export function exitCriteriaFor(cfg: EnablementConfig, stageId: string, category: string): ExitCriterion[] {
  const byStage = cfg.exitCriteria[stageId];
  if (byStage) return byStage;
  const byCategory = cfg.exitCriteria[category];
  if (byCategory) return byCategory;
  return category === 'early' || category === 'mid' || category === 'late' ? DEFAULT_EXIT_CRITERIA[category] : [];
}
