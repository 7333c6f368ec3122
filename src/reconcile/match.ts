/**
 * Which deal each mention is about: the owner's deals first, then the team's, then companies with no open deal.
 * A mention scores against every company and deal name (normalised, abbreviations expanded, typos forgiven);
 * its confidence falls when a second company scores close to the first. Below the threshold it is not matched
 * (the comparison reports it as a deal the CRM lacks) rather than guessed, and no two mentions are matched to
 * one deal silently: the weaker one gets another candidate or none, with a note saying why.
 */
import type { AnalysisContext } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import { dealCompanyPart, nameScore, nameTokens, tokenSimilarity } from '../names/index.js';
import type { MentionClaims } from './schema.js';

export const MATCH_THRESHOLD = 0.6;

interface Candidate {
  dealId: string | null;
  companyId: string | null;
  /** Groups candidates that are the same business (a company and its deals). */
  entity: string;
  ownerId: string | null;
  names: string[][];
  display: string;
  open: boolean;
  product: string | null;
  updatedAt: string;
}

export interface MatchResult {
  dealId: string | null;
  companyId: string | null;
  confidence: number;
  matchedName: string | null;
  /** Which pool matched: the owner's deals, another AE's, or a company without an open deal. */
  scope: 'owner' | 'team' | 'company' | 'none';
  note?: string;
  /** Other entities that scored close (ambiguity), best first. */
  alternatives: Array<{ dealId: string | null; companyId: string | null; name: string; score: number }>;
}

function candidates(ctx: AnalysisContext): Candidate[] {
  const d = derive(ctx);
  const out: Candidate[] = [];
  const companiesWithDeals = new Set<string>();
  for (const deal of ctx.data.crm.deals) {
    if (deal.archived) continue;
    const { company, product } = dealCompanyPart(deal.name);
    const names = [nameTokens(company)];
    for (const cid of deal.companyIds) {
      companiesWithDeals.add(cid);
      const c = d.companies.get(cid);
      if (c?.name) names.push(nameTokens(c.name));
    }
    out.push({
      dealId: deal.id,
      companyId: deal.companyIds[0] ?? null,
      entity: deal.companyIds[0] ? `company:${deal.companyIds[0]}` : `deal:${deal.id}`,
      ownerId: deal.ownerId,
      names: names.filter((n) => n.length > 0),
      display: deal.name,
      open: d.isOpen(deal),
      product,
      updatedAt: deal.updatedAt,
    });
  }
  for (const c of ctx.data.crm.companies) {
    if (c.archived || !c.name) continue;
    out.push({
      dealId: null,
      companyId: c.id,
      entity: `company:${c.id}`,
      ownerId: c.properties['hubspot_owner_id'] ?? null,
      names: [nameTokens(c.name)],
      display: c.name,
      open: false,
      product: null,
      updatedAt: c.updatedAt,
    });
  }
  return out;
}

/** Words that also start company names ("Forace", "Metro") but in an update are just words. */
const COMMON_WORDS = new Set([
  'with',
  'from',
  'this',
  'that',
  'they',
  'them',
  'their',
  'have',
  'will',
  'call',
  'demo',
  'done',
  'sent',
  'next',
  'week',
  'update',
  'quick',
  'team',
  'deal',
  'follow',
  'following',
  'still',
  'active',
  'final',
  'proposal',
  'quote',
  'meeting',
  'spoke',
  'good',
  'great',
  'best',
  'more',
  'just',
  'also',
  'need',
  'some',
  'over',
  'back',
  'soon',
  'here',
  'there',
  'today',
  'closing',
  'close',
  'budget',
  'price',
  'pricing',
  'shared',
  'went',
  'well',
  'sync',
  'pipe',
  'pipeline',
  'rest',
  'track',
  'hubspot',
  'smartlead',
  'legal',
  'contract',
  'stage',
  'early',
  'intro',
  'pilot',
  'live',
  'running',
  'feedback',
  'finance',
  'procurement',
  'visit',
  'site',
  'plant',
  'group',
  'logistics',
  'express',
  'freight',
  'india',
  'global',
  'national',
]);

/** The best score of any window of the mention's words against a name (for names not at the start). */
function scanScore(text: string[], name: string[]): number {
  let best = 0;
  for (let i = 0; i < text.length; i++) {
    const t = text[i]!;
    if (t.length < 4 || COMMON_WORDS.has(t) || tokenSimilarity(t, name[0]!) < 0.85) continue;
    for (let len = 1; len <= Math.min(name.length, text.length - i); len++)
      best = Math.max(best, nameScore(text.slice(i, i + len), name) * 0.95);
  }
  return best;
}

function score(m: MentionClaims, c: Candidate, products: ReadonlySet<string>): number {
  const written = m.name ? nameTokens(m.name).filter((t) => !products.has(t)) : [];
  let best = 0;
  for (const n of c.names) {
    if (written.length > 0) best = Math.max(best, nameScore(written, n));
    // No name up front ("had a call with Forace grp yday"): look for one anywhere in the mention.
    else best = Math.max(best, scanScore(nameTokens(m.text), n));
  }
  return best;
}

