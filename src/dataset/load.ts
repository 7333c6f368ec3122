/**
 * Reading and checking `portal@1` files. A file is either entirely valid or refused with the JSON path of
 * its first problem; callers load nothing from a refused file.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { DatasetError, MisError } from '../errors/index.js';
import { isStrictIso, MAX_AMOUNT } from '../format/index.js';
import { associationSchema, crmRecordSchema, OBJECT_TYPES, portalSchema, type PortalDataset } from './schema.js';

/** `a.b[3].c` from a zod issue path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The big arrays are validated element by element, each replaced in place by its parsed copy, so a 20k-deal
 * portal (300k engagements, 1M associations) is never held twice; the rest is validated with a shell schema.
 */
const BIG_ARRAYS: ReadonlyArray<readonly [ReadonlyArray<string>, z.ZodType]> = [
  ...OBJECT_TYPES.map((t): readonly [ReadonlyArray<string>, z.ZodType] => [['objects', t], crmRecordSchema]),
  [['associations'], associationSchema],
];

const shellSchema = portalSchema.extend({
  objects: z.looseObject(Object.fromEntries(OBJECT_TYPES.map((t) => [t, z.array(z.unknown()).default([])]))),
  associations: z.array(z.unknown()).default([]),
});

function validateInPlace(value: unknown, source: string): void {
  for (const [path, schema] of BIG_ARRAYS) {
    let arr: unknown = value;
    for (const key of path) arr = arr && typeof arr === 'object' ? (arr as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(arr)) continue; // absent or wrong type: the shell schema reports it
    for (let i = 0; i < arr.length; i++) {
      const r = schema.safeParse(arr[i]);
      if (!r.success) {
        const issue = firstIssue(r.error.issues);
        throw new DatasetError(source, formatPath([...path, i, ...issue.path]), issue.message);
      }
      arr[i] = r.data;
    }
  }
}

/** Validate an already-parsed value. `source` names it in messages (a file path or "dataset"). */
export function parsePortal(value: unknown, source = 'dataset'): PortalDataset {
  validateInPlace(value, source);
  const result = shellSchema.safeParse(value);
  if (!result.success) {
    const issue = firstIssue(result.error.issues);
    throw new DatasetError(source, formatPath(issue.path), issue.message);
  }
  const data = result.data as unknown as PortalDataset;
  checkReferences(data, source);
  return data;
}

export function readPortalFile(file: string): PortalDataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MisError('DATASET_UNREADABLE', `cannot read dataset ${file} (${code})`, {
      hint: 'Check the path (MIS_DATASET or --dataset) and that the file is readable.',
    });
  }
  const tooDeep = nestingBeyond(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    throw new DatasetError(
      file,
      '',
      `arrays or objects nested more than ${MAX_DEPTH} levels deep (at character ${tooDeep.toLocaleString('en')}); a portal file is never that deep`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DatasetError(file, '', `not valid JSON: ${(e as Error).message}`);
  }
  return parsePortal(value, file);
}

/** A portal@1 file is at most ~8 levels deep; far deeper nesting is a broken or hostile file (and would overflow the stack). */
const MAX_DEPTH = 64;

/** The offset where JSON text first nests deeper than `max`, or undefined. Strings are skipped; the text is not parsed. */
export function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** A cheap identity of a dataset file, used to notice that the sandbox store must be reloaded. */
export function fileFingerprint(file: string): string {
  const st = statSync(file);
  return `${st.size}:${Math.floor(st.mtimeMs)}`;
}

function firstIssue(issues: ReadonlyArray<z.core.$ZodIssue>): z.core.$ZodIssue {
  // Unions report nested issues; the first leaf is the most useful.
  let issue = issues[0]!;
  while (issue.code === 'invalid_union' && issue.errors[0]?.[0]) {
    const nested = issue.errors[0][0];
    issue = { ...nested, path: [...issue.path, ...nested.path] } as z.core.$ZodIssue;
  }
  return issue;
}

