/** Set overlap: precision, recall and F1 of what the product reported against the labelled set. */
import type { Counts, ScoreResult } from '../types.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** P/R/F1 of counts; with nothing labelled and nothing reported every figure is 1 (nothing to find, none invented). */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export interface Overlap {
  counts: Counts;
  /** Labelled, not reported (sorted). */
  missed: string[];
  /** Reported, not labelled (sorted). */
  extra: string[];
}

export function overlap(expected: Iterable<string>, actual: Iterable<string>): Overlap {
  const want = new Set(expected);
  const got = new Set(actual);
  const missed = [...want].filter((k) => !got.has(k)).sort();
  const extra = [...got].filter((k) => !want.has(k)).sort();
  return { counts: { tp: want.size - missed.length, fp: extra.length, fn: missed.length }, missed, extra };
}

/** At most `max` items, then "+N more": reasons stay one short line. */
export function listShort(items: readonly string[], max = 4): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${items.length - max} more)`;
}

export function fmt(x: number): string {
  return x.toFixed(2);
}

/** F1 of one set comparison as a ScoreResult: passes when F1 ≥ threshold; the reason names what was missed or extra. */
export function setScore(expected: Iterable<string>, actual: Iterable<string>, threshold: number): ScoreResult {
  const o = overlap(expected, actual);
  const { precision, recall, f1 } = prf(o.counts);
  const parts = [
    `P ${fmt(precision)} R ${fmt(recall)} F1 ${fmt(f1)} (${o.counts.tp} found of ${o.counts.tp + o.counts.fn} labelled)`,
  ];
  if (o.missed.length) parts.push(`missed ${listShort(o.missed)}`);
  if (o.extra.length) parts.push(`not labelled ${listShort(o.extra)}`);
  return { pass: f1 >= threshold, score: f1, reason: parts.join('; '), counts: o.counts };
}
