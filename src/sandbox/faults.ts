/** Injected failures, scripted by tests or drawn from a seeded random sequence (the spec is parsed in config/). */
export interface ScriptedFault {
  status: number;
  /** How many matching requests fail before the fault is used up. */
  count: number;
  match?: string;
  /** For 429s: the HubSpot limit hit (`ten_secondly` default, `secondly` for search, `daily`) or SmartLead's Retry-After. */
  policy?: 'ten_secondly' | 'secondly' | 'daily';
  retryAfter?: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
