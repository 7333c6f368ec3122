/**
 * Who or what an offline question is about: an AE named by first name, full name or email, and a company or deal
 * named the way people write it. Company names are matched with the reconcile name matching (normalised names,
 * abbreviations, typos forgiven), so "Tungabhadra Agro Foods" is not "Tungabhadra Spices". Pure functions over
 * the owners and deals the tools returned.
 */
import { dealCompanyPart, nameScore, nameTokens, tokenSimilarity } from '../../names/index.js';

export interface OwnerRef {
  id: string;
  name: string;
  email: string | null;
}

export type OwnerMention =
  | { kind: 'none' }
  | { kind: 'one'; owner: OwnerRef; written: string }
  /** The words name more than one AE (two AEs called Rohit, or two names): say so, list them. */
  | { kind: 'ambiguous'; written: string; candidates: OwnerRef[] };

export interface DealRef {
  id: string;
  name: string;
  open: boolean;
  stage: string;
  ownerId: string | null;
  ownerName: string;
}

export interface CompanyDeals {
  /** The company as the deal names write it ("Tungabhadra Agro Foods"). */
  company: string;
  deals: DealRef[];
}

export type DealMention =
  | { kind: 'none' }
  /** words: the question's words the name matched. */
  | { kind: 'one'; company: string; deals: DealRef[]; score: number; words: string[] }
  /** Two companies score about the same: say so rather than guess. */
  | { kind: 'ambiguous'; written: string; candidates: CompanyDeals[] };

/** A company must score at least this (reconcile's nameScore, 0..1) to be what the question is about. */
export const COMPANY_MATCH = 0.75;
/** A second company within this of the best makes the question ambiguous. */
export const COMPANY_MARGIN = 0.1;

/** Question words that never start a company name in a question, however a portal names its companies. */
const QUESTION_WORDS = new Set(
  'which what when where whose whom why how who is are was were does did have has had show list give tell any all our their this that these those there with from about for into over under than then most least more less many much number count deals deal risk risky stale cold going gone pipeline coverage quarter week month year today team activity activities lately calls call meetings meeting emails email notes funnel convert conversion rate lost lose losing won moved movement momentum hygiene findings fix wrong missing duplicates quota target behind scorecard open closed closing close stage stages amount amounts money revenue forecast owner owners rep reps person people mine my me'.split(
    ' ',
  ),
);

const plainWords = (q: string): string[] =>
  q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** First names that are also English words: a name only when capitalised mid-sentence ("deals Will has"). */
const WORDS_AND_NAMES = new Set(
  'will bill mark may june april august grace hope joy rose dawn sunny rich frank jack chance guy pat sue ray art drew max gene dean faith iris ivy amber summer autumn hunter victor cherry ruby jewel lucky'.split(
    ' ',
  ),
);

function nameParts(o: OwnerRef): { first: string; last: string } {
  const parts = o.name.trim().toLowerCase().split(/\s+/);
  return { first: parts[0] ?? '', last: parts.length > 1 ? parts[parts.length - 1]! : '' };
}

/** Every owner first and last name, lower-cased: words a company match must not be made of alone. */
export function ownerWords(owners: readonly OwnerRef[]): Set<string> {
  const out = new Set<string>();
  for (const o of owners) {
    const { first, last } = nameParts(o);
    if (first) out.add(first);
    if (last) out.add(last);
  }
  return out;
}

/**
 * The AE a question names: by email, by full name, else by a first or last name standing alone (capitalised when
 * the question uses capitals at all, so "will" in "which deals will slip" is not Will). `skip`: words already
 * taken by a company name.
 */