/** Cross-record rules that a schema cannot express: unique ids, and every reference pointing at something. */
function checkReferences(d: PortalDataset, source: string): void {
  const fail = (path: string, problem: string): never => {
    throw new DatasetError(source, path, problem);
  };

  const ownerIds = new Set<string>();
  d.owners.forEach((o, i) => {
    if (ownerIds.has(o.id)) fail(`owners[${i}].id`, `duplicate owner id "${o.id}"`);
    ownerIds.add(o.id);
  });
  for (const [owner, manager] of Object.entries(d.managers ?? {})) {
    if (!ownerIds.has(owner)) fail(`managers.${owner}`, `owner "${owner}" is not in owners`);
    if (!ownerIds.has(manager)) fail(`managers.${owner}`, `manager "${manager}" is not in owners`);
  }

  const stagesByPipeline = new Map<string, Set<string>>();
  d.pipelines.deals.forEach((p, i) => {
    if (stagesByPipeline.has(p.id)) fail(`pipelines.deals[${i}].id`, `duplicate pipeline id "${p.id}"`);
    const stages = new Set<string>();
    p.stages.forEach((s, j) => {
      if (stages.has(s.id)) fail(`pipelines.deals[${i}].stages[${j}].id`, `duplicate stage id "${s.id}"`);
      stages.add(s.id);
    });
    stagesByPipeline.set(p.id, stages);
  });
  const defaultPipeline = d.pipelines.deals[0]!.id;

  const ids = new Map<string, Set<string>>();
  for (const type of OBJECT_TYPES) {
    const seen = new Set<string>();
    d.objects[type].forEach((rec, i) => {
      const at = `objects.${type}[${i}]`;
      if (seen.has(rec.id)) fail(`${at}.id`, `duplicate ${type} id "${rec.id}"`);
      seen.add(rec.id);
      const owner = rec.properties['hubspot_owner_id'];
      if (owner && !ownerIds.has(owner)) fail(`${at}.properties.hubspot_owner_id`, `owner "${owner}" is not in owners`);
      if (type === 'deals') {
        const pipeline = rec.properties['pipeline'] ?? defaultPipeline;
        const stages = stagesByPipeline.get(pipeline);
        if (!stages) fail(`${at}.properties.pipeline`, `pipeline "${pipeline}" is not in pipelines.deals`);
        const stage = rec.properties['dealstage'];
        if (stage && !stages!.has(stage))
          fail(`${at}.properties.dealstage`, `stage "${stage}" is not in pipeline "${pipeline}"`);
        const amount = rec.properties['amount'];
        if (amount) {
          const problem = amountProblem(amount);
          if (problem) fail(`${at}.properties.amount`, problem);
        }
      }
      for (const key of DATE_PROPERTIES) {
        const v = rec.properties[key];
        if (v && !isDatePropertyValue(v))
          fail(`${at}.properties.${key}`, `"${v.slice(0, 40)}" is not an ISO 8601 date or date-time of a real day`);
      }
    });
    ids.set(type, seen);
  }

  d.associations.forEach((a, i) => {
    if (!ids.get(a.from.type)!.has(a.from.id))
      fail(`associations[${i}].from`, `no ${a.from.type} record with id "${a.from.id}"`);
    if (!ids.get(a.to.type)!.has(a.to.id)) fail(`associations[${i}].to`, `no ${a.to.type} record with id "${a.to.id}"`);
  });

  for (const [type, byId] of Object.entries(d.propertyHistory ?? {})) {
    for (const id of Object.keys(byId ?? {})) {
      if (!ids.get(type)!.has(id)) fail(`propertyHistory.${type}.${id}`, `no ${type} record with id "${id}"`);
    }
  }

  if (d.smartlead) {
    const campaigns = new Set<number>();
    d.smartlead.campaigns.forEach((c, i) => {
      if (campaigns.has(c.id)) fail(`smartlead.campaigns[${i}].id`, `duplicate campaign id ${c.id}`);
      campaigns.add(c.id);
    });
    const leads = new Set<string>();
    d.smartlead.leads.forEach((l, i) => {
      if (!campaigns.has(l.campaign_id))
        fail(`smartlead.leads[${i}].campaign_id`, `no campaign with id ${l.campaign_id}`);
      leads.add(`${l.campaign_id}:${l.lead.id}`);
    });
    d.smartlead.messages.forEach((m, i) => {
      if (!leads.has(`${m.campaign_id}:${m.lead_id}`))
        fail(`smartlead.messages[${i}].lead_id`, `lead ${m.lead_id} is not in campaign ${m.campaign_id}`);
    });
    d.smartlead.spend?.forEach((s, i) => {
      if (!campaigns.has(s.campaign_id))
        fail(`smartlead.spend[${i}].campaign_id`, `no campaign with id ${s.campaign_id}`);
    });
  }

  d.aeUpdates?.forEach((u, i) => {
    if (!ownerIds.has(u.ownerId)) fail(`aeUpdates[${i}].ownerId`, `owner "${u.ownerId}" is not in owners`);
  });
}

/** Date properties HubSpot serves as ISO strings (or, in older exports, epoch milliseconds). */
const DATE_PROPERTIES = [
  'closedate',
  'createdate',
  'hs_createdate',
  'hs_lastmodifieddate',
  'hs_timestamp',
  'notes_last_updated',
  'notes_last_contacted',
  'notes_next_activity_date',
] as const;

function isDatePropertyValue(v: string): boolean {
  return isStrictIso(v) || /^\d{12,13}$/.test(v);
}

/** Why a deal amount cannot be used (not a number, negative, absurdly large), or undefined when it can. */
export function amountProblem(raw: string): string | undefined {
  const shown = raw.length > 30 ? `${raw.slice(0, 30)}…` : raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return `amount "${shown}" is not a number`;
  if (n < 0) return `amount "${shown}" is negative`;
  if (n > MAX_AMOUNT)
    return `amount "${shown}" is larger than any real deal (the most accepted is ${MAX_AMOUNT.toExponential()})`;
  return undefined;
}
