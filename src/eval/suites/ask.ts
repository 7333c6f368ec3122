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
import { join } from 'node:path';
import { z } from 'zod';
import { ask, ModelUnavailableError, type Answer } from '../../agent/index.js';
import { readPortalFile, type PortalDataset } from '../../dataset/index.js';
import { formatMoney } from '../../format/index.js';
import { randomUUID } from 'node:crypto';
import { reconcileUpdate, UpdateInputError } from '../../reconcile/index.js';
import { recordReconciliation } from '../../state/index.js';
import { EvalDataError } from '../errors.js';
import { driverFor, knownIds, type ProductSession } from '../product.js';
import { readEvalJson } from '../paths.js';
import { fmt, listShort } from '../scorers/set-overlap.js';
import { onlyKnownIds } from '../scorers/text.js';
import { defineSuite, type EvalCase, type EvalDriverName, type ScoreOutcome, type Scorer } from '../types.js';
import {
  failsSelect,
  labelledIds,
  rankOwners,
  rankSchema,
  refDeals,
  selectDeals,
  selectSchema,
  type RefDeal,
  type Select,
} from './ask-select.js';

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
  /** How it is phrased: as a sales manager asks (pipeline health, who is behind, what moved, at risk, coverage, forecast, what did X say), or a plain query. */
  style: z.enum(['manager', 'plain']).default('plain'),
  /** The question's constraints: the portal's deals meeting them are expected (computed at load), and every cited deal must meet them. */
  select: selectSchema.optional(),
  /** With select: the selected deals are only the constraints a cited deal must meet, not all expected (a list the answer shortens). */
  selectIsConstraint: z.boolean().optional(),
  /** "who has the most/least …": the leading owners are expected, and their figure stated. */
  rank: rankSchema.optional(),
  /** Figures of the selected deals the answer states: their count, their total amount. */
  say: z.array(z.enum(['count', 'sum'])).default([]),
  /** Outside what sales-mis knows or does (weather, sending mail): the answer says it is out of scope and cites nothing. */
  outOfScope: z.boolean().default(false),
  /** When the case was added (a batch scored once before tuning). */
  batch: z.string().optional(),
});
const firstShotSchema = z
  .object({
    batch: z.string(),
    date: z.string(),
    cases: z.number().int(),
    note: z.string(),
    metrics: z.record(z.string(), z.number().nullable()),
  })
  .strict();
const casesFileSchema = z.object({
  about: z.string(),
  firstShots: z.array(firstShotSchema).default([]),
  cases: z.array(caseSchema).min(1),
});

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
  style: 'manager' | 'plain';
  outOfScope: boolean;
  /** Deals a cited deal must be among (the question's constraints), with why each other deal is not: null when the case has no select. */
  constraint: { select: Select; deals: ReadonlyMap<string, string | null> } | null;
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
    return {
      pass: missed.length === 0,
      score,
      reason: missed.length
        ? `cited ${c.expected.length - missed.length} of ${c.expected.length}; missed ${listShort(missed)}`
        : `all ${c.expected.length} expected records cited`,
    };
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
    return onlyKnownIds(
      [output.text],
      output.answer?.citations.filter((c) => c.type !== 'finding').map((c) => c.id) ?? [],
      output.knownIds,
    );
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
    if (!output.needsModel)
      return want
        ? {
            pass: false,
            score: 0,
            reason: `answered with ${output.answer?.report ?? 'an answer'} instead of saying it needs a model`,
          }
        : { pass: true, score: 1, reason: 'answered' };
    if (!want) return { pass: false, score: 0, reason: 'said it needs a model for a question it should answer' };
    const clear = NEEDS_MODEL_WORDS.test(output.needsModel.message) && /ANTHROPIC_API_KEY/.test(output.needsModel.hint);
    return clear
      ? { pass: true, score: 1, reason: 'says it needs a model, how to set one up, and cites nothing' }
      : {
          pass: false,
          score: 0.5,
          reason: 'refused, but does not say plainly that a model (ANTHROPIC_API_KEY) is needed',
        };
  },
};

