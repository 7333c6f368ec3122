/**
 * Deterministic stand-ins for values a real SmartLead account has and a dataset usually lacks (map ids,
 * stats ids, message ids). Same input, same output, on every machine: never random, never clock-based.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bit, over the UTF-8 bytes of `key`, then a 64-bit avalanche so similar keys give unrelated values. */
export function fnv1a64(key: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(key)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK_64;
  }
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK_64;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK_64;
  h ^= h >> 33n;
  return h;
}

/** A positive integer id in [base, base + 2^40) derived from `key` (safe as a JS number). */
export function derivedInt(key: string, base = 1_000_000_000): number {
  return base + Number(fnv1a64(key) & ((1n << 40n) - 1n));
}

/** A UUID-shaped id derived from `key` (version nibble 8: "custom", RFC 9562), like SmartLead's stats ids. */
export function derivedUuid(key: string): string {
  const hex = (
    fnv1a64(`${key}#a`).toString(16).padStart(16, '0') + fnv1a64(`${key}#b`).toString(16).padStart(16, '0')
  ).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** ISO 8601 (UTC, milliseconds) as SmartLead serves times; an unparsable value is passed through. */
export function isoTime(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

/** Milliseconds since the epoch, or NaN. */
export function timeMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : Number.NaN;
}

/** A number from a number or a numeric string (the dataset may carry either); undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** The domain part of an address (`example.com` for `a@Example.com`). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at >= 0 ? email.slice(at + 1).toLowerCase() : 'unknown.invalid';
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/**
 * A date-time query parameter as epoch ms: ISO 8601, `2023-10-16 10:33:02.000Z` (SmartLead's own examples),
 * a zone-less time (taken as UTC, not the machine's zone), or epoch milliseconds. NaN when unparsable.
 */
export function parseQueryTime(raw: string): number {
  const s = raw.trim();
  if (/^\d{10,}$/.test(s)) return Number(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`);
  return Date.parse(s.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
}
