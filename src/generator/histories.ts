/**
 * Stage, amount and close-date histories for every deal, shaped by its role. Outside the plants: stages move one
 * step at a time and never back, amounts only go up, a close date is pushed at most once, open deals close in the
 * future, and every deal past Proposal Sent has an amount and a close date.
 */
import type { Config, DealPlan, HistoryPoint, World } from './model.js';
import {
  CLOSED_LOST,
  CLOSED_WON,
  OPEN_STAGES,
  RENEWAL_LOST,
  RENEWAL_OPEN,
  RENEWAL_WON,
  STAGE,
  openStage,
} from './pipeline.js';
import type { Rng } from './random.js';
import { DAY, HOUR, closeDateValue, workTime } from './time.js';

const NATURAL_STAGE_WEIGHTS = [0.22, 0.2, 0.14, 0.18, 0.13, 0.13];
const SKIP_PATHS = [
  [STAGE.discovery, STAGE.proposal],
  [STAGE.discovery, STAGE.demoDone, STAGE.shortlisted],
  [STAGE.discovery, STAGE.demoDone, STAGE.poc, STAGE.shortlisted, STAGE.negotiation],
];
const REGRESSION_PATHS = [
  [0, 1, 2, 3, 2],
  [0, 1, 2, 3, 4, 3],
  [0, 1, 2, 3, 4, 5, 4],
];
const OPEN_STAGE_IDS = new Set<string>(OPEN_STAGES);
const MISSING_FIELD_VARIANTS = ['amount_cleared', 'closedate_cleared', 'amount_never_set'] as const;

const LOST_REASONS = [
  'No budget this FY',
  'Went with a competitor',
  'Decided to build in-house',
  'No decision - went dark',
  'Price too high',
  'Project put on hold',
  'Existing vendor renewed',
];

/** Amount in INR rounded the way a sales team quotes: 10k steps below 50L, 1L steps to 1Cr, 5L steps above. */
export function roundAmount(inr: number): number {
  const step = inr < 5_000_000 ? 10_000 : inr < 10_000_000 ? 100_000 : 500_000;
  return Math.max(200_000, Math.round(inr / step) * step);
}

/** ₹2L–₹1.2Cr, most deals small. */
function drawAmount(rng: Rng, min = 200_000): number {
  const lo = Math.log(min);
  const hi = Math.log(12_000_000);
  return roundAmount(Math.exp(lo + (hi - lo) * Math.pow(rng.next(), 1.7)));
}

export function buildHistories(world: World, rng: Rng): void {
  const counters = new Map<string, number>();
  const nextVariant = (key: string) => {
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return n;
  };
  for (const deal of world.deals) {
    if (deal.pipeline === 'renewals') renewal(world, deal, rng);
    else if (deal.outcome === 'open') openDeal(world.cfg, deal, rng, nextVariant);
    else closedDeal(deal, rng);
  }
}

/** Spreads n transitions over (start, end): each stage gets a random share of the time, in order. */
function spread(rng: Rng, start: number, end: number, n: number): number[] {
  const weights = Array.from({ length: n + 1 }, () => 0.3 + rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += weights[i]!;
    const raw = start + ((end - start) * acc) / total;
    const shifted = workTime(rng, raw);
    const floor = (out[out.length - 1] ?? start) + HOUR;
    out.push(shifted <= end && shifted > floor ? shifted : Math.max(raw, floor));
  }
  return out;
}

function pickNaturalStage(rng: Rng, ageDays: number, min = 0, max = 5): number {
  const top = Math.max(min, Math.min(max, Math.floor(ageDays / 3)));
  const options = NATURAL_STAGE_WEIGHTS.map((w, i) => [i, w] as const).filter(([i]) => i >= min && i <= top);
  return rng.weighted(options);
}

function stagePathFor(deal: DealPlan, rng: Rng, ageDays: number, variant: (key: string) => number): number[] {
  const upTo = (k: number) => Array.from({ length: k + 1 }, (_, i) => i);
  switch (deal.plant) {
    case 'stage_skipped': {
      const path = SKIP_PATHS[variant('skip') % SKIP_PATHS.length]!;
      deal.variant = path.map((i) => openStage(i)).join('>');
      return path;
    }
    case 'stage_regression': {
      const path = REGRESSION_PATHS[variant('regression') % REGRESSION_PATHS.length]!;
      deal.variant = path.map((i) => openStage(i)).join('>');
      return path;
    }
    case 'missing_notes':
      return upTo(rng.chance(0.5) ? STAGE.shortlisted : STAGE.negotiation);
    case 'missing_required_field':
      return upTo(rng.int(STAGE.proposal, STAGE.negotiation));
    case 'stage_mismatch':
      return upTo(rng.int(STAGE.discovery, STAGE.demoDone));
    case 'single_threaded':
    case 'close_date_past':
    case 'close_date_pushed':
    case 'amount_decreased':
      return upTo(pickNaturalStage(rng, ageDays, 1));
    default:
      break;
  }
  switch (deal.update) {
    case 'update_stage_mismatch':
      return upTo(rng.int(STAGE.demoDone, STAGE.proposal));
    case 'update_amount_mismatch':
    case 'update_close_date_mismatch':
    case 'update_unlogged_activity':
    case 'update_consistent':
      return upTo(pickNaturalStage(rng, ageDays, 1));
    default:
      return upTo(pickNaturalStage(rng, ageDays));
  }
}