const noWrong: Scorer<AskCase, AskOutput> = {
  name: 'no_wrong_records',
  description:
    "records a right answer would not cite (a similarly named firm's deal, another AE's deals) are not cited",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: NO_WRONG_THRESHOLD,
  score({ case: c, output }): ScoreOutcome {
    if (!c.mustNotCite.length) return { skipped: 'not applicable: no record marked wrong for this question' };
    if (saidNeedsModel(c, output)) return { skipped: 'not applicable: offline says it needs a model' };
    const cited = citedRecords(output, c.mustNotCite);
    const wrong = c.mustNotCite.filter((r) => cited.has(key(r))).map(key);
    return {
      pass: wrong.length === 0,
      score: 1 - wrong.length / c.mustNotCite.length,
      reason: wrong.length
        ? `cites ${listShort(wrong)}, which the question is not about`
        : `none of the ${c.mustNotCite.length} wrong records cited`,
    };
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
    return {
      pass: missing.length === 0,
      score,
      reason: missing.length
        ? `${fmt(score)} of the facts stated; missing ${listShort(
            missing.map((m) => m.note ?? `/${m.pattern}/`),
            3,
          )}`
        : `all ${c.mustSay.length} facts stated`,
    };
  },
};

const stored = new WeakSet<ProductSession>();

/**
 * The portal's AE updates reconciled and stored as `mis reconcile` does (once per session), so "what did Asha say
 * about …" has the stored updates a team that reconciles its updates would have.
 */
