/**
 * Deterministic scorers: predicted discrepancies against the labels, by (type, deal id); a missing deal (no id)
 * matches when the names agree. Each returns { pass, score, reason } per snippet and the counts per type.
 */
import { nameTokens, type DiscrepancyType, type ReconcileResult } from '../../src/reconcile/index.js';
import type { Expected, Snippet } from './suite.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SnippetScore {
  id: string;
  pass: boolean;
  score: number;
  reason: string;
  byType: Partial<Record<DiscrepancyType, Counts>>;
  misses: string[];
}

function sameName(a: string, b: string): boolean {
  const x = nameTokens(a).join(' ');
  const y = nameTokens(b).join(' ');
  return x.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

export function scoreSnippet(snippet: Snippet, result: ReconcileResult | null, error: string | null): SnippetScore {
  const byType: Partial<Record<DiscrepancyType, Counts>> = {};
  const bump = (t: DiscrepancyType, k: keyof Counts) => {
    const c = (byType[t] ??= { tp: 0, fp: 0, fn: 0 });
    c[k]++;
  };
  const predicted = result?.discrepancies ?? [];
  const unmatched = [...snippet.expected];
  const misses: string[] = [];
  for (const p of predicted) {
    const i = unmatched.findIndex((e: Expected) => e.type === p.type && (e.dealId !== null ? e.dealId === p.dealId : p.dealId === null && sameName(e.name ?? '', p.mention)));
    if (i >= 0) {
      unmatched.splice(i, 1);
      bump(p.type, 'tp');
    } else {
      bump(p.type, 'fp');
      misses.push(`extra ${p.type} ${p.dealId ?? p.mention}`);
    }
  }
  for (const e of unmatched) {
    bump(e.type, 'fn');
    misses.push(`missed ${e.type} ${e.dealId ?? e.name ?? ''}`);
  }
  const tp = Object.values(byType).reduce((s, c) => s + c.tp, 0);
  const total = tp + misses.length;
  const pass = misses.length === 0 && error === null;
  return { id: snippet.id, pass, score: total === 0 ? (error ? 0 : 1) : tp / total, reason: error ?? (pass ? 'all expected discrepancies found, nothing extra' : misses.join('; ')), byType, misses };
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: c.tp + c.fn, ...c };
}

export function aggregate(scores: SnippetScore[]): { byType: Record<string, Prf>; overall: Prf } {
  const sum: Record<string, Counts> = {};
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const s of scores) {
    for (const [t, c] of Object.entries(s.byType)) {
      const x = (sum[t] ??= { tp: 0, fp: 0, fn: 0 });
      x.tp += c.tp;
      x.fp += c.fp;
      x.fn += c.fn;
      all.tp += c.tp;
      all.fp += c.fp;
      all.fn += c.fn;
    }
  }
  return { byType: Object.fromEntries(Object.entries(sum).sort().map(([t, c]) => [t, prf(c)])), overall: prf(all) };
}
