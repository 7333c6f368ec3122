import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generator/random.js';
import { closeDateValue, istWeekStart, iso, nextWorkMoment } from '../../src/generator/time.js';

describe('Rng', () => {
  it('is a pure function of the seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng(43).next()).not.toBe(new Rng(42).next());
    expect(new Rng(2 ** 32 + 1).next()).not.toBe(new Rng(1).next());
  });

  it('forks depend on the label, not on how much the parent has drawn', () => {
    const a = new Rng(7);
    const before = a.fork('x').next();
    a.next();
    expect(a.fork('x').next()).toBe(before);
    expect(a.fork('y').next()).not.toBe(before);
  });

  it('int, pick, weighted and shuffle stay in range', () => {
    const r = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(
      r.weighted([
        ['a', 0],
        ['b', 1],
      ] as const),
    ).toBe('b');
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('time helpers', () => {
  it('iso matches Date#toISOString to the second', () => {
    const r = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(2024, 0, 1) + r.next() * 4 * 365 * 86_400_000;
      expect(iso(ms)).toBe(new Date(Math.round(ms / 1000) * 1000).toISOString());
    }
  });

  it('weeks start on Monday in IST; close dates are the IST calendar day at 00:00Z', () => {
    const asOf = Date.parse('2026-11-20T18:00:00+05:30');
    expect(new Date(istWeekStart(asOf)).toISOString()).toBe('2026-11-15T18:30:00.000Z');
    expect(closeDateValue(Date.parse('2026-12-14T20:00:00Z'))).toBe('2026-12-15T00:00:00.000Z');
  });

  it('nextWorkMoment lands in working hours, never earlier', () => {
    const r = new Rng(5);
    const sunday = Date.parse('2026-11-22T23:00:00+05:30');
    const t = nextWorkMoment(r, sunday);
    expect(t).toBeGreaterThan(sunday);
    expect(new Date(t + 330 * 60_000).getUTCDay()).toBe(1);
  });
});
