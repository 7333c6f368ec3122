/**
 * The deterministic extractor: lexicon phrases, amounts and dates, no model. Always runs; the claude extractor's
 * numbers and dates are checked against it.
 */
import { localDate } from '../time/index.js';
import type { Lexicon } from './lexicon.js';
import { STAGE_RANK } from './lexicon.js';
import { parseAmounts, type FoundAmount } from './parse/amount.js';
import { parseDates, type DateContext, type FoundDate } from './parse/dates.js';
import { headOf, splitSegments } from './parse/segments.js';
import { anchorSegments } from './anchor.js';
import type { ActivityClaim, DateClaim, Extraction, MentionClaims, StageKey } from './schema.js';
import type { StagePhrase, Vocabulary } from './vocabulary.js';
import { plainClaimText } from './words.js';

export interface ExtractOptions extends DateContext {
  lexicon: Lexicon;
  /** The CRM's vocabulary for this AE: subjects are anchored on it (without it, each line's head is its name). */
  vocabulary?: Vocabulary;
}

/** The subject a segment is about, when anchoring found it. */
export interface SegmentSubject {
  name: string | null;
  product: string | null;
  isNew: boolean;
  anchor: NonNullable<MentionClaims['anchor']>;
}

interface Hit {
  index: number;
  end: number;
  raw: string;
}

const FUTURE_CLAUSE =
  /\b(scheduled|sched|planned|plan|lined up|next|tomorrow|tmrw|tmr|will|to be|going to|upcoming|pending|hoga|hogi|karenge|padega|tentative|proposed|requested|asked for|pls|please|join|if poss(?:ible)?|try|trying)\b|\w'll\b/i;

function hits(re: RegExp, text: string): Hit[] {
  return [...text.matchAll(re)].map((m) => ({ index: m.index, end: m.index + m[0].length, raw: m[0] }));
}

/** The comma/semicolon-delimited clause around [index, end). */
function clauseAt(text: string, index: number, end: number): { start: number; end: number; text: string } {
  let s = index;
  while (s > 0 && !/[,;:(]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[,;)]/.test(text[e]!)) e++;
  return { start: s, end: e, text: text.slice(s, e).trim() };
}

const overlaps = (a: { index: number; end: number }, b: { index: number; end: number }) =>
  a.index < b.end && b.index < a.end;

function stageOf(
  text: string,
  lexicon: Lexicon,
  labels: readonly StagePhrase[] = [],
  planned: (h: { index: number; end: number }) => boolean = () => false,
): { key: StageKey; phrase: string; index: number; stageId?: string } | null {
  const found: Array<{ key: StageKey; phrase: string; index: number; end: number; stageId?: string }> = [];
  // The portal's own stage labels first ("site survey", "fleet audit", "PO received"): they name one stage exactly.
  for (const { key, re, stageId } of labels) {
    for (const h of hits(re, text)) {
      const before = text.slice(Math.max(0, h.index - 30), h.index);
      const after = text.slice(h.end, h.end + 30);
      if (lexicon.notYetBefore.test(before) || lexicon.notYetAfter.test(after)) continue;
      if (/\b(not|no|never)\s+$/i.test(before)) continue;
      if (found.some((f) => overlaps(f, h)) || planned(h)) continue;
      found.push({ key, phrase: h.raw, index: h.index, end: h.end, stageId });
    }
  }
  for (const { key, re } of lexicon.stages) {
    for (const h of hits(re, text)) {
      const before = text.slice(Math.max(0, h.index - 30), h.index);
      const after = text.slice(h.end, h.end + 30);
      if (lexicon.notYetBefore.test(before) || lexicon.notYetAfter.test(after)) continue;
      if (key !== 'lost' && /\b(not|no|never)\s+$/i.test(before)) continue;
      if (found.some((f) => overlaps(f, h)) || (key !== 'lost' && key !== 'won' && planned(h))) continue;
      found.push({ key, phrase: h.raw, index: h.index, end: h.end });
    }
  }
  if (found.length === 0) return null;
  const lost = found.find((f) => f.key === 'lost');
  if (lost) return lost;
  found.sort((a, b) => STAGE_RANK[b.key] - STAGE_RANK[a.key] || a.index - b.index);
  return found[0]!;
}

