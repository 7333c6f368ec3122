/**
 * Scoring of one reconciled snippet: the discrepancies the product reported against the labelled ones, matched by
 * (type, deal id); a missing deal (no id) matches when the names agree. Counts per type feed micro P/R/F1; the
 * summary turns a driver run back into the per-type table `npm run eval:reconcile` prints.
 */
import { renderTable } from '../../format/index.js';
import { nameTokens } from '../../names/index.js';
import { DISCREPANCY_TYPES, type DiscrepancyType, type ReconcileResult } from '../../reconcile/index.js';
import type { DriverRun } from '../results.js';
import { prf } from '../scorers/set-overlap.js';
import { isSkipped, type Counts } from '../types.js';
import type { Expected } from './reconcile-data.js';

export interface SnippetMatch {
  byType: Record<DiscrepancyType, Counts>;
  /** "missed <type> <deal or name>" / "extra <type> <deal or mention>", in the order found. */
  misses: Array<{ type: DiscrepancyType; text: string }>;
}

function sameName(a: string, b: string): boolean {
  const x = nameTokens(a).join(' ');
  const y = nameTokens(b).join(' ');
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

export function emptyByType(): Record<DiscrepancyType, Counts> {
  return Object.fromEntries(DISCREPANCY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    DiscrepancyType,
    Counts
  >;
}

export function matchSnippet(expected: readonly Expected[], predicted: ReconcileResult['discrepancies']): SnippetMatch {
  const byType = emptyByType();
  const unmatched = [...expected];
  const misses: SnippetMatch['misses'] = [];
  for (const p of predicted) {
    const i = unmatched.findIndex(
      (e) =>
        e.type === p.type &&
        (e.dealId !== null ? e.dealId === p.dealId : p.dealId === null && sameName(e.name ?? '', p.mention)),
    );
    if (i >= 0) {
      unmatched.splice(i, 1);
      byType[p.type].tp++;
    } else {
      byType[p.type].fp++;
      misses.push({ type: p.type, text: `extra ${p.type} ${p.dealId ?? `"${p.mention.slice(0, 40)}"`}` });
    }
  }
  for (const e of unmatched) {
    byType[e.type].fn++;
    misses.push({ type: e.type, text: `missed ${e.type} ${e.dealId ?? `"${e.name ?? ''}"`}` });
  }
  return { byType, misses };
}

export interface TypeRow {
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ReconcileSummary {
  driver: string;
  snippets: number;
  datasets: Record<string, number>;
  byType: Record<string, TypeRow>;
  overall: TypeRow;
  /** Snippets not reconciled exactly as labelled (or refused), with why. */
  failures: Array<{ id: string; reason: string }>;
}

function row(c: Counts): TypeRow {
  const p = prf(c);
  return { support: c.tp + c.fn, ...c, precision: p.precision, recall: p.recall, f1: p.f1 };
}

/**
 * The per-type table of a reconcile driver run, from the counts its `f1:<type>` scorers recorded per case.
 * `datasetOf` maps a case id to its dataset (for the header's per-dataset snippet counts).
 */
export function reconcileSummary(run: DriverRun, datasetOf: ReadonlyMap<string, string>): ReconcileSummary {
  const sum = new Map<string, Counts>();
  const failures: ReconcileSummary['failures'] = [];
  for (const c of run.cases) {
    const why: string[] = c.error ? [c.error] : [];
    for (const s of c.scores) {
      if (isSkipped(s.outcome)) continue;
      if (s.scorer.startsWith('f1:') && s.scorer !== 'f1:overall' && s.outcome.counts) {
        const t = s.scorer.slice(3);
        const x = sum.get(t) ?? { tp: 0, fp: 0, fn: 0 };
        sum.set(t, { tp: x.tp + s.outcome.counts.tp, fp: x.fp + s.outcome.counts.fp, fn: x.fn + s.outcome.counts.fn });
      }
      if ((s.scorer === 'f1:overall' || s.scorer === 'reconciled') && !s.outcome.pass) why.push(s.outcome.reason);
    }
    if (why.length) failures.push({ id: c.caseId, reason: why.join('; ') });
  }
  const all = [...sum.values()].reduce<Counts>((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const datasets: Record<string, number> = {};
  for (const c of run.cases) {
    const d = datasetOf.get(c.caseId) ?? '?';
    datasets[d] = (datasets[d] ?? 0) + 1;
  }
  return {
    driver: run.driver,
    snippets: run.cases.length,
    datasets,
    byType: Object.fromEntries([...sum].sort(([a], [b]) => a.localeCompare(b)).map(([t, c]) => [t, row(c)])),
    overall: row(all),
    failures,
  };
}

const f = (x: number) => x.toFixed(2);

export function renderReconcileSummary(r: ReconcileSummary, threshold: number): string {
  const rows: Array<Array<string | number>> = Object.entries(r.byType).map(([t, p]) => [
    t,
    p.support,
    p.tp,
    p.fp,
    p.fn,
    f(p.precision),
    f(p.recall),
    f(p.f1),
  ]);
  rows.push([
    'overall',
    r.overall.support,
    r.overall.tp,
    r.overall.fp,
    r.overall.fn,
    f(r.overall.precision),
    f(r.overall.recall),
    f(r.overall.f1),
  ]);
  const lines = [
    `reconcile eval · ${r.driver} extractor · ${r.snippets} snippets (${Object.entries(r.datasets)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ')})`,
    renderTable(['type', 'support', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1'], rows),
    `overall F1 ${f(r.overall.f1)} (threshold ${f(threshold)}): ${r.overall.f1 >= threshold ? 'PASS' : 'FAIL'}`,
  ];
  if (r.failures.length) lines.push('misses:', ...r.failures.map((x) => `  ${x.id}: ${x.reason}`));
  return lines.join('\n');
}
