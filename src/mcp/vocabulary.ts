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
  /** The stage id when this portal has it; a UsageError naming real stages otherwise. */
  checkStage(stage: string | undefined): string | undefined;
  /** An owner filter: an owner id or email; `listOwners` writes the portal's owners into the description. */
  ownerInput(what: string, listOwners?: boolean): z.ZodType<string>;
}

const MAX_LISTED_OWNERS = 40;

/**
 * The vocabulary tool schemas are built with: no portal values, so the tool list is the same on every portal and
 * is ready before the first sync (and stays small); handlers check ids against the session's own vocabulary.
 */
export const SCHEMA_VOCABULARY: Vocabulary = buildVocabulary({ pipelines: [], owners: [] });

/** An owner whose full name is exactly the given text, when exactly one has it. */
function uniqueByName<T extends { name: string }>(owners: ReadonlyArray<T>, want: string): T | undefined {
  const hits = owners.filter((o) => o.name.trim().toLowerCase() === want);
  return hits.length === 1 ? hits[0] : undefined;
}

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
  const ownerList =
    shown.join('; ') +
    (active.length > shown.length ? `; … ${active.length - shown.length} more (hubspot_list_owners)` : '');
  const resolveOwner = (raw: string | undefined): string | undefined => {
    if (raw === undefined) return undefined;
    const want = raw.trim().toLowerCase();
    const hit =
      crm.owners.find((o) => o.id === raw.trim() || o.email?.toLowerCase() === want) ?? uniqueByName(crm.owners, want);
    if (!hit)
      throw new UsageError(
        `no owner "${raw}" in this portal`,
        `Use an owner id or email from hubspot_list_owners, e.g. ${shown.slice(0, 5).join(', ')}.`,
      );
    return hit.id;
  };
  return {
    stageIds,
    stageList,
    pipelineIds: crm.pipelines.map((p) => p.id),
    ownerList,
    resolveOwner,
    stageInput: (what) => {
      const d = stageList
        ? `${what}. Stage ids of this portal: ${stageList}`
        : `${what}: a stage id (hubspot_list_pipelines)`;
      const [first, ...rest] = stageIds;
      return first === undefined ? z.string().describe(d) : z.enum([first, ...rest]).describe(d);
    },
    ownerInput: (what, listOwners = false) =>
      z
        .string()
        .min(1)
        .max(254)
        .describe(`${what}: owner id, email or name${listOwners && ownerList ? `. Owners: ${ownerList}` : ''}`),
    checkStage(stage) {
      if (stage !== undefined && !seen.has(stage))
        throw new UsageError(
          `no stage "${stage}" in this portal`,
          `Use a stage id from hubspot_list_pipelines, e.g. ${stageIds.slice(0, 5).join(', ')}.`,
        );
      return stage;
    },
  };
}
