/** HubSpot's default (HUBSPOT_DEFINED) association type ids, by direction (docs/api-facts.md A3). */
import type { ObjectType } from '../../dataset/index.js';

export interface AssociationType {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  typeId: number;
  label: string | null;
}

const ENGAGEMENT_IDS: Record<string, { deals: number; contacts: number; companies: number }> = {
  calls: { deals: 205, contacts: 193, companies: 181 },
  emails: { deals: 209, contacts: 197, companies: 185 },
  meetings: { deals: 211, contacts: 199, companies: 187 },
  notes: { deals: 213, contacts: 201, companies: 189 },
  tasks: { deals: 215, contacts: 203, companies: 191 },
};

/** Type id for from→to, or undefined when HubSpot has no default for the pair. */
function unlabeledTypeId(from: ObjectType, to: ObjectType): number | undefined {
  const pair = `${from}->${to}`;
  switch (pair) {
    case 'deals->contacts':
      return 3;
    case 'contacts->deals':
      return 4;
    case 'deals->companies':
      return 341;
    case 'companies->deals':
      return 342;
    case 'contacts->companies':
      return 279;
    case 'companies->contacts':
      return 280;
    case 'deals->deals':
      return 451;
    case 'contacts->contacts':
      return 449;
    case 'companies->companies':
      return 450;
  }
  const eng = ENGAGEMENT_IDS[to];
  if (eng && (from === 'deals' || from === 'contacts' || from === 'companies')) {
    // record → engagement; HubSpot numbers each direction pair n / n+1 (deal→call 205, call→deal 206)
    return eng[from];
  }
  const back = ENGAGEMENT_IDS[from];
  if (back && (to === 'deals' || to === 'contacts' || to === 'companies')) return back[to] + 1;
  return undefined;
}

const PRIMARY: Record<string, number> = {
  'deals->companies': 5,
  'companies->deals': 6,
  'contacts->companies': 1,
  'companies->contacts': 2,
};

/** Default labels for a new association; `primary` adds HubSpot's "Primary" company label where it exists. */
export function defaultAssociationTypes(from: ObjectType, to: ObjectType, primary: boolean): AssociationType[] {
  const out: AssociationType[] = [];
  const id = unlabeledTypeId(from, to) ?? 0;
  out.push({ category: 'HUBSPOT_DEFINED', typeId: id, label: null });
  const p = PRIMARY[`${from}->${to}`];
  if (primary && p !== undefined) out.push({ category: 'HUBSPOT_DEFINED', typeId: p, label: 'Primary' });
  return out;
}

/** The reverse label of a type id (HubSpot pairs them as n / n+1 for defined types). */
export function reverseTypes(
  types: ReadonlyArray<AssociationType>,
  from: ObjectType,
  to: ObjectType,
): AssociationType[] {
  return types.map((t) => {
    if (t.category !== 'HUBSPOT_DEFINED') return { ...t };
    if (t.label === 'Primary') {
      const p = PRIMARY[`${to}->${from}`];
      return { ...t, typeId: p ?? t.typeId };
    }
    return { ...t, typeId: unlabeledTypeId(to, from) ?? t.typeId };
  });
}

/** The `type` string of v3 inline associations: `deal_to_contact`, `deal_to_company_unlabeled`. */
export function v3AssociationName(from: ObjectType, to: ObjectType, typeId: number): string {
  const name = `${singular(from)}_to_${singular(to)}`;
  const p = PRIMARY[`${from}->${to}`];
  if (p !== undefined && typeId !== p) return `${name}_unlabeled`;
  return name;
}

export function singular(type: ObjectType): string {
  return type === 'companies' ? 'company' : type.slice(0, -1);
}

/** Which object type a HUBSPOT_DEFINED type id points at from `from` (for creates that carry associations). */
export function targetTypeFor(
  from: ObjectType,
  typeId: number,
  all: ReadonlyArray<ObjectType>,
): ObjectType | undefined {
  for (const to of all) {
    if (defaultAssociationTypes(from, to, true).some((t) => t.typeId === typeId && t.typeId !== 0)) return to;
  }
  return undefined;
}
