/**
 * HubSpot CRM search semantics (docs/api-facts.md A2): how a filter operator compares a property value. The product's
 * in-memory CRM (memory/dataset-crm.ts) and the sandbox's search endpoint both use these, so they answer alike.
 */
export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Numbers and dates compare as numbers (dates as epoch ms, as filter values are sent); anything else as text. */
export function comparable(v: string | null | undefined): number | string | null {
  if (v === null || v === undefined || v === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return v.toLowerCase();
}

function cmp(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function tokens(v: string): string[] {
  return v
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function tokenMatch(value: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.includes('*')) {
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  const want = tokens(p);
  const have = new Set(tokens(value));
  return want.length > 0 && want.every((t) => have.has(t));
}

/** The per-row predicate registered in SQLite as hs_filter(value, operator, argsJson). */
export function filterMatches(
  value: string | null,
  op: Operator,
  args: { value?: string; highValue?: string; values?: string[] },
): boolean {
  const v = comparable(value);
  switch (op) {
    case 'HAS_PROPERTY':
      return v !== null;
    case 'NOT_HAS_PROPERTY':
      return v === null;
    case 'EQ':
      return v !== null && cmp(v, comparable(args.value) ?? '') === 0;
    case 'NEQ':
      return v === null || cmp(v, comparable(args.value) ?? '') !== 0;
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE': {
      const a = comparable(args.value);
      if (v === null || a === null) return false;
      const c = cmp(v, a);
      return op === 'LT' ? c < 0 : op === 'LTE' ? c <= 0 : op === 'GT' ? c > 0 : c >= 0;
    }
    case 'BETWEEN': {
      const lo = comparable(args.value);
      const hi = comparable(args.highValue);
      return v !== null && lo !== null && hi !== null && cmp(v, lo) >= 0 && cmp(v, hi) <= 0;
    }
    case 'IN':
      return v !== null && (args.values ?? []).some((x) => cmp(v, comparable(x) ?? '') === 0);
    case 'NOT_IN':
      return v === null || !(args.values ?? []).some((x) => cmp(v, comparable(x) ?? '') === 0);
    case 'CONTAINS_TOKEN':
      return value !== null && tokenMatch(value, args.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return value === null || !tokenMatch(value, args.value ?? '');
  }
}
