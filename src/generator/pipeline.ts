/**
 * The demo portal's deal pipelines: HubSpot's default stage ids relabelled for a logistics-SaaS sale, one custom
 * numeric-id stage (as a real portal has after someone adds a stage), and a small renewals pipeline.
 */
import type { PortalDatasetInput } from '../dataset/index.js';

const MAIN_PIPELINE = 'default';
const RENEWALS_PIPELINE = 'renewals';

/** Open stages of the main pipeline, in order. Index = how far along the deal is. */
export const OPEN_STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  '183741920',
  'decisionmakerboughtin',
  'contractsent',
] as const;
type OpenStage = (typeof OPEN_STAGES)[number];

export const STAGE = {
  discovery: 0,
  demoDone: 1,
  poc: 2,
  proposal: 3,
  shortlisted: 4,
  negotiation: 5,
} as const;

export const CLOSED_WON = 'closedwon';
export const CLOSED_LOST = 'closedlost';
export const RENEWAL_OPEN = 'renewal_open';
export const RENEWAL_WON = 'renewal_won';
export const RENEWAL_LOST = 'renewal_lost';

const MAIN_STAGES: ReadonlyArray<readonly [id: string, label: string, probability: string, closed: boolean]> = [
  ['appointmentscheduled', 'Discovery', '0.1', false],
  ['qualifiedtobuy', 'Demo Done', '0.2', false],
  ['presentationscheduled', 'POC / Pilot', '0.4', false],
  ['183741920', 'Proposal Sent', '0.6', false],
  ['decisionmakerboughtin', 'Shortlisted / Final 2', '0.7', false],
  ['contractsent', 'Negotiation / Contract', '0.9', false],
  [CLOSED_WON, 'Closed Won', '1.0', true],
  [CLOSED_LOST, 'Closed Lost', '0.0', true],
];

const RENEWAL_STAGES: ReadonlyArray<readonly [string, string, string, boolean]> = [
  [RENEWAL_OPEN, 'Renewal Open', '0.5', false],
  [RENEWAL_WON, 'Renewed', '1.0', true],
  [RENEWAL_LOST, 'Churned', '0.0', true],
];

export function openStage(index: number): OpenStage {
  const stage = OPEN_STAGES[index];
  if (!stage) throw new Error(`no open stage at index ${index}`);
  return stage;
}

export function buildPipelines(): PortalDatasetInput['pipelines'] {
  const created = '2025-01-06T05:30:00.000Z';
  const stages = (rows: typeof MAIN_STAGES) =>
    rows.map(([id, label, probability, closed], i) => ({
      id,
      label,
      displayOrder: i,
      archived: false,
      metadata: { isClosed: closed ? ('true' as const) : ('false' as const), probability },
      createdAt: created,
      updatedAt: created,
    }));
  return {
    deals: [
      {
        id: MAIN_PIPELINE,
        label: 'Sales Pipeline',
        displayOrder: 0,
        archived: false,
        createdAt: '1970-01-01T00:00:00Z',
        updatedAt: created,
        stages: stages(MAIN_STAGES),
      },
      {
        id: RENEWALS_PIPELINE,
        label: 'Renewals',
        displayOrder: 1,
        archived: false,
        createdAt: created,
        updatedAt: created,
        stages: stages(RENEWAL_STAGES),
      },
    ],
  };
}
