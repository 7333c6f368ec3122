import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyExact, renderTable } from '../../src/format/index.js';

describe('formatMoney in INR', () => {
  it.each([
    [0, '₹0'],
    [85_000, '₹85,000'],
    [99_999, '₹99,999'],
    [1_00_000, '₹1 L'],
    [1_52_000, '₹1.52 L'],
    [15_20_000, '₹15.2 L'],
    [99_94_000, '₹99.9 L'],
    [99_96_000, '₹1 Cr'], // rounds to 100.0 L: shown in crore
    [1_10_00_000, '₹1.1 Cr'],
    [12_64_00_000, '₹12.64 Cr'],
    [-5_00_000, '-₹5 L'],
    [null, '—'],
  ])('%s → %s', (amount, want) => {
    expect(formatMoney(amount, 'INR')).toBe(want);
  });

  it("uses Indian digit grouping for exact amounts, and the currency's own form elsewhere", () => {
    expect(formatMoneyExact(1_52_000, 'INR')).toBe('₹1,52,000');
    expect(formatMoney(2_500_000, 'USD')).toBe('$2.5M');
    expect(formatMoney(1234, 'USD')).toBe('$1,234');
  });
});

describe('renderTable', () => {
  it('right-aligns numbers and money, left-aligns text, by display width (₹ is one column)', () => {
    const t = renderTable(
      ['Stage', 'Deals', 'Amount'],
      [
        ['Discovery', 7, '₹1.38 Cr'],
        ['Proposal Sent', 15, '₹3.49 Cr'],
        ['Won', 21, '₹96 L'],
      ],
    );
    const lines = t.split('\n');
    expect(lines[2]).toBe('  Discovery          7  ₹1.38 Cr');
    expect(lines[4]).toBe('  Won               21     ₹96 L');
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
  });
});

describe('whole crores keep their zeros (found by the fast-check property)', () => {
  it('₹100 Cr and ₹250 Cr are not shortened to ₹1 Cr and ₹25 Cr', () => {
    expect(formatMoney(1_000_000_000, 'INR')).toBe('₹100 Cr');
    expect(formatMoney(2_495_000_000, 'INR')).toBe('₹250 Cr');
    expect(formatMoney(-2_500_000_000, 'INR')).toBe('-₹250 Cr');
    expect(formatMoney(1_000_000, 'INR')).toBe('₹10 L');
  });
});
