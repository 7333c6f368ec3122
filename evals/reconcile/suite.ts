/** Suite data: the hand-labelled snippets (suite.json) plus each dataset's generated weekly updates, labelled from generator.planted. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PortalDataset } from '../../src/dataset/index.js';
import { DISCREPANCY_TYPES } from '../../src/reconcile/index.js';

const datasetSpec = z.union([z.object({ file: z.string() }), z.object({ seed: z.number().int(), deals: z.number().int().positive() })]);
export type DatasetSpec = z.infer<typeof datasetSpec>;

export const expectedSchema = z.object({ type: z.enum(DISCREPANCY_TYPES), dealId: z.string().nullable(), name: z.string().optional() });
export type Expected = z.infer<typeof expectedSchema>;

export const snippetSchema = z.object({ id: z.string(), dataset: z.string(), owner: z.string(), text: z.string().min(1), expected: z.array(expectedSchema), origin: z.enum(['hand', 'generator']).default('hand') });
export type Snippet = z.infer<typeof snippetSchema>;

export const suiteSchema = z.object({ about: z.string(), datasets: z.record(z.string(), datasetSpec), snippets: z.array(snippetSchema) });
export type Suite = z.infer<typeof suiteSchema>;

export function loadSuite(file = new URL('./suite.json', import.meta.url)): Suite {
  return suiteSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const PLANT_TYPE: Record<string, Expected['type'] | null> = {
  update_stage_mismatch: 'stage_mismatch',
  update_missing_deal: 'missing_deal',
  update_stale_deal: 'stale_deal',
  update_amount_mismatch: 'amount_mismatch',
  update_close_date_mismatch: 'close_date_mismatch',
  update_unlogged_activity: 'unlogged_activity',
  update_lost_not_closed: 'lost_not_closed',
  update_consistent: null,
};

/** Each AE's generated weekly update, expected to show exactly the divergences the generator planted in it. */
export function generatedSnippets(name: string, dataset: PortalDataset): Snippet[] {
  const planted = (dataset.generator as { planted?: Array<Record<string, unknown>> } | undefined)?.planted ?? [];
  return (dataset.aeUpdates ?? []).map((u) => ({
    id: `${name}-update-${u.ownerId}`,
    dataset: name,
    owner: u.ownerId,
    text: u.text,
    origin: 'generator' as const,
    expected: planted
      .filter((p) => p['ownerId'] === u.ownerId && typeof p['kind'] === 'string' && PLANT_TYPE[p['kind']] !== undefined && PLANT_TYPE[p['kind']] !== null)
      .map((p) => {
        const type = PLANT_TYPE[p['kind'] as string]!;
        const exp = p['expected'] as { company?: string } | undefined;
        const mention = String(p['mention'] ?? '');
        return type === 'missing_deal'
          ? { type, dealId: null, name: exp?.company?.replace(/ (Pvt Ltd|Private Limited|Ltd|LLP|& Co)$/, '') ?? mention }
          : { type, dealId: (p['objectId'] as string | null) ?? null };
      }),
  }));
}
