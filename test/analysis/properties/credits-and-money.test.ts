/**
 * Properties checked by fast-check over generated inputs (shrunk to a minimal counterexample on failure), beside the
 * seeded-random portal invariants in test/analysis/metrics/invariants.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { touchCredits } from '../../../src/analysis/metrics/attribution.js';
import { formatMoney } from '../../../src/format/index.js';

const DAY = 86_400_000;
const CLOSE = Date.parse('2026-11-20T12:30:00.000Z');
// touches up to two years before the close, in whole minutes
const touches = fc.array(
  fc.integer({ min: 0, max: 2 * 365 * 24 * 60 }).map((m) => ({ at: CLOSE - m * 60_000 })),
  { minLength: 1, maxLength: 40 },
);
const halfLife = fc.double({ min: 0.5, max: 365, noNaN: true });

describe('attribution credits (MA-2, MA-3)', () => {
  it('sum to exactly 1 per conversion, each in [0, 1], for both models', () => {
    fc.assert(
      fc.property(touches, halfLife, fc.constantFrom('first_touch' as const, 'time_decay' as const), (ts, h, model) => {
        const credits = touchCredits(ts, CLOSE, model, h);
        expect(credits).toHaveLength(ts.length);
        for (const c of credits) expect(c >= 0 && c <= 1).toBe(true);
        expect(Math.abs(credits.reduce((s, c) => s + c, 0) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 400 },
    );
  });

  it('time decay never gives an older touch more credit than a newer one', () => {
    fc.assert(
      fc.property(touches, halfLife, (ts, h) => {
        const credits = touchCredits(ts, CLOSE, 'time_decay', h);
        for (let i = 0; i < ts.length; i++)
          for (let j = 0; j < ts.length; j++)
            if (ts[i]!.at < ts[j]!.at) expect(credits[i]!).toBeLessThanOrEqual(credits[j]! + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('first touch gives everything to the earliest instant, shared equally by ties', () => {
    fc.assert(
      fc.property(touches, (ts) => {
        const credits = touchCredits(ts, CLOSE, 'first_touch', 30);
        const earliest = Math.min(...ts.map((t) => t.at));
        const firsts = ts.filter((t) => t.at === earliest).length;
        ts.forEach((t, i) => expect(credits[i]!).toBeCloseTo(t.at === earliest ? 1 / firsts : 0, 12));
      }),
      { numRuns: 300 },
    );
  });

  it('a touch one half-life older than another gets half its weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 200 }), (h, newerDaysAgo) => {
        const pair = [{ at: CLOSE - (newerDaysAgo + h) * DAY }, { at: CLOSE - newerDaysAgo * DAY }];
        const [older, newer] = touchCredits(pair, CLOSE, 'time_decay', h);
        expect(older! / newer!).toBeCloseTo(0.5, 9);
      }),
    );
  });
});

describe('INR formatting', () => {
  const parse = (s: string): number => {
    const m = /^(-?)₹([\d,.]+)( L| Cr)?$/.exec(s);
    if (!m) throw new Error(`unexpected format ${s}`);
    const n = Number(m[2]!.replace(/,/g, '')) * (m[3] === ' Cr' ? 1e7 : m[3] === ' L' ? 1e5 : 1);
    return m[1] ? -n : n;
  };

  it('reads back within its rounding, in the right unit, for any amount up to ₹1,000 Cr', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), (amount) => {
        const text = formatMoney(amount, 'INR');
        const abs = Math.abs(amount);
        const back = parse(text);
        // the unit follows the rounded value: never "₹100 L" or "₹1,00,000"
        if (text.endsWith(' L')) expect(Math.abs(back)).toBeLessThan(1e7);
        if (!text.endsWith(' L') && !text.endsWith(' Cr')) expect(abs).toBeLessThan(1e5);
        // at most half a unit of the last shown digit away: ₹0.005 Cr, ₹0.05 L (≥ 10 L) or ₹0.005 L, ₹0.5
        const tolerance = text.endsWith(' Cr')
          ? abs >= 1e9
            ? 0.5e7
            : 0.005e7
          : text.endsWith(' L')
            ? abs >= 1e6
              ? 0.05e5
              : 0.005e5
            : 0.5;
        expect(Math.abs(back - amount)).toBeLessThanOrEqual(tolerance + 1e-6);
      }),
      { numRuns: 2000 },
    );
  });
});
