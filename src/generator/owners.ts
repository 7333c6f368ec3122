/**
 * One sales manager and the AEs. AE logging styles differ on purpose (tidy, sparse, SmartLead-first) and repeat
 * in that order when there are more AEs.
 */
import type { PortalDatasetInput } from '../dataset/index.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import type { Config, OwnerPlan, Style } from './model.js';
import type { Rng } from './random.js';
import { DAY, iso } from './time.js';

const STYLES: readonly Style[] = ['tidy', 'sparse', 'smartlead'];
const FIXED_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Meera', 'Iyer'],
  ['Asha', 'Rao'],
  ['Rohit', 'Malhotra'],
  ['Karan', 'Mehta'],
];
const TEAM = { id: '7', name: 'Sales - India', primary: true };

function aeCount(deals: number): number {
  return Math.min(60, Math.max(2, Math.round(deals / 40)));
}

/** Index 0 is the manager; AEs follow. */
export function buildOwners(cfg: Config, rng: Rng): OwnerPlan[] {
  const total = aeCount(cfg.deals) + 1;
  const used = new Set<string>();
  const owners: OwnerPlan[] = [];
  for (let i = 0; i < total; i++) {
    let [first, last] = FIXED_NAMES[i] ?? [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
    while (used.has(`${first} ${last}`)) [first, last] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
    used.add(`${first} ${last}`);
    owners.push({
      id: String(71_200 + i * 17),
      userId: 9_120_000 + i * 31,
      firstName: first,
      lastName: last,
      email: `${slug(first)}.${slug(last)}@demo-logistics.example`,
      createdAt: cfg.windowStart - rng.int(30, 700) * DAY,
      style: i === 0 ? undefined : STYLES[(i - 1) % STYLES.length],
    });
  }
  return owners;
}

export function aeIndices(owners: readonly OwnerPlan[]): number[] {
  return owners.flatMap((o, i) => (o.style ? [i] : []));
}

export function ownerRecords(owners: readonly OwnerPlan[]): PortalDatasetInput['owners'] {
  return owners.map((o) => ({
    id: o.id,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    type: 'PERSON' as const,
    archived: false,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.createdAt + 3 * DAY),
    teams: [TEAM],
  }));
}

/** Every AE reports to the manager (owner 0). */
export function managerMap(owners: readonly OwnerPlan[]): Record<string, string> {
  const manager = owners[0]!;
  const out: Record<string, string> = {};
  for (const o of owners) if (o.style) out[o.id] = manager.id;
  return out;
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
