/** Shaping helpers the analysis tools share: one owner's rows, capped id lists. */

export function keepOwner<T extends { byOwner: { ownerId: string | null }[] }>(x: T, ownerId: string | undefined): T {
  if (!ownerId) return x;
  // velocity and winloss keep renewals on their own, with their own per-AE rows.
  const renewals = (x as { renewals?: { byOwner: { ownerId: string | null }[] } }).renewals;
  return {
    ...x,
    byOwner: x.byOwner.filter((r) => r.ownerId === ownerId),
    ...(renewals ? { renewals: { ...renewals, byOwner: renewals.byOwner.filter((r) => r.ownerId === ownerId) } } : {}),
  };
}

/** Cuts every `dealIds` / `staleDealIds` array to `max` items; `cut` tells whether any was longer. */
export function capDealIds<T>(value: T, max: number): { value: T; cut: boolean } {
  let cut = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'dealIds' || k === 'staleDealIds') && Array.isArray(x)) {
          if (x.length > max) cut = true;
          out[k] = x.slice(0, max);
        } else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value) as T, cut };
}
