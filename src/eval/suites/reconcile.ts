/**
 * reconcile: every labelled AE update snippet (evals/reconcile/suite.json, plus the generated portals' weekly
 * updates labelled from generator.planted) reconciled as its owner through the product's reconcile path
 * (`reconcileUpdate`, what `mis reconcile` runs), with the offline extractor or, with a key, the claude one;
 * the discrepancies against the labels: F1 per discrepancy type and overall.
 */
import { modelConfig, ModelUnavailableError } from '../../agent/index.js';
import type { PortalDataset } from '../../dataset/index.js';
import {
  claudeExtractor,
  DISCREPANCY_TYPES,
  reconcileUpdate,
  UpdateInputError,
  type DiscrepancyType,
  type Extractor,
  type ReconcileResult,
} from '../../reconcile/index.js';
import { fmt, listShort, prf } from '../scorers/set-overlap.js';
import {
  defineSuite,
  type Counts,
  type EvalCase,
  type EvalDriverName,
  type ScoreOutcome,
  type Scorer,
} from '../types.js';
import { generatedSnippets, loadReconcileData, type Expected } from './reconcile-data.js';
import { matchSnippet } from './reconcile-score.js';

/** The suite fails when the overall F1 (micro over every snippet) is below this. */
export const RECONCILE_THRESHOLD = 0.85;
/** Per discrepancy type (smaller support: one miss moves it more). */
export const RECONCILE_TYPE_THRESHOLD = 0.7;

export interface ReconcileCase extends EvalCase {
  datasetName: string;
  dataset: PortalDataset;
  owner: string;
  text: string;
  expected: Expected[];
  origin: 'hand' | 'generator';
}

export interface ReconcileOutput {
  discrepancies: ReconcileResult['discrepancies'];
  /** The product refused the update (UpdateInputError: no deal of this owner found in it); nothing reconciled. */
  refused: string | null;
}

function extractorFor(driver: EvalDriverName): Extractor | undefined {
  if (driver === 'offline') return undefined;
  const cfg = modelConfig();
  // The runner skips the claude column without a key; this guards a direct call.
  if (!cfg.apiKey)
    throw new ModelUnavailableError(
      'the claude extractor needs ANTHROPIC_API_KEY',
      'Set ANTHROPIC_API_KEY, or run the suite with --driver offline.',
    );
  return claudeExtractor({ apiKey: cfg.apiKey, baseURL: cfg.baseURL, model: cfg.model });
}

function result(c: Counts, misses: readonly string[], what: string): ScoreOutcome {
  const p = prf(c);
  const pass = c.fp === 0 && c.fn === 0;
  return {
    pass,
    score: p.f1,
    counts: c,
    reason: pass
      ? `${c.tp} ${what} found, nothing extra`
      : `P ${fmt(p.precision)} R ${fmt(p.recall)}; ${listShort(misses, 3)}`,
  };
}

function perType(type: DiscrepancyType): Scorer<ReconcileCase, ReconcileOutput> {
  return {
    name: `f1:${type}`,
    description: `${type} discrepancies reported against the labelled ones (by type and deal)`,
    kind: 'deterministic',
    aggregate: 'f1',
    threshold: RECONCILE_TYPE_THRESHOLD,
    score({ case: c, output }) {
      const m = matchSnippet(c.expected, output.discrepancies);
      const counts = m.byType[type];
      if (counts.tp + counts.fp + counts.fn === 0)
        return { skipped: `not applicable: no ${type} labelled or reported` };
      return result(
        counts,
        m.misses.filter((x) => x.type === type).map((x) => x.text),
        type,
      );
    },
  };
}

const overall: Scorer<ReconcileCase, ReconcileOutput> = {
  name: 'f1:overall',
  description: 'every discrepancy reported against every labelled one (micro F1 over all types and snippets)',
  kind: 'deterministic',
  aggregate: 'f1',
  threshold: RECONCILE_THRESHOLD,
  score({ case: c, output }) {
    const m = matchSnippet(c.expected, output.discrepancies);
    const counts = Object.values(m.byType).reduce<Counts>(
      (a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }),
      { tp: 0, fp: 0, fn: 0 },
    );
    if (c.expected.length === 0 && output.discrepancies.length === 0 && output.refused === null)
      return { pass: true, score: 1, counts, reason: 'consistent with the CRM, and nothing reported' };
    return result(
      counts,
      m.misses.map((x) => x.text),
      'labelled discrepancies',
    );
  },
};

const reconciled: Scorer<ReconcileCase, ReconcileOutput> = {
  name: 'reconciled',
  description: 'the update was reconciled, not refused as naming no deal of its owner',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.95,
  score({ output }) {
    return output.refused === null
      ? { pass: true, score: 1, reason: 'reconciled' }
      : { pass: false, score: 0, reason: `refused: ${output.refused.slice(0, 160)}` };
  },
};

/** Every snippet as a case: the hand-labelled ones, then each dataset's generated weekly updates. */
export function loadReconcileCases(evalsDir: string): ReconcileCase[] {
  const { data, datasets } = loadReconcileData(evalsDir);
  const snippets = [...data.snippets, ...[...datasets.values()].flatMap(generatedSnippets)];
  return snippets.map((s) => {
    const consistent = s.expected.length === 0;
    const heldOut = s.id.startsWith('h-');
    const shot = s.batch ? data.firstShot?.[s.batch] : undefined;
    const notes = [
      consistent ? 'consistent with the CRM: nothing to find' : `${s.expected.length} labelled`,
      heldOut ? 'written after tuning' : null,
      s.origin === 'generator' ? 'generated update' : null,
      s.batch
        ? `batch ${s.batch}${shot ? `, first shot F1 ${shot.f1.toFixed(2)} (TP ${shot.tp} FP ${shot.fp} FN ${shot.fn})` : ''}`
        : null,
    ].filter((x) => x !== null);
    return {
      id: s.id,
      description: `${s.dataset}, owner ${s.owner}: ${notes.join('; ')}`,
      ...(consistent || heldOut || s.batch ? { hard: true } : {}),
      datasetName: s.dataset,
      dataset: datasets.get(s.dataset)!.dataset,
      owner: s.owner,
      text: s.text,
      expected: s.expected,
      origin: s.origin,
    };
  });
}

export const reconcileSuite = defineSuite<ReconcileCase, ReconcileOutput>({
  name: 'reconcile',
  description:
    'AE update snippets reconciled against the CRM (reconcileUpdate, as `mis reconcile`): discrepancies vs labels, F1 per type',
  loadCases: loadReconcileCases,
  async task(c, t) {
    const ctx = await t.product.context(`reconcile:${c.datasetName}`, c.dataset);
    const extractor = extractorFor(t.driver);
    try {
      const { result: r } = await reconcileUpdate({
        ctx,
        ownerId: c.owner,
        text: c.text,
        ...(extractor ? { extractor } : {}),
      });
      return { discrepancies: r.discrepancies, refused: null };
    } catch (e) {
      // A refusal is the product's answer (it found no deal of this owner in the text), not a broken task.
      if (e instanceof UpdateInputError) return { discrepancies: [], refused: e.message };
      throw e;
    }
  },
  scorers: [...DISCREPANCY_TYPES.map(perType), overall, reconciled],
});
