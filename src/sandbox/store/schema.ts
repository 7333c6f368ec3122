/** The sandbox's SQLite layout. Versioned with PRAGMA user_version; a newer file is refused, never reset. */
import type Database from 'better-sqlite3';
import { SandboxError } from '../../errors/index.js';

const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE owners (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, email TEXT, archived INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE TABLE pipelines (object_type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (object_type, id));
  CREATE TABLE objects (
    type TEXT NOT NULL, id TEXT NOT NULL, num_id INTEGER NOT NULL,
    properties TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0, archived_at TEXT, extra TEXT,
    PRIMARY KEY (type, id));
  CREATE INDEX objects_page ON objects (type, archived, num_id);
  -- one row per direction of an undirected pair; origin = 1 marks the direction the dataset gave
  CREATE TABLE associations (from_type TEXT NOT NULL, from_id TEXT NOT NULL, to_type TEXT NOT NULL, to_id TEXT NOT NULL,
    types TEXT NOT NULL, origin INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (from_type, from_id, to_type, to_id));
  CREATE TABLE history (type TEXT NOT NULL, id TEXT NOT NULL, property TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE INDEX history_record ON history (type, id, property, seq);
  CREATE TABLE sl_campaigns (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE sl_leads (campaign_id INTEGER NOT NULL, lead_id INTEGER NOT NULL, email TEXT NOT NULL, seq INTEGER NOT NULL,
    json TEXT NOT NULL, PRIMARY KEY (campaign_id, lead_id));
  CREATE INDEX sl_leads_email ON sl_leads (email);
  CREATE INDEX sl_leads_lead ON sl_leads (lead_id);
  CREATE TABLE sl_messages (campaign_id INTEGER NOT NULL, lead_id INTEGER NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
    type TEXT NOT NULL, json TEXT NOT NULL);
  CREATE INDEX sl_messages_lead ON sl_messages (campaign_id, lead_id, seq);
  CREATE TABLE sl_spend (campaign_id INTEGER NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
  `,
];

export const STORE_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > STORE_VERSION) {
    throw new SandboxError(
      `sandbox store ${file} has schema version ${version}, newer than this sales-mis (${STORE_VERSION})`,
      'Upgrade sales-mis, or point MIS_STATE_DIR at another folder; the file was left untouched.',
    );
  }
  for (let v = version; v < STORE_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
