/**
 * Record ids: numeric strings in a separate range per object type, increasing with creation time as HubSpot's do.
 */
export const ID_BASE = {
  companies: 2_000_000,
  contacts: 3_000_000,
  deals: 4_000_000,
  calls: 51_000_000,
  emails: 52_000_000,
  meetings: 53_000_000,
  notes: 54_000_000,
  tasks: 55_000_000,
} as const;

/** Each range holds a million ids; they are spaced out a little (when there is room) so they do not look like a counter. */
const RANGE = 999_000;

/** Gives each item an id by creation time (ties keep array order). */
export function assignIds<T extends { id: string }>(items: T[], createdAt: (item: T) => number, base: number): void {
  if (items.length > RANGE) throw new RangeError(`too many records for one id range (${items.length})`);
  const stride = Math.max(1, Math.min(3, Math.floor(RANGE / Math.max(1, items.length))));
  const order = items.map((item, i) => ({ item, i, t: createdAt(item) }));
  order.sort((a, b) => a.t - b.t || a.i - b.i);
  order.forEach(({ item }, rank) => {
    item.id = String(base + 101 + rank * stride);
  });
}
