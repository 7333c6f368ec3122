/**
 * The escalation ladder per open item. Ladder day 1 is the item's first nudge; an item leaves the ladder when the
 * AE acts on it, skips it, or the finding goes away, and starts again at day 1 if it comes back.
 *   L1 (day 1)   gentle nudge: the single action, benefit framing ("so your report writes itself"), one tap
 *   L2 (day 3)   reminder: the same action with urgency in ₹ and days
 *   L3 (day 5)   summary: at most 3 pending items, the consequence ("X deals may go cold"), an option to cc the manager
 *   L4 (day 7+)  escalation: the manager is told directly, framed as "support needed"
 * The days move with the AE's tier (rules.ts).
 */
import type { LadderDays } from './rules.js';

export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'gentle nudge',
  2: 'reminder',
  3: 'summary',
  4: 'support needed',
};

export function levelFor(ladderDay: number, days: LadderDays): Level {
  if (ladderDay >= days.l4) return 4;
  if (ladderDay >= days.l3) return 3;
  if (ladderDay >= days.l2) return 2;
  return 1;
}

/** At L3 and above a digest carries at most this many items. */
export const L3_MAX_ITEMS = 3;

/** A manager hears about the same item again only after this many days. */
export const MANAGER_REPEAT_DAYS = 7;
