/** Normalisation and similarity for duplicate detection: emails, person names, company names and domains. */

/** Legal forms and generic suffixes people add or drop from a company name. Stripped from the end of a name. */
export const COMPANY_SUFFIX_TOKENS = new Set([
  'pvt',
  'private',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'llp',
  'llc',
  'co',
  'corp',
  'corporation',
  'company',
  'plc',
  'group',
  'grp',
  'industries',
  'and',
]);

/** Mailbox providers: a shared one says nothing about two companies being the same. */
export const PUBLIC_EMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.in',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'rediffmail.com',
  'protonmail.com',
  'aol.com',
  'zoho.com',
]);

function fold(s: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(s);
  return (ascii ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
}

/**
 * Email for matching: trimmed and lower-cased; for Gmail also without dots and "+tag" in the local part (the same
 * mailbox). Returns null for a value that is not an email.
 */
export function normalizeEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1) return null;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.split('+')[0]!.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** "  Ravi   Kumár " → "ravi kumar"; null when there is no name. */
export function normalizePersonName(first: string | null, last: string | null): string | null {
  const s = fold(`${first ?? ''} ${last ?? ''}`)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/**
 * Company name for matching: case, accents and punctuation folded, "&" read as "and", a leading "the" and the trailing
 * legal form dropped ("Pvt. Ltd.", "Private Limited", "(P) Ltd", "LLP", "Inc", "& Co", "Group"...).
 * "Shreeji Logistics Pvt Ltd" and "Shreeji Logistics Private Limited" both give "shreeji logistics".
 */
export function normalizeCompanyName(name: string | null | undefined): string | null {
  if (!name) return null;
  const tokens = fold(name)
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
  // Trailing legal form; a lone "p" is what is left of "(P) Ltd".
  while (
    tokens.length > 1 &&
    (COMPANY_SUFFIX_TOKENS.has(tokens[tokens.length - 1]!) || tokens[tokens.length - 1] === 'p')
  )
    tokens.pop();
  const s = tokens.join(' ');
  return s === '' ? null : s;
}

/** "https://www.Forace.example/about" → "forace.example". */
export function normalizeDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  let d = domain.trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '');
  d = d.split(/[/?#]/)[0]!;
  d = d.replace(/:\d+$/, '').replace(/\.$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  return d === '' || !d.includes('.') ? null : d;
}

/** Jaccard similarity of the two names' token sets. */
export function tokenJaccard(a: string, b: string): number {
  const x = new Set(a.split(' '));
  const y = new Set(b.split(' '));
  let inter = 0;
  for (const t of x) if (y.has(t)) inter++;
  const union = x.size + y.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Levenshtein distance if it is at most `max`, else max + 1 (banded, exits early). */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const big = max + 1;
  if (Math.abs(n - m) > max) return big;
  let prev = new Int32Array(m + 2);
  let cur = new Int32Array(m + 2);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[0] = i;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = lo === 1 ? i : big;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, big);
}

/** Name similarity in 0..1: the better of token Jaccard and 1 − Levenshtein / longer length. */
export function nameSimilarity(
  a: string,
  b: string,
  atLeast = 0,
): { similarity: number; jaccard: number; levenshtein: number } {
  const jaccard = tokenJaccard(a, b);
  const len = Math.max(a.length, b.length);
  const max = Math.max(0, Math.floor((1 - atLeast) * len + 1e-9));
  const dist = len === 0 ? 0 : boundedLevenshtein(a, b, max);
  const lev = dist > max ? 0 : 1 - dist / len;
  return { similarity: Math.max(jaccard, lev), jaccard, levenshtein: lev };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), for short tokens. */
export function osaDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[n]![m]!;
}

/**
 * Whether two names differ only by typos: the same words up to spacing, or word for word equal or one typo apart
 * (one insertion, deletion, substitution or swap of neighbours). "Vahan Frieght" ~ "Vahan Freight", "Forace
 * Logistic" ~ "Forace Logistics"; "Southern Thar Roadlines" is not "Northern Thar Roadlines".
 */
export function typoApart(a: string, b: string): boolean {
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return true;
  const x = a.split(' ');
  const y = b.split(' ');
  if (x.length !== y.length) return false;
  return x.every((t, i) => t === y[i] || osaDistance(t, y[i]!) <= 1);
}
