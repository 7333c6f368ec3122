/** The eval's datasets: the committed demo portal and portals generated deterministically at eval time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { parsePortal, type PortalDataset } from '../../src/dataset/index.js';
import { generatePortal } from '../../src/generator/index.js';
import type { DatasetSpec } from './suite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LoadedDataset {
  name: string;
  dataset: PortalDataset;
  ctx: AnalysisContext;
}

export async function loadDataset(name: string, spec: DatasetSpec): Promise<LoadedDataset> {
  const raw: unknown = 'file' in spec ? JSON.parse(readFileSync(`${ROOT}${spec.file}`, 'utf8')) : generatePortal({ seed: spec.seed, deals: spec.deals });
  const dataset = parsePortal(raw, name);
  const ctx: AnalysisContext = {
    data: await portalDataFromDataset(dataset),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(dataset.portal.asOf).toISOString(),
    timezone: dataset.portal.timezone,
    currency: dataset.portal.currency,
  };
  return { name, dataset, ctx };
}
