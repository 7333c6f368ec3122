/**
 * A structural JSON Schema (draft-07 subset) checker for tool schemas: known types and keywords with values of
 * the right kind, required names that exist, resolvable $refs. Returns the problems found (none: valid).
 */
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const KNOWN = new Set([
  '$schema',
  '$ref',
  'definitions',
  '$defs',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'description',
  'title',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'propertyNames',
  'examples',
  'id',
]);

export function schemaProblems(schema: unknown, root: unknown = schema, path = '#'): string[] {
  const out: string[] = [];
  if (schema === true || schema === false) return out;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return [`${path}: a schema must be an object or boolean`];
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) out.push(`${path}: unknown keyword ${k}`);
  if ('type' in s) {
    const types = Array.isArray(s['type']) ? s['type'] : [s['type']];
    for (const t of types)
      if (typeof t !== 'string' || !TYPES.has(t)) out.push(`${path}: bad type ${JSON.stringify(t)}`);
  }
  if ('description' in s && typeof s['description'] !== 'string') out.push(`${path}: description must be a string`);
  if ('enum' in s && (!Array.isArray(s['enum']) || s['enum'].length === 0))
    out.push(`${path}: enum must be a non-empty array`);
  if ('pattern' in s) {
    try {
      new RegExp(String(s['pattern']), 'u');
    } catch {
      out.push(`${path}: pattern does not compile`);
    }
  }
  for (const k of [
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'exclusiveMinimum',
    'exclusiveMaximum',
  ]) {
    if (k in s && typeof s[k] !== 'number') out.push(`${path}: ${k} must be a number`);
  }
  if ('properties' in s) {
    const props = s['properties'];
    if (!props || typeof props !== 'object' || Array.isArray(props)) out.push(`${path}: properties must be an object`);
    else
      for (const [name, sub] of Object.entries(props))
        out.push(...schemaProblems(sub, root, `${path}/properties/${name}`));
  }
  if ('required' in s) {
    const req = s['required'];
    const props = (s['properties'] ?? {}) as Record<string, unknown>;
    if (!Array.isArray(req)) out.push(`${path}: required must be an array`);
    else
      for (const r of req)
        if (typeof r !== 'string' || !(r in props)) out.push(`${path}: required ${String(r)} is not a property`);
  }
  for (const k of ['items', 'additionalProperties', 'not', 'propertyNames']) {
    if (k in s && typeof s[k] !== 'boolean') out.push(...schemaProblems(s[k], root, `${path}/${k}`));
  }
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    if (!(k in s)) continue;
    const list = s[k];
    if (!Array.isArray(list) || !list.length) out.push(`${path}: ${k} must be a non-empty array`);
    else list.forEach((sub, i) => out.push(...schemaProblems(sub, root, `${path}/${k}/${i}`)));
  }
  for (const k of ['definitions', '$defs']) {
    if (!(k in s)) continue;
    for (const [name, sub] of Object.entries(s[k] as Record<string, unknown>))
      out.push(...schemaProblems(sub, root, `${path}/${k}/${name}`));
  }
  if ('$ref' in s) {
    const ref = s['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#/')) out.push(`${path}: only local $refs are expected`);
    else {
      let node: unknown = root;
      for (const part of ref.slice(2).split('/'))
        node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      if (node === undefined) out.push(`${path}: $ref ${ref} does not resolve`);
    }
  }
  return out;
}