/** The deal of a matched company a mention is about: open before closed, the product named, the latest. */
function pickDeal(m: MentionClaims, deals: Candidate[]): Candidate | undefined {
  const wantsClosed = m.stage?.key === 'won' || m.stage?.key === 'lost';
  const product = m.product?.toLowerCase();
  return [...deals]
    .sort(
      (a, b) =>
        Number(b.open) - Number(a.open) ||
        Number(Boolean(product && b.product?.toLowerCase() === product)) -
          Number(Boolean(product && a.product?.toLowerCase() === product)) ||
        (b.updatedAt < a.updatedAt ? -1 : b.updatedAt > a.updatedAt ? 1 : 0),
    )
    .find((c) => c.open || wantsClosed || !m.stage);
}

function rank(
  m: MentionClaims,
  pool: Candidate[],
  products: ReadonlySet<string>,
): Array<{ entity: string; score: number; members: Candidate[] }> {
  const byEntity = new Map<string, { entity: string; score: number; members: Candidate[] }>();
  for (const c of pool) {
    const s = score(m, c, products);
    if (s <= 0) continue;
    const e = byEntity.get(c.entity) ?? { entity: c.entity, score: 0, members: [] };
    e.score = Math.max(e.score, s);
    e.members.push(c);
    byEntity.set(c.entity, e);
  }
  return [...byEntity.values()].sort((a, b) => b.score - a.score);
}

function confidenceOf(best: number, second: number | undefined): number {
  if (second === undefined) return best;
  return best * Math.min(1, 0.6 + 2 * (best - second));
}

