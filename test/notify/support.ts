/** A demo-portal analysis context and a state store for notify tests, without a network. */
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG, parseTeamConfig, type TeamConfigInput } from '../../src/config/index.js';
import { demoDatasetPath, readPortalFile } from '../../src/dataset/index.js';
import { StateStore } from '../../src/state/index.js';

export async function demoContext(config: TeamConfigInput = {}): Promise<AnalysisContext> {
  const ds = readPortalFile(demoDatasetPath());
  const data = await portalDataFromDataset(ds);
  return {
    data,
    config: Object.keys(config).length ? parseTeamConfig(config) : DEFAULT_TEAM_CONFIG,
    asOf: new Date(ds.portal.asOf).toISOString(),
    timezone: ds.portal.timezone,
    currency: ds.portal.currency,
  };
}

export function memoryState(): StateStore {
  return new StateStore(':memory:');
}
