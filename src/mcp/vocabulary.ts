/**
 * The portal's own values (stage ids with labels, owners), read once at server start and written into tool
 * descriptions and enums, so a model passes ids that exist instead of guessing them.
 */
import { z } from 'zod';
import type { CrmSnapshot } from '../crm/index.js';
import { UsageError } from '../errors/index.js';

export interface Vocabulary {
  stageIds: string[];
  /** "id (label, pipeline)" pairs, for descriptions. */
  stageList: string;
  pipelineIds: string[];
  ownerList: string;
  resolveOwner(raw: string | undefined): string | undefined;
  /** A stage filter: an enum of the portal's stage ids, described with their labels. */
  stageInput(what: string): z.ZodType<string>;
  /** An owner filter: an owner id or email; `listOwners` writes the portal's owners into the description. */
  ownerInput(what: string, listOwners?: boolean): z.ZodType<string>;
}

const MAX_LISTED_OWNERS = 40;

export function buildVocabulary(crm: Pick<CrmSnapshot, 'pipelines' | 'owners'>): Vocabulary {
  const seen = new Set<string>();
  const pairs: string[] = [];
  for (const p of crm.pipelines) {
    for (const s of p.stages) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      pairs.push(`${s.id} (${s.label}${crm.pipelines.length > 1 ? `, ${p.label}` : ''})`);
    }
  }
  const stageIds = [...seen];
  const stageList = pairs.join('; ');
  const active = crm.owners.filter((o) => !o.archived);
  const shown = active.slice(0, MAX_LISTED_OWNERS).map((o) => `${o.id} (${o.name})`);
  const ownerList = shown.join('; ') + (active.length > shown.length ? `; … ${active.length - shown.length} more (hubspot_list_owners)` : '');
  const resolveOwner = (raw: string | undefined): string | undefined => {
    if (raw === undefined) return undefined;
    const want = raw.trim().toLowerCase();
    const hit = crm.owners.find((o) => o.id === raw.trim() || o.email?.toLowerCase() === want);
    if (!hit) throw new UsageError(`no owner "${raw}" in this portal`, `Use an owner id or email from hubspot_list_owners, e.g. ${shown.slice(0, 5).join(', ')}.`);
    return hit.id;
  };
  return {
    stageIds,
    stageList,
    pipelineIds: crm.pipelines.map((p) => p.id),
    ownerList,
    resolveOwner,
    stageInput: (what) => {
      const d = `${what}. Stage ids of this portal: ${stageList}`;
      const [first, ...rest] = stageIds;
      return first === undefined ? z.string().describe(d) : z.enum([first, ...rest]).describe(d);
    },
    ownerInput: (what, listOwners = false) => z.string().min(1).max(254).describe(`${what}: a HubSpot owner id or email${listOwners ? `. Owners: ${ownerList}` : ' (hubspot_list_owners)'}`),
  };
}
