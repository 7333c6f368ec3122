/** "did you mean …": the nearest candidate to a mistyped word (commands, flags, config keys, metric names, owners). */
import { editDistance } from '../names/index.js';

/** The closest candidate within a third of the word's length (at least 2 edits), or a candidate the word starts or ends. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    let score = editDistance(w, lc);
    const limit = Math.max(2, Math.floor(Math.max(w.length, lc.length) / 3));
    if (score > limit) {
      if (w.length >= 3 && (lc.startsWith(w) || w.startsWith(lc))) score = limit;
      else continue;
    }
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  render: (c: string) => string = (c) => `"${c}"`,
): string {
  const hit = nearest(word, candidates);
  return hit === undefined ? '' : ` Did you mean ${render(hit)}?`;
}
