/** Money for people: ₹ lakh/crore for INR (₹15.2 L, ₹1.25 Cr), the currency's own compact form otherwise. */

const LAKH = 100_000;
const CRORE = 10_000_000;

/** n with up to `digits` decimals, trailing decimal zeros dropped ("15.20" → "15.2", "250" stays "250"). */
function trim(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (currency === 'INR') {
    // Decide the unit after rounding, so ₹99.96 L reads ₹1 Cr rather than ₹100 L.
    const lakhs = Number((abs / LAKH).toFixed(abs >= 10 * LAKH ? 1 : 2));
    if (lakhs >= 100) return `${sign}₹${trim(abs / CRORE, abs >= 100 * CRORE ? 0 : 2)} Cr`;
    if (abs >= LAKH) return `${sign}₹${trim(lakhs, 2)} L`;
    return `${sign}₹${Math.round(abs).toLocaleString('en-IN')}`;
  }
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      notation: abs >= 100_000 ? 'compact' : 'standard',
      maximumFractionDigits: abs >= 100_000 ? 1 : 0,
    }).format(amount);
  } catch {
    return `${sign}${currency} ${Math.round(abs).toLocaleString('en')}`;
  }
}

/** Whole amount with the currency's grouping (Indian 1,52,000 for INR), for evidence and exports. */
export function formatMoneyExact(amount: number, currency: string): string {
  if (currency === 'INR') return `₹${Math.round(amount).toLocaleString('en-IN')}`;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${currency} ${Math.round(amount).toLocaleString('en')}`;
  }
}
