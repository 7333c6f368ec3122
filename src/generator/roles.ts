/**
 * Decides which open deals carry a planted problem and which ones each AE's weekly update will mention, before any
 * history is written, so every later step can build the deal to fit its role. Roles do not overlap, except that
 * an update may call a planted stale deal "active".
 */
import type { DealPlan, OwnerPlan, World } from './model.js';
import { aeIndices } from './owners.js';
import { DEAL_PLANT_KINDS, plantCount, type DealPlantKind, type UpdateKind } from './plants.js';
import type { Rng } from './random.js';
import { DAY } from './time.js';

/** Update divergences, dealt to AEs four at a time in rotation so that three AEs cover all seven. */
const UPDATE_DIVERGENCES: readonly UpdateKind[] = [
  'update_stage_mismatch',
  'update_missing_deal',
  'update_stale_deal',
  'update_amount_mismatch',
  'update_close_date_mismatch',
  'update_unlogged_activity',
  'update_lost_not_closed',
];

/** Minimum deal age in days for each role, so its history fits. */
const MIN_AGE: Record<DealPlantKind | UpdateKind, number> = {
  stale_deal: 45,
  missing_notes: 20,
  missing_required_field: 15,
  close_date_past: 40,
  stage_skipped: 15,
  stage_regression: 25,
  close_date_pushed: 40,
  amount_decreased: 15,
  stage_mismatch: 10,
  competitor_mentioned: 8,
  single_threaded: 8,
  no_next_activity: 10,
  update_stage_mismatch: 10,
  update_missing_deal: 0,
  update_stale_deal: 45,
  update_amount_mismatch: 10,
  update_close_date_mismatch: 10,
  update_unlogged_activity: 21,
  update_lost_not_closed: 10,
  update_consistent: 10,
};

export interface RolePlan {
  /** What each AE's update will contain, by owner index (mention kinds; deals carry `update`). */
  updates: Map<number, UpdateKind[]>;
}

export function assignRoles(world: World, rng: Rng): RolePlan {
  const { owners, deals, cfg } = world;
  const aes = aeIndices(owners);
  const ageDays = (d: DealPlan) => (cfg.asOf - d.createdAt) / DAY;
  const pools = new Map<number, DealPlan[]>(aes.map((a) => [a, []]));
  for (const d of deals) if (d.outcome === 'open' && d.pipeline === 'default') pools.get(d.ownerIdx)!.push(d);
  for (const pool of pools.values()) rng.shuffle(pool);

  const take = (ownerIdx: number, minAge: number, anyOwner: boolean): DealPlan | undefined => {
    const order = anyOwner ? [ownerIdx, ...aes.filter((a) => a !== ownerIdx)] : [ownerIdx];
    for (const o of order) {
      const pool = pools.get(o)!;
      const i = pool.findIndex((d) => ageDays(d) >= minAge);
      if (i >= 0) return pool.splice(i, 1)[0];
    }
    return undefined;
  };

  const divergences = new Map<number, UpdateKind[]>();
  aes.forEach((a, p) =>
    divergences.set(
      a,
      [0, 1, 2, 3].map((j) => UPDATE_DIVERGENCES[(3 * p + j) % UPDATE_DIVERGENCES.length]!),
    ),
  );

  const count = plantCount(cfg.deals);
  const ownerOrder = plantOwnerOrder(owners, aes, divergences);
  const plantRound = (round: number) => {
    DEAL_PLANT_KINDS.forEach((kind, k) => {
      const seq = ownerOrder(kind, k);
      const deal = take(seq[round % seq.length]!, MIN_AGE[kind], true);
      if (deal) deal.plant = kind;
    });
  };

  plantRound(0);
  const updates = new Map<number, UpdateKind[]>();
  for (const a of aes) {
    const kinds: UpdateKind[] = [];
    for (const kind of divergences.get(a)!) {
      if (kind === 'update_missing_deal') kinds.push(kind);
      else if (kind !== 'update_stale_deal') {
        const deal = take(a, MIN_AGE[kind], false);
        if (deal) {
          deal.update = kind;
          kinds.push(kind);
        }
      } else kinds.push(kind); // resolved after the stale plants are placed
    }
    const consistent = kinds.length >= 4 ? 1 : 2;
    for (let i = 0; i < consistent; i++) {
      const deal = take(a, MIN_AGE.update_consistent, false);
      if (deal) {
        deal.update = 'update_consistent';
        kinds.push('update_consistent');
      }
    }
    updates.set(a, kinds);
  }
  for (let round = 1; round < count; round++) plantRound(round);

  for (const [a, kinds] of updates) {
    if (!kinds.includes('update_stale_deal')) continue;
    const stale = deals.find((d) => d.ownerIdx === a && d.plant === 'stale_deal' && d.update === undefined);
    if (stale) stale.update = 'update_stale_deal';
    else kinds.splice(kinds.indexOf('update_stale_deal'), 1);
  }
  return { updates };
}

/**
 * Which AE gets the next plant of a kind: round robin, except that missing notes go to the AEs who rarely write
 * notes first, and stale deals first to the AEs whose update will call one "active".
 */
function plantOwnerOrder(owners: OwnerPlan[], aes: number[], divergences: Map<number, UpdateKind[]>) {
  return (kind: DealPlantKind, k: number): number[] => {
    const rotated = aes.map((_, i) => aes[(i + k) % aes.length]!);
    let first: number[] = [];
    if (kind === 'missing_notes') first = aes.filter((a) => owners[a]!.style === 'sparse');
    if (kind === 'stale_deal') first = aes.filter((a) => divergences.get(a)!.includes('update_stale_deal'));
    return [...first, ...rotated.filter((a) => !first.includes(a))];
  };
}
