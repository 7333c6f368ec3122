/**
 * ask: questions people put to `mis ask`, run through the product's ask path (src/agent/ask) over the product's MCP
 * server on an eval portal, with the offline or the claude driver. Each case lists the records a right answer
 * cites (written by hand or from the suites' labels, never from the product), records a right answer would not
 * cite (a similarly named company's deal, another AE's deals), facts it must state, and whether offline must
 * say the question needs a model.
 *
 * A record counts as cited when the answer's citations hold it, the answer text names its id, or — for an owner —
 * the text names the owner in full ("Asha Rao").
 */
import { z } from 'zod';
import { ask, ModelUnavailableError, type Answer } from '../../agent/index.js';
import { EvalDataError } from '../errors.js';
import { driverFor, knownIds } from '../product.js';
import { readEvalJson } from '../paths.js';
import { fmt, listShort } from '../scorers/set-overlap.js';
import { onlyKnownIds } from '../scorers/text.js';
import { defineSuite, type EvalCase, type EvalDriverName, type ScoreOutcome, type Scorer } from '../types.js';

const recordSchema = z.object({ type: z.enum(['deal', 'owner']), id: z.string().min(1), note: z.string().optional() });
const caseSchema = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  /** A portal@1 file, relative to evals/ (the demo portal: ../data/demo-portal.json). */
  dataset: z.string().min(1),
  question: z.string().min(1),
  /** As `mis ask --owner ID|EMAIL`. */
  owner: z.string().optional(),
  /** Offline must answer "this question needs a model" (and cite nothing); a model must answer it. */
  needsModel: z.boolean().default(false),
  /** Records a right answer cites. */
  expected: z.array(recordSchema),
  /** Records a right answer does not cite (the similarly named firm's deal, another AE's deals, a deal with no problem). */
  mustNotCite: z.array(recordSchema).default([]),
  /** Facts a right answer states: regular expressions (case-insensitive) over the answer text. */
  mustSay: z.array(z.object({ pattern: z.string().min(1), note: z.string().optional() })).default([]),
  /** How the expected values were worked out. */
  why: z.string().min(1),
});
const casesFileSchema = z.object({ about: z.string(), cases: z.array(caseSchema).min(1) });

type Rec = z.infer<typeof recordSchema>;

/*
 * Thresholds: what the offline answerer achieves with the hard cases kept on purpose (an AE by first name, a
 * company with a similar name, a "who" question, a needs-a-model question that says "call"). Recall stays below 1
 * only because deal risk does not flag a competitor outside the team's list (deal 4000215, see the deal-risk
 * suite). The baseline (tolerance 0.02) is what stops a change making any of them worse.
 */
const RECALL_THRESHOLD = 0.95;
const NEEDS_MODEL_THRESHOLD = 1;
const NO_WRONG_THRESHOLD = 1;

export interface AskCase extends EvalCase {
  dataset: string;
  question: string;
  owner?: string;
  needsModel: boolean;
  expected: Rec[];
  mustNotCite: Rec[];
  mustSay: Array<{ pattern: string; note?: string | undefined }>;
}

export interface AskOutput {
  driver: EvalDriverName;
  /** The answer, or null when the product said the question needs a model. */
  answer: Answer | null;
  /** What the person reads: the rendered answer, or the "needs a model" message and its hint. */
  text: string;
  needsModel: { message: string; hint: string } | null;
  knownIds: ReadonlySet<string>;
  /** owner id → "First Last" */
  ownerNames: ReadonlyMap<string, string>;
}

function key(r: { type: string; id: string }): string {
  return `${r.type} ${r.id}`;
}

/** Every record the answer cites, as "deal 4000123" / "owner 71217". */
export function citedRecords(output: AskOutput, candidates: readonly Rec[]): Set<string> {
  const cited = new Set<string>();
  if (!output.answer) return cited;
  const text = output.answer.answer;
  for (const c of output.answer.citations) cited.add(key(c));
  for (const r of candidates) {
    if (new RegExp(`(?<![\\d.])${r.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d.])`).test(text)) cited.add(key(r));
    const name = r.type === 'owner' ? output.ownerNames.get(r.id) : undefined;
    if (name && text.includes(name)) cited.add(key(r));
  }
  return cited;
}

/** Offline said "needs a model" where it should: what it would have cited is not judged (ids_real still is). */
function saidNeedsModel(c: AskCase, output: AskOutput): boolean {
  return output.needsModel !== null && c.needsModel && output.driver === 'offline';
}

const recall: Scorer<AskCase, AskOutput> = {
  name: 'recall:expected',
  description: 'the records a right answer cites are cited (per question, then the mean)',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: RECALL_THRESHOLD,
  score({ case: c, output }): ScoreOutcome {
    if (!c.expected.length) return { skipped: 'not applicable: the answer rests on no record' };
    if (saidNeedsModel(c, output)) return { skipped: 'not applicable: offline says it needs a model' };
    const cited = citedRecords(output, c.expected);
    const missed = c.expected.filter((r) => !cited.has(key(r))).map(key);
    const score = 1 - missed.length / c.expected.length;
    return { pass: missed.length === 0, score, reason: missed.length ? `cited ${c.expected.length - missed.length} of ${c.expected.length}; missed ${listShort(missed)}` : `all ${c.expected.length} expected records cited` };
  },
};

