/** StoredObject → HubSpot's SimplePublicObject(WithAssociations) shape. */
import type { ObjectType } from '../../dataset/index.js';
import { v3AssociationName, type SandboxStore, type StoredObject } from '../store/index.js';
import { alwaysProperties, defaultProperties } from './object-types.js';
import { knownProperties } from './properties.js';

export interface ReadOptions {
  properties?: ReadonlyArray<string>;
  propertiesWithHistory?: ReadonlyArray<string>;
  associations?: ReadonlyArray<ObjectType>;
}

export function toPublicObject(store: SandboxStore, o: StoredObject, opts: ReadOptions = {}): Record<string, unknown> {
  // Named properties the object type does not have are ignored, as HubSpot does (not served as null).
  const known = opts.properties && opts.properties.length ? knownProperties(store, o.type) : undefined;
  const names = known
    ? [...opts.properties!.filter((n) => known.has(n) || o.properties[n] !== undefined), ...alwaysProperties(o.type)]
    : defaultProperties(o.type);
  const properties: Record<string, string | null> = {};
  for (const n of names) properties[n] = o.properties[n] ?? null;
  const out: Record<string, unknown> = { id: o.id, properties };
  if (opts.propertiesWithHistory?.length) {
    const hist = store.history(o.type, o.id, opts.propertiesWithHistory);
    const withHistory: Record<string, unknown[]> = {};
    for (const p of opts.propertiesWithHistory) {
      const versions = (hist[p] ?? []).map((v) =>
        (v as { value?: unknown }).value === null ? { ...(v as object), value: '' } : v,
      );
      // A value set without a recorded change still has one version: its current value.
      withHistory[p] =
        versions.length || o.properties[p] == null
          ? versions
          : [{ value: o.properties[p], timestamp: o.updatedAt, sourceType: 'CALCULATED' }];
    }
    out['propertiesWithHistory'] = withHistory;
  }
  out['createdAt'] = o.createdAt;
  out['updatedAt'] = o.updatedAt;
  out['archived'] = o.archived;
  if (o.archivedAt) out['archivedAt'] = o.archivedAt;
  if (opts.associations?.length) {
    const assoc: Record<string, unknown> = {};
    for (const to of opts.associations) {
      const { items } = store.associationsOf(o.type, o.id, to, 0, 500);
      if (!items.length) continue;
      assoc[to] = {
        results: items.flatMap((a) =>
          a.types.map((t) => ({ id: a.toId, type: v3AssociationName(o.type, to, t.typeId) })),
        ),
      };
    }
    if (Object.keys(assoc).length) out['associations'] = assoc;
  }
  return out;
}

/** Opaque-looking cursors, as HubSpot's are; they encode an offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

export function decodeCursor(after: string | null): number {
  if (!after) return 0;
  if (/^\d+$/.test(after)) return Number(after);
  const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function pagingFor(nextOffset: number, more: boolean): Record<string, unknown> {
  if (!more) return {};
  const after = encodeCursor(nextOffset);
  return { paging: { next: { after, link: `?after=${after}` } } };
}