export function findOwner(
  question: string,
  owners: readonly OwnerRef[],
  skip: ReadonlySet<string> = new Set(),
): OwnerMention {
  const lower = question.toLowerCase();
  const byEmail = owners.filter(
    (o) => o.email && new RegExp(`(^|[^\\w.+-])${escape(o.email.toLowerCase())}($|[^\\w-])`).test(lower),
  );
  if (byEmail.length === 1) return { kind: 'one', owner: byEmail[0]!, written: byEmail[0]!.email! };
  const byFull = owners.filter(
    (o) =>
      o.name.trim().includes(' ') &&
      new RegExp(`\\b${escape(o.name.trim().toLowerCase()).replace(/\s+/g, '\\s+')}\\b`).test(lower),
  );
  if (byFull.length === 1) return { kind: 'one', owner: byFull[0]!, written: byFull[0]!.name };
  if (byFull.length > 1)
    return { kind: 'ambiguous', written: byFull.map((o) => o.name).join(' and '), candidates: byFull };
  const caps = /[A-Z]/.test(question.slice(1));
  const sentenceStart = plainWords(question)[0];
  const hits = new Map<string, OwnerRef[]>();
  for (const w of plainWords(question)) {
    const t = w.toLowerCase();
    // A capitalised word is a name, at the sentence start too unless it is also an English word ("Will").
    const asName = w[0] === w[0]!.toUpperCase() && (w !== sentenceStart || !WORDS_AND_NAMES.has(t));
    if (skip.has(t) || t.length < 2 || (caps && !asName) || (WORDS_AND_NAMES.has(t) && !asName)) continue;
    const found = owners.filter((o) => {
      const { first, last } = nameParts(o);
      return t === first || t === last;
    });
    if (found.length) hits.set(w, found);
  }
  const distinct = new Map<string, OwnerRef>();
  for (const list of hits.values()) for (const o of list) distinct.set(o.id, o);
  if (distinct.size === 0) return { kind: 'none' };
  if (distinct.size === 1) {
    const owner = [...distinct.values()][0]!;
    return { kind: 'one', owner, written: [...hits.keys()].join(' ') };
  }
  // "Rohit Malhotra" where the full name did not match exactly (extra spaces), or both first and last given:
  // an owner matched by every word written wins over owners matched by one.
  const full = [...distinct.values()].filter((o) => [...hits.values()].every((list) => list.includes(o)));
  if (full.length === 1) return { kind: 'one', owner: full[0]!, written: [...hits.keys()].join(' ') };
  return {
    kind: 'ambiguous',
    written: [...hits.keys()].join(' '),
    candidates: [...distinct.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether any word of the question could start a company name (else no deal list is fetched). */
export function mayNameCompany(question: string, owners: ReadonlySet<string> = new Set()): boolean {
  return nameTokens(question).some((t) => t.length >= 3 && !QUESTION_WORDS.has(t) && !owners.has(t));
}

/**
 * The company (and its deals) a question names, scored like reconcile scores a mention: a window of the
 * question's words starting at the company's first word, every written word found in the name. `owners`: AE
 * name words, which alone never make a company.
 */
export function findCompany(
  question: string,
  deals: readonly DealRef[],
  owners: ReadonlySet<string> = new Set(),
): DealMention {
  const words = nameTokens(question);
  const groups = new Map<string, { company: string; names: string[][]; deals: DealRef[] }>();
  for (const d of deals) {
    const company = dealCompanyPart(d.name).company;
    const key = nameTokens(company).join(' ') || d.name.toLowerCase();
    const g = groups.get(key) ?? { company, names: [nameTokens(company)], deals: [] };
    g.deals.push(d);
    g.names.push(nameTokens(d.name));
    groups.set(key, g);
  }
  const scored: Array<{ company: string; deals: DealRef[]; score: number; words: string[] }> = [];
  for (const g of groups.values()) {
    let best = 0;
    let used: string[] = [];
    for (const name of g.names) {
      if (!name.length) continue;
      for (let i = 0; i < words.length; i++) {
        const t = words[i]!;
        if (t.length < 3 || QUESTION_WORDS.has(t) || tokenSimilarity(t, name[0]!) < 0.85) continue;
        for (let len = 1; len <= Math.min(name.length, words.length - i); len++) {
          const window = words.slice(i, i + len);
          if (window.every((w) => owners.has(w))) continue;
          const s = nameScore(window, name);
          if (s > best) {
            best = s;
            used = window.filter((w) => name.some((n) => tokenSimilarity(w, n) > 0));
          }
        }
      }
    }
    if (best > 0) scored.push({ company: g.company, deals: g.deals, score: best, words: used });
  }
  scored.sort((a, b) => b.score - a.score || a.company.localeCompare(b.company));
  const top = scored[0];
  if (!top || top.score < COMPANY_MATCH) return { kind: 'none' };
  // Close only if it explains as many of the written words: "Tungabhadra Agro Foods" is not "Tungabhadra Spices".
  const close = scored.filter(
    (s) => s !== top && s.score >= top.score - COMPANY_MARGIN && s.words.length >= top.words.length,
  );
  if (close.length)
    return {
      kind: 'ambiguous',
      written: top.words.join(' '),
      candidates: [top, ...close].map((s) => ({ company: s.company, deals: s.deals })),
    };
  const open = top.deals.filter((d) => d.open);
  return {
    kind: 'one',
    company: top.company,
    deals: open.length ? open : top.deals,
    score: top.score,
    words: top.words,
  };
}
