/**
 * Evals: suites that measure whether what sales-mis tells people is right, on committed portals with reviewed
 * labels, for the offline and the claude driver; a baseline that stops a change making it worse (`mis eval`).
 */
export {
  runEval,
  selectSuites,
  worstCases,
  NO_DRIVER_KEY,
  evalRunSchema,
  type EvalRun,
  type RunEvalOptions,
} from './run.js';
export { SUITES, suiteNames } from './suites/index.js';
export {
  BASELINE_FORMAT,
  DEFAULT_TOLERANCE,
  baselineSchema,
  readBaseline,
  compareWithBaseline,
  updatedBaseline,
  writeBaseline,
  type Baseline,
  type Comparison,
} from './baseline.js';
export { aggregate, type CaseResult, type DriverRun, type Metric, type SuiteResult } from './results.js';
export { renderScorecard } from './report/text.js';
export { renderMarkdown } from './report/markdown.js';
export { writeReports } from './report/files.js';
export { EVALS_DIR, baselineFile, reportsDir, readEvalJson } from './paths.js';
export { EvalDataError } from './errors.js';
export {
  ProductPool,
  runWorkflowOn,
  knownIds,
  type ProductSession,
  type WorkflowRun,
  type ToolResult,
} from './product.js';
export { prf, overlap, setScore, addCounts, type Prf, type Overlap } from './scorers/set-overlap.js';
export { idsIn, onlyKnownIds, noForbiddenPhrases } from './scorers/text.js';
export { rubricScorer, NO_KEY, type RubricOptions } from './scorers/model-graded.js';
export { findingKey } from './suites/daily-compliance.js';
export { compareMomentum } from './suites/weekly-momentum.js';
export {
  defineSuite,
  isSkipped,
  EVAL_DRIVERS,
  type Suite,
  type AnySuite,
  type Scorer,
  type ScoreResult,
  type ScoreOutcome,
  type Skipped,
  type EvalCase,
  type Counts,
  type TaskContext,
  type EvalDriverName,
} from './types.js';
export { digestSuite, digitGroups, SURVEILLANCE_PHRASES } from './suites/digest.js';
export {
  reconcileSuite,
  loadReconcileCases,
  RECONCILE_THRESHOLD,
  RECONCILE_TYPE_THRESHOLD,
  type ReconcileCase,
  type ReconcileOutput,
} from './suites/reconcile.js';
export {
  reconcileSummary,
  renderReconcileSummary,
  matchSnippet,
  type ReconcileSummary,
} from './suites/reconcile-score.js';
export {
  loadReconcileData,
  generatedSnippets,
  reconcileSuiteSchema,
  type Snippet,
  type Expected,
} from './suites/reconcile-data.js';
export { askSuite, citedRecords, type AskCase, type AskOutput } from './suites/ask.js';