function pickAmount(text: string, all: FoundAmount[]): FoundAmount | null {
  // A TCV beside an annual figure: the annual one is what the CRM keeps.
  const amounts = all.some((a) => !a.total) ? all.filter((a) => !a.total) : all;
  if (amounts.length === 0) return null;
  // "30 lakhs, no sorry, 32 lakhs": the speaker's correction wins.
  for (let i = amounts.length - 1; i > 0; i--) {
    if (
      /\b(?:sorry|i mean|correction|correcting|rather|make that|matlab)\b/i.test(
        text.slice(amounts[i - 1]!.end, amounts[i]!.index),
      )
    )
      return amounts[i]!;
  }
  // "12L → 15L", "revised to 15L", "now 15L": the latest figure.
  for (let i = amounts.length - 1; i > 0; i--) {
    const before = text.slice(Math.max(0, amounts[i]!.index - 14), amounts[i]!.index);
    if (/(→|->|\bto\b|\bnow\b|revised|updated|increased|reduced|down|up)\s*$/i.test(before)) return amounts[i]!;
  }
  return amounts[0]!;
}

const claimOf = (d: FoundDate): DateClaim => ({ raw: d.raw, date: d.date, from: d.from, to: d.to });

export function extractSegment(text: string, opts: ExtractOptions, subject?: SegmentSubject): MentionClaims | null {
  const { lexicon } = opts;
  const verbatim = text;
  text = plainClaimText(text);
  // What follows "next:" / "next step" is a plan: it feeds the next step, never the stage or activities.
  const nextAt = text.search(/\b(?:next steps?|ns)\s*[:\-–]|\bnext\s*:/i);
  const claimText = nextAt > 0 ? text.slice(0, nextAt) : text;
  const dateCtx = {
    ...opts,
    calendar: opts.calendar ?? lexicon.calendar,
    fiscalYearStartMonth: opts.fiscalYearStartMonth ?? lexicon.fiscalYearStartMonth,
  };
  const futureDates = parseDates(text, dateCtx, 'future');
  const pastDates = parseDates(text, dateCtx, 'past');
  const dates = futureDates.map((d) => ({ future: d, past: pastDates.find((p) => p.index === d.index) ?? d }));
  const amounts = parseAmounts(text).filter((a) => !dates.some((d) => overlaps(a, d.future)));
  const today0 = todayOf(opts);
  // A stage phrase with a date still ahead in its clause is a plan ("fleet audit 3rd Feb ko fix hai"), read the
  // date the way the sentence allows that is least in the future.
  const planned = (h: { index: number; end: number }) => {
    const clause = clauseAt(text, h.index, h.end);
    const stop = text.slice(h.end, clause.end).search(/[.!?]\s/);
    const end = stop < 0 ? clause.end : h.end + stop;
    return pastDates.some((d) => d.index >= clause.start && d.end <= end && d.from > today0);
  };
  const stage = stageOf(claimText, lexicon, opts.vocabulary?.stagePhrases, planned);
  const activeHit = hits(lexicon.active, claimText)[0] ?? null;
  const stageSpans = lexicon.stages.flatMap(({ re }) => hits(re, claimText));

  // Activities: reported, not planned; an undated stage phrase ("disc call done") is not an activity report.
  const activities: ActivityClaim[] = [];
  const usedDates = new Set<number>();
  const seenClauses = new Set<string>();
  for (const { kind, re } of lexicon.activities) {
    for (const h of hits(re, claimText)) {
      const clause = clauseAt(text, h.index, h.end);
      const key = `${kind}:${clause.start}`;
      if (seenClauses.has(key) || activities.some((a) => a.raw === clause.text)) continue;
      const inClause = dates.filter((d) => d.future.index >= clause.start && d.future.end <= clause.end);
      const date = inClause[0];
      const pastDay = date ? date.past : undefined;
      const today = todayOf(opts);
      const future = FUTURE_CLAUSE.test(clause.text) || (pastDay !== undefined && pastDay.from > today);
      if (future) continue;
      if (!date && stageSpans.some((s) => overlaps(s, h))) continue;
      if (date && lexicon.closeCue.test(text.slice(clause.start, date.future.index))) continue;
      seenClauses.add(key);
      if (date) usedDates.add(date.future.index);
      // A span ("this wk") reaches no further than today for something that already happened.
      const when = pastDay
        ? {
            ...claimOf(pastDay),
            to: pastDay.to > today ? today : pastDay.to,
            date: pastDay.date > today ? today : pastDay.date,
          }
        : null;
      activities.push({ kind, raw: clause.text, date: when });
    }
  }

  // Dates: the expected close ("PO by 4th Jan"), else a next step.
  let closeDate: DateClaim | null = null;
  let nextStep: MentionClaims['nextStep'] = null;
  for (const d of dates) {
    if (usedDates.has(d.future.index)) continue;
    const clause = clauseAt(text, d.future.index, d.future.end);
    // The words before the date in its sentence (commas do not end the cue: "the PO is delayed, now mid April").
    const at = d.future.index;
    const sentence = Math.max(
      ...['. ', '; ', '! ', '? ', '//', '->', '\n'].map((b) => {
        const i = text.lastIndexOf(b, at - 1);
        return i < 0 ? 0 : i + b.length;
      }),
    );
    const prevEnd = Math.max(0, ...dates.filter((x) => x.future.end <= at).map((x) => x.future.end));
    const lead = text.slice(Math.max(sentence, prevEnd, at - 60), at);
    if (!closeDate && lexicon.closeCue.test(lead)) {
      closeDate = claimOf(d.future);
      continue;
    }
    if (!nextStep && d.future.date >= todayOf(opts)) nextStep = { text: clause.text, date: claimOf(d.future) };
  }
  const ns = /\b(?:next steps?|ns|next)\s*[:\-–]\s*([^;\n]+)/i.exec(text);
  if (ns && !nextStep) nextStep = { text: ns[1]!.trim(), date: null };

  const firstClaim = Math.min(
    stage?.index ?? Infinity,
    activeHit?.index ?? Infinity,
    amounts[0]?.index ?? Infinity,
    dates[0]?.future.index ?? Infinity,
    ...activities.map((a) => text.indexOf(a.raw)),
  );
  const head = subject
    ? { name: subject.name, isNew: subject.isNew, index: 0 }
    : headOf(text, Number.isFinite(firstClaim) ? firstClaim : text.length);
  const amount = pickAmount(text, amounts);
  const hasClaim =
    stage !== null ||
    amount !== null ||
    closeDate !== null ||
    activities.length > 0 ||
    activeHit !== null ||
    nextStep !== null;
  if (!hasClaim && !head.isNew && !subject) return null;

  const lower = text.toLowerCase();
  const product =
    subject?.product ??
    lexicon.products.find((p) => new RegExp(String.raw`(?<![\p{L}])${escape(p)}(?![\p{L}])`, 'iu').test(text)) ??
    null;
  const competitors = lexicon.competitors.filter((c) =>
    new RegExp(String.raw`(?<![\p{L}])${escape(c)}(?![\p{L}])`, 'iu').test(text),
  );
  let lostReason: string | null = null;
  if (stage?.key === 'lost') {
    const at = head.name ? text.indexOf(head.name) : -1;
    const from = at >= 0 ? at + head.name!.length : 0;
    lostReason =
      text
        .slice(from)
        .replace(/^[\s:\-–—,]+/, '')
        .trim() || stage.phrase;
  }
  return {
    text: verbatim,
    name: head.name,
    stage: stage
      ? { key: stage.key, phrase: stage.phrase, ...(stage.stageId ? { stageId: stage.stageId } : {}) }
      : null,
    amount: amount ? { raw: amount.raw, value: amount.value, tolerance: amount.tolerance } : null,
    closeDate,
    activities,
    active:
      activeHit && !/\bnot\s+$/i.test(lower.slice(Math.max(0, activeHit.index - 5), activeHit.index))
        ? activeHit.raw
        : null,
    lostReason,
    nextStep,
    competitors,
    product,
    newDeal: head.isNew,
    ...(subject ? { anchor: subject.anchor } : {}),
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function todayOf(opts: DateContext): string {
  return localDate(opts.asOf, opts.timezone);
}

/** Every mention in an update, with what it claims. */
export function extractOffline(update: string, opts: ExtractOptions): Extraction {
  const mentions: MentionClaims[] = [];
  if (opts.vocabulary) {
    for (const seg of anchorSegments(update, opts.vocabulary, opts.lexicon.competitors)) {
      const subject: SegmentSubject = {
        name: seg.name,
        product: seg.product,
        isNew: seg.isNew,
        anchor: {
          entity: seg.entity,
          dealIds: seg.dealIds,
          via: seg.via,
          confidence: Math.round(seg.confidence * 100) / 100,
        },
      };
      const m = extractSegment(seg.text, opts, subject);
      if (m) mentions.push(m);
    }
    return { mentions };
  }
  for (const seg of splitSegments(update)) {
    const m = extractSegment(seg.text, opts);
    if (m) mentions.push(m);
  }
  return { mentions };
}
