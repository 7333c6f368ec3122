/** Reporting: the table on stdout and the JSON report under evals/reports/ (git-ignored). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTable } from '../../src/format/index.js';
import type { Prf, SnippetScore } from './scorers.js';

const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url));

export interface EvalReport {
  suite: 'reconcile';
  extractor: string;
  ranAt: string;
  snippets: number;
  datasets: Record<string, number>;
  threshold: number;
  overall: Prf;
  byType: Record<string, Prf>;
  failures: Array<Pick<SnippetScore, 'id' | 'reason'>>;
}

const f = (x: number) => x.toFixed(2);

export function renderReport(r: EvalReport): string {
  const rows = Object.entries(r.byType).map(([t, p]) => [t, p.support, p.tp, p.fp, p.fn, f(p.precision), f(p.recall), f(p.f1)]);
  rows.push(['overall', r.overall.support, r.overall.tp, r.overall.fp, r.overall.fn, f(r.overall.precision), f(r.overall.recall), f(r.overall.f1)]);
  const lines = [
    `reconcile eval · ${r.extractor} extractor · ${r.snippets} snippets (${Object.entries(r.datasets).map(([d, n]) => `${d} ${n}`).join(', ')})`,
    renderTable(['type', 'support', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1'], rows),
    `overall F1 ${f(r.overall.f1)} (threshold ${f(r.threshold)}): ${r.overall.f1 >= r.threshold ? 'PASS' : 'FAIL'}`,
  ];
  if (r.failures.length) lines.push('misses:', ...r.failures.map((x) => `  ${x.id}: ${x.reason}`));
  return lines.join('\n');
}

export function writeReport(r: EvalReport): string {
  mkdirSync(REPORTS, { recursive: true });
  const file = `${REPORTS}reconcile-${r.extractor}.json`;
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
