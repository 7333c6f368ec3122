/**
 * Money as Indian AEs write it: "15.2L", "15.2 lakhs", "80 lacs", "₹1.1 Cr", "1.15 crore", "50k", "1,52,000"
 * (Indian grouping), "1,520,000", "Rs 420000". A bare number counts only from 10,000 up (below that it is a count
 * of trucks, a "final 2", a day). Each amount carries the precision it was written with, so "15L" agrees with
 * ₹15.3 L in the CRM while "15.2L" does not.
 */
import type { AmountClaim } from '../schema.js';

export interface FoundAmount extends AmountClaim {
  index: number;
  end: number;
  /** Stated as a multi-year total (TCV), not the annual value the CRM keeps. */
  total?: boolean;
}

const UNITS: Array<[RegExp, number]> = [
  [/^(cr|crs|crore|crores|cro)$/i, 10_000_000],
  [/^(l|lac|lacs|lakh|lakhs|lkh|lk|lks)$/i, 100_000],
  [/^(k|thousand)$/i, 1_000],
  [/^(mn|million|mio)$/i, 1_000_000],
];

const CURRENCY = String.raw`(?:₹|rs\.?|inr)`;
const APPROX = String.raw`(?:~|approx\.?|approximately|around|abt|about|aprox|appx)`;
/** Words after a number that make it a count, not money. */
const NOT_MONEY_AFTER =
  /^\s*(%|percent|users?|trucks?|vehicles?|seats?|licen[cs]es?|lanes?|days?|weeks?|wks?|months?|mths?|yrs?|years?|hrs?|hours?|mins?|sites?|plants?|warehouses?|dcs?|locations?|drivers?|people|members?|x\b)/i;

// One alternation, longest forms first: unit amounts, grouped digits, plain digits.
const AMOUNT_RE = new RegExp(
  String.raw`(${APPROX}\s*)?(${CURRENCY}\s*)?(\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(crores?|crs?|cro|lakhs?|lacs?|lkh|lks?|l|k|thousand|mn|million|mio)?(?![a-z0-9])`,
  'giu',
);

function unitValue(unit: string | undefined): number | undefined {
  if (!unit) return undefined;
  for (const [re, v] of UNITS) if (re.test(unit)) return v;
  return undefined;
}

/** "1,52,000" (Indian) or "1,520,000" (western): the last group has 3 digits, the others 2 (Indian) or 3. */
function groupedValue(digits: string): number | undefined {
  const [whole, frac] = digits.split('.');
  const groups = whole!.split(',');
  if (groups.length === 1) return Number(digits);
  const last = groups[groups.length - 1]!;
  const middle = groups.slice(1, -1);
  const indian = last.length === 3 && middle.every((g) => g.length === 2);
  const western = groups.slice(1).every((g) => g.length === 3);
  if (!indian && !western) return undefined;
  return Number(groups.join('') + (frac ? `.${frac}` : ''));
}

export function parseAmounts(text: string): FoundAmount[] {
  const out: FoundAmount[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const [whole, approx, currency, digits, unit] = m;
    const start = m.index;
    const before = text.slice(Math.max(0, start - 1), start);
    // Part of a word or an id ("Q4", "v2", "4000314"), a date ("15/12"), a time ("10:30"), a phone number.
    if (/[A-Za-z0-9_/:+-]/.test(before) && !approx && !currency) continue;
    const after = text.slice(start + whole.length);
    if (/^[/:]\d/.test(after) || /^(st|nd|rd|th)\b/i.test(after)) continue;
    // A range ("10-12L", "10 to 12 lakh") is not a point claim: neither end is the amount.
    if (
      /^\s*(?:-|–|to)\s*\d/i.test(after) ||
      /\d\s*(?:l|lakhs?|cr)?\s*(?:-|–|\bto)\s*$/i.test(text.slice(Math.max(0, start - 12), start))
    )
      continue;
    // A unit price ("₹450/user/month", "2,000 per seat per month") is not a deal amount.
    if (
      /^\s*(?:\/|per\s+|a\s+)(?:user|seat|licen[cs]e|month|mo\b|head|login|vehicle|truck|bus|van)|^\s*pupm\b/i.test(
        after,
      )
    )
      continue;
    const base = groupedValue(digits!);
    if (base === undefined || !Number.isFinite(base)) continue;
    const mult = unitValue(unit);
    let value: number;
    let tolerance: number;
    const decimals = (digits!.split('.')[1] ?? '').length;
    if (mult !== undefined) {
      // "2L" needs the L to be a unit, not a word: "2 Lines" is excluded by the lookahead already.
      value = base * mult;
      tolerance = (0.5 * mult) / 10 ** decimals;
    } else {
      if (NOT_MONEY_AFTER.test(after)) continue;
      const grouped = digits!.includes(',');
      if (!grouped && !currency && base < 10_000) continue;
      if (!grouped && !currency && /^\d{10,}$/.test(digits!)) continue; // a phone number or an id
      if (base < 1_000) continue;
      value = base;
      tolerance = 0.5;
    }
    if (approx || /^\s*(\+|odd|ish|approx)/i.test(after)) tolerance = Math.max(tolerance, value * 0.05);
    value = Math.round(value);
    if (value <= 0) continue;
    const total =
      /\b(?:tcv|total contract(?: value)?|lifetime|over \d+ (?:years?|yrs?)|\d+[- ](?:year|yr|saal)s? (?:ka |total )?(?:tcv|value|deal))\W*$/i.test(
        text.slice(Math.max(0, start - 24), start),
      );
    out.push({
      raw: whole.trim(),
      value,
      tolerance: Math.round(tolerance),
      index: start,
      end: start + whole.length,
      ...(total ? { total: true } : {}),
    });
  }
  return out;
}

/** Whether a CRM amount agrees with what the AE wrote: within the written precision, and never worse than 1 %. */
export function amountsAgree(claim: Pick<AmountClaim, 'value' | 'tolerance'>, crm: number): boolean {
  return Math.abs(claim.value - crm) <= Math.max(claim.tolerance, crm * 0.01);
}
