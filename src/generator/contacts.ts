/**
 * Contacts: 1–4 per company, the people on each deal, a few marketing leads with no deal, a few with no company,
 * and lifecycle-stage histories consistent with their deals (opportunity when a deal opens, customer when one is won).
 */
import type { CompanyPlan, ContactPlan, DealPlan, HistoryPoint, World } from './model.js';
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, PERSONAL_DOMAINS } from './names.js';
import { slug } from './owners.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MINUTE } from './time.js';

const LIFECYCLE = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
] as const;
const CHAMPION_TITLES = [
  'Head - Logistics',
  'VP Supply Chain',
  'Logistics Manager',
  'GM Operations',
  'Director - Supply Chain',
  'Transport Manager',
  'Head - SCM',
];
const SOURCES: ReadonlyArray<readonly [string, number]> = [
  ['ORGANIC_SEARCH', 0.2],
  ['PAID_SOCIAL', 0.17],
  ['PAID_SEARCH', 0.11],
  ['EMAIL_MARKETING', 0.12],
  ['REFERRALS', 0.13],
  ['DIRECT_TRAFFIC', 0.1],
  ['OFFLINE', 0.17],
];

export function buildContacts(world: World, rng: Rng): void {
  const { deals, companies } = world;
  for (const d of deals) d.contactsWanted = contactsWanted(d, rng);
  for (const company of companies) {
    const wanted = Math.max(0, ...company.deals.map((i) => deals[i]!.contactsWanted));
    let count: number;
    if (company.kind === 'customer') count = Math.min(4, wanted + (rng.chance(0.4) ? 1 : 0));
    else if (company.kind === 'prospect') count = rng.int(1, 3);
    else count = company.domain && rng.chance(0.5) ? 1 : 0;
    // A duplicate company shares a domain with its original, so it must not reuse a name from there either.
    const twin = company.duplicateOf === undefined ? [] : world.companies[company.duplicateOf]!.contacts;
    const names = new Set<string>(twin.map((i) => `${world.contacts[i]!.firstName} ${world.contacts[i]!.lastName}`));
    for (let i = 0; i < count; i++) company.contacts.push(newContact(world, rng, company, i === 0, names).idx);
    company.deals.forEach((dealIdx, pos) => pickDealContacts(world, deals[dealIdx]!, company, pos > 0, rng));
  }
  const loners = world.cfg.deals >= 10 ? Math.max(1, Math.round(world.cfg.deals * 0.03)) : 0;
  for (let i = 0; i < loners; i++) newContact(world, rng, null, false, new Set());
  for (const c of world.contacts) timeAndLifecycle(world, c, rng);
  for (const d of deals) d.source = world.contacts[d.contacts[0]!]!.source;
}

function contactsWanted(d: DealPlan, rng: Rng): number {
  if (d.plant === 'single_threaded') return 1;
  if (d.pipeline === 'renewals') return rng.int(1, 2);
  if (d.outcome === 'open' && Number(d.amount ?? 0) >= 3_000_000) return rng.int(2, 3);
  return rng.weighted([
    [1, 0.45],
    [2, 0.35],
    [3, 0.2],
  ]);
}

/** The champion leads; a later deal at the same company sometimes has a new champion. */
function pickDealContacts(world: World, deal: DealPlan, company: CompanyPlan, later: boolean, rng: Rng): void {
  const pool = [...company.contacts];
  if (later && pool.length > 1 && rng.chance(0.3)) pool.push(pool.shift()!);
  const [primary, ...rest] = pool;
  const chosen = [primary!, ...rng.shuffle(rest).slice(0, deal.contactsWanted - 1)];
  deal.contacts = chosen;
  for (const c of chosen) world.contacts[c]!.deals.push(deal.idx);
}

