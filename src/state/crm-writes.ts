/**
 * The crm_writes audit log: one row per proposed CRM change, updated in place at every transition
 * (proposed → approved → applying → applied | failed | unknown, or rejected). Transitions are conditional on
 * the current status, so two processes can never both apply one write.
 */
import type { StateStore } from './store.js';

/** A crm_writes row as stored (JSON columns as text; src/writes parses them). */
export interface CrmWriteRow {
  id: string;
  created_at: string;
  actor: string;
  tool: string;
  target_type: string;
  target_id: string | null;
  preview: string;
  idempotency_key: string;
  status: string;
  approved_by: string | null;
  applied_at: string | null;
  result: string | null;
  error: string | null;
  op: string;
  change: string;
  source: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  applying_at: string | null;
  updated_at: string;
}

export type NewCrmWriteRow = Pick<
  CrmWriteRow,
  | 'id'
  | 'created_at'
  | 'actor'
  | 'tool'
  | 'target_type'
  | 'target_id'
  | 'preview'
  | 'idempotency_key'
  | 'status'
  | 'op'
  | 'change'
  | 'source'
>;

/** Columns a transition may set. */
export type CrmWriteUpdate = Partial<
  Pick<
    CrmWriteRow,
    | 'status'
    | 'target_id'
    | 'approved_by'
    | 'approved_at'
    | 'rejected_by'
    | 'rejected_at'
    | 'applying_at'
    | 'applied_at'
    | 'result'
    | 'error'
  >
>;

const UPDATABLE: ReadonlyArray<keyof CrmWriteUpdate> = [
  'status',
  'target_id',
  'approved_by',
  'approved_at',
  'rejected_by',
  'rejected_at',
  'applying_at',
  'applied_at',
  'result',
  'error',
];

export class CrmWritesTable {
  constructor(private readonly state: StateStore) {}

  /** Insert a proposed write; when the idempotency key exists already, the existing row is returned instead. */
  insertOrGet(row: NewCrmWriteRow): { row: CrmWriteRow; created: boolean } {
    const db = this.state.db;
    return db.transaction(() => {
      const existing = this.byKey(row.idempotency_key);
      if (existing) return { row: existing, created: false };
      db.prepare(
        `INSERT INTO crm_writes (id, created_at, updated_at, actor, tool, target_type, target_id, preview, idempotency_key, status, op, change, source)
         VALUES (@id, @created_at, @created_at, @actor, @tool, @target_type, @target_id, @preview, @idempotency_key, @status, @op, @change, @source)`,
      ).run(row);
      return { row: this.byId(row.id)!, created: true };
    })();
  }

  byId(id: string): CrmWriteRow | undefined {
    return this.state.db.prepare('SELECT * FROM crm_writes WHERE id = ?').get(id) as CrmWriteRow | undefined;
  }

  byKey(key: string): CrmWriteRow | undefined {
    return this.state.db.prepare('SELECT * FROM crm_writes WHERE idempotency_key = ?').get(key) as
      CrmWriteRow | undefined;
  }

  /** Newest first. */
  list(status?: string): CrmWriteRow[] {
    const sql = `SELECT * FROM crm_writes ${status ? 'WHERE status = ?' : ''} ORDER BY created_at DESC, id`;
    return (status ? this.state.db.prepare(sql).all(status) : this.state.db.prepare(sql).all()) as CrmWriteRow[];
  }

  /** Update the row only if its status is one of `from`; false when it was not (someone else moved it). */
  transition(id: string, from: ReadonlyArray<string>, at: string, update: CrmWriteUpdate): boolean {
    const sets = UPDATABLE.filter((k) => update[k] !== undefined);
    const assignments = [...sets.map((k) => `${k} = @${k}`), 'updated_at = @updated_at'].join(', ');
    const params: Record<string, string | null> = { id, updated_at: at };
    for (const k of sets) params[k] = update[k] ?? null;
    from.forEach((s, i) => (params[`from${i}`] = s));
    const placeholders = from.map((_, i) => `@from${i}`).join(', ');
    return (
      this.state.db
        .prepare(`UPDATE crm_writes SET ${assignments} WHERE id = @id AND status IN (${placeholders})`)
        .run(params).changes === 1
    );
  }
}
