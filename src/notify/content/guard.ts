/**
 * The wording guard. Personalised wording (the claude driver's `digest-generation` prompt) may rephrase, but every
 * number must come from the digest model: wording that introduces a number the model does not hold is rejected.
 * Numbers are compared as written digit groups: "₹15.2 L" carries 15.2, "18 days" 18, "1,52,000" 152000,
 * "20 Nov 2026" 20 and 2026. Links and ids in the model do not count as sources.
 */
import { MisError } from '../../errors/index.js';
import type { Digest } from './digest.js';

export class WordingRejectedError extends MisError {
  readonly unknown: string[];
  constructor(unknown: string[]) {
    super(
      'NOTIFY_WORDING',
      `personalised wording rejected: ${unknown.length === 1 ? 'a number' : 'numbers'} not in the digest model (${unknown.join(', ')})`,
      {
        hint: 'The plain rendering is used instead; use only the numbers, names and dates the digest model gives.',
      },
    );
    this.unknown = unknown;
  }
}

const SKIP_KEYS = new Set(['links', 'managerCc', 'nudgeId', 'format']);

/** Digit groups in text, normalised: separators dropped ("1,52,000" → "152000"), trailing decimal zeros trimmed. */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d+(?:,\d+)*(?:\.\d+)*/g)) {
    const raw = m[0].replace(/,/g, '');
    const parts = raw.split('.');
    // "15.2" is one decimal; "1.2.3" is three numbers.
    const nums = parts.length === 2 ? [raw] : parts;
    for (const n of nums) out.push(String(Number(n)));
  }
  return out;
}

/** Every number the model holds, as text renderings show it. */
export function modelNumbers(d: Digest): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (SKIP_KEYS.has(key)) return;
    if (typeof v === 'number') {
      for (const n of numbersIn(String(v))) found.add(n);
      if (!Number.isInteger(v)) found.add(String(Math.round(v * 100))); // 0.62 may read as 62%
    } else if (typeof v === 'string') for (const n of numbersIn(v)) found.add(n);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(d, '');
  return found;
}

export function checkWording(text: string, d: Digest): { ok: boolean; unknown: string[] } {
  const known = modelNumbers(d);
  const unknown = [...new Set(numbersIn(text).filter((n) => !known.has(n)))];
  return { ok: unknown.length === 0, unknown };
}

/** Returns the wording when every number in it is in the model; throws WordingRejectedError otherwise. */
export function guardWording(text: string, d: Digest): string {
  const r = checkWording(text, d);
  if (!r.ok) throw new WordingRejectedError(r.unknown);
  return text;
}
