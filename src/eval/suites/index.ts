/** The suite registry: every suite `mis eval` knows, in the order it runs them. */
import type { AnySuite } from '../types.js';
import { dailyCompliance } from './daily-compliance.js';
import { askSuite } from './ask.js';
import { dealRisk } from './deal-risk.js';
import { digestSuite } from './digest.js';
import { reconcileSuite } from './reconcile.js';
import { weeklyMomentum } from './weekly-momentum.js';
import { briefSuite } from './brief.js';
import { nextActionSuite } from './next-action.js';
import { revopsSuite } from './revops.js';

export const SUITES: readonly AnySuite[] = [
  dailyCompliance,
  weeklyMomentum,
  dealRisk,
  digestSuite,
  reconcileSuite,
  askSuite,
  briefSuite,
  nextActionSuite,
  revopsSuite,
];

export function suiteNames(): string[] {
  return SUITES.map((s) => s.name);
}
