/** `--owner NAME|EMAIL|ID` → an owner id of the portal (first name, full name, email or id), or a clear error listing the owners. */
import { matchOwner, type Owner } from '../crm/index.js';
import { UsageError } from '../errors/index.js';
import { nearest } from '../format/index.js';

export function resolveOwner(owners: ReadonlyArray<Owner>, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = matchOwner(owners, raw);
  if (m.kind === 'found') return m.owner.id;
  const active = owners.filter((o) => !o.archived);
  const listed = (m.kind === 'ambiguous' ? m.owners : active).map((o) => `${o.name} (${o.email ?? o.id})`).join(', ');
  if (m.kind === 'ambiguous')
    throw new UsageError(`"${raw}" matches more than one owner`, `Use the full name or email: ${listed}.`);
  // A typo in a name or an email.
  const byKey = new Map<string, (typeof owners)[number]>();
  for (const o of active) {
    if (o.email) byKey.set(o.email, o);
    byKey.set(o.name, o);
    byKey.set(o.id, o);
  }
  const guess = nearest(raw.trim(), byKey.keys());
  const near = guess === undefined ? undefined : byKey.get(guess);
  const mean = near ? ` Did you mean ${near.name} (${near.email ?? near.id})?` : '';
  throw new UsageError(
    `no owner "${raw}" in this portal.${mean}`,
    `Use a first name, full name, email or id: ${listed}.`,
  );
}
