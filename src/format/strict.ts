/**
 * Strict input values: ISO 8601 dates and date-times that name a real calendar day (no "5", no "2026-02-30"),
 * and IANA time zones this runtime knows.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `2026-02-28` yes; `2026-02-30`, `5`, `28/02/2026` no. */
export function isStrictIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  return Boolean(m && realDay(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** `2026-02-28T10:00:00Z`, `2026-02-28T10:00+05:30`; the hour, minute and second in range. */
export function isStrictIsoDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [h, min, sec] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (h > 23 || min > 59 || sec > 59) return false;
  if (m[7] && !/^z$/i.test(m[7])) {
    const off = m[7].replace(':', '');
    if (Number(off.slice(1, 3)) > 14 || Number(off.slice(3, 5)) > 59) return false;
  }
  return !Number.isNaN(Date.parse(s.replace(' ', 'T')));
}

/** A date or a date-time (what `--as-of`, `--from`, `--to` and dataset timestamps accept). */
export function isStrictIso(s: string): boolean {
  return isStrictIsoDate(s) || isStrictIsoDateTime(s);
}

/** An IANA time zone this runtime can format in ("Asia/Kolkata" yes, "Mars/Phobos" no). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The largest deal amount accepted as real: 10^13 (₹10 lakh crore); above it, a value is a data-entry error. */
export const MAX_AMOUNT = 1e13;

/** A usable amount: a finite number from 0 to MAX_AMOUNT. */
export function isPlausibleAmount(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= MAX_AMOUNT;
}

/**
 * Control characters (except tab and newline), bidirectional overrides/isolates and zero-width characters removed:
 * CRM text and AE updates may carry them to make a name read differently from what it is.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
export function stripUnsafeText(s: string): string {
  return s.replace(UNSAFE, '');
}
