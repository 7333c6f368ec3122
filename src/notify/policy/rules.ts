/**
 * The adaptive rules: from an AE's responsiveness to how they are notified.
 *   ≥ 80 % acted on  → responsive: more items (5), less urgency (the ladder moves a day slower, L4 two days later)
 *   50–80 %          → standard: the profile's frequency and item count, the standard ladder
 *   20–50 %          → low: a single item, one step lower frequency (daily → twice weekly → weekly)
 *   < 20 %           → minimal: the weekly summary only, and earlier escalation (L4 two days sooner)
 *   never answered   → never: nothing direct to the AE; their manager is told weekly that support is needed
 * Until enough nudges were sent to score (profile.responsiveness null) the standard rules apply, and the tier never
 * drops below standard before MIN_EVIDENCE_NUDGES nudges over MIN_EVIDENCE_DAYS days; an AE's first
 * FIRST_DIGESTS_SINGLE digests carry a single item (start small, expand on responsiveness).
 */
import type { AeProfile, Frequency } from './profile.js';

export const TIERS = ['responsive', 'standard', 'low', 'minimal', 'never'] as const;
export const MIN_EVIDENCE_NUDGES = 10;
export const MIN_EVIDENCE_DAYS = 14;
export const FIRST_DIGESTS_SINGLE = 3;
export type Tier = (typeof TIERS)[number];

export interface LadderDays {
  /** Ladder day (1 = the first nudge) from which an item is at L2, L3, L4. */
  l2: number;
  l3: number;
  l4: number;
}

export interface Policy {
  tier: Tier;
  frequency: Frequency;
  maxItems: number;
  ladder: LadderDays;
  /** Send the AE their digest (false for `never`). */
  directToAe: boolean;
  /** The digest is the weekly summary. */
  summary: boolean;
  /** Why, in one line. */
  rule: string;
}

export function tierFor(profile: Pick<AeProfile, 'responsiveness' | 'responseRate'>): Tier {
  const r = profile.responsiveness;
  if (r === null) return 'standard';
  if (profile.responseRate === 0) return 'never';
  if (r >= 80) return 'responsive';
  if (r >= 50) return 'standard';
  if (r >= 20) return 'low';
  return 'minimal';
}

const LOWER: Record<Frequency, Frequency> = { daily: 'twice_weekly', twice_weekly: 'weekly', weekly: 'weekly' };

export function policyFor(profile: AeProfile): Policy {
  const tier = tierFor(profile);
  const n = profile.notification;
  const t = n.escalationThresholdDays;
  const standard: LadderDays = { l2: 3, l3: 5, l4: Math.max(t, 5) };
  const earlier: LadderDays = { l2: 3, l3: Math.min(5, Math.max(3, t - 2)), l4: Math.max(3, t - 2) };
  const score = profile.responsiveness === null ? 'not scored yet' : `acts on ${profile.responsiveness}% of nudges`;
  switch (tier) {
    case 'responsive':
      return {
        tier,
        frequency: n.frequency,
        maxItems: 5,
        ladder: { l2: 4, l3: 6, l4: Math.max(t, 5) + 2 },
        directToAe: true,
        summary: false,
        rule: `${score} (≥ 80%): more items, less urgency`,
      };
    case 'standard':
      return {
        tier,
        frequency: n.frequency,
        maxItems: n.maxItems,
        ladder: standard,
        directToAe: true,
        summary: false,
        rule: `${score}: standard`,
      };
    case 'low':
      return {
        tier,
        frequency: LOWER[n.frequency],
        maxItems: 1,
        ladder: standard,
        directToAe: true,
        summary: false,
        rule: `${score} (20–50%): a single item, lower frequency`,
      };
    case 'minimal':
      return {
        tier,
        frequency: 'weekly',
        maxItems: 3,
        ladder: earlier,
        directToAe: true,
        summary: true,
        rule: `${score} (< 20%): weekly summary only, earlier escalation`,
      };
    case 'never':
      return {
        tier,
        frequency: 'weekly',
        maxItems: 3,
        ladder: earlier,
        directToAe: false,
        summary: true,
        rule: `never answered ${profile.responseRate === 0 ? 'a nudge in the window' : ''}: manager notified, nothing direct`.trim(),
      };
  }
}

/** Days of the week a frequency allows (weekends are decided separately). */
export const FREQUENCY_DAYS: Record<Frequency, ReadonlyArray<string>> = {
  daily: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  twice_weekly: ['Mon', 'Thu'],
  weekly: ['Mon'],
};
