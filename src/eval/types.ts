import type { EvalDriverName } from './driver-name.js';
import type { ProductPool } from './product.js';

/**
 * The eval model: suite data (cases), a task that runs the product, scorers that return { pass, score, reason },
 * and reports built from the results. The three are kept apart so a scorer never runs the product and a task
 * never judges it.
 */

/** One case of a suite: what it is about, and whether it is hard on purpose. */
export interface EvalCase {
  id: string;
  description: string;
  /** A case kept hard on purpose (borderline threshold, similar names, nothing to find). */
  hard?: boolean;
}

/** True positives, false positives and false negatives of a set comparison, summed across cases for micro P/R/F1. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ScoreResult {
  pass: boolean;
  /** 0..1 */
  score: number;
  /** Why, in one line a person can act on; ids and numbers only, never secrets or whole CRM records. */
  reason: string;
  /** For set-overlap scorers: aggregated across cases as micro precision/recall/F1. */
  counts?: Counts;
}

/** A scorer that could not run here (model-graded without a key): shown as skipped, never as a pass. */
export interface Skipped {
  skipped: string;
}

export type ScoreOutcome = ScoreResult | Skipped;

export function isSkipped(o: object): o is Skipped {
  return 'skipped' in o;
}

export type Aggregate = 'f1' | 'mean';

export interface Scorer<C extends EvalCase, O> {
  /** Unique within the suite; the metric's name in reports and the baseline. */
  name: string;
  description: string;
  kind: 'deterministic' | 'model';
  /** f1: micro F1 over the cases' counts; mean: the mean score. */
  aggregate: Aggregate;
  /** The suite fails when the aggregate is below this. */
  threshold: number;
  score(input: { case: C; output: O }): ScoreOutcome | Promise<ScoreOutcome>;
}

export { EVAL_DRIVERS, type EvalDriverName } from './driver-name.js';

/** What a task gets besides its case: the driver to run the workflow with, and the evals folder. */
export interface TaskContext {
  driver: EvalDriverName;
  evalsDir: string;
  /** Product sessions (one per dataset), shared by the suites of one run. */
  product: ProductPool;
}

/** A batch of new cases scored once before the product was tuned for them (kept in the suite's data). */
export interface FirstShot {
  batch: string;
  date: string;
  cases: number;
  note: string;
  /** scorer → value on the first run */
  metrics: Record<string, number | null>;
}

export interface Suite<C extends EvalCase = EvalCase, O = unknown> {
  name: string;
  description: string;
  /** Reads the suite's committed data (evals/<suite>/); throws EvalDataError when it is malformed. */
  loadCases(evalsDir: string): C[];
  /** Runs the product on one case. */
  task(c: C, ctx: TaskContext): Promise<O>;
  scorers: ReadonlyArray<Scorer<C, O>>;
  /** First-shot scores of new case batches, shown beside the current run. */
  firstShots?(evalsDir: string): FirstShot[];
}

/** A suite whose case and output types are erased (the registry's element type). */
export type AnySuite = Suite<EvalCase, unknown>;

export function defineSuite<C extends EvalCase, O>(suite: Suite<C, O>): AnySuite {
  return suite as unknown as AnySuite;
}
