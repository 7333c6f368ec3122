/**
 * Which deals exist: outcomes (~55% open, ~20% won, ~25% lost), a small renewals pipeline, which company each
 * belongs to, who owns it, and when it was created and closed. A company's deals follow one another in time
 * (an earlier deal closes before the next is opened), so one deal's activity never blurs another's.
 */
import type { CompanyNamer } from './company-names.js';
import { ID_BASE, assignIds } from './ids.js';
import type { CompanyPlan, Config, DealPlan, Outcome, OwnerPlan } from './model.js';
import { SHOWCASE_COMPANIES, type Product } from './names.js';
import { aeIndices } from './owners.js';
import { plantCount } from './plants.js';
import type { Rng } from './random.js';
import { DAY, HOUR, workTime } from './time.js';

interface Slot {
  outcome: Outcome;
  renewal: boolean;
}

export interface DealPlanResult {
  companies: CompanyPlan[];
  deals: DealPlan[];
}

/** Deals per outcome; renewals are ~4% of all deals. */
function slots(n: number): Slot[] {
  const renewals = n >= 20 ? Math.max(1, Math.round(n * 0.04)) : 0;
  const rOpen = Math.round(renewals * 0.6);
  const rWon = Math.round(renewals * 0.25);
  const rLost = renewals - rOpen - rWon;
  const open = Math.max(0, Math.round(n * 0.55) - rOpen);
  const won = Math.max(0, Math.min(n - renewals - open, Math.round(n * 0.2) - rWon));
  const lost = n - renewals - open - won;
  const out: Slot[] = [];
  const push = (count: number, outcome: Outcome, renewal: boolean) => {
    for (let i = 0; i < count; i++) out.push({ outcome, renewal });
  };
  push(open, 'open', false);
  push(won, 'won', false);
  push(lost, 'lost', false);
  push(rOpen, 'open', true);
  push(rWon, 'won', true);
  push(rLost, 'lost', true);
  return out;
}

/** Groups slot indices into per-company chains: [closed earlier deal, later deal] or a single deal. */
function chains(all: Slot[], companies: number, rng: Rng): number[][] {
  let pairsNeeded = Math.max(0, all.length - companies);
  const used = new Set<number>();
  const byKind = (pred: (s: Slot) => boolean) => rng.shuffle(all.flatMap((s, i) => (pred(s) ? [i] : [])));
  const wonMain = byKind((s) => !s.renewal && s.outcome === 'won');
  const out: number[][] = [];
  for (const r of byKind((s) => s.renewal)) {
    const first = pairsNeeded > 0 ? wonMain.pop() : undefined;
    if (first !== undefined) {
      out.push([first, r]);
      used.add(first);
      pairsNeeded--;
    } else out.push([r]);
    used.add(r);
  }
  const firsts = byKind((s) => !s.renewal && s.outcome !== 'open').filter((i) => !used.has(i));
  const seconds = byKind((s) => !s.renewal);
  while (pairsNeeded > 0 && firsts.length > 0) {
    const a = firsts.pop()!;
    if (used.has(a)) continue;
    used.add(a);
    let b: number | undefined;
    while (seconds.length > 0 && b === undefined) {
      const c = seconds.pop()!;
      if (!used.has(c)) b = c;
    }
    if (b === undefined) {
      out.push([a]);
      break;
    }
    used.add(b);
    out.push([a, b]);
    pairsNeeded--;
  }
  all.forEach((_, i) => {
    if (!used.has(i)) out.push([i]);
  });
  return rng.shuffle(out);
}

function pickProduct(rng: Rng, not?: Product): Product {
  const weights: Array<readonly [Product, number]> = [
    ['TMS', 0.38],
    ['WMS', 0.22],
    ['Fleet Visibility', 0.2],
    ['TMS + WMS', 0.1],
    ['Control Tower', 0.1],
  ];
  const filtered = weights.filter(([p]) => p !== not);
  return rng.weighted(filtered.length > 0 ? filtered : weights);
}