function openDeal(cfg: Config, deal: DealPlan, rng: Rng, variant: (key: string) => number): void {
  const { asOf } = cfg;
  const ageDays = (asOf - deal.createdAt) / DAY;
  if (deal.plant === 'stale_deal') deal.quietFrom = asOf - rng.float(26, 40) * DAY;
  const end = deal.quietFrom !== undefined ? deal.quietFrom - 2 * DAY : asOf - DAY;
  const path = stagePathFor(deal, rng, ageDays, variant);
  const times = [deal.createdAt, ...spread(rng, deal.createdAt, end, path.length - 1)];
  deal.stages = path.map((s, i) => ({ value: openStage(s), at: times[i]! }));
  deal.stageIndex = path[path.length - 1]!;
  const lastMove = times[times.length - 1]!;
  const someTimeAfter = (from: number) => from + rng.float(0.1, 0.9) * (end - from);

  // Amount
  let amount = deal.plant === 'single_threaded' ? drawAmount(rng, 3_000_000) : drawAmount(rng);
  const missing =
    deal.plant === 'missing_required_field'
      ? MISSING_FIELD_VARIANTS[variant('missing') % MISSING_FIELD_VARIANTS.length]!
      : undefined;
  if (missing) deal.variant = missing;
  if (deal.plant === 'single_threaded' && amount < 3_000_000) amount = 3_000_000;
  if (missing === 'amount_never_set') {
    deal.amount = null;
  } else if (deal.stageIndex === STAGE.discovery && !deal.plant && !deal.update && rng.chance(0.35)) {
    deal.amount = null;
  } else if (deal.plant === 'amount_decreased') {
    const before = roundAmount(amount * rng.float(1.25, 1.8));
    deal.amounts = [
      { value: String(before), at: deal.createdAt },
      { value: String(amount), at: someTimeAfter(deal.createdAt + DAY) },
    ];
  } else {
    deal.amounts = naturalAmounts(deal, amount, rng);
  }
  if (missing === 'amount_cleared') deal.amounts.push({ value: '', at: someTimeAfter(lastMove) });
  if (deal.amounts.length > 0) deal.amount = deal.amounts[deal.amounts.length - 1]!.value;

  // Close date
  const date = (ms: number) => closeDateValue(ms);
  if (deal.plant === 'close_date_past') {
    deal.closeDates = [{ value: date(asOf - rng.float(3, 35) * DAY), at: deal.createdAt }];
  } else if (deal.plant === 'close_date_pushed') {
    const e0 = deal.createdAt + rng.float(15, 40) * DAY;
    const e1 = e0 + rng.float(14, 45) * DAY;
    const e2 = Math.max(e1 + rng.float(14, 45) * DAY, asOf + rng.float(7, 60) * DAY);
    const span = end - deal.createdAt;
    deal.closeDates = [
      { value: date(e0), at: deal.createdAt },
      { value: date(e1), at: deal.createdAt + span * rng.float(0.25, 0.45) },
      { value: date(e2), at: deal.createdAt + span * rng.float(0.6, 0.9) },
    ];
  } else if (deal.quietFrom === undefined && ageDays >= 20 && rng.chance(0.3)) {
    const e0 = deal.createdAt + rng.float(20, 90) * DAY;
    const pushedAt = deal.createdAt + rng.float(5, Math.max(6, ageDays - 2)) * DAY;
    const e1 = Math.max(e0, asOf) + rng.float(7, 90) * DAY;
    deal.closeDates = [
      { value: date(e0), at: deal.createdAt },
      { value: date(e1), at: Math.min(pushedAt, asOf - DAY) },
    ];
  } else {
    deal.closeDates = [{ value: date(asOf + rng.float(5, 120) * DAY), at: deal.createdAt }];
  }
  if (missing === 'closedate_cleared') deal.closeDates.push({ value: '', at: someTimeAfter(lastMove) });
  deal.closeDate = deal.closeDates[deal.closeDates.length - 1]!.value;

  deal.nextStep = rng.chance(0.45) ? rng.pick(NEXT_STEPS[deal.stageIndex]!) : undefined;
}

