/**
 * How far apart two strings or names are. One edit distance (optimal string alignment: insertions, deletions,
 * substitutions and swaps of neighbours each cost 1, so "frieght" is one typo from "freight"), banded when a
 * maximum is given so 20k-record duplicate blocks stay cheap; the similarities built on it for whole names
 * (duplicates) and for the words an AE wrote against a CRM name (reconcile, ask).
 */

/** Edit distance (OSA) if it is at most `max`, else max + 1 (banded, exits early). */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const band = Math.min(max, Math.max(n, m));
  const big = band + 1;
  if (Math.abs(n - m) > band) return big;
  let prev2 = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur.fill(big);
    cur[0] = i;
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    let rowMin = i <= band ? i : big;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > band) return big;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, big);
}

/** Jaccard similarity of two normalised names' word sets. */
export function tokenJaccard(a: string, b: string): number {
  const x = new Set(a.split(' '));
  const y = new Set(b.split(' '));
  let inter = 0;
  for (const t of x) if (y.has(t)) inter++;
  const union = x.size + y.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Similarity of two normalised names in 0..1: the better of word Jaccard and 1 − edit distance / longer length. */
export function nameSimilarity(
  a: string,
  b: string,
  atLeast = 0,
): { similarity: number; jaccard: number; levenshtein: number } {
  const jaccard = tokenJaccard(a, b);
  const len = Math.max(a.length, b.length);
  const max = Math.max(0, Math.floor((1 - atLeast) * len + 1e-9));
  const dist = len === 0 ? 0 : editDistance(a, b, max);
  const lev = dist > max ? 0 : 1 - dist / len;
  return { similarity: Math.max(jaccard, lev), jaccard, levenshtein: lev };
}

/**
 * Whether two names differ only by typos: the same words up to spacing, or word for word equal or one typo apart.
 * "Vahan Frieght" ~ "Vahan Freight", "Forace Logistic" ~ "Forace Logistics"; "Southern Thar Roadlines" is not
 * "Northern Thar Roadlines".
 */
export function typoApart(a: string, b: string): boolean {
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return true;
  const x = a.split(' ');
  const y = b.split(' ');
  if (x.length !== y.length) return false;
  return x.every((t, i) => t === y[i] || editDistance(t, y[i]!, 1) <= 1);
}

/** 0..1 for two words: equal 1; a clear prefix ("krishna" of "krishnaveni") high; one typo in a long word ~0.85. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  if (short.length >= 3 && long.startsWith(short)) return 0.75 + 0.2 * (short.length / long.length);
  if (short.length < 4) return 0;
  const sim = 1 - editDistance(a, b) / long.length;
  return sim >= 0.75 ? sim : 0;
}

/**
 * How well the words someone wrote name a record: every written word must be found in the name (typos forgiven),
 * and naming more of it scores higher. 0..1.
 */
export function nameScore(written: readonly string[], name: readonly string[]): number {
  if (written.length === 0 || name.length === 0) return 0;
  const used = new Set<number>();
  let sum = 0;
  let firstAligned = false;
  written.forEach((w, wi) => {
    let best = 0;
    let at = -1;
    name.forEach((n, ni) => {
      if (used.has(ni)) return;
      const s = tokenSimilarity(w, n);
      if (s > best) {
        best = s;
        at = ni;
      }
    });
    if (at >= 0) {
      used.add(at);
      if (wi === 0 && at === 0) firstAligned = true;
    }
    sum += best;
  });
  const sim = sum / written.length;
  const coverage = used.size / name.length;
  // A name given by a later word only ("Express" for "Navkar Express") is weaker than by its first word.
  return sim * (0.7 + 0.3 * coverage) * (firstAligned ? 1 : 0.85);
}
