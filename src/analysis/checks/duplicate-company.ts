/**
 * HC-6 duplicate_company: companies entered twice. Same domain (lower-cased, without www.) → high confidence; same
 * normalised legal name ("Pvt Ltd" = "Private Limited", punctuation, case, "&" = "and") with different or missing
 * domains → medium; similar names where at least one of the two has no domain → low: the same words in another order
 * (token Jaccard ≥ duplicates.minNameSimilarity), or normalised Levenshtein ≥ minNameSimilarity with the words at most
 * a typo apart each ("Vahan Frieght", not "Southern" for "Northern").
 * The newer record merges into the older (objectId → evidence.duplicateOf); never merged automatically.
 *
 * Exact keys are grouped in maps; similar names are only compared within blocks (same first or last four letters, or
 * the same words), and only for records without a domain, so 20k companies never cost O(n²).
 */
import type { Company } from '../../crm/index.js';
import { derive } from '../derive.js';
import type { Finding } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { prop } from './common.js';
import { SEVERITY_BY_CONFIDENCE, olderFirst, type Confidence } from './duplicate-contact.js';
import {
  PUBLIC_EMAIL_DOMAINS,
  nameSimilarity,
  normalizeCompanyName,
  normalizeDomain,
  typoApart,
} from '../../names/index.js';

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

interface Entry {
  c: Company;
  domain: string | null;
  name: string | null;
}

interface Match {
  other: Entry;
  confidence: Confidence;
  keys: string[];
  similarity: number | null;
}

