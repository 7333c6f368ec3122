/**
 * `npm run eval:reconcile`: reconciles every snippet with the offline extractor (and, with ANTHROPIC_API_KEY,
 * the claude extractor), scores precision/recall/F1 per discrepancy type, prints the table, writes
 * evals/reports/reconcile-<extractor>.json, and fails below the threshold.
 */
import { describe, expect, it } from 'vitest';
import { claudeExtractor, reconcileUpdate, type Extractor } from '../../src/reconcile/index.js';
import { loadDataset, type LoadedDataset } from './datasets.js';
import { renderReport, writeReport, type EvalReport } from './report.js';
import { aggregate, scoreSnippet, type SnippetScore } from './scorers.js';
import { generatedSnippets, loadSuite, type Snippet } from './suite.js';

const THRESHOLD = 0.85;

async function runSuite(extractor: Extractor | undefined, name: string): Promise<EvalReport> {
  const suite = loadSuite();
  const datasets = new Map<string, LoadedDataset>();
  for (const [n, spec] of Object.entries(suite.datasets)) datasets.set(n, await loadDataset(n, spec));
  const snippets: Snippet[] = [...suite.snippets];
  for (const d of datasets.values()) snippets.push(...generatedSnippets(d.name, d.dataset));
  const scores: SnippetScore[] = [];
  for (const s of snippets) {
    const d = datasets.get(s.dataset);
    if (!d) throw new Error(`snippet ${s.id}: unknown dataset ${s.dataset}`);
    try {
      const { result } = await reconcileUpdate({ ctx: d.ctx, ownerId: s.owner, text: s.text, ...(extractor ? { extractor } : {}) });
      scores.push(scoreSnippet(s, result, null));
    } catch (e) {
      scores.push(scoreSnippet(s, null, (e as Error).message));
    }
  }
  const { byType, overall } = aggregate(scores);
  const count = (n: string) => snippets.filter((s) => s.dataset === n).length;
  return {
    suite: 'reconcile',
    extractor: name,
    ranAt: new Date().toISOString(),
    snippets: snippets.length,
    datasets: Object.fromEntries([...datasets.keys()].map((n) => [n, count(n)])),
    threshold: THRESHOLD,
    overall,
    byType,
    failures: scores.filter((s) => !s.pass).map((s) => ({ id: s.id, reason: s.reason })),
  };
}

describe('reconcile eval', () => {
  it('offline extractor: F1 ≥ 0.85 overall', { timeout: 300_000 }, async () => {
    const report = await runSuite(undefined, 'offline');
    console.log(renderReport(report));
    console.log(`report: ${writeReport(report)}`);
    expect(report.snippets).toBeGreaterThanOrEqual(40);
    expect(report.overall.f1).toBeGreaterThanOrEqual(THRESHOLD);
  });

  const key = process.env['ANTHROPIC_API_KEY']?.trim();
  it.skipIf(!key)('claude extractor: F1 ≥ 0.85 overall (needs ANTHROPIC_API_KEY)', { timeout: 900_000 }, async () => {
    const extractor = claudeExtractor({ apiKey: key!, baseURL: process.env['ANTHROPIC_BASE_URL'] ?? null, model: process.env['MIS_MODEL'] ?? 'claude-sonnet-4-5' });
    const report = await runSuite(extractor, 'claude');
    console.log(renderReport(report));
    console.log(`report: ${writeReport(report)}`);
    expect(report.overall.f1).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
