/**
 * The typed query behind an offline question: what it is about (a report, a list of deals, what an AE said),
 * the constraints on the deals (owner, amount, stages, open/won/lost, a period on the close or create date), the
 * measure and whether to rank the AEs. Parsed from the question with the portal's own vocabulary (owner names,
 * emails and ids; stage labels), so "Rohit's deals over 20 lakh in Proposal Sent closing this quarter" keeps all
 * four constraints. A constraint the chosen report cannot honour makes the question one offline cannot answer.
 */
import { parseAmountFilter, type AmountFilter } from './amount.js';
import { parsePeriod, periodField, type Period, type PeriodContext } from './period.js';
import { asksForOwnerRanking, needsModel } from './question.js';
import { resolveQuestion, type Intent } from './intents.js';
import { findOwner, type OwnerMention, type OwnerRef } from './subject.js';
import { asksForAdvice, type AdviseTopic } from '../../advise/index.js';

export interface StageRef {
  id: string;
  label: string;
  isClosed: boolean;
  isWon: boolean;
}

export interface AskVocabulary {
  owners: readonly OwnerRef[];
  stages: readonly StageRef[];
}

export type Status = 'open' | 'won' | 'lost' | 'closed';

export interface DealFilters {
  owner?: OwnerRef;
  amount?: AmountFilter;
  stages?: StageRef[];
  status?: Status;
  period?: Period & { field: 'close' | 'created' };
}

export type Topic =
  | { kind: 'deals' }
  | { kind: 'said' }
  | { kind: 'health' }
  | { kind: 'forecast' }
  | { kind: 'report'; intent: Intent }
  | { kind: 'advise'; topic: AdviseTopic };

export type Refusal = { kind: 'needs-model' | 'out-of-scope'; reason: string };

