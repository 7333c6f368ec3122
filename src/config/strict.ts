/**
 * Unknown keys in `mis.config.json` are refused, with the nearest valid key suggested. The check walks the value
 * alongside the zod schema, so every object in `teamConfigSchema` is strict without being declared so: a new key
 * is added in one place (the schema) and is then both accepted and suggested.
 */
import type { z } from 'zod';
import { nearest } from '../format/index.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Through optional/default/prefault/nullable/readonly/catch/pipe wrappers to the schema that shapes the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else break;
  }
  return s;
}

export interface UnknownKey {
  path: Array<string | number>;
  key: string;
  suggestion: string | undefined;
  valid: string[];
}

/** The first key of `value` that `schema` does not declare (records and loose objects take any key). */
export function findUnknownKey(
  schema: z.ZodType,
  value: unknown,
  path: Array<string | number> = [],
): UnknownKey | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const d = defOf(unwrap(schema));
  if (d.type === 'object' && d.shape) {
    if (Array.isArray(value)) return undefined;
    const open = d.catchall !== undefined && defOf(d.catchall).type !== 'never';
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const child = d.shape[key];
      if (!child) {
        if (open) continue;
        const valid = Object.keys(d.shape);
        return { path, key, suggestion: nearest(key, valid), valid };
      }
      const hit = findUnknownKey(child, v, [...path, key]);
      if (hit) return hit;
    }
    return undefined;
  }
  if (d.type === 'record' && d.valueType && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const hit = findUnknownKey(d.valueType, v, [...path, key]);
      if (hit) return hit;
    }
    return undefined;
  }
  if (d.type === 'array' && d.element && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnknownKey(d.element, value[i], [...path, i]);
      if (hit) return hit;
    }
  }
  return undefined;
}
