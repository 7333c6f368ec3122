/** `--owner ID|EMAIL` → an owner id of the portal, or a clear error listing the owners. */
import type { Owner } from '../crm/index.js';
import { UsageError } from '../errors/index.js';

export function resolveOwner(owners: ReadonlyArray<Owner>, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const want = raw.trim().toLowerCase();
  const hit = owners.find((o) => o.id === raw.trim() || o.email?.toLowerCase() === want);
  if (!hit) {
    const list = owners.filter((o) => !o.archived).map((o) => `${o.id} (${o.email ?? o.name})`).join(', ');
    throw new UsageError(`no owner "${raw}" in this portal`, `Use an owner id or email: ${list}.`);
  }
  return hit.id;
}