async function storeUpdates(session: ProductSession): Promise<void> {
  if (stored.has(session)) return;
  stored.add(session);
  for (const [i, u] of (session.dataset.aeUpdates ?? []).entries()) {
    try {
      const outcome = await reconcileUpdate({
        ctx: session.ctx,
        ownerId: u.ownerId,
        text: u.text,
        receivedAt: u.sentAt,
      });
      recordReconciliation(
        session.state,
        {
          id: outcome.updateId,
          ownerId: u.ownerId,
          receivedAt: u.sentAt,
          source: `dataset aeUpdates[${i}]`,
          text: outcome.text,
        },
        { id: randomUUID(), runAt: session.ctx.asOf, json: JSON.stringify(outcome.result) },
      );
    } catch (e) {
      // An update naming no deal of its owner is refused by reconcile and not stored, as with `mis reconcile`.
      if (!(e instanceof UpdateInputError)) throw e;
    }
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const constraintsHonoured: Scorer<AskCase, AskOutput> = {
  name: 'constraints_honoured',
  description:
    "every deal the answer cites meets the question's constraints (amount, owner, period, stage, open/won/lost)",
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.95,
  score({ case: c, output }): ScoreOutcome {
    if (!c.constraint) return { skipped: 'not applicable: the question sets no constraint on deals' };
    if (!output.answer) return { skipped: 'not applicable: no answer' };
    const ids = [...c.constraint.deals.keys()];
    const cited = [
      ...citedRecords(
        output,
        ids.map((id) => ({ type: 'deal' as const, id })),
      ),
    ]
      .filter((k) => k.startsWith('deal ')) // a cited contact or company is no deal to judge
      .map((k) => k.slice('deal '.length));
    if (!cited.length) return { pass: true, score: 1, reason: 'cites no deal' };
    const bad = cited
      .filter((id) => c.constraint!.deals.get(id) !== null)
      .map((id) => `${id} (${c.constraint!.deals.get(id)})`);
    return {
      pass: bad.length === 0,
      score: 1 - bad.length / cited.length,
      reason: bad.length
        ? `${bad.length} of ${cited.length} cited deals break a constraint: ${listShort(bad)}`
        : `all ${cited.length} cited deals meet the constraints`,
    };
  },
};

const OUT_OF_SCOPE_WORDS = /out of scope|outside what/i;

const wrongQuestionRefusal: Scorer<AskCase, AskOutput> = {
  name: 'wrong_question_refusal',
  description:
    'a question offline cannot answer (needs a model) or nobody here can (out of scope) is refused as such, never answered with another report',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.9,
  score({ case: c, output }): ScoreOutcome {
    const offline = output.driver === 'offline';
    if (c.outOfScope) {
      const said =
        output.answer !== null && output.answer.citations.length === 0 && OUT_OF_SCOPE_WORDS.test(output.answer.answer);
      if (said) return { pass: true, score: 1, reason: 'says it is out of scope, cites nothing' };
      if (output.needsModel)
        return { pass: false, score: 0.5, reason: 'refused, but as needing a model: a model would not help' };
      return {
        pass: false,
        score: 0,
        reason: `answered with ${output.answer?.report ?? 'an answer'} a question that is out of scope`,
      };
    }
    if (!c.needsModel || !offline) return { skipped: 'not applicable: an answerable question' };
    if (output.needsModel) return { pass: true, score: 1, reason: 'refused: needs a model' };
    return {
      pass: false,
      score: 0,
      reason: `answered with ${output.answer?.report ?? 'an answer'} instead of refusing`,
    };
  },
};

export const askSuite = defineSuite<AskCase, AskOutput>({
  name: 'ask',
  description: '`mis ask` questions: records cited vs expected, no invented ids, "needs a model" exactly when it does',
  loadCases(evalsDir) {
    const file = readEvalJson(evalsDir, 'ask/cases.json', casesFileSchema);
    const portals = new Map<string, { data: PortalDataset; deals: RefDeal[] }>();
    const portal = (relative: string) => {
      let p = portals.get(relative);
      if (!p) {
        const data = readPortalFile(join(evalsDir, relative));
        p = { data, deals: refDeals(data) };
        portals.set(relative, p);
      }
      return p;
    };
    const readLabels = (relative: string) => readEvalJson(evalsDir, relative, z.unknown());
    return file.cases.map((c) => {
      const expected: Rec[] = [...c.expected];
      const mustSay = [...c.mustSay];
      let constraint: AskCase['constraint'] = null;
      const add = (r: Rec) => {
        if (!expected.some((e) => e.type === r.type && e.id === r.id)) expected.push(r);
      };
      if (c.select) {
        const { data, deals } = portal(c.dataset);
        const labelled = c.select.within ? labelledIds(readLabels, c.select.within) : null;
        const chosen = selectDeals(deals, c.select, labelled);
        if (!c.selectIsConstraint) for (const d of chosen) add({ type: 'deal', id: d.id });
        // The question's own constraints; membership of another suite's labels is for recall, not a constraint (the
        // product may flag more than the labelled signals).
        constraint = { select: c.select, deals: new Map(deals.map((d) => [d.id, failsSelect(d, c.select!, null)])) };
        if (c.say.includes('count'))
          mustSay.push({ pattern: `\\b${chosen.length}\\b`, note: `${chosen.length} deals` });
        if (c.say.includes('sum')) {
          const sum = chosen.reduce((s, d) => s + (d.amount ?? 0), 0);
          mustSay.push({
            pattern: escapeRe(formatMoney(sum, data.portal.currency)),
            note: `total ${formatMoney(sum, data.portal.currency)}`,
          });
        }
      }
      if (c.rank) {
        const { data, deals } = portal(c.dataset);
        const labelled = c.rank.select.within ? labelledIds(readLabels, c.rank.select.within) : null;
        const r = rankOwners(deals, c.rank, labelled);
        for (const id of r.leaders) add({ type: 'owner', id });
        const figure =
          c.rank.by === 'count' ? `\\b${r.value}\\b` : escapeRe(formatMoney(r.value, data.portal.currency));
        mustSay.push({ pattern: figure, note: `the leader's ${c.rank.by}` });
      }
      return {
        id: c.id,
        description: c.description,
        ...(c.hard ? { hard: true } : {}),
        dataset: c.dataset,
        question: c.question,
        ...(c.owner ? { owner: c.owner } : {}),
        needsModel: c.needsModel,
        expected,
        mustNotCite: c.mustNotCite,
        mustSay,
        style: c.style,
        outOfScope: c.outOfScope,
        constraint,
      };
    });
  },
  firstShots(evalsDir) {
    return readEvalJson(evalsDir, 'ask/cases.json', casesFileSchema).firstShots;
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    await storeUpdates(session);
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
      knownIds: new Set([
        ...knownIds(session.dataset),
        ...(session.dataset.smartlead?.campaigns ?? []).map((c) => String(c.id)),
        ...(session.dataset.marketing?.campaigns ?? []).map((c) => c.id),
      ]),
      ownerNames: new Map(
        session.dataset.owners.map((o) => [o.id, [o.firstName, o.lastName].filter(Boolean).join(' ')]),
      ),
    };
    try {
      const r = await ask({
        question: c.question,
        driver: driverFor(t.driver),
        client: session.client,
        owner,
        asOf: session.ctx.asOf,
        view: { timezone: session.ctx.timezone, currency: session.ctx.currency },
        state: null,
        fiscalYearStartMonth: session.ctx.config.fiscalYearStartMonth,
      });
      return { ...base, answer: r.answer, text: r.text, needsModel: null };
    } catch (e) {
      // Offline, "needs a model" is the product's answer to a question it cannot map to a report.
      if (t.driver === 'offline' && e instanceof ModelUnavailableError)
        return {
          ...base,
          answer: null,
          text: `${e.message}\n${e.hint ?? ''}`,
          needsModel: { message: e.message, hint: e.hint ?? '' },
        };
      throw e;
    }
  },
  scorers: [recall, idsReal, needsModel, noWrong, factsStated, constraintsHonoured, wrongQuestionRefusal],
});
