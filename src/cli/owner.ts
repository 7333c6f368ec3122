/** `--owner ID|EMAIL` → an owner id of the portal, or a clear error listing the owners. */
import type { Owner } from '../crm/index.js';
import { UsageError } from '../errors/index.js';
import { nearest } from '../format/index.js';

export function resolveOwner(owners: ReadonlyArray<Owner>, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const want = raw.trim().toLowerCase();
  const hit = owners.find((o) => o.id === raw.trim() || o.email?.toLowerCase() === want);
  if (!hit) {
    const active = owners.filter((o) => !o.archived);
    const list = active.map((o) => `${o.id} (${o.email ?? o.name})`).join(', ');
    // A typo in an email, or a name where an id or email was wanted.
    const byKey = new Map<string, (typeof owners)[number]>();
    for (const o of active) {
      if (o.email) byKey.set(o.email, o);
      byKey.set(o.name, o);
      byKey.set(o.id, o);
    }
    const guess = nearest(raw.trim(), byKey.keys());
    const hit = guess === undefined ? undefined : byKey.get(guess);
    const mean = hit ? ` Did you mean ${hit.name} (${hit.email ?? hit.id})?` : '';
    throw new UsageError(`no owner "${raw}" in this portal.${mean}`, `Use an owner id or email: ${list}.`);
  }
  return hit.id;
}
