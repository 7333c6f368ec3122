/**
 * Bounded results: every tool answer stays under a byte budget (default 20 KB of JSON). Lists are paged with an
 * opaque cursor and cut to fit; anything still too large is trimmed here, centrally, and flagged `truncated`.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../errors/index.js';

export const DEFAULT_MAX_RESULT_BYTES = 20_000;
/** CRM text (notes, emails, SmartLead messages) is quoted at most this long. */
export const MAX_QUOTE_CHARS = 600;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

interface CursorState {
  o: number;
  k: string;
}

/** A short digest of the query a cursor belongs to, so a cursor is never applied to another query. */
export function queryKey(query: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(query ?? null))
    .digest('base64url')
    .slice(0, 10);
}

export function encodeCursor(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key } satisfies CursorState)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, key: string): number {
  if (cursor === undefined || cursor === '') return 0;
  let state: Partial<CursorState>;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
  } catch {
    throw new UsageError(
      'cursor is not a cursor this server issued',
      'Pass the nextCursor of the previous result unchanged, or omit cursor to start from the first page.',
    );
  }
  if (typeof state.o !== 'number' || !Number.isInteger(state.o) || state.o < 0 || typeof state.k !== 'string') {
    throw new UsageError(
      'cursor is not a cursor this server issued',
      'Pass the nextCursor of the previous result unchanged, or omit cursor to start from the first page.',
    );
  }
  if (state.k !== key) {
    throw new UsageError(
      'cursor belongs to a different query',
      'Repeat the call with the same arguments as the one that returned this nextCursor, or omit cursor.',
    );
  }
  return state.o;
}

export interface PageInfo {
  /** Items matching the query in all. */
  total: number;
  /** Pass as `cursor` to get the next items; null when this is the last page. */
  nextCursor: string | null;
  /** More items match than are returned here (see nextCursor), or something was shortened to fit the size bound. */
  truncated: boolean;
}

export interface PageOptions {
  cursor?: string | undefined;
  limit: number;
  /** The query's arguments without cursor and limit: ties the cursor to it. */
  query: unknown;
  maxBytes: number;
}

/**
 * One page of `all`: from the cursor, at most `limit` items, and no more than fit in `maxBytes` once `build`
 * wraps them. At least one item is returned when any remains (that one is trimmed centrally if it is huge).
 */
export function pageOf<T, R>(all: readonly T[], opts: PageOptions, build: (items: T[], page: PageInfo) => R): R {
  const key = queryKey(opts.query);
  const offset = Math.min(decodeCursor(opts.cursor, key), all.length);
  const want = all.slice(offset, offset + Math.max(1, opts.limit));
  const make = (n: number): R => {
    const end = offset + n;
    const more = end < all.length;
    return build(want.slice(0, n), {
      total: all.length,
      nextCursor: more ? encodeCursor(end, key) : null,
      truncated: more,
    });
  };
  let best = make(want.length);
  if (jsonBytes(best) <= opts.maxBytes || want.length <= 1) return best;
  // The largest n that fits, by bisection (sizes grow with n).
  let lo = 1;
  let hi = want.length - 1;
  best = make(1);
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = make(mid);
    if (jsonBytes(r) <= opts.maxBytes) {
      best = r;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The central guard: if `value` is over `maxBytes`, shorten its longest arrays and strings until it fits, and
 * set the top-level `truncated` flag. Shapes are kept (arrays stay arrays), so the output schema still holds.
 */
export function enforceBound<T extends { truncated: boolean }>(value: T, maxBytes: number): T {
  if (jsonBytes(value) <= maxBytes) return value;
  const copy = JSON.parse(JSON.stringify(value)) as { [k: string]: Json } & { truncated: boolean };
  copy.truncated = true;
  for (let guard = 0; guard < 10_000 && jsonBytes(copy) > maxBytes; guard++) {
    const target = largest(copy);
    if (!target) break;
    if (Array.isArray(target.value)) {
      const arr = target.value;
      const keep = arr.length > 1 ? Math.floor(arr.length / 2) : 0;
      arr.length = keep;
    } else if (typeof target.value === 'string') {
      const s = target.value;
      const cut = Math.max(0, Math.floor(s.length / 2) - 1);
      target.set(`${s.slice(0, cut)}…`);
    }
  }
  return copy as unknown as T;
}

interface Slot {
  value: Json[] | string;
  size: number;
  set(v: string): void;
}

/**
 * What to shorten next: the biggest array of two or more items, unless one string is at least half its size
 * (then that string); single-item arrays only when nothing else is left.
 */
function largest(root: Json): Slot | null {
  let arr: Slot | null = null;
  let single: Slot | null = null;
  let str: Slot | null = null;
  const visit = (v: Json, set: (x: string) => void): void => {
    if (Array.isArray(v)) {
      if (v.length > 0) {
        const size = jsonBytes(v);
        if (v.length > 1) {
          if (!arr || size > arr.size) arr = { value: v, size, set };
        } else if (!single || size > single.size) single = { value: v, size, set };
      }
      v.forEach((x, i) => visit(x, (s) => (v[i] = s)));
    } else if (typeof v === 'string') {
      if (v.length > 40) {
        const size = Buffer.byteLength(v, 'utf8');
        if (!str || size > str.size) str = { value: v, size, set };
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) visit(v[k]!, (s) => (v[k] = s));
    }
  };
  visit(root, () => undefined);
  const a = arr as Slot | null;
  const s = str as Slot | null;
  if (a && (!s || s.size * 2 < a.size)) return a;
  return s ?? single;
}
