/** Workflow runs as the MCP tools list them (picking a run's findings). The runs table is written by StateStore. */
import type { StateStore } from './store.js';

/** Workflow runs, newest first (for picking a run's findings). */
export function listRuns(
  store: StateStore,
  opts: { workflows?: string[]; limit?: number } = {},
): {
  id: string;
  workflow: string;
  ownerId: string | null;
  asOf: string;
  startedAt: string;
  status: string;
  findings: number;
}[] {
  const wf = opts.workflows ?? [];
  const rows = store.db
    .prepare(
      `SELECT r.id, r.workflow, r.owner_id, r.as_of, r.started_at, r.status, (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id) AS findings
       FROM runs r ${wf.length ? `WHERE r.workflow IN (${wf.map(() => '?').join(',')})` : ''} ORDER BY r.as_of DESC, r.started_at DESC LIMIT ?`,
    )
    .all(...wf, opts.limit ?? 20) as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: String(r['id']),
    workflow: String(r['workflow']),
    ownerId: r['owner_id'] === null ? null : String(r['owner_id']),
    asOf: String(r['as_of']),
    startedAt: String(r['started_at']),
    status: String(r['status']),
    findings: Number(r['findings']),
  }));
}
