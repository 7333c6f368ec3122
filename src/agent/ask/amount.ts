/**
 * Amount constraints in a question, the way Indian sales teams write them: "over 20 lakh", "above ₹1 crore",
 * "under 5L", "at least 50,00,000", "between 10L and 1 Cr", "1.5cr+", "more than INR 8.5 lakh". A number is an
 * amount only next to a comparison word, and only with a unit, a currency sign or at least four digits (so "top 5"
 * and "owner 71234" are not amounts).
 */

export interface AmountFilter {
  /** Strictly above. */
  above?: number;
  atLeast?: number;
  /** Strictly below. */
  below?: number;
  atMost?: number;
  /** The words the filter was read from. */
  written: string;
}

const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(crores?|crs?|cr)$/i, 10_000_000],
  [/^(lakhs?|lacs?|lakh|l)$/i, 100_000],
  [/^(k|thousand)$/i, 1_000],
  [/^(mn|million|m)$/i, 1_000_000],
];

const CURRENCY = String.raw`(?:₹|rs\.?|inr)?\s*`;
const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)`;
const UNIT = String.raw`\s*(crores?|crs?|cr|lakhs?|lacs?|l|k|thousand|mn|million|m)?\b`;
const AMOUNT = `(${CURRENCY}${NUMBER}${UNIT})`;

/** One amount as written ("20 lakh", "₹1 crore", "5L", "12,50,000"), or null when it is not an amount. */
export function parseAmount(written: string): number | null {
  const m = new RegExp(`^\\s*(₹|rs\\.?|inr)?\\s*${NUMBER}${UNIT}\\s*$`, 'i').exec(written);
  if (!m) return null;
  const digits = m[2]!.replace(/,/g, '');
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  const unit = m[3];
  if (!unit) return m[1] || digits.replace(/\..*/, '').length >= 4 ? n : null;
  const factor = UNITS.find(([re]) => re.test(unit))?.[1];
  return factor === undefined ? null : Math.round(n * factor);
}

const ABOVE = String.raw`over|above|more than|greater than|bigger than|larger than|exceeding|north of|>`;
const AT_LEAST = String.raw`at least|minimum( of)?|min\.?|>=|≥|upwards of|not less than`;
const BELOW = String.raw`under|below|less than|smaller than|lower than|<`;
const AT_MOST = String.raw`at most|up to|upto|max(imum)?( of)?|<=|≤|not more than`;

export function parseAmountFilter(question: string): AmountFilter | null {
  const q = question.replace(/\s+/g, ' ');
  const between = new RegExp(`\\bbetween ${AMOUNT} and ${AMOUNT}`, 'i').exec(q);
  if (between) {
    const a = parseAmount(between[1]!);
    const b = parseAmount(between[4]!);
    if (a !== null && b !== null) return { atLeast: Math.min(a, b), atMost: Math.max(a, b), written: between[0] };
  }
  const out: AmountFilter = { written: '' };
  const words: string[] = [];
  const take = (kind: 'above' | 'atLeast' | 'below' | 'atMost', re: RegExp) => {
    const m = re.exec(q);
    if (!m) return;
    const n = parseAmount(m[m.length - 3]!);
    if (n === null) return;
    out[kind] = n;
    words.push(m[0].trim());
  };
  take('atLeast', new RegExp(`(?:^|[^\\w])(?:${AT_LEAST}) ?${AMOUNT}`, 'i'));
  if (out.atLeast === undefined) take('above', new RegExp(`(?:^|[^\\w])(?:${ABOVE}) ?${AMOUNT}`, 'i'));
  take('atMost', new RegExp(`(?:^|[^\\w])(?:${AT_MOST}) ?${AMOUNT}`, 'i'));
  if (out.atMost === undefined) take('below', new RegExp(`(?:^|[^\\w])(?:${BELOW}) ?${AMOUNT}`, 'i'));
  // "1 Cr+", "50L and above", "20 lakh plus"
  if (out.atLeast === undefined && out.above === undefined) {
    const plus = new RegExp(`${AMOUNT}(?:\\s*\\+|\\s+(?:and|&) (?:above|more|over)|\\s+plus\\b)`, 'i').exec(q);
    const n = plus ? parseAmount(plus[1]!) : null;
    if (plus && n !== null) {
      out.atLeast = n;
      words.push(plus[0].trim());
    }
  }
  if (!words.length) return null;
  out.written = words.join(', ');
  return out;
}

/** Whether an amount meets the filter (a deal with no amount meets no amount constraint). */
export function amountMeets(amount: number | null, f: AmountFilter): boolean {
  if (amount === null) return false;
  if (f.above !== undefined && !(amount > f.above)) return false;
  if (f.atLeast !== undefined && !(amount >= f.atLeast)) return false;
  if (f.below !== undefined && !(amount < f.below)) return false;
  if (f.atMost !== undefined && !(amount <= f.atMost)) return false;
  return true;
}
