/**
 * The strategy metrics `mis ask` answers offline, in one table: each metric's name (as `mis_get_metric` takes it),
 * the words a sales manager uses for it, the splits and periods its report keeps, and how its answer reads. The
 * intents are built from these rows (intents.ts), so a new metric or synonym is one row, never a rule per sentence.
 * Rows are tried before the older reports: their words are the more specific ("stage to stage conversion" before
 * the funnel's "conversion", "hitting quota" before coverage's "quota").
 */
import type { z } from 'zod';
import {
  agingSchema,
  attainmentSchema,
  budgetSchema,
  cacSchema,
  channelPerformanceSchema,
  forwardForecastSchema,
  leadScoresSchema,
  leaderboardSchema,
  ltvSchema,
  speedToLeadSchema,
  stageConversionSchema,
} from '../../analysis/metrics/index.js';
import {
  renderAging,
  renderAttainment,
  renderBudget,
  renderCac,
  renderChannels,
  renderConversion,
  renderForward,
  renderLeadScores,
  renderLeaderboard,
  renderLtv,
  renderSpeedToLead,
} from '../../analysis/text/index.js';

export type PeriodUnit = 'day' | 'days' | 'week' | 'month' | 'quarter' | 'year';

export interface MetricAsk {
  /** `mis_get_metric` name. */
  metric: string;
  example: string;
  /** The metric's names and a manager's synonyms (any one makes the question about it). */
  words: RegExp;
  /** Splits the report keeps ("by month", "per step"): a question asking for one of them is answered. */
  keeps?: RegExp;
  /** Periods (this …) the report answers for; none = the report's own default window only. */
  periods?: readonly PeriodUnit[];
  perOwner: boolean;
  /** The report gives the reasons ("why do we reject leads" → the rejection reasons). */
  explainsWhy?: boolean;
  /** The report is itself a ranking of the AEs ("who is top …"). */
  ranks?: boolean;
  /** The answer text, from the metric's document. */
  render(value: unknown, timezone: string): string;
  /** Deals the answer rests on. */
  deals?(value: unknown): string[];
}

const doc =
  <S extends z.ZodType>(schema: S) =>
  (v: unknown) =>
    schema.parse(v);