export function planDeals(cfg: Config, owners: OwnerPlan[], namer: CompanyNamer, rng: Rng): DealPlanResult {
  const n = cfg.deals;
  const all = slots(n);
  const totalCompanies = Math.max(1, Math.round(n * 0.8));
  const prospects = n >= 10 ? Math.max(1, Math.round(n * 0.04)) : 0;
  const duplicates = n >= 10 ? plantCount(n) : 0;
  const customerCompanies = Math.max(1, Math.min(n, totalCompanies - prospects - duplicates));
  const aes = aeIndices(owners);
  const ownerWeights = aes.map((i) => [i, owners[i]!.style === 'smartlead' ? 1.5 : 1] as const);
  const weightSum = ownerWeights.reduce((s, [, w]) => s + w, 0);
  const load = new Map<number, number>(aes.map((a) => [a, 0]));
  // Deals are dealt out by weight (the SmartLead-first AE carries half as many again), not drawn at random, so a
  // small portal's split does not swing with the seed.
  const nextOwner = (deals: number): number => {
    let best = aes[0]!;
    let bestGap = -Infinity;
    const total = [...load.values()].reduce((a, b) => a + b, 0) + deals;
    for (const [a, w] of ownerWeights) {
      const gap = (total * w) / weightSum - load.get(a)!;
      if (gap > bestGap + 1e-9) {
        best = a;
        bestGap = gap;
      }
    }
    load.set(best, load.get(best)! + deals);
    return best;
  };

  const companies: CompanyPlan[] = [];
  const deals: DealPlan[] = [];
  const showcase = [...SHOWCASE_COMPANIES];
  for (const s of showcase) namer.claim(s.name, s.domain);

  const newCompany = (kind: CompanyPlan['kind'], ownerIdx: number): CompanyPlan => {
    const fixed = kind === 'customer' ? showcase.shift() : undefined;
    const invented = fixed ? undefined : namer.next();
    const c: CompanyPlan = {
      idx: companies.length,
      id: '',
      name: fixed?.name ?? invented!.name,
      domain: fixed?.domain ?? invented!.domain,
      sector: fixed?.sector ?? invented!.sector,
      industry: fixed?.industry ?? invented!.industry,
      city: fixed?.city ?? invented!.city,
      employees: employees(rng),
      ownerIdx,
      createdAt: 0,
      kind,
      duplicateOf: undefined,
      deals: [],
      contacts: [],
    };
    companies.push(c);
    return c;
  };

  for (const chain of chains(all, customerCompanies, rng)) {
    const ownerIdx = nextOwner(chain.length);
    const company = newCompany('customer', ownerIdx);
    let previous: DealPlan | undefined;
    chain.forEach((slotIdx, pos) => {
      const slot = all[slotIdx]!;
      const deal = newDeal(deals.length, slot, company, ownerIdx, previous, rng);
      timeline(cfg, deal, previous, pos < chain.length - 1, rng);
      deals.push(deal);
      company.deals.push(deal.idx);
      previous = deal;
    });
    company.createdAt = deals[company.deals[0]!]!.createdAt - rng.int(3, 120) * DAY - rng.int(0, 23) * HOUR;
  }
  for (let i = 0; i < prospects; i++) {
    const c = newCompany('prospect', rng.weighted(ownerWeights));
    c.createdAt = workTime(rng, cfg.windowStart + rng.float(0, 250) * DAY);
  }
  assignIds(deals, (d) => d.createdAt, ID_BASE.deals);
  return { companies, deals };
}

function newDeal(
  idx: number,
  slot: Slot,
  company: CompanyPlan,
  ownerIdx: number,
  previous: DealPlan | undefined,
  rng: Rng,
): DealPlan {
  const product = slot.renewal ? (previous?.product ?? pickProduct(rng)) : pickProduct(rng, previous?.product);
  return {
    idx,
    id: '',
    companyIdx: company.idx,
    ownerIdx,
    pipeline: slot.renewal ? 'renewals' : 'default',
    outcome: slot.outcome,
    product,
    createdAt: 0,
    closedAt: undefined,
    plant: undefined,
    update: undefined,
    quietFrom: undefined,
    stageIndex: 0,
    stages: [],
    amounts: [],
    closeDates: [],
    amount: null,
    closeDate: null,
    contacts: [],
    contactsWanted: 1,
    source: 'DIRECT_TRAFFIC',
    lostReason: undefined,
    nextStep: undefined,
    variant: undefined,
  };
}

/**
 * Created/closed times. Open deals skew recent. In a two-deal chain the first deal starts early in the window and
 * the second starts after it closed.
 */
function timeline(cfg: Config, deal: DealPlan, previous: DealPlan | undefined, hasNext: boolean, rng: Rng): void {
  const { asOf, windowStart } = cfg;
  const closeAt = (created: number, minDays: number, maxDays: number) => {
    const latest = asOf - rng.float(1, 8) * DAY;
    let at = workTime(rng, created + rng.float(minDays, maxDays) * DAY);
    if (at > latest) at = latest;
    if (at < created + 3 * DAY) at = Math.min(created + 3 * DAY, asOf - HOUR);
    return at;
  };
  if (previous) {
    deal.createdAt = workTime(rng, previous.closedAt! + rng.float(5, 40) * DAY);
  } else if (hasNext) {
    deal.createdAt = workTime(rng, windowStart + rng.float(0, 110) * DAY);
  } else if (deal.pipeline === 'renewals') {
    deal.createdAt = workTime(rng, asOf - (deal.outcome === 'open' ? rng.float(10, 60) : rng.float(70, 150)) * DAY);
  } else if (deal.outcome === 'open') {
    deal.createdAt = workTime(rng, asOf - (8 + 232 * Math.pow(rng.next(), 1.6)) * DAY);
  } else {
    deal.createdAt = workTime(rng, windowStart + rng.float(0, 220) * DAY);
  }
  if (deal.outcome === 'open') return;
  if (hasNext) deal.closedAt = closeAt(deal.createdAt, 20, 90);
  else if (deal.pipeline === 'renewals') deal.closedAt = closeAt(deal.createdAt, 10, 40);
  else deal.closedAt = closeAt(deal.createdAt, 15, 110);
}

/** Headcount, skewed towards mid-size shippers. */
function employees(rng: Rng): number {
  const bands: Array<readonly [readonly [number, number], number]> = [
    [[40, 200], 0.3],
    [[200, 1000], 0.4],
    [[1000, 5000], 0.22],
    [[5000, 25000], 0.08],
  ];
  const [lo, hi] = rng.weighted(bands);
  return Math.round(rng.int(lo, hi) / 10) * 10;
}
