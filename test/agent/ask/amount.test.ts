import { describe, expect, it } from 'vitest';
import { amountMeets, parseAmount, parseAmountFilter } from '../../../src/agent/ask/amount.js';

describe('ask amounts', () => {
  it('reads Indian amounts in their common forms', () => {
    expect(parseAmount('20 lakh')).toBe(2_000_000);
    expect(parseAmount('₹1 crore')).toBe(10_000_000);
    expect(parseAmount('5L')).toBe(500_000);
    expect(parseAmount('1.5cr')).toBe(15_000_000);
    expect(parseAmount('12,50,000')).toBe(1_250_000);
    expect(parseAmount('INR 8.5 lakh')).toBe(850_000);
    expect(parseAmount('2 mn')).toBe(2_000_000);
    expect(parseAmount('5')).toBeNull();
    expect(parseAmount('Q3')).toBeNull();
  });

  it('reads comparison words into bounds', () => {
    expect(parseAmountFilter('Which deals over 20 lakh are closing this quarter?')).toMatchObject({ above: 2_000_000 });
    expect(parseAmountFilter("Which of Asha's open deals are above ₹1 crore?")).toMatchObject({ above: 10_000_000 });
    expect(parseAmountFilter('Deals under 5L in Negotiation / Contract')).toMatchObject({ below: 500_000 });
    expect(parseAmountFilter('at least 50,00,000')).toMatchObject({ atLeast: 5_000_000 });
    expect(parseAmountFilter('deals between 10L and 1 Cr')).toMatchObject({ atLeast: 1_000_000, atMost: 10_000_000 });
    expect(parseAmountFilter('show 1.5cr+ deals')).toMatchObject({ atLeast: 15_000_000 });
    expect(parseAmountFilter('deals of 50L and above')).toMatchObject({ atLeast: 5_000_000 });
    expect(parseAmountFilter('Which stale deals are worth more than 20 lakh?')).toMatchObject({ above: 2_000_000 });
    expect(parseAmountFilter('over 20 lakh but under 1 crore')).toMatchObject({ above: 2_000_000, below: 10_000_000 });
  });

  it('does not take counts, ids or quarter names for amounts', () => {
    expect(parseAmountFilter('top 5 deals')).toBeNull();
    expect(parseAmountFilter('deals of owner 71234 closing next month')).toBeNull();
    expect(parseAmountFilter('who has more than 3 stale deals')).toBeNull();
    expect(parseAmountFilter('what is our Q3 forecast')).toBeNull();
  });

  it('a deal without an amount meets no amount constraint', () => {
    expect(amountMeets(null, { above: 0, written: 'over 0' })).toBe(false);
    expect(amountMeets(2_000_000, { above: 2_000_000, written: '' })).toBe(false);
    expect(amountMeets(2_000_000, { atLeast: 2_000_000, written: '' })).toBe(true);
  });
});
