/**
 * ae_profiles: one AE profile per owner, stored as JSON text. What a profile holds (and which fields this version
 * knows) is src/notify's; the table keeps the JSON as given, so fields an older or newer version wrote survive.
 */
import type { StateStore } from './store.js';

export class AeProfilesTable {
  constructor(private readonly state: StateStore) {}

  has(ownerId: string): boolean {
    return this.state.db.prepare('SELECT 1 FROM ae_profiles WHERE owner_id = ?').get(ownerId) !== undefined;
  }

  /** The stored JSON text, or undefined when none is stored. */
  json(ownerId: string): string | undefined {
    const row = this.state.db.prepare('SELECT json FROM ae_profiles WHERE owner_id = ?').get(ownerId) as
      { json: string } | undefined;
    return row?.json;
  }

  /** When the profile was last saved; null when none is stored. */
  updatedAt(ownerId: string): string | null {
    const row = this.state.db.prepare('SELECT updated_at FROM ae_profiles WHERE owner_id = ?').get(ownerId) as
      { updated_at: string } | undefined;
    return row?.updated_at ?? null;
  }

  /** Stores the profile's JSON text, replacing what was stored. */
  save(ownerId: string, json: string, at: string): void {
    this.state.db
      .prepare(
        'INSERT INTO ae_profiles (owner_id, json, updated_at) VALUES (?, ?, ?) ON CONFLICT (owner_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
      )
      .run(ownerId, json, at);
  }
}
