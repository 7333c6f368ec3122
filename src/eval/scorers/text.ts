/** Deterministic text scorers: record ids a text cites must exist; phrases a text must not use. */
import type { ScoreResult } from '../types.js';
import { listShort } from './set-overlap.js';

/** Record ids written in text: "deal 4000123", "(4000123)", any 7-digit HubSpot-style id. */
export function idsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(\d{7,})\b/g)].map((m) => m[1]!))];
}

/** Every id the text (and the citations) name is a real record of the dataset. */
export function onlyKnownIds(
  texts: readonly string[],
  cited: readonly string[],
  known: ReadonlySet<string>,
): ScoreResult {
  const named = [...new Set([...texts.flatMap(idsIn), ...cited])];
  const unknown = named.filter((id) => !known.has(id)).sort();
  if (unknown.length)
    return {
      pass: false,
      score: 1 - unknown.length / named.length,
      reason: `names records that do not exist: ${listShort(unknown)}`,
    };
  return {
    pass: true,
    score: 1,
    reason: named.length ? `all ${named.length} record ids named are real` : 'names no record ids',
  };
}

/** None of the phrases (case-insensitive regular expressions) occurs in the text. */
export function noForbiddenPhrases(texts: readonly string[], phrases: readonly RegExp[]): ScoreResult {
  const hits: string[] = [];
  for (const t of texts)
    for (const p of phrases)
      for (const m of t.matchAll(new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`)))
        hits.push(`"${m[0].slice(0, 40)}"`);
  if (hits.length) return { pass: false, score: 0, reason: `uses forbidden wording: ${listShort([...new Set(hits)])}` };
  return { pass: true, score: 1, reason: 'no forbidden wording' };
}
