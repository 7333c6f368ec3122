/** `--owner NAME|EMAIL|ID` → an owner id of the portal (first name, full name, email or id), or a clear error listing the owners. */
import { matchOwner, type Owner } from '../crm/index.js';
import { UsageError } from '../errors/index.js';

export function resolveOwner(owners: ReadonlyArray<Owner>, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = matchOwner(owners, raw);
  if (m.kind === 'found') return m.owner.id;
  const listed = (m.kind === 'ambiguous' ? m.owners : owners.filter((o) => !o.archived)).map((o) => `${o.name} (${o.email ?? o.id})`).join(', ');
  if (m.kind === 'ambiguous') throw new UsageError(`"${raw}" matches more than one owner`, `Use the full name or email: ${listed}.`);
  throw new UsageError(`no owner "${raw}" in this portal`, `Use a first name, full name, email or id: ${listed}.`);
}