const idsReal: Scorer<AskCase, AskOutput> = {
  name: 'ids_real',
  description: 'every record id the answer cites or names exists in the portal (no invented records)',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    // A citation of a finding has no record id of its own; every other citation must name a real record.
    return onlyKnownIds([output.text], output.answer?.citations.filter((c) => c.type !== 'finding').map((c) => c.id) ?? [], output.knownIds);
  },
};

const NEEDS_MODEL_WORDS = /needs a model/i;

const needsModel: Scorer<AskCase, AskOutput> = {
  name: 'needs_model',
  description: 'offline says plainly that the question needs a model (and how to get one) exactly when it does',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: NEEDS_MODEL_THRESHOLD,
  score({ case: c, output }) {
    const want = c.needsModel && output.driver === 'offline';
    if (!output.needsModel) return want ? { pass: false, score: 0, reason: `answered with ${output.answer?.report ?? 'an answer'} instead of saying it needs a model` } : { pass: true, score: 1, reason: 'answered' };
    if (!want) return { pass: false, score: 0, reason: 'said it needs a model for a question it should answer' };
    const clear = NEEDS_MODEL_WORDS.test(output.needsModel.message) && /ANTHROPIC_API_KEY/.test(output.needsModel.hint);
    return clear ? { pass: true, score: 1, reason: 'says it needs a model, how to set one up, and cites nothing' } : { pass: false, score: 0.5, reason: 'refused, but does not say plainly that a model (ANTHROPIC_API_KEY) is needed' };
  },
};

const noWrong: Scorer<AskCase, AskOutput> = {
  name: 'no_wrong_records',
  description: "records a right answer would not cite (a similarly named firm's deal, another AE's deals) are not cited",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: NO_WRONG_THRESHOLD,
  score({ case: c, output }): ScoreOutcome {
    if (!c.mustNotCite.length) return { skipped: 'not applicable: no record marked wrong for this question' };
    if (saidNeedsModel(c, output)) return { skipped: 'not applicable: offline says it needs a model' };
    const cited = citedRecords(output, c.mustNotCite);
    const wrong = c.mustNotCite.filter((r) => cited.has(key(r))).map(key);
    return { pass: wrong.length === 0, score: 1 - wrong.length / c.mustNotCite.length, reason: wrong.length ? `cites ${listShort(wrong)}, which the question is not about` : `none of the ${c.mustNotCite.length} wrong records cited` };
  },
};

const factsStated: Scorer<AskCase, AskOutput> = {
  name: 'facts_stated',
  description: 'the figures worked out by hand appear in the answer',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }): ScoreOutcome {
    if (!c.mustSay.length) return { skipped: 'not applicable: no figure to state' };
    if (saidNeedsModel(c, output)) return { skipped: 'not applicable: offline says it needs a model' };
    const text = output.answer?.answer ?? '';
    const missing = c.mustSay.filter((m) => !new RegExp(m.pattern, 'i').test(text));
    const score = 1 - missing.length / c.mustSay.length;
    return { pass: missing.length === 0, score, reason: missing.length ? `${fmt(score)} of the facts stated; missing ${listShort(missing.map((m) => m.note ?? `/${m.pattern}/`), 3)}` : `all ${c.mustSay.length} facts stated` };
  },
};

export const askSuite = defineSuite<AskCase, AskOutput>({
  name: 'ask',
  description: '`mis ask` questions: records cited vs expected, no invented ids, "needs a model" exactly when it does',
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'ask/cases.json', casesFileSchema).cases.map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.hard ? { hard: true } : {}),
      dataset: c.dataset,
      question: c.question,
      ...(c.owner ? { owner: c.owner } : {}),
      needsModel: c.needsModel,
      expected: c.expected,
      mustNotCite: c.mustNotCite,
      mustSay: c.mustSay,
    }));
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const owners = session.ctx.data.crm.owners;
    let owner: string | undefined;
    if (c.owner) {
      const want = c.owner.trim().toLowerCase();
      const hit = owners.find((o) => o.id === c.owner || o.email?.toLowerCase() === want);
      if (!hit) throw new EvalDataError('evals/ask/cases.json', `case ${c.id}: no owner "${c.owner}" in ${c.dataset}`);
      owner = hit.id;
    }
    const base = {
      driver: t.driver,
      knownIds: new Set([...knownIds(session.dataset), ...(session.dataset.smartlead?.campaigns ?? []).map((c) => String(c.id)), ...(session.dataset.marketing?.campaigns ?? []).map((c) => c.id)]),
      ownerNames: new Map(session.dataset.owners.map((o) => [o.id, [o.firstName, o.lastName].filter(Boolean).join(' ')])),
    };
    try {
      const r = await ask({ question: c.question, driver: driverFor(t.driver), client: session.client, owner, asOf: session.ctx.asOf, view: { timezone: session.ctx.timezone, currency: session.ctx.currency }, state: null });
      return { ...base, answer: r.answer, text: r.text, needsModel: null };
    } catch (e) {
      // Offline, "needs a model" is the product's answer to a question it cannot map to a report.
      if (t.driver === 'offline' && e instanceof ModelUnavailableError) return { ...base, answer: null, text: `${e.message}\n${e.hint ?? ''}`, needsModel: { message: e.message, hint: e.hint ?? '' } };
      throw e;
    }
  },
  scorers: [recall, idsReal, needsModel, noWrong, factsStated],
});
