import { OBJECT_TYPES, type ObjectType } from '../../dataset/index.js';
import { hsErrors } from './errors.js';

const BY_ALIAS = new Map<string, ObjectType>();
const IDS: Record<ObjectType, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tasks: '0-27',
  notes: '0-46',
  meetings: '0-47',
  calls: '0-48',
  emails: '0-49',
};
for (const t of OBJECT_TYPES) {
  BY_ALIAS.set(t, t);
  BY_ALIAS.set(t === 'companies' ? 'company' : t.slice(0, -1), t);
  BY_ALIAS.set(IDS[t], t);
}

/** `deals`, `deal` and `0-3` all name deals (docs/api-facts.md A0). */
export function resolveType(raw: string): ObjectType {
  const t = BY_ALIAS.get(raw.toLowerCase());
  if (!t) throw hsErrors.validation(`Unable to infer object type from: ${raw}`);
  return t;
}

export function objectTypeId(t: ObjectType): string {
  return IDS[t];
}

export const isEngagement = (t: ObjectType): boolean => !['contacts', 'companies', 'deals'].includes(t);

/** Properties served when a read names none (docs/api-facts.md A1). */
export function defaultProperties(t: ObjectType): string[] {
  switch (t) {
    case 'deals':
      return [
        'dealname',
        'amount',
        'closedate',
        'pipeline',
        'dealstage',
        'createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ];
    case 'contacts':
      return ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'];
    case 'companies':
      return ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'];
    default:
      return ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];
  }
}

/** Always present alongside requested properties. */
export function alwaysProperties(t: ObjectType): string[] {
  if (t === 'contacts') return ['createdate', 'lastmodifieddate', 'hs_object_id'];
  return isEngagement(t)
    ? ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']
    : ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
}

/** Properties whose versions HubSpot keeps and that we serve through propertiesWithHistory. */
export const TRACKED_HISTORY = [
  'dealstage',
  'closedate',
  'amount',
  'hubspot_owner_id',
  'lifecyclestage',
  'hs_lead_status',
];

/** Properties a client may not write. */
export const READ_ONLY = new Set(['hs_object_id', 'hs_lastmodifieddate', 'hs_createdate', 'lastmodifieddate']);
