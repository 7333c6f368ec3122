/**
 * What an offline question asks, from its words alone: whether it needs a model (what someone said, why, a
 * summary, a draft, a person at a company), which report answers it, and whether it asks "who" about a count
 * (rank the AEs) rather than "which" (list the records).
 *
 * A keyword is an intent only when the question is about that report: strong words suffice, weak words ("call",
 * "this week", "missing") need a word of the report's topic next to them, and nothing is answered from a keyword
 * when the question asks something the offline reports cannot answer.
 */

export interface NeedsModel {
  /** Why, in a few words ("it asks what someone said"). */
  reason: string;
}

interface NeedsModelRule {
  reason: string;
  match: RegExp;
  /** The question is still answerable offline when this also matches (and an intent that explains it does). */
  unless?: RegExp;
}

/** Questions about the content of conversations, motives, people, or asking for prose. */
const NEEDS_MODEL: readonly NeedsModelRule[] = [
  {
    reason: 'it asks what someone said or thinks',
    match:
      /\bwhat (did|does|do|has|have|was|were|is|are)\b.*\b(say|said|saying|tell|told|mention(ed)?|ask(ed)?|want(ed)?|think|thought|feel|felt|discuss(ed)?|agree(d)?|promise(d)?|raise(d)?|object(ed)?|complain(ed)?)\b/i,
  },
  {
    reason: 'it asks what someone said',
    match: /\b(said|says|saying|told (us|me|him|her|them)|talked about|spoke about|objections?|sentiment|tone of)\b/i,
  },
  {
    reason: 'it asks for a summary of a conversation or record',
    match: /\b(summari[sz]e|summary of|recap|sum up|gist|transcript|tl;?dr)\b/i,
  },
  {
    reason: 'it asks for something to be written',
    match: /\b(draft|write|compose|rewrite|reword|prepare an? (email|message|note|reply))\b/i,
  },
  {
    reason: 'it asks about a person at a customer',
    match:
      /\b(decision[- ]?makers?|champions?|stakeholders?|economic buyer|influencers?|c[efot]o|vp|director|head of|who (is|are|was) (the|our|their) (contact|person|people))\b/i,
    // A role word that qualifies an outreach noun names an audience, not a person: "the CFO campaign", "our VP
    // outreach sequence", "the CFO Connect Q4 campaign" (at most three words between).
    unless:
      /\b(c[efot]os?|vps?|directors?|heads? of \w+|decision[- ]?makers?)\b(\s+[\p{L}\p{N}&'-]+){0,3}?\s+(campaigns?|sequences?|outreach|cadences?|lists?|personas?|audiences?|segments?)\b/iu,
  },
  {
    reason: 'it asks when a conversation happened',
    match:
      /\b(when did (we|i|they|you) (last )?(speak|talk|meet|call|hear|email|reply)|last (spoke|spoken|talked|heard|met))\b/i,
  },
  {
    reason: 'it asks for advice on what to measure or how to run the team',
    match:
      /\b((which|what) (metrics|kpis|numbers) (should|do|would)|should (i|we) (present|show|report|track|measure)|recommend(ation)?s?|best practices?|how (do|should|can) (we|i) (fix|improve|change) (the|our) (process|way))\b/i,
  },
  // "why" needs a model unless a report gives the reasons: loss reasons, risk factors, staleness.
  {
    reason: 'it asks why',
    match: /\bwhy\b/i,
    unless: /\b(lose|lost|losing|loss|risk|risky|at-risk|slipping|stale|cold)\b/i,
  },
];

export function needsModel(question: string): NeedsModel | null {
  for (const r of NEEDS_MODEL)
    if (r.match.test(question) && !(r.unless?.test(question) ?? false)) return { reason: r.reason };
  return null;
}

export interface IntentWords {
  /** Any of these makes the question about the report. */
  strong: RegExp;
  /** These count only together with `context` (a "call" is the scorecard's only when calls are counted). */
  weak?: { words: RegExp; context: RegExp };
}

export function wordsMatch(w: IntentWords, question: string): boolean {
  if (w.strong.test(question)) return true;
  return w.weak !== undefined && w.weak.words.test(question) && w.weak.context.test(question);
}

/** "who has the most stale deals?", "which AE has more deals at risk?", "stale deals by owner". */
export function asksForOwnerRanking(question: string): boolean {
  const who =
    /^\s*(who|which (aes?|reps?|owners?|sales ?people|salespe(rson|ople)|people|person|member)|whose)\b/i.test(
      question,
    ) || /\b(by|per|for each|each) (ae|rep|owner|person|salesperson)\b/i.test(question);
  const count =
    /\b(most|fewest|least|more|less|how many|number of|count|worst|best|highest|lowest|top|rank|ranking|by|per|each)\b/i.test(
      question,
    );
  return who && count;
}
