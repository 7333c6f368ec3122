import { DAY } from './time.js';
import type { Config } from './model.js';

export interface GeneratePortalOptions {
  /** PRNG seed (integer); default 42. */
  seed?: number;
  /** Number of deals; default 110. */
  deals?: number;
  /** The dataset's "now" (ISO 8601 with offset); default 2026-11-20T18:00:00+05:30, a Friday. */
  asOf?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_DEALS = 110;
export const DEFAULT_AS_OF = '2026-11-20T18:00:00+05:30';
/** Ids are laid out in fixed ranges (deals 4xxxxxx), which caps the size. */
export const MAX_DEALS = 50_000;

export function resolveOptions(options: GeneratePortalOptions): Config {
  const seed = options.seed ?? DEFAULT_SEED;
  const deals = options.deals ?? DEFAULT_DEALS;
  const asOfText = options.asOf ?? DEFAULT_AS_OF;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(deals) || deals < 1 || deals > MAX_DEALS) {
    throw new RangeError(`deals must be an integer from 1 to ${MAX_DEALS}, got ${deals}`);
  }
  const asOf = Date.parse(asOfText);
  if (Number.isNaN(asOf)) throw new RangeError(`asOf must be an ISO 8601 date-time, got "${asOfText}"`);
  return { seed, deals, asOfText, asOf, windowStart: asOf - 270 * DAY };
}