export function duplicateCompany(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const minSim = ctx.config.duplicates.minNameSimilarity;
  const entries: Entry[] = [...d.companies.values()].map((c) => {
    const domain = normalizeDomain(c.domain);
    return {
      c,
      domain: domain && !PUBLIC_EMAIL_DOMAINS.has(domain) ? domain : null,
      name: normalizeCompanyName(c.name),
    };
  });
  const best = new Map<string, Match>();
  /** Records a match of the newer entry to the older one, keeping each record's strongest. */
  const offer = (x: Entry, y: Entry, confidence: Confidence, keys: string[], similarity: number | null) => {
    const [older, newer] = olderFirst(x.c, y.c) <= 0 ? [x, y] : [y, x];
    if (older.c.id === newer.c.id) return;
    const cur = best.get(newer.c.id);
    if (
      cur &&
      (RANK[cur.confidence] < RANK[confidence] ||
        (cur.confidence === confidence && olderFirst(cur.other.c, older.c) <= 0))
    )
      return;
    best.set(newer.c.id, { other: older, confidence, keys, similarity });
  };

  const group = (key: (e: Entry) => string | null) => {
    const m = new Map<string, Entry[]>();
    for (const e of entries) {
      const k = key(e);
      if (k === null) continue;
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    }
    return [...m.values()].filter((l) => l.length > 1).map((l) => l.sort((a, b) => olderFirst(a.c, b.c)));
  };

  for (const list of group((e) => e.domain)) {
    for (const e of list.slice(1))
      offer(e, list[0]!, 'high', e.name !== null && e.name === list[0]!.name ? ['domain', 'name'] : ['domain'], null);
  }
  for (const list of group((e) => e.name)) {
    for (const e of list.slice(1)) {
      const o = list[0]!;
      if (e.domain !== null && e.domain === o.domain) continue; // already high
      offer(e, o, 'medium', ['name'], 1);
    }
  }

  // Similar names, only when at least one of the two has no domain: two similar names on two different domains are
  // most likely two companies ("Param Freight" and "Parag Freight"). Compared within blocks (same first four letters,
  // same last four letters, or the same words in another order), never all pairs.
  interface Named {
    e: Entry;
    i: number;
    name: string;
    words: string;
  }
  const named: Named[] = [];
  entries.forEach((e, i) => {
    if (e.name !== null) named.push({ e, i, name: e.name, words: [...new Set(e.name.split(' '))].sort().join(' ') });
  });
  const blockKeys = (x: Named) => {
    const c = x.name.replace(/ /g, '');
    return [`p\u0000${c.slice(0, 4)}`, `s\u0000${c.slice(-4)}`, `w\u0000${x.words}`];
  };
  const blocks = new Map<string, Named[]>();
  for (const x of named) {
    for (const k of blockKeys(x)) {
      const list = blocks.get(k);
      if (list) list.push(x);
      else blocks.set(k, [x]);
    }
  }
  const n = entries.length;
  const tried = new Set<number>();
  const consider = (a: Named, b: Named) => {
    if (a === b || a.name === b.name || (a.e.domain !== null && b.e.domain !== null)) return;
    const longer = Math.max(a.name.length, b.name.length);
    if (a.words !== b.words && Math.abs(a.name.length - b.name.length) > Math.floor((1 - minSim) * longer + 1e-9))
      return; // too far apart to be similar
    const key = a.i < b.i ? a.i * n + b.i : b.i * n + a.i;
    if (tried.has(key)) return;
    tried.add(key);
    if (digits(a.name) !== digits(b.name)) return; // "Warehouse 1" and "Warehouse 2" are different places
    const s = nameSimilarity(a.name, b.name, minSim);
    // Same words in another order, or close enough overall and only typos apart word for word.
    if (s.jaccard >= minSim || (s.levenshtein >= minSim && typoApart(a.name, b.name)))
      offer(a.e, b.e, 'low', ['similar_name'], round(s.similarity));
  };
  for (const a of named) {
    if (a.e.domain !== null) continue;
    for (const k of blockKeys(a)) for (const b of blocks.get(k)!) consider(a, b);
  }

  const ownerOf = (c: Company) => prop(c.properties, 'hubspot_owner_id');
  const dealsOf = new Map<string, string[]>();
  for (const deal of d.deals.values()) {
    for (const co of deal.companyIds) {
      const list = dealsOf.get(co);
      if (list) list.push(deal.id);
      else dealsOf.set(co, [deal.id]);
    }
  }
  const byId = new Map(entries.map((x) => [x.c.id, x]));
  const out: Finding[] = [];
  for (const [id, m] of best) {
    const e = byId.get(id)!;
    const o = m.other;
    const why =
      m.confidence === 'high'
        ? `same domain ${e.domain}`
        : m.confidence === 'medium'
          ? `same name "${e.name}" once legal form and punctuation are ignored`
          : `similar name (${m.similarity})`;
    out.push({
      check: 'duplicate_company',
      objectType: 'company',
      objectId: id,
      ownerId: ownerOf(e.c) ?? ownerOf(o.c),
      severity: SEVERITY_BY_CONFIDENCE[m.confidence],
      summary: `"${e.c.name ?? id}" may duplicate "${o.c.name ?? o.c.id}" (${why}; ${m.confidence} confidence): review, then merge the newer record into the older in HubSpot`,
      evidence: {
        rule: 'same domain → high; same normalised name with different or missing domains → medium; name similarity ≥ minNameSimilarity → low; the newer record merges into the older',
        duplicateOf: o.c.id,
        confidence: m.confidence,
        matchedKeys: m.keys,
        similarity: m.similarity,
        minNameSimilarity: minSim,
        record: {
          id,
          name: e.c.name,
          domain: e.c.domain,
          normalizedName: e.name,
          normalizedDomain: e.domain,
          createdAt: e.c.createdAt,
          dealIds: dealsOf.get(id) ?? [],
        },
        duplicateOfRecord: {
          id: o.c.id,
          name: o.c.name,
          domain: o.c.domain,
          normalizedName: o.name,
          normalizedDomain: o.domain,
          createdAt: o.c.createdAt,
          dealIds: dealsOf.get(o.c.id) ?? [],
        },
        automaticMerge: false,
      },
    });
  }
  return out;
}

function digits(s: string): string {
  return (s.match(/\d+/g) ?? []).join(' ');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