/** Set at creation (or when the demo is done), sometimes raised once as scope grows. */
function naturalAmounts(deal: DealPlan, amount: number, rng: Rng): HistoryPoint[] {
  const setAt = deal.stages.length > 1 && rng.chance(0.4) ? deal.stages[1]!.at : deal.createdAt;
  const later = deal.stages.filter((s) => s.at > setAt && OPEN_STAGE_IDS.has(s.value));
  if (later.length > 0 && rng.chance(0.25)) {
    const first = roundAmount(amount * rng.float(0.55, 0.85));
    if (first < amount) {
      return [
        { value: String(first), at: setAt },
        { value: String(amount), at: rng.pick(later).at + rng.int(5, 90) * 60_000 },
      ];
    }
  }
  return [{ value: String(amount), at: setAt }];
}

function closedDeal(deal: DealPlan, rng: Rng): void {
  const closedAt = deal.closedAt!;
  const lastOpen =
    deal.outcome === 'won'
      ? STAGE.negotiation
      : rng.weighted([0.25, 0.25, 0.2, 0.15, 0.1, 0.05].map((w, i) => [i, w] as const));
  const path = [...OPEN_STAGES.slice(0, lastOpen + 1), deal.outcome === 'won' ? CLOSED_WON : CLOSED_LOST];
  const times = [deal.createdAt, ...spread(rng, deal.createdAt, closedAt, path.length - 2), closedAt];
  deal.stages = path.map((value, i) => ({ value, at: times[i]! }));
  deal.stageIndex = lastOpen;
  const amount = drawAmount(rng);
  if (lastOpen === STAGE.discovery && deal.outcome === 'lost' && rng.chance(0.5)) deal.amount = null;
  else {
    deal.amounts = naturalAmounts(deal, amount, rng);
    deal.amount = deal.amounts[deal.amounts.length - 1]!.value;
  }
  closedDates(deal, rng);
  if (deal.outcome === 'lost' && rng.chance(0.8)) deal.lostReason = rng.pick(LOST_REASONS);
}

/** Expected close set at creation; closing sets it to the day it closed (at most one push). */
function closedDates(deal: DealPlan, rng: Rng): void {
  const expected = closeDateValue(deal.createdAt + rng.float(20, 120) * DAY);
  const actual = closeDateValue(deal.closedAt!);
  deal.closeDates = [{ value: expected, at: deal.createdAt }];
  if (actual !== expected) deal.closeDates.push({ value: actual, at: deal.closedAt! });
  deal.closeDate = actual;
}

function renewal(world: World, deal: DealPlan, rng: Rng): void {
  const company = world.companies[deal.companyIdx]!;
  const previous = company.deals
    .map((i) => world.deals[i]!)
    .find((d) => d.idx !== deal.idx && d.outcome === 'won' && d.pipeline === 'default');
  const base = previous?.amount ? Number(previous.amount) * rng.float(0.25, 0.45) : drawAmount(rng, 300_000) * 0.4;
  const amount = roundAmount(base);
  deal.amounts = [{ value: String(amount), at: deal.createdAt }];
  deal.amount = String(amount);
  deal.stages = [{ value: RENEWAL_OPEN, at: deal.createdAt }];
  if (deal.outcome === 'open') {
    const anniversary =
      previous?.closedAt !== undefined ? previous.closedAt + 365 * DAY : world.cfg.asOf + rng.float(30, 150) * DAY;
    deal.closeDates = [{ value: closeDateValue(Math.max(anniversary, world.cfg.asOf + 10 * DAY)), at: deal.createdAt }];
    deal.closeDate = deal.closeDates[0]!.value;
    deal.nextStep = rng.chance(0.5)
      ? rng.pick(['Share renewal quote', 'QBR with ops head', 'Confirm user count for FY27'])
      : undefined;
    return;
  }
  deal.stages.push({ value: deal.outcome === 'won' ? RENEWAL_WON : RENEWAL_LOST, at: deal.closedAt! });
  closedDates(deal, rng);
  if (deal.outcome === 'lost')
    deal.lostReason = rng.pick(['Moved to a competitor', 'Business downsized', 'Budget cut']);
}

/** Next steps by stage, worded for that stage only (nothing early mentions pricing or paperwork). */
const NEXT_STEPS: readonly string[][] = [
  ['Book demo with ops team', 'Get intro to logistics head', 'Map current dispatch process'],
  ['Scope pilot lanes', 'Share SAP integration note', 'Demo for plant team'],
  ['POC review with ops head', 'Onboard remaining transporters', 'Weekly POC sync'],
  ['Follow up on proposal', 'Walk finance through proposal', 'Answer procurement queries'],
  ['Reference call with existing customer', 'Final presentation to CXO panel', 'Site visit'],
  ['Close MSA redlines', 'Get PO released', 'Finalise payment terms'],
];
