/**
 * Company names the way people shorten and misspell them: legal suffixes dropped ("Pvt Ltd", "LLP", "& Co"),
 * abbreviations expanded ("grp", "Logi", "Engg", "Inds"), accents and punctuation ignored, and a token
 * similarity that forgives one swapped or missing letter ("Ymauna" ~ "Yamuna").
 */

const LEGAL = new Set(['pvt', 'private', 'ltd', 'limited', 'llp', 'co', 'inc', 'plc', 'and', 'the', 'company', 'opc']);
const ABBREVIATIONS: Record<string, string> = {
  grp: 'group',
  gp: 'group',
  logi: 'logistics',
  logis: 'logistics',
  logs: 'logistics',
  logistic: 'logistics',
  inds: 'industries',
  ind: 'industries',
  industry: 'industries',
  engg: 'engineering',
  eng: 'engineering',
  engineers: 'engineering',
  intl: 'international',
  mfg: 'manufacturing',
  corp: 'corporation',
  svcs: 'services',
  svc: 'services',
  sol: 'solutions',
  soln: 'solutions',
  solns: 'solutions',
  ent: 'enterprises',
  enterprise: 'enterprises',
  bros: 'brothers',
  chem: 'chemicals',
  transp: 'transport',
  trpt: 'transport',
  tech: 'technologies',
  technology: 'technologies',
  pharma: 'pharmaceuticals',
  mktg: 'marketing',
  exp: 'express',
  xpress: 'express',
  frt: 'freight',
  carrier: 'carriers',
  roadline: 'roadlines',
  textile: 'textiles',
  tyre: 'tyres',
  tire: 'tyres',
};
/** Words in a mention's name that are not part of any company name. */
const FILLER = new Set([
  'deal',
  'opp',
  'oppty',
  'opportunity',
  'account',
  'acct',
  'team',
  'guys',
  'folks',
  'ji',
  'wale',
  'wala',
  'log',
  'client',
  'customer',
  'new',
  'one',
]);

export function nameTokens(name: string, extraFiller: ReadonlySet<string> = FILLER): string[] {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ');
  const out: string[] = [];
  for (const raw of plain.split(/\s+/)) {
    if (!raw) continue;
    const t = ABBREVIATIONS[raw] ?? raw;
    if (LEGAL.has(t) || extraFiller.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** The company part of a deal name: "Navkar Express LLP - TMS" → "Navkar Express LLP". */
export function dealCompanyPart(dealName: string): { company: string; product: string | null } {
  const m = /^(.*?)\s+[-–—|:]\s+(.+)$/.exec(dealName);
  return m ? { company: m[1]!, product: m[2]! } : { company: dealName, product: null };
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** 0..1: equal 1; a clear prefix ("krishna" of "krishnaveni") high; one typo in a long word ~0.85; else 0. */
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
 * How well the words an AE wrote name a company: every written word must be found in the name (typos
 * forgiven), and naming more of it scores higher. 0..1.
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