function matchOne(
  m: MentionClaims,
  pools: Array<{ scope: MatchResult['scope']; pool: Candidate[] }>,
  products: ReadonlySet<string>,
  exclude: ReadonlySet<string>,
): MatchResult {
  let fallback: MatchResult | null = null;
  for (const { scope, pool } of pools) {
    const ranked = rank(m, pool, products).filter((e) => e.members.some((c) => !c.dealId || !exclude.has(c.dealId)));
    const top = ranked[0];
    if (!top) continue;
    const confidence = confidenceOf(top.score, ranked[1]?.score);
    const alternatives = ranked.slice(0, 3).map((e) => ({
      dealId: e.members.find((c) => c.dealId)?.dealId ?? null,
      companyId: e.members[0]!.companyId,
      name: e.members[0]!.display,
      score: round(e.score),
    }));
    if (confidence < MATCH_THRESHOLD) {
      if (!fallback || top.score > (fallback.alternatives[0]?.score ?? 0)) {
        const close = ranked[1] && ranked[1].score >= MATCH_THRESHOLD;
        fallback = {
          dealId: null,
          companyId: null,
          confidence: round(confidence),
          matchedName: null,
          scope: 'none',
          ...(close
            ? {
                note: `ambiguous: could be ${alternatives
                  .map((a) => a.name)
                  .slice(0, 2)
                  .join(' or ')}`,
              }
            : {}),
          alternatives,
        };
      }
      continue;
    }
    const deals = top.members.filter((c) => c.dealId && !exclude.has(c.dealId));
    const deal = pickDeal(m, deals);
    if (deal)
      return {
        dealId: deal.dealId,
        companyId: deal.companyId,
        confidence: round(confidence),
        matchedName: deal.display,
        scope,
        alternatives: alternatives.slice(1),
      };
    const company = top.members.find((c) => c.companyId);
    if (scope === 'company' || pools[pools.length - 1]!.scope === scope) {
      return {
        dealId: null,
        companyId: company?.companyId ?? null,
        confidence: round(confidence),
        matchedName: company?.display ?? null,
        scope: 'company',
        note: 'company found in the CRM, but no open deal for it',
        alternatives: alternatives.slice(1),
      };
    }
  }
  return (
    fallback ?? { dealId: null, companyId: null, confidence: 0, matchedName: null, scope: 'none', alternatives: [] }
  );
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A mention anchored on the CRM's vocabulary: its deal is one of the anchor's. The AE's own deal first, then the one
 * whose product words the mention uses, open before closed (unless the mention says won/lost), the latest.
 */
function matchAnchored(
  m: MentionClaims,
  anchor: NonNullable<MentionClaims['anchor']>,
  all: Candidate[],
  ownerId: string,
): MatchResult {
  if (!anchor.entity)
    return {
      dealId: null,
      companyId: null,
      confidence: anchor.confidence,
      matchedName: null,
      scope: 'none',
      alternatives: [],
    };
  const deals = all.filter((c) => c.dealId && anchor.dealIds.includes(c.dealId));
  const company = all.find((c) => c.entity === anchor.entity && c.companyId);
  if (deals.length === 0) {
    return {
      dealId: null,
      companyId: company?.companyId ?? null,
      confidence: anchor.confidence,
      matchedName: company?.display ?? null,
      scope: 'company',
      note: 'company found in the CRM, but no open deal for it',
      alternatives: [],
    };
  }
  const wantsClosed0 = m.stage?.key === 'won' || m.stage?.key === 'lost';
  // Only closed deals at this company and the update talks of a live deal (or calls it new): the CRM lacks it.
  if ((m.newDeal || (m.stage && !wantsClosed0)) && !deals.some((c) => c.open)) {
    return {
      dealId: null,
      companyId: company?.companyId ?? null,
      confidence: round(anchor.confidence * 0.9),
      matchedName: company?.display ?? null,
      scope: 'company',
      note: 'company found in the CRM, but no open deal for it',
      alternatives: [],
    };
  }
  const words = new Set(nameTokens(`${m.product ?? ''} ${m.text}`));
  const overlap = (c: Candidate) =>
    c.product ? nameTokens(c.product).filter((t) => t.length >= 3 && words.has(t)).length : 0;
  const wantsClosed = m.stage?.key === 'won' || m.stage?.key === 'lost';
  const ranked = [...deals].sort(
    (a, b) =>
      Number(b.ownerId === ownerId) - Number(a.ownerId === ownerId) ||
      overlap(b) - overlap(a) ||
      (wantsClosed ? 0 : Number(b.open) - Number(a.open)) ||
      (b.updatedAt < a.updatedAt ? -1 : b.updatedAt > a.updatedAt ? 1 : 0),
  );
  const best = ranked[0]!;
  const second = ranked[1];
  // Two deals left that nothing tells apart: less sure.
  const tied =
    second && second.ownerId === best.ownerId && overlap(second) === overlap(best) && second.open === best.open;
  const confidence = round(anchor.confidence * (tied ? 0.75 : 1));
  return {
    dealId: best.dealId,
    companyId: best.companyId,
    confidence,
    matchedName: best.display,
    scope: best.ownerId === ownerId ? 'owner' : 'team',
    ...(tied ? { note: `could also be ${second.display}` } : {}),
    alternatives: ranked
      .slice(1, 3)
      .map((c) => ({ dealId: c.dealId, companyId: c.companyId, name: c.display, score: confidence })),
  };
}

/** Matches every mention; one deal per mention, and one mention per deal unless the AE named it the same way twice. */
export function matchMentions(
  ctx: AnalysisContext,
  ownerId: string,
  mentions: MentionClaims[],
  products: readonly string[] = [],
): { matches: MatchResult[]; warnings: string[] } {
  const all = candidates(ctx);
  const productTokens = new Set(products.flatMap((p) => nameTokens(p)));
  const own = all.filter((c) => c.dealId && c.ownerId === ownerId);
  const team = all.filter((c) => c.dealId && c.ownerId !== ownerId);
  const companies = all.filter((c) => !c.dealId);
  const pools = [
    { scope: 'owner' as const, pool: own },
    { scope: 'team' as const, pool: team },
    { scope: 'company' as const, pool: [...own, ...team, ...companies] },
  ];
  const matches: MatchResult[] = mentions.map((m) =>
    m.anchor ? matchAnchored(m, m.anchor, all, ownerId) : matchOne(m, pools, productTokens, new Set()),
  );
  const warnings: string[] = [];
  // One mention per deal: the most confident keeps it; a later one re-matches without it.
  const order = matches.map((_r, i) => i).sort((a, b) => matches[b]!.confidence - matches[a]!.confidence || a - b);
  const taken = new Map<string, number>();
  for (const i of order) {
    let r = matches[i]!;
    const id = r.dealId;
    if (!id) continue;
    const holder = taken.get(id);
    // Anchored on the CRM's names: the AE came back to the same deal; both mentions are compared with it.
    if (holder === undefined || (mentions[i]!.anchor && mentions[holder]!.anchor)) {
      taken.set(id, i);
      continue;
    }
    const same = nameTokens(mentions[holder]!.name ?? '').join(' ') === nameTokens(mentions[i]!.name ?? '').join(' ');
    if (same) {
      r = { ...r, note: `the update names this deal twice (also: "${mentions[holder]!.text}")` };
      warnings.push(`"${mentions[i]!.name}" is mentioned twice; both mentions were compared with deal ${id}`);
      matches[i] = r;
      continue;
    }
    const again = matchOne(mentions[i]!, pools, productTokens, new Set(taken.keys()));
    const note = `also looks like deal ${id}, which "${mentions[holder]!.name ?? mentions[holder]!.text}" matches better`;
    matches[i] = { ...again, note: again.note ? `${note}; ${again.note}` : note };
    if (again.dealId) taken.set(again.dealId, i);
    warnings.push(
      `"${mentions[i]!.name ?? mentions[i]!.text}" ${again.dealId ? `was matched to deal ${again.dealId} instead` : 'was left unmatched'}: ${note}`,
    );
  }
  return { matches, warnings };
}
