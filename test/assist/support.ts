/** A portal built from designed situations (evals/assist/situations.mjs) as an analysis context, for src/assist tests. */
import { build, type PortalSpec, type Situation } from '../../evals/assist/situations.mjs';
import { portalDataFromDataset, type AnalysisContext } from '../../src/analysis/index.js';
import { DEFAULT_TEAM_CONFIG } from '../../src/config/index.js';
import { parsePortal, type PortalDataset } from '../../src/dataset/index.js';

export const SPEC: PortalSpec = {
  key: 'unit',
  name: 'Unit Test Portal',
  asOf: '2026-09-17T18:00:00+05:30', // a Thursday
  stages: ['Intro', 'Discovery', 'Demo', 'Proposal', 'Negotiation', 'Won', 'Lost'],
  owners: [
    { id: '801', firstName: 'Ira', lastName: 'Sen', email: 'ira@unit.example' },
    { id: '802', firstName: 'Om', lastName: 'Das', email: 'om@unit.example' },
  ],
};

/** Defaults for a situation: a healthy discovery-stage deal with one recent call and a booked meeting. */
export function situation(s: Partial<Situation>): Situation {
  return {
    name: 'Alpha Works - Pilot',
    owner: '801',
    stage: 1,
    amount: 1_000_000,
    close: 30,
    people: [
      ['Anu Bose', 'Head of Ops', true],
      ['Ravi Iyer', 'Finance', true],
    ],
    touches: [[2, 'call', 0, 'out', 'Discovery call']],
    ahead: [[5, 'meeting', 'Follow-up session']],
    expect: 'prepare_next_step',
    why: 'test',
    ...s,
  };
}

export interface Built {
  ctx: AnalysisContext;
  dataset: PortalDataset;
  /** Deal id of situation i (0-based). */
  dealId(i: number): string;
  cases: ReturnType<typeof build>['cases'];
}

export async function portalOf(situations: Situation[], spec: PortalSpec = SPEC): Promise<Built> {
  const { portal, cases } = build(spec, situations, 100);
  const dataset = parsePortal(portal);
  const ctx: AnalysisContext = {
    data: await portalDataFromDataset(dataset),
    config: DEFAULT_TEAM_CONFIG,
    asOf: new Date(dataset.portal.asOf).toISOString(),
    timezone: dataset.portal.timezone,
    currency: dataset.portal.currency,
  };
  return { ctx, dataset, dealId: (i) => cases[i]!.dealId, cases };
}