export function randomPerson(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

export function newContact(
  world: World,
  rng: Rng,
  company: CompanyPlan | null,
  champion: boolean,
  names: Set<string>,
): ContactPlan {
  let first: string;
  let last: string;
  do {
    first = rng.pick(FIRST_NAMES);
    last = rng.pick(LAST_NAMES);
  } while (names.has(`${first} ${last}`));
  names.add(`${first} ${last}`);
  const domain = company?.domain ?? rng.pick(PERSONAL_DOMAINS);
  const contact: ContactPlan = {
    idx: world.contacts.length,
    id: '',
    companyIdx: company?.idx ?? null,
    firstName: first,
    lastName: last,
    email: uniqueEmail(world, rng, first, last, domain),
    jobTitle: champion ? rng.pick(CHAMPION_TITLES) : rng.pick(JOB_TITLES),
    phone: phone(rng),
    source: rng.weighted(SOURCES),
    createdAt: 0,
    lifecycle: [],
    deals: [],
    ownerIdx: company?.ownerIdx ?? null,
  };
  world.contacts.push(contact);
  return contact;
}

export function uniqueEmail(world: World, rng: Rng, first: string, last: string, domain: string): string {
  const f = slug(first);
  const l = slug(last);
  const shapes = [`${f}.${l}`, `${f[0]}${l}`, `${f}`, `${f}_${l}`, `${f}${l[0]}`];
  const start = rng.weighted([
    [0, 0.6],
    [1, 0.2],
    [2, 0.08],
    [3, 0.07],
    [4, 0.05],
  ] as const);
  for (let i = 0; ; i++) {
    const local = i < shapes.length ? shapes[(start + i) % shapes.length]! : `${f}.${l}${i - shapes.length + 2}`;
    const email = `${local}@${domain}`;
    if (!world.takenEmails.has(email)) {
      world.takenEmails.add(email);
      return email;
    }
  }
}

function phone(rng: Rng): string {
  const lead = rng.pick(['98', '99', '97', '96', '90', '88', '70', '81']);
  return `+91 ${lead}${rng.int(100, 999)} ${rng.int(10000, 99999)}`;
}

/** Created shortly before the first deal it is on; lifecycle climbs to opportunity when that deal opens. */
function timeAndLifecycle(world: World, c: ContactPlan, rng: Rng): void {
  const { asOf, windowStart } = world.cfg;
  const company = c.companyIdx === null ? undefined : world.companies[c.companyIdx];
  const floor = company?.createdAt ?? windowStart - 60 * DAY;
  if (c.deals.length > 0) {
    const dealsOn = c.deals.map((i) => world.deals[i]!);
    const firstDeal = Math.min(...dealsOn.map((d) => d.createdAt));
    const room = Math.max(HOUR, Math.min(60 * DAY, firstDeal - floor - HOUR));
    c.createdAt = firstDeal - rng.float(HOUR, room);
    const won = dealsOn.filter((d) => d.outcome === 'won').map((d) => d.closedAt!);
    c.lifecycle = climb(
      rng,
      c.createdAt,
      firstDeal,
      rng.weighted([
        [0, 0.15],
        [1, 0.5],
        [2, 0.35],
      ] as const),
      3,
    );
    c.lifecycle.push({ value: 'opportunity', at: firstDeal + 2 * MINUTE });
    if (won.length > 0) c.lifecycle.push({ value: 'customer', at: Math.min(...won) + 5 * MINUTE });
    return;
  }
  const latest = asOf - DAY;
  const earliest = Math.max(floor + HOUR, windowStart - 30 * DAY);
  c.createdAt = Math.min(latest, earliest + rng.next() * Math.max(0, latest - earliest));
  const top = company
    ? rng.weighted([
        [1, 0.35],
        [2, 0.35],
        [3, 0.3],
      ] as const)
    : rng.weighted([
        [0, 0.5],
        [1, 0.5],
      ] as const);
  const start = Math.min(
    top,
    rng.weighted([
      [0, 0.25],
      [1, 0.6],
      [2, 0.15],
    ] as const),
  );
  c.lifecycle = climb(rng, c.createdAt, Math.min(asOf - HOUR, c.createdAt + rng.float(2, 60) * DAY), start, top);
}

/** Lifecycle entries from stage index `from` to `to`, the first at `start`, the rest spread before `end`. */
function climb(rng: Rng, start: number, end: number, from: number, to: number): HistoryPoint[] {
  const out: HistoryPoint[] = [{ value: LIFECYCLE[from]!, at: start }];
  const steps = to - from;
  for (let i = 1; i <= steps; i++) {
    const at = start + ((end - start) * (i - 0.5 + rng.float(-0.3, 0.3))) / (steps + 0.2);
    const prev = out[out.length - 1]!.at;
    out.push({ value: LIFECYCLE[from + i]!, at: Math.max(at, prev + MINUTE) });
  }
  return out;
}
