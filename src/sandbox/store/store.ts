/**
 * The sandbox's state: one SQLite database holding a whole portal. Loading replaces everything in one
 * transaction, so a refused or failing load leaves the previous state as it was.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OBJECT_TYPES, type ObjectType, type PortalDataset, type PortalDatasetInput } from '../../dataset/index.js';
import { SandboxError } from '../../errors/index.js';
import { defaultAssociationTypes, reverseTypes, type AssociationType } from './association-types.js';
import { migrate } from './schema.js';

export interface PortalInfo {
  name: string;
  currency: string;
  timezone: string;
  asOf: string;
  [key: string]: unknown;
}

export interface StoredObject {
  type: ObjectType;
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt: string | null;
  extra: Record<string, unknown> | null;
}

export interface StoredAssociation {
  toType: ObjectType;
  toId: string;
  types: AssociationType[];
}

export interface HistoryItem {
  value: string | null;
  timestamp: string;
  sourceType: string;
  [key: string]: unknown;
}

interface ObjectRow {
  type: ObjectType;
  id: string;
  properties: string;
  created_at: string;
  updated_at: string;
  archived: number;
  archived_at: string | null;
  extra: string | null;
}

const RECORD_KEYS = new Set(['id', 'properties', 'createdAt', 'updatedAt', 'archived', 'archivedAt']);
const TOP_KEYS = new Set([
  'format',
  'portal',
  'owners',
  'managers',
  'pipelines',
  'objects',
  'associations',
  'propertyHistory',
  'smartlead',
]);

export class SandboxStore {
  readonly db: Database.Database;
  readonly file: string;

  constructor(file = ':memory:') {
    this.file = file;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db, file);
    } catch (e) {
      if (e instanceof SandboxError) throw e;
      throw new SandboxError(
        `cannot open sandbox store ${file}: ${(e as Error).message}`,
        'Move the damaged file aside (or choose another MIS_STATE_DIR) and run again; it was not modified.',
      );
    }
  }

  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- meta

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  isEmpty(): boolean {
    return this.getMeta('portal') === undefined;
  }

  portal(): PortalInfo {
    const raw = this.getMeta('portal');
    if (!raw) throw new SandboxError('the sandbox store holds no portal yet', 'Load one with `mis sandbox load FILE`.');
    return JSON.parse(raw) as PortalInfo;
  }

  /** What the dataset carries beyond the two APIs: marketing campaigns and touches, SmartLead spend, AE updates. */
  extensions(): {
    marketing?: unknown;
    aeUpdates?: unknown;
    smartleadSpend: { campaign_id: number; amount: number }[];
  } {
    const ext = JSON.parse(this.getMeta('extensions') ?? '{}') as { marketing?: unknown; aeUpdates?: unknown };
    const spend = (this.db.prepare('SELECT json FROM sl_spend ORDER BY seq').all() as { json: string }[]).map(
      (r) => JSON.parse(r.json) as { campaign_id: number; amount: number },
    );
    return {
      ...(ext.marketing !== undefined ? { marketing: ext.marketing } : {}),
      ...(ext.aeUpdates !== undefined ? { aeUpdates: ext.aeUpdates } : {}),
      smartleadSpend: spend,
    };
  }

  managers(): Record<string, string> {
    return JSON.parse(this.getMeta('managers') ?? '{}') as Record<string, string>;
  }

  // ---------------------------------------------------------------- load / export

  /** Replace the whole store with a validated dataset, atomically. */
  load(d: PortalDataset, source: { fingerprint?: string; label?: string } = {}): void {
    const asOf = new Date(d.portal.asOf).toISOString();
    const db = this.db;
    const tx = db.transaction(() => {
      for (const t of [
        'meta',
        'owners',
        'pipelines',
        'objects',
        'associations',
        'history',
        'sl_campaigns',
        'sl_leads',
        'sl_messages',
        'sl_spend',
      ]) {
        db.exec(`DELETE FROM ${t}`);
      }
      this.setMeta('portal', JSON.stringify(d.portal));
      this.setMeta('managers', JSON.stringify(d.managers ?? {}));
      const extensions: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d)) if (!TOP_KEYS.has(k) && v !== undefined) extensions[k] = v;
      this.setMeta('extensions', JSON.stringify(extensions));
      if (source.fingerprint) this.setMeta('fingerprint', source.fingerprint);
      // A new generation tells caches built from the previous portal that they are stale.
      this.setMeta('generation', randomUUID());
      if (source.label) this.setMeta('source', source.label);

      const insOwner = db.prepare('INSERT INTO owners (id, seq, email, archived, json) VALUES (?, ?, ?, ?, ?)');
      d.owners.forEach((o, i) => {
        const full = { type: 'PERSON', archived: false, createdAt: asOf, updatedAt: asOf, ...o };
        insOwner.run(o.id, i, o.email?.toLowerCase() ?? null, o.archived ? 1 : 0, JSON.stringify(full));
      });

      const insPipeline = db.prepare('INSERT INTO pipelines (object_type, id, seq, json) VALUES (?, ?, ?, ?)');
      for (const [objectType, list] of Object.entries(d.pipelines)) {
        if (!Array.isArray(list)) continue;
        list.forEach((p, i) => insPipeline.run(objectType, (p as { id: string }).id, i, JSON.stringify(p)));
      }

      const insObject = db.prepare(
        `INSERT INTO objects (type, id, num_id, properties, created_at, updated_at, archived, archived_at, extra)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const type of OBJECT_TYPES) {
        for (const rec of d.objects[type]) {
          const p = { ...rec.properties };
          const created = isoOr(rec.createdAt ?? p['createdate'] ?? p['hs_createdate'] ?? p['hs_timestamp'], asOf);
          const updated = isoOr(rec.updatedAt ?? p['hs_lastmodifieddate'] ?? p['lastmodifieddate'], created);
          p['hs_object_id'] = rec.id;
          p['hs_lastmodifieddate'] ??= updated;
          if (type === 'contacts') p['lastmodifieddate'] ??= p['hs_lastmodifieddate'];
          if (type === 'deals' || type === 'contacts' || type === 'companies') p['createdate'] ??= created;
          else p['hs_createdate'] ??= created;
          if (type === 'deals') p['pipeline'] ??= d.pipelines.deals[0]!.id;
          const extra: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(rec)) if (!RECORD_KEYS.has(k)) extra[k] = v;
          insObject.run(
            type,
            rec.id,
            numId(rec.id),
            JSON.stringify(p),
            created,
            updated,
            rec.archived ? 1 : 0,
            rec.archivedAt ?? null,
            Object.keys(extra).length ? JSON.stringify(extra) : null,
          );
        }
      }

      const insAssoc = db.prepare(
        `INSERT INTO associations (from_type, from_id, to_type, to_id, types, origin, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      );
      const primaryTaken = new Set<string>();
      d.associations.forEach((a, i) => {
        let types = a.types as AssociationType[] | undefined;
        if (!types) {
          const key = `${a.from.type}:${a.from.id}->${a.to.type}`;
          const primary = a.to.type === 'companies' && !primaryTaken.has(key);
          if (primary) primaryTaken.add(key);
          types = defaultAssociationTypes(a.from.type, a.to.type, primary);
        }
        insAssoc.run(a.from.type, a.from.id, a.to.type, a.to.id, JSON.stringify(types), 1, i);
        insAssoc.run(
          a.to.type,
          a.to.id,
          a.from.type,
          a.from.id,
          JSON.stringify(reverseTypes(types, a.from.type, a.to.type)),
          0,
          i,
        );
      });

      const insHistory = db.prepare('INSERT INTO history (type, id, property, seq, json) VALUES (?, ?, ?, ?, ?)');
      for (const [type, byId] of Object.entries(d.propertyHistory ?? {})) {
        for (const [id, byProp] of Object.entries(byId ?? {})) {
          for (const [prop, entries] of Object.entries(byProp)) {
            const sorted = [...entries].sort((x, y) => Date.parse(x.timestamp) - Date.parse(y.timestamp));
            sorted.forEach((e, i) => insHistory.run(type, id, prop, i, JSON.stringify({ sourceType: 'CRM_UI', ...e })));
          }
        }
      }

      const sl = d.smartlead;
      if (sl) {
        const insCampaign = db.prepare('INSERT INTO sl_campaigns (id, json) VALUES (?, ?)');
        for (const c of sl.campaigns) insCampaign.run(c.id, JSON.stringify(c));
        const insLead = db.prepare(
          'INSERT INTO sl_leads (campaign_id, lead_id, email, seq, json) VALUES (?, ?, ?, ?, ?)',
        );
        sl.leads.forEach((l, i) =>
          insLead.run(l.campaign_id, l.lead.id, l.lead.email.trim().toLowerCase(), i, JSON.stringify(l)),
        );
        const insMsg = db.prepare(
          'INSERT INTO sl_messages (campaign_id, lead_id, seq, time, type, json) VALUES (?, ?, ?, ?, ?, ?)',
        );
        sl.messages.forEach((m, i) => insMsg.run(m.campaign_id, m.lead_id, i, m.time, m.type, JSON.stringify(m)));
        const insSpend = db.prepare('INSERT INTO sl_spend (campaign_id, seq, json) VALUES (?, ?, ?)');
        sl.spend?.forEach((s, i) => insSpend.run(s.campaign_id, i, JSON.stringify(s)));
      }
    });
    tx();
  }

  /** The store's current state as a `portal@1` document (writes made through the API included). */
  exportDataset(): PortalDatasetInput {
    const db = this.db;
    const owners = (db.prepare('SELECT json FROM owners ORDER BY seq').all() as { json: string }[]).map((r) =>
      JSON.parse(r.json),
    );
    const pipelines: Record<string, unknown[]> = {};
    for (const r of db.prepare('SELECT object_type, json FROM pipelines ORDER BY object_type, seq').all() as {
      object_type: string;
      json: string;
    }[]) {
      (pipelines[r.object_type] ??= []).push(JSON.parse(r.json));
    }
    const objects: Record<string, unknown[]> = {};
    for (const type of OBJECT_TYPES) {
      objects[type] = (
        db.prepare('SELECT * FROM objects WHERE type = ? ORDER BY num_id, id').all(type) as ObjectRow[]
      ).map((r) => {
        const o = toStored(r);
        const rec: Record<string, unknown> = {
          id: o.id,
          properties: o.properties,
          createdAt: o.createdAt,
          updatedAt: o.updatedAt,
          archived: o.archived,
        };
        if (o.archivedAt) rec['archivedAt'] = o.archivedAt;
        return { ...rec, ...(o.extra ?? {}) };
      });
    }
    const associations = (
      db
        .prepare(
          'SELECT from_type, from_id, to_type, to_id, types FROM associations WHERE origin = 1 ORDER BY seq, rowid',
        )
        .all() as {
        from_type: string;
        from_id: string;
        to_type: string;
        to_id: string;
        types: string;
      }[]
    ).map((r) => ({
      from: { type: r.from_type, id: r.from_id },
      to: { type: r.to_type, id: r.to_id },
      types: JSON.parse(r.types),
    }));
    const propertyHistory: Record<string, Record<string, Record<string, unknown[]>>> = {};
    for (const r of db
      .prepare('SELECT type, id, property, json FROM history ORDER BY type, id, property, seq')
      .all() as {
      type: string;
      id: string;
      property: string;
      json: string;
    }[]) {
      ((propertyHistory[r.type] ??= {})[r.id] ??= {})[r.property] ??= [];
      propertyHistory[r.type]![r.id]![r.property]!.push(JSON.parse(r.json));
    }
    const parse = (sql: string) => (db.prepare(sql).all() as { json: string }[]).map((r) => JSON.parse(r.json));
    const campaigns = parse('SELECT json FROM sl_campaigns ORDER BY id');
    const spend = parse('SELECT json FROM sl_spend ORDER BY seq');
    const smartlead = campaigns.length
      ? {
          campaigns,
          leads: parse('SELECT json FROM sl_leads ORDER BY seq'),
          messages: parse('SELECT json FROM sl_messages ORDER BY seq'),
          ...(spend.length ? { spend } : {}),
        }
      : undefined;
    const extensions = JSON.parse(this.getMeta('extensions') ?? '{}') as Record<string, unknown>;
    const managers = this.managers();
    return {
      format: 'sales-mis/portal@1',
      portal: this.portal(),
      owners,
      ...(Object.keys(managers).length ? { managers } : {}),
      pipelines,
      objects,
      associations,
      ...(Object.keys(propertyHistory).length ? { propertyHistory } : {}),
      ...(smartlead ? { smartlead } : {}),
      ...extensions,
    } as PortalDatasetInput;
  }

  // ---------------------------------------------------------------- objects

  getObject(type: ObjectType, id: string): StoredObject | undefined {
    const row = this.db.prepare('SELECT * FROM objects WHERE type = ? AND id = ?').get(type, id) as
      ObjectRow | undefined;
    return row ? toStored(row) : undefined;
  }

  /** A page of records by id order, starting after the cursor position `offset`. */
  pageObjects(
    type: ObjectType,
    archived: boolean,
    offset: number,
    limit: number,
  ): { items: StoredObject[]; more: boolean } {
    const rows = this.db
      .prepare('SELECT * FROM objects WHERE type = ? AND archived = ? ORDER BY num_id, id LIMIT ? OFFSET ?')
      .all(type, archived ? 1 : 0, limit + 1, offset) as ObjectRow[];
    return { items: rows.slice(0, limit).map(toStored), more: rows.length > limit };
  }

  nextId(type: ObjectType): string {
    const row = this.db.prepare('SELECT MAX(num_id) AS m FROM objects WHERE type = ?').get(type) as {
      m: number | null;
    };
    const base = OBJECT_TYPES.indexOf(type) + 1;
    return String(Math.max(row.m ?? 0, base * 10_000_000) + 1);
  }

  insertObject(o: StoredObject): void {
    this.db
      .prepare(
        `INSERT INTO objects (type, id, num_id, properties, created_at, updated_at, archived, archived_at, extra)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        o.type,
        o.id,
        numId(o.id),
        JSON.stringify(o.properties),
        o.createdAt,
        o.updatedAt,
        o.archived ? 1 : 0,
        o.archivedAt,
        o.extra ? JSON.stringify(o.extra) : null,
      );
  }

  updateObject(o: StoredObject): void {
    this.db
      .prepare(
        'UPDATE objects SET properties = ?, updated_at = ?, archived = ?, archived_at = ? WHERE type = ? AND id = ?',
      )
      .run(JSON.stringify(o.properties), o.updatedAt, o.archived ? 1 : 0, o.archivedAt, o.type, o.id);
  }

  // ---------------------------------------------------------------- associations

  associationsOf(
    fromType: ObjectType,
    fromId: string,
    toType: ObjectType,
    offset = 0,
    limit = 1_000_000,
  ): { items: StoredAssociation[]; more: boolean } {
    const rows = this.db
      .prepare(
        `SELECT a.to_type, a.to_id, a.types FROM associations a
         JOIN objects o ON o.type = a.to_type AND o.id = a.to_id AND o.archived = 0
         WHERE a.from_type = ? AND a.from_id = ? AND a.to_type = ?
         ORDER BY CAST(a.to_id AS INTEGER), a.to_id LIMIT ? OFFSET ?`,
      )
      .all(fromType, fromId, toType, limit + 1, offset) as { to_type: ObjectType; to_id: string; types: string }[];
    return {
      items: rows
        .slice(0, limit)
        .map((r) => ({ toType: r.to_type, toId: r.to_id, types: JSON.parse(r.types) as AssociationType[] })),
      more: rows.length > limit,
    };
  }

  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, types?: AssociationType[]): void {
    const t = types ?? defaultAssociationTypes(fromType, toType, false);
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM associations').get() as { s: number }).s;
    const up = this.db.prepare(
      `INSERT INTO associations (from_type, from_id, to_type, to_id, types, origin, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (from_type, from_id, to_type, to_id) DO UPDATE SET types = excluded.types`,
    );
    this.db.transaction(() => {
      up.run(fromType, fromId, toType, toId, JSON.stringify(t), 1, seq);
      up.run(toType, toId, fromType, fromId, JSON.stringify(reverseTypes(t, fromType, toType)), 0, seq);
    })();
  }

  dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): number {
    const del = this.db.prepare(
      'DELETE FROM associations WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ?',
    );
    return this.db.transaction(
      () => del.run(fromType, fromId, toType, toId).changes + del.run(toType, toId, fromType, fromId).changes,
    )();
  }

  // ---------------------------------------------------------------- history

  /** Versions of the given properties, newest first (as HubSpot serves propertiesWithHistory). */
  history(type: ObjectType, id: string, properties: ReadonlyArray<string>): Record<string, HistoryItem[]> {
    const out: Record<string, HistoryItem[]> = {};
    const q = this.db.prepare('SELECT json FROM history WHERE type = ? AND id = ? AND property = ? ORDER BY seq DESC');
    for (const p of properties) {
      out[p] = (q.all(type, id, p) as { json: string }[]).map((r) => JSON.parse(r.json) as HistoryItem);
    }
    return out;
  }

  appendHistory(type: ObjectType, id: string, property: string, item: HistoryItem): void {
    const row = this.db
      .prepare('SELECT COALESCE(MAX(seq), -1) + 1 AS s FROM history WHERE type = ? AND id = ? AND property = ?')
      .get(type, id, property) as { s: number };
    this.db
      .prepare('INSERT INTO history (type, id, property, seq, json) VALUES (?, ?, ?, ?, ?)')
      .run(type, id, property, row.s, JSON.stringify(item));
  }

  // ---------------------------------------------------------------- owners & pipelines

  owners(archived: boolean, email?: string): Record<string, unknown>[] {
    const rows = (
      email
        ? this.db
            .prepare('SELECT json FROM owners WHERE archived = ? AND email = ? ORDER BY seq')
            .all(archived ? 1 : 0, email.toLowerCase())
        : this.db.prepare('SELECT json FROM owners WHERE archived = ? ORDER BY seq').all(archived ? 1 : 0)
    ) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }

  pipelines(objectType: string): Record<string, unknown>[] {
    return (
      this.db.prepare('SELECT json FROM pipelines WHERE object_type = ? ORDER BY seq').all(objectType) as {
        json: string;
      }[]
    ).map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT type, COUNT(*) AS n FROM objects WHERE archived = 0 GROUP BY type')
      .all() as { type: string; n: number }[]) {
      out[r.type] = r.n;
    }
    return out;
  }
}

function toStored(r: ObjectRow): StoredObject {
  return {
    type: r.type,
    id: r.id,
    properties: JSON.parse(r.properties) as Record<string, string | null>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archived: r.archived === 1,
    archivedAt: r.archived_at,
    extra: r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : null,
  };
}

function numId(id: string): number {
  return /^\d{1,15}$/.test(id) ? Number(id) : 0;
}

function isoOr(value: string | null | undefined, fallback: string): string {
  if (value) {
    const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isNaN(n)) return new Date(n).toISOString();
  }
  return fallback;
}