export interface AskQuery {
  topic: Topic | null;
  filters: DealFilters;
  /** The owner words were ambiguous (two AEs called Rohit). */
  ownerMention: OwnerMention;
  measure: 'list' | 'count' | 'sum';
  /** "who has the most …": rank the AEs. */
  rank: { by: 'count' | 'amount'; order: 'most' | 'least' } | null;
  refusal: Refusal | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');

/** Stage labels the question names: a whole label ("Proposal Sent"), a part of one ("Pilot" of "POC / Pilot"), or a distinctive first word ("negotiation"). */
export function findStages(question: string, stages: readonly StageRef[]): StageRef[] {
  const q = ` ${norm(question).replace(/[^\p{L}\p{N}/ ]+/gu, ' ')} `;
  const has = (phrase: string) =>
    phrase.length >= 3 &&
    new RegExp(
      `(^|[^\\p{L}\\p{N}])${phrase
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s*\/\s*/g, '\\s*/?\\s*')
        .replace(/ /g, '\\s+')}([^\\p{L}\\p{N}]|$)`,
      'u',
    ).test(q);
  const whole = stages.filter((s) => has(norm(s.label)));
  if (whole.length) return whole;
  const firstWords = new Map<string, StageRef[]>();
  for (const s of stages)
    for (const part of s.label.split('/')) {
      const w = norm(part).trim().split(' ')[0] ?? '';
      if (w.length >= 5) firstWords.set(w, [...(firstWords.get(w) ?? []), s]);
    }
  const out = new Set<StageRef>();
  for (const s of stages) {
    if (s.isClosed) continue;
    const parts = s.label.split('/').map((p) => norm(p).trim());
    if (parts.length > 1 && parts.some((p) => has(p))) out.add(s);
  }
  for (const [w, list] of firstWords)
    if (list.length === 1 && !list[0]!.isClosed && new RegExp(`\\b${w}\\b`).test(q)) out.add(list[0]!);
  return [...out];
}

/** "owner 71234", "rep id 71234", or an owner id standing alone. */
function ownerById(question: string, owners: readonly OwnerRef[]): OwnerRef | null {
  for (const m of question.matchAll(/\b(\d{2,12})\b/g)) {
    const o = owners.find((x) => x.id === m[1]);
    if (o) return o;
  }
  return null;
}

const WON = /\b(won|win|wins|bagged|booked|closed[- ]won|renewed|closed (the )?(most |more |least |less )?business)\b/i;
const LOST = /\b(lost|lose|losing|dropped|churned|closed[- ]lost)\b/i;
const CLOSED = /\b(closed deals|closed business)\b/i;
const SALES_WORDS =
  /\b(deals?|pipeline|pipe|opps?|opportunit(y|ies)|crm|hubspot|smartlead|campaigns?|leads?|mqls?|sqls?|quota|forecast|revenue|sales|customers?|clients?|accounts?|aes?|reps?|stages?|won|lost|win|lose|clos(e|es|ed|ing)|bookings?|targets?|activit(y|ies)|calls?|meetings?|emails?|notes?|updates?|funnel|coverage|risk|stale|behind|momentum|moved|hygiene|business|number|commit|book|stuck|stalled|slipping|quiet|cold)\b/i;
const ACTION =
  /^\s*(please\s+|can you\s+|could you\s+|pls\s+)?(send|e-?mail|mail|book|schedule|set up|create|add|update|change|move|delete|remove|assign|reassign|merge|mark|log|remind|notify|post|ping|text|whatsapp|call)\b/i;

/** A split the offline reports do not keep ("by campaign", "per region"). */
const UNSUPPORTED_SPLIT =
  /\b(by|per|for each|split by|broken down by) (campaigns?|sources?|channels?|regions?|cit(y|ies)|industr(y|ies)|products?|segments?|verticals?|months?|weeks?|quarters?)\b/i;

export function parseQuery(question: string, v: AskVocabulary, pc: PeriodContext): AskQuery {
  const q = question.trim().replace(/[’‘]/g, "'");
  const base: AskQuery = {
    topic: null,
    filters: {},
    ownerMention: { kind: 'none' },
    measure: 'list',
    rank: null,
    refusal: null,
  };
  // RevOps advice ("set up lead scoring", "our CRM is a disaster") before the reports; outreach copy is out of scope.
  const advice = asksForAdvice(q);
  if (advice) return { ...base, topic: { kind: 'advise', topic: advice } };
  if (ACTION.test(q))
    return {
      ...base,
      refusal: {
        kind: 'out-of-scope',
        reason: 'it asks for something to be done, and mis ask only answers questions: it sends and changes nothing',
      },
    };

  // Constraints, from the portal's own words.
  const filters: DealFilters = {};
  const mention = findOwner(q, v.owners);
  const byId = mention.kind === 'none' ? ownerById(q, v.owners) : null;
  if (mention.kind === 'one') filters.owner = mention.owner;
  else if (byId) filters.owner = byId;
  const amount = parseAmountFilter(q);
  if (amount) filters.amount = amount;
  const stages = findStages(q, v.stages);
  if (stages.length) filters.stages = stages;
  const period = parsePeriod(q, pc);
  const field = periodField(q);
  if (period) filters.period = { ...period, field };
  else if (
    /\b(past (their|the|its) close ?dates?|overdue|close ?dates? (has |have )?(passed|gone by)|close dates? in the past)\b/i.test(
      q,
    )
  ) {
    filters.period = {
      from: 0,
      to: pc.asOf,
      written: 'past their close date',
      reading: 'close date before now',
      unit: 'days',
      offset: null,
      field: 'close',
    };
  }
  if (WON.test(q) && !LOST.test(q)) filters.status = 'won';
  else if (LOST.test(q) && !WON.test(q)) filters.status = 'lost';
  else if (CLOSED.test(q)) filters.status = 'closed';

  const measure: AskQuery['measure'] = /\b(how many|number of|count)\b/i.test(q)
    ? 'count'
    : /\b(total|sum|how much|value|worth)\b/i.test(q) && !/\bwhich\b/i.test(q)
      ? 'sum'
      : 'list';
  const ranking = asksForOwnerRanking(q);
  const rank: AskQuery['rank'] = ranking
    ? {
        by: /\b(pipeline|business|value|amount|revenue|money|₹|lakhs?|crores?)\b/i.test(
          q.replace(/\b(more|over|above|under|below) [^ ]+ (lakhs?|crores?)\b/gi, ''),
        )
          ? 'amount'
          : 'count',
        order: /\b(fewest|least|lowest|smallest|less)\b/i.test(q) ? 'least' : 'most',
      }
    : null;
  const out: AskQuery = { ...base, filters, ownerMention: mention, measure, rank };

  // What an AE said: the speaker must be an AE of the portal; a customer's words need a model.
  const said =
    /\b(what (did|has|have|does)|what's|whats|what is)\b.*\b(say|said|says|write|wrote|written|report|reported|mention|mentioned|update)\b|\b(latest|update) from\b/i.test(
      q,
    );
  if (said) {
    const speaker =
      /\bwhat (?:did|has|have|does) ([\p{L}.@\- ]+?) (?:say|said|says|write|wrote|report|mention)/iu.exec(q)?.[1] ??
      /\b(?:latest|update) from ([\p{L}.@\- ]+?)(?: on| about|\?|$)/iu.exec(q)?.[1];
    const who = speaker ? findOwner(speaker, v.owners) : { kind: 'none' as const };
    if (
      who.kind === 'one' &&
      !/\b(customer|client|buyer|cfo|ceo|cto|coo|vp|director|head|procurement|they|he|she)\b/i.test(speaker ?? '')
    ) {
      return { ...out, topic: { kind: 'said' }, filters: { owner: who.owner } };
    }
  }

  const nm = needsModel(q);
  const resolved = resolveQuestion(q);
  const kept = resolved.kind === 'intent' && resolved.intent.keeps?.test(q);
  if (UNSUPPORTED_SPLIT.test(q) && !kept)
    return {
      ...out,
      refusal: {
        kind: 'needs-model',
        reason: `it asks for a split ${UNSUPPORTED_SPLIT.exec(q)![0]}, which no offline report keeps`,
      },
    };
  if (/\b(leads?|mqls?|prospects?)\b/i.test(q) && /\b(waterfall|moved|momentum)\b/i.test(q))
    return {
      ...out,
      refusal: {
        kind: 'needs-model',
        reason: 'it asks how leads moved, and the offline waterfall is of deals, not leads',
      },
    };

  const stale =
    resolved.kind === 'intent' && (resolved.intent.id === 'stale-deals' || resolved.intent.id === 'at-risk');
  if (nm && !(nm.reason === 'it asks why' && resolved.kind === 'intent' && resolved.intent.explainsWhy))
    return { ...out, refusal: { kind: 'needs-model', reason: nm.reason } };

  // Topics the reports answer as a whole, then the deal listing. A strategy metric's own words come first.
  if (resolved.kind === 'intent' && resolved.intent.metric)
    return { ...out, topic: { kind: 'report', intent: resolved.intent } };
  if (stale) return { ...out, topic: { kind: 'report', intent: (resolved as { intent: Intent }).intent } };
  if (
    /\b(health|healthy|state of (the |our )?(pipe|pipeline)|pipeline (review|summary|overview)|how('s| is| does| do)? (the |our |[\p{L}]+'s )?(pipe|pipeline|book)\b.*\b(look|looking|doing|shaping)|how are we doing)\b/iu.test(
      q,
    )
  )
    return { ...out, topic: { kind: 'health' } };
  if (/\b(forecast|commit|projection|projected|going to (close|land|book))\b/i.test(q))
    return { ...out, topic: { kind: 'forecast' } };
  if (/\b(covered|coverage)\b/i.test(q) && resolved.kind !== 'intent') {
    const cov = resolveQuestion('what is our coverage');
    if (cov.kind === 'intent') return { ...out, topic: { kind: 'report', intent: cov.intent } };
  }
  if (/\bbehind\b/i.test(q) && resolved.kind !== 'intent') {
    const sc = resolveQuestion('who is behind on activity?');
    if (sc.kind === 'intent') return { ...out, topic: { kind: 'report', intent: sc.intent } };
  }
  const winLossAsked =
    resolved.kind === 'intent' &&
    resolved.intent.id === 'win-loss' &&
    /\b(rate|ratio|reasons?|why|win\/loss|win-loss)\b/i.test(q);
  const dealWords =
    /\b(deals?|opps?|opportunit(y|ies)|pipeline|closing|close|closes|what is \p{L}+ closing|came in)\b/iu.test(q) ||
    filters.status === 'won' ||
    filters.status === 'lost';
  const hasConstraint = Boolean(filters.amount || filters.stages || filters.period || filters.status);
  if (resolved.kind === 'intent' && !winLossAsked && resolved.intent.id === 'win-loss' && (hasConstraint || dealWords))
    return { ...out, topic: { kind: 'deals' } };
  if (resolved.kind === 'intent' && resolved.intent.id !== 'momentum')
    return { ...out, topic: { kind: 'report', intent: resolved.intent } };
  if (resolved.kind === 'intent' && resolved.intent.id === 'momentum' && !filters.amount && !filters.stages)
    return { ...out, topic: { kind: 'report', intent: resolved.intent } };
  if (!SALES_WORDS.test(q) && mention.kind === 'none' && !byId && !stages.length && !amount)
    return {
      ...out,
      refusal: { kind: 'out-of-scope', reason: 'it is not about the sales team, its pipeline or its CRM' },
    };
  if (dealWords || hasConstraint) return { ...out, topic: { kind: 'deals' } };
  return {
    ...out,
    refusal: { kind: 'needs-model', reason: 'it is not about one of the reports mis ask answers offline' },
  };
}

/** Words describing the constraints, for the answer ("owned by Rohit Malhotra, over ₹20 L, closing 1 Oct – 31 Dec 2026"). */
export function describeFilters(f: DealFilters, money: (n: number) => string): string[] {
  const out: string[] = [];
  if (f.owner) out.push(`owned by ${f.owner.name}`);
  if (f.stages) out.push(`in ${f.stages.map((s) => s.label).join(' or ')}`);
  if (f.amount) {
    const a = f.amount;
    if (a.above !== undefined) out.push(`over ${money(a.above)}`);
    if (a.atLeast !== undefined) out.push(`${money(a.atLeast)} or more`);
    if (a.below !== undefined) out.push(`under ${money(a.below)}`);
    if (a.atMost !== undefined) out.push(`up to ${money(a.atMost)}`);
  }
  if (f.period)
    out.push(
      `${f.period.field === 'created' ? 'created' : f.status === 'won' || f.status === 'lost' || f.status === 'closed' ? 'closed' : 'closing'} ${f.period.written} (${f.period.reading})`,
    );
  return out;
}