export const METRIC_ASKS: readonly MetricAsk[] = [
  {
    metric: 'ltv',
    example: 'what is a customer worth over its lifetime, and our LTV:CAC?',
    words:
      /\b(ltv|lifetime value|worth (to us )?over (their|its|a|the) lifetime|customer lifetime|payback|(net|gross) revenue retention|nrr|grr|churn(ed)?|retention)\b/i,
    perOwner: false,
    render: (v, tz) => renderLtv(doc(ltvSchema)(v), tz),
  },
  {
    metric: 'cac',
    example: 'what is our customer acquisition cost?',
    words:
      /\b(cac|acquisition costs?|cost (per|of|to) (acquir|win|land)\w*|spend(ing)? to (win|acquire|get|land) (each|a|one|every) (new )?customer)\b/i,
    keeps: /\b(by|per) (channels?|sources?)\b/i,
    perOwner: false,
    render: (v, tz) => renderCac(doc(cacSchema)(v), tz),
  },
  {
    metric: 'conversion',
    example: 'where do deals die: stage-to-stage conversion?',
    words:
      /\b(stage[- ]to[- ]stage|stage conversion|where (do |did )?(our |the )?deals (die|drop( off| out)?|stall|get stuck|fall out)|drop[- ]off between stages)\b/i,
    keeps: /\b(by|per) (stages?|aes?|reps?)\b/i,
    perOwner: true,
    render: (v) => renderConversion(doc(stageConversionSchema)(v)),
  },
  {
    metric: 'attainment',
    example: 'who is hitting quota this quarter?',
    words:
      /\b(attainment|hitting (their |the |our |his |her )?(quota|number|target)s?|(tracking|pacing|doing) (against|to|toward|towards) (their |the |our |his |her )?(quota|number|target)s?|(percent|%) of (quota|target)|sales (vs|versus) quota)\b/i,
    keeps: /\b(by|per) (months?|aes?|reps?)\b/i,
    periods: ['quarter', 'month'],
    perOwner: true,
    render: (v, tz) => renderAttainment(doc(attainmentSchema)(v), tz),
  },
  {
    metric: 'forecast',
    example: 'what is in commit and best case, by month?',
    words:
      /\b(in commit|commit (for|this|next)|commits?\b.*\bbest case|best[- ]case|forecast (by|per) (month|category)|forecast categor(y|ies)|upside)\b/i,
    keeps: /\b(by|per) (months?|categor(y|ies))\b/i,
    periods: ['month', 'quarter'],
    perOwner: true,
    render: (v, tz) => renderForward(doc(forwardForecastSchema)((v as { forward?: unknown }).forward), tz),
  },
  {
    metric: 'aging',
    example: 'which deals are stuck in a stage too long?',
    words:
      /\b(aging|ageing|aged|stuck in (a |the |their |one )?stage|(sitting|sat|stuck) (in|at) [\p{L} ]+ (too long|for too long|longer than)|older than (usual|normal|the median))\b/iu,
    perOwner: true,
    render: (v, tz) => renderAging(doc(agingSchema)(v), tz),
    deals: (v) => doc(agingSchema)(v).deals.map((d) => d.dealId),
  },
  {
    metric: 'speed_to_lead',
    example: 'how fast do we follow up on new MQLs?',
    words:
      /\b(speed[- ]to[- ]lead|first touch|follow(ing)?[- ]?up on (new |our )?(mqls?|leads?|inbound)|how (fast|quickly|soon) (do |are |did )?(we|reps|they|aes)\b|response times?|(get(ting)?|respond(ing)?) to (new )?(leads|mqls) within|within \d+ ?(h|hrs?|hours?)\b)/i,
    periods: ['quarter', 'week'],
    perOwner: true,
    render: (v, tz) => renderSpeedToLead(doc(speedToLeadSchema)(v), tz),
  },
  {
    metric: 'lead_scores',
    example: 'which leads should we call first, and why does sales reject leads?',
    words:
      /\b(lead scor\w*|scor(e|ing) (our |the )?leads|(which|what) leads (should|to|do) (we )?(call|chase|work|prioriti[sz]e)|best leads|hottest leads|call first|(reject|rejecting|rejected|rejection|disqualif\w*|unqualified)\b.*\bleads?|leads?\b.*\b(reject\w*|disqualif\w*|unqualified))\b/i,
    explainsWhy: true,
    perOwner: false,
    render: (v) => renderLeadScores(doc(leadScoresSchema)(v)),
  },
  {
    metric: 'leaderboard',
    example: 'show me the leaderboard',
    words: /\b(leaderboard|league table|top of the (table|board)|rank(ing)? (of )?(the )?(reps|aes|sales ?people))\b/i,
    periods: ['week', 'month', 'quarter'],
    perOwner: false,
    ranks: true,
    render: (v) => renderLeaderboard(doc(leaderboardSchema)(v)),
  },
  {
    metric: 'budget',
    example: 'where should we move marketing budget?',
    words:
      /\b(budget|realloc\w*|(move|shift|put) (our |the )?(marketing )?(spend|money|dollars|rupees)|more (of the )?(spend|money))\b/i,
    keeps: /\b(by|per) (channels?|sources?)\b/i,
    perOwner: false,
    render: (v, tz) => renderBudget(doc(budgetSchema)(v), tz),
  },
  {
    metric: 'channels',
    example: 'how are our SmartLead campaigns doing, per step?',
    words:
      /\b(smartlead|outbound campaigns?|email campaigns?|campaigns? (perform\w*|stats|statistics|doing)|open rates?|reply rates?|click rates?|bounce(s|d| rates?)?|sequence steps?|email steps?|(each|per) (email |sequence )?step|channel performance)\b/i,
    keeps: /\b(by|per|for each) (campaigns?|(email |sequence )?steps?|channels?)\b/i,
    perOwner: false,
    render: (v) => renderChannels(doc(channelPerformanceSchema)(v)),
  },
];
