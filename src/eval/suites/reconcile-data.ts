/**
 * Data of the reconcile suite (evals/reconcile/suite.json): its datasets (a committed portal file, or a portal the
 * generator makes deterministically at eval time) and its snippets — written by hand, plus each dataset's
 * generated weekly AE updates labelled from `generator.planted`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parsePortal, type PortalDataset } from '../../dataset/index.js';
import { generatePortal, missingDealName } from '../../generator/index.js';
import { DISCREPANCY_TYPES } from '../../reconcile/index.js';
import { EvalDataError } from '../errors.js';
import { readEvalJson } from '../paths.js';

export const RECONCILE_SUITE_FILE = 'reconcile/suite.json';

/** `file` is relative to the checkout (the folder that holds evals/); `seed` + `deals` generate the portal. */
const datasetSpecSchema = z.union([
  z.object({ file: z.string().min(1) }),
  z.object({ seed: z.number().int(), deals: z.number().int().positive() }),
]);
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;

/** One discrepancy the CRM really has: type + deal id; for missing_deal, dealId null and the name as written. */
export const expectedSchema = z.object({
  type: z.enum(DISCREPANCY_TYPES),
  dealId: z.string().nullable(),
  name: z.string().optional(),
});
export type Expected = z.infer<typeof expectedSchema>;

export const snippetSchema = z.object({
  id: z.string().min(1),
  dataset: z.string().min(1),
  owner: z.string().min(1),
  text: z.string().min(1),
  expected: z.array(expectedSchema),
  origin: z.enum(['hand', 'generator']).default('hand'),
  /** A batch of snippets written and scored together (its first-shot score is in the suite's `firstShot`). */
  batch: z.string().optional(),
  note: z.string().optional(),
});
export type Snippet = z.infer<typeof snippetSchema>;

/** The score a batch of new snippets got the first time it ran, before anything was tuned for it. */
export const firstShotSchema = z.object({
  scoredAt: z.string(),
  f1: z.number().min(0).max(1),
  tp: z.number().int(),
  fp: z.number().int(),
  fn: z.number().int(),
  misses: z.array(z.string()),
});
export const reconcileSuiteSchema = z.object({
  about: z.string(),
  datasets: z.record(z.string(), datasetSpecSchema),
  snippets: z.array(snippetSchema),
  firstShot: z.record(z.string(), firstShotSchema).optional(),
});
export type ReconcileSuiteData = z.infer<typeof reconcileSuiteSchema>;

export interface NamedDataset {
  name: string;
  dataset: PortalDataset;
}

/** The suite file and every dataset it names, parsed (generated ones built here; same bytes every time). */
export function loadReconcileData(evalsDir: string): { data: ReconcileSuiteData; datasets: Map<string, NamedDataset> } {
  const data = readEvalJson(evalsDir, RECONCILE_SUITE_FILE, reconcileSuiteSchema);
  const root = resolve(evalsDir, '..');
  const datasets = new Map<string, NamedDataset>();
  for (const [name, spec] of Object.entries(data.datasets)) {
    let raw: unknown;
    if ('file' in spec) {
      try {
        raw = JSON.parse(readFileSync(resolve(root, spec.file), 'utf8')) as unknown;
      } catch (e) {
        throw new EvalDataError(
          RECONCILE_SUITE_FILE,
          `datasets.${name}: cannot read ${spec.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.slice(0, 120)})`,
        );
      }
    } else raw = generatePortal({ seed: spec.seed, deals: spec.deals });
    datasets.set(name, { name, dataset: parsePortal(raw, name) });
  }
  for (const s of data.snippets)
    if (!datasets.has(s.dataset))
      throw new EvalDataError(
        RECONCILE_SUITE_FILE,
        `snippet ${s.id}: unknown dataset "${s.dataset}" (datasets: ${[...datasets.keys()].join(', ')})`,
      );
  return { data, datasets };
}

/** Generator plant kinds → the discrepancy the planted update should produce (null: consistent on purpose). */
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
export function generatedSnippets(d: NamedDataset): Snippet[] {
  const planted = (d.dataset.generator as { planted?: Array<Record<string, unknown>> } | undefined)?.planted ?? [];
  return (d.dataset.aeUpdates ?? []).map((u) => ({
    id: `${d.name}-update-${u.ownerId}`,
    dataset: d.name,
    owner: u.ownerId,
    text: u.text,
    origin: 'generator' as const,
    expected: planted.flatMap((p): Expected[] => {
      const kind = p['kind'];
      if (p['ownerId'] !== u.ownerId || typeof kind !== 'string') return [];
      const type = PLANT_TYPE[kind];
      if (!type) return [];
      if (type === 'missing_deal') {
        const company = (p['expected'] as { company?: string } | undefined)?.company;
        if (company !== undefined) return [{ type, dealId: null, name: missingDealName(company) }];
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- labels hold a string mention
        return [{ type, dealId: null, name: String(p['mention'] ?? '') }];
      }
      return [{ type, dealId: typeof p['objectId'] === 'string' ? p['objectId'] : null }];
    }),
  }));
}
