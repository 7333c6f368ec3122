/**
 * One way to name an owner everywhere (CLI options, dashboard filters): id, email, full name or first name,
 * case-insensitive. A first name shared by two owners is ambiguous and matches nobody.
 */
import type { Owner } from './model.js';

export type OwnerMatch = { kind: 'found'; owner: Owner } | { kind: 'none' } | { kind: 'ambiguous'; owners: Owner[] };

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export function matchOwner(owners: ReadonlyArray<Owner>, raw: string): OwnerMatch {
  const want = norm(raw);
  if (!want) return { kind: 'none' };
  const exact = owners.filter(
    (o) =>
      o.id === raw.trim() ||
      norm(o.email) === want ||
      norm(o.name) === want ||
      norm([o.firstName, o.lastName].filter(Boolean).join(' ')) === want,
  );
  if (exact.length === 1) return { kind: 'found', owner: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', owners: exact };
  const first = owners.filter(
    (o) => norm(o.firstName ?? o.name.split(' ')[0]) === want || norm(o.email?.split('@')[0]) === want,
  );
  const active = first.filter((o) => !o.archived);
  const pick = active.length ? active : first;
  if (pick.length === 1) return { kind: 'found', owner: pick[0]! };
  if (pick.length > 1) return { kind: 'ambiguous', owners: pick };
  return { kind: 'none' };
}

/**
 * How to name an owner on a command line people copy: the first name when no other owner shares it ("Asha"),
 * else the quoted full name, else the id.
 */
export function ownerHandle(owners: ReadonlyArray<{ id: string; name: string }>, id: string): string {
  const o = owners.find((x) => x.id === id);
  if (!o) return id;
  const first = o.name.trim().split(/\s+/)[0] ?? '';
  const same = owners.filter((x) => norm(x.name.trim().split(/\s+/)[0]) === norm(first));
  if (first && same.length === 1 && /^[\p{L}'-]+$/u.test(first)) return first;
  return /^[\p{L} .'-]+$/u.test(o.name) ? `"${o.name}"` : id;
}
