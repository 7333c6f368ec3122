/**
 * The state database (MIS_STATE_DIR/mis.db): the synced cache, sync cursors and runs, workflow runs with
 * their findings, audit snapshots, and the tables later features write. WAL; every multi-row write is one
 * transaction; a corrupt or newer database is refused with a clear message, never reset.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { AuditRow, Finding } from '../analysis/index.js';
import type { AccountInfo, Company, Contact, CrmSnapshot, Deal, Engagement, Owner, Pipeline } from '../crm/index.js';
import { MisError } from '../errors/index.js';
import type { Campaign, CampaignLead, LeadMessage, OutreachSnapshot } from '../smartlead/index.js';
import { MIGRATIONS } from './migrations.js';

export class StateError extends MisError {
  constructor(message: string, hint: string) {
    super('STATE', message, { hint });
  }
}

export const STATE_VERSION = MIGRATIONS.length;

export type CacheKind = 'account' | 'owner' | 'pipeline' | 'company' | 'contact' | 'deal' | 'engagement';

export interface CacheChanges {
  written: Partial<Record<CacheKind | 'campaign' | 'lead' | 'message', number>>;
  removed: Partial<Record<CacheKind, number>>;
}

export interface RunRecord {
  id: string;
  workflow: string;
  driver: string;
  ownerId: string | null;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  durationMs: number | null;
}

/**
 * The state folder is 0700 and mis.db (with its -wal and -shm, which SQLite creates with the database's mode)
 * 0600: the cache holds CRM data. An existing looser permission is tightened, with a warning.
 */
export function privateFile(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) tighten(f, 0o600);
}

function tighten(path: string, mode: number): void {
  const now = statSync(path).mode & 0o777;
  if ((now & 0o077) === 0) return;
  chmodSync(path, mode);
  process.stderr.write(
    `warning: ${path} was open to other users (mode ${now.toString(8)}): tightened to ${mode.toString(8)}\n`,
  );
}

export class StateStore {
  readonly db: Database.Database;
  readonly file: string;

  static open(stateDir: string): StateStore {
    return new StateStore(join(stateDir, 'mis.db'));
  }

  constructor(file: string) {
    this.file = file;
    if (file !== ':memory:') privateFile(file);
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > STATE_VERSION) {
        throw new StateError(
          `state database ${file} has schema version ${version}, newer than this sales-mis understands (${STATE_VERSION})`,
          'Upgrade sales-mis, or point MIS_STATE_DIR elsewhere; the file was left untouched.',
        );
      }
      for (let v = version; v < STATE_VERSION; v++) {
        db.transaction(() => {
          db!.exec(MIGRATIONS[v]!);
          db!.pragma(`user_version = ${v + 1}`);
        })();
      }
    } catch (e) {
      db?.close();
      if (e instanceof StateError) throw e;
      throw new StateError(
        `cannot open the state database ${file}: ${(e as Error).message}`,
        'Move the damaged file aside (it was not modified) and run again: sales-mis will rebuild the cache with a full sync.',
      );
    }
    this.db = db;
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one transaction (nested: a savepoint); `immediate` takes the write lock first (BEGIN IMMEDIATE). */
  transaction<T>(fn: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
    const tx = this.db.transaction(fn);
    return mode === 'immediate' ? tx.immediate() : tx();
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  deleteMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  // ------------------------------------------------------------------ cache

  /** Replace the whole cache (a full sync), in one transaction. */
  replaceCache(crm: CrmSnapshot, outreach: OutreachSnapshot | null): CacheChanges {
    const changes: CacheChanges = { written: {}, removed: {} };
    this.db.transaction(() => {
      this.db.exec('DELETE FROM cache_records');
      if (outreach) this.db.exec('DELETE FROM cache_outreach');
      this.writeCrm(crm, changes);
      if (outreach) this.writeOutreach(outreach, changes);
    })();
    return changes;
  }

  /**
   * Replace the cache page by page (a streamed full sync): one transaction held open across the reads, so
   * the cache is either the old one or the whole new one. Call commit() or rollback() on the result.
   */
  beginReplace(withOutreach: boolean): {
    write(batch: Partial<Omit<CrmSnapshot, 'fetchedAt'>>): void;
    writeOutreach(o: OutreachSnapshot): void;
    commit(): CacheChanges;
    rollback(): void;
  } {
    const changes: CacheChanges = { written: {}, removed: {} };
    this.db.exec('BEGIN IMMEDIATE');
    let open = true;
    try {
      this.db.exec('DELETE FROM cache_records');
      if (withOutreach) this.db.exec('DELETE FROM cache_outreach');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return {
      write: (batch) => this.writeCrm(batch, changes),
      writeOutreach: (o) => this.writeOutreach(o, changes),
      commit: () => {
        this.db.exec('COMMIT');
        open = false;
        return changes;
      },
      rollback: () => {
        if (open) this.db.exec('ROLLBACK');
        open = false;
      },
    };
  }

  /** Upsert changed records and remove archived ones, in one transaction. */
  applyChanges(
    crm: Partial<Omit<CrmSnapshot, 'fetchedAt'>>,
    removed: Partial<Record<CacheKind, string[]>>,
    outreach: Partial<OutreachSnapshot> | null,
  ): CacheChanges {
    const changes: CacheChanges = { written: {}, removed: {} };
    this.db.transaction(() => {
      this.writeCrm(crm, changes);
      if (outreach) this.writeOutreach(outreach, changes);
      const del = this.db.prepare('DELETE FROM cache_records WHERE kind = ? AND id = ?');
      for (const [kind, ids] of Object.entries(removed) as [CacheKind, string[]][]) {
        let n = 0;
        for (const id of ids) n += del.run(kind, id).changes;
        if (n) changes.removed[kind] = n;
      }
    })();
    return changes;
  }

  private writeCrm(crm: Partial<Omit<CrmSnapshot, 'fetchedAt'>>, changes: CacheChanges): void {
    const up = this.db.prepare(
      `INSERT INTO cache_records (kind, id, modified_at, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET modified_at = excluded.modified_at, json = excluded.json WHERE json <> excluded.json`,
    );
    // Counts records that really changed: sync re-reads a minute of overlap, which must not look like news.
    const put = (kind: CacheKind, id: string, modifiedAt: string | null, value: unknown) => {
      if (up.run(kind, id, modifiedAt, JSON.stringify(value)).changes)
        changes.written[kind] = (changes.written[kind] ?? 0) + 1;
    };
    if (crm.account) put('account', 'account', null, crm.account);
    if (crm.owners) {
      this.db.prepare("DELETE FROM cache_records WHERE kind = 'owner'").run();
      for (const o of crm.owners) put('owner', o.id, null, o);
    }
    if (crm.pipelines) {
      this.db.prepare("DELETE FROM cache_records WHERE kind = 'pipeline'").run();
      for (const p of crm.pipelines) put('pipeline', p.id, null, p);
    }
    for (const c of crm.companies ?? []) put('company', c.id, modifiedOf(c), c);
    for (const c of crm.contacts ?? []) put('contact', c.id, modifiedOf(c), c);
    for (const d of crm.deals ?? []) put('deal', d.id, modifiedOf(d), d);
    for (const e of crm.engagements ?? []) put('engagement', e.id, modifiedOf(e), e);
  }

  private writeOutreach(o: Partial<OutreachSnapshot>, changes: CacheChanges): void {
    const up = this.db.prepare(
      `INSERT INTO cache_outreach (kind, id, time, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET time = excluded.time, json = excluded.json WHERE json <> excluded.json`,
    );
    const put = (k: 'campaign' | 'lead' | 'message', id: string, time: string | null, value: unknown) => {
      if (up.run(k, id, time, JSON.stringify(value)).changes) changes.written[k] = (changes.written[k] ?? 0) + 1;
    };
    for (const c of o.campaigns ?? []) put('campaign', String(c.id), c.updatedAt ?? c.createdAt, c);
    for (const l of o.leads ?? []) put('lead', `${l.campaignId}:${l.leadId}`, l.createdAt, l);
    for (const m of o.messages ?? []) put('message', messageKey(m), m.time, m);
  }

  /** The cached portal, or null before the first sync. */
  loadSnapshot(): { crm: CrmSnapshot; outreach: OutreachSnapshot | null; syncedAt: string } | null {
    const syncedAt = this.getMeta('last_sync_at');
    if (!syncedAt) return null;
    // Row by row: materialising every JSON string first, then the objects, doubled the peak at 300k engagements.
    const rows = (kind: CacheKind) => {
      const out: unknown[] = [];
      for (const r of this.db
        .prepare('SELECT json FROM cache_records WHERE kind = ? ORDER BY CAST(id AS INTEGER), id')
        .iterate(kind) as IterableIterator<{ json: string }>)
        out.push(JSON.parse(r.json));
      return out;
    };
    const account = rows('account')[0] as AccountInfo | undefined;
    if (!account) return null;
    const crm: CrmSnapshot = {
      account,
      owners: rows('owner') as Owner[],
      pipelines: (rows('pipeline') as Pipeline[]).sort((a, b) => a.displayOrder - b.displayOrder),
      companies: rows('company') as Company[],
      contacts: rows('contact') as Contact[],
      deals: rows('deal') as Deal[],
      engagements: rows('engagement') as Engagement[],
      fetchedAt: syncedAt,
    };
    const out = (kind: string) => {
      const list: unknown[] = [];
      for (const r of this.db
        .prepare('SELECT json FROM cache_outreach WHERE kind = ? ORDER BY time, id')
        .iterate(kind) as IterableIterator<{ json: string }>)
        list.push(JSON.parse(r.json));
      return list;
    };
    const hasOutreach = this.getMeta('outreach_synced') === '1';
    const outreach = hasOutreach
      ? {
          campaigns: (out('campaign') as Campaign[]).sort((a, b) => b.id - a.id),
          leads: out('lead') as CampaignLead[],
          messages: out('message') as LeadMessage[],
        }
      : null;
    return { crm, outreach, syncedAt };
  }

  /** The modification time the cache holds for each of these ids (absent ids are left out). */
  cachedModified(kind: CacheKind, ids: ReadonlyArray<string>): Map<string, string | null> {
    const q = this.db.prepare('SELECT modified_at FROM cache_records WHERE kind = ? AND id = ?');
    const out = new Map<string, string | null>();
    for (const id of ids) {
      const row = q.get(kind, id) as { modified_at: string | null } | undefined;
      if (row) out.set(id, row.modified_at);
    }
    return out;
  }

  cursor(source: string): string | undefined {
    return (
      (
        this.db.prepare('SELECT cursor FROM sync_cursors WHERE source = ?').get(source) as
          { cursor: string | null } | undefined
      )?.cursor ?? undefined
    );
  }

  setCursor(source: string, cursor: string | null, at: string): void {
    this.db
      .prepare(
        'INSERT INTO sync_cursors (source, cursor, synced_at) VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, synced_at = excluded.synced_at',
      )
      .run(source, cursor, at);
  }

  startSyncRun(kind: 'full' | 'incremental', at: string): number {
    const id = Number(
      this.db.prepare("INSERT INTO sync_runs (kind, started_at, status) VALUES (?, ?, 'running')").run(kind, at)
        .lastInsertRowid,
    );
    // Which process runs it, so that a later start can tell a killed sync from one still running.
    this.setMeta(`sync_run_process:${id}`, JSON.stringify({ pid: process.pid, host: hostname() }));
    return id;
  }

  /**
   * Marks `running` sync runs whose process is gone (killed, crashed) as failed, so that none stays running
   * forever: on this machine when their process no longer exists; from elsewhere, or with no process recorded,
   * when they started more than `maxAgeHours` ago. Returns how many it marked.
   */
  failInterruptedSyncRuns(now = new Date(), maxAgeHours = 12): number {
    const rows = this.db.prepare("SELECT id, started_at FROM sync_runs WHERE status = 'running'").all() as {
      id: number;
      started_at: string;
    }[];
    let marked = 0;
    for (const r of rows) {
      const raw = this.getMeta(`sync_run_process:${r.id}`);
      let owner: { pid?: unknown; host?: unknown } = {};
      try {
        owner = raw ? (JSON.parse(raw) as typeof owner) : {};
      } catch {
        owner = {};
      }
      const local = owner.host === hostname() && typeof owner.pid === 'number';
      const gone = local
        ? !processAlive(owner.pid as number)
        : now.getTime() - Date.parse(r.started_at) > maxAgeHours * 3_600_000;
      if (!gone) continue;
      this.db
        .prepare(
          "UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
        )
        .run(
          now.toISOString(),
          'interrupted: the sync process ended before finishing (marked failed on the next start)',
          r.id,
        );
      this.db.prepare('DELETE FROM meta WHERE key = ?').run(`sync_run_process:${r.id}`);
      marked++;
    }
    return marked;
  }

  /** The latest sync run, or null before the first. */
  lastSyncRun(): {
    id: number;
    kind: string;
    startedAt: string;
    finishedAt: string | null;
    status: 'running' | 'ok' | 'failed';
    error: string | null;
  } | null {
    const r = this.db
      .prepare('SELECT id, kind, started_at, finished_at, status, error FROM sync_runs ORDER BY id DESC LIMIT 1')
      .get() as
      | {
          id: number;
          kind: string;
          started_at: string;
          finished_at: string | null;
          status: 'running' | 'ok' | 'failed';
          error: string | null;
        }
      | undefined;
    return r
      ? { id: r.id, kind: r.kind, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, error: r.error }
      : null;
  }

  finishSyncRun(
    id: number,
    result: {
      status: 'ok' | 'failed';
      at: string;
      hubspotRequests: number;
      smartleadRequests: number;
      changes?: CacheChanges;
      error?: string;
    },
  ): void {
    this.db
      .prepare(
        'UPDATE sync_runs SET finished_at = ?, status = ?, hubspot_requests = ?, smartlead_requests = ?, changes = ?, error = ? WHERE id = ?',
      )
      .run(
        result.at,
        result.status,
        result.hubspotRequests,
        result.smartleadRequests,
        result.changes ? JSON.stringify(result.changes) : null,
        result.error ?? null,
        id,
      );
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(`sync_run_process:${id}`);
  }

  // ------------------------------------------------------------------ runs and findings

  recordRun(
    run: RunRecord & {
      inputs?: unknown;
      outputs?: unknown;
      toolCalls?: unknown;
      usage?: unknown;
      error?: string | null;
    },
    findings: Finding[] = [],
    audit: Omit<AuditRow, 'runId' | 'asOf'>[] = [],
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, workflow, driver, owner_id, as_of, started_at, finished_at, status, inputs, outputs, tool_calls, usage, duration_ms, error)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.workflow,
          run.driver,
          run.ownerId,
          run.asOf,
          run.startedAt,
          run.finishedAt,
          run.status,
          json(run.inputs),
          json(run.outputs),
          json(run.toolCalls),
          json(run.usage),
          run.durationMs,
          run.error ?? null,
        );
      const ins = this.db.prepare(
        'INSERT INTO findings (run_id, seq, check_name, object_type, object_id, owner_id, severity, summary, evidence, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      findings.forEach((f, i) =>
        ins.run(
          run.id,
          i,
          f.check,
          f.objectType,
          f.objectId,
          f.ownerId,
          f.severity,
          f.summary,
          JSON.stringify(f.evidence),
          findingFingerprint(f),
        ),
      );
      const snap = this.db.prepare(
        'INSERT INTO audit_snapshots (run_id, as_of, owner_id, open_deals, stale_deals, notes_logged, activities_logged, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const a of audit)
        snap.run(run.id, run.asOf, a.ownerId, a.openDeals, a.staleDeals, a.notesLogged, a.activitiesLogged, a.findings);
    })();
  }

  /** The latest run of a workflow strictly before `asOf` (for "new since last run"). */
  previousRun(workflow: string, asOf: string): RunRecord | null {
    const r = this.db
      .prepare(
        "SELECT * FROM runs WHERE workflow = ? AND as_of < ? AND status = 'ok' ORDER BY as_of DESC, started_at DESC LIMIT 1",
      )
      .get(workflow, asOf) as Record<string, unknown> | undefined;
    return r ? toRun(r) : null;
  }

  /** The most recent run of a workflow by start time, whatever its status (the scheduler's catch-up). */
  lastRun(workflow: string): RunRecord | null {
    const r = this.db
      .prepare('SELECT * FROM runs WHERE workflow = ? ORDER BY started_at DESC LIMIT 1')
      .get(workflow) as Record<string, unknown> | undefined;
    return r ? toRun(r) : null;
  }

  findingFingerprints(runId: string): Set<string> {
    return new Set(
      (
        this.db.prepare('SELECT fingerprint FROM findings WHERE run_id = ?').all(runId) as { fingerprint: string }[]
      ).map((r) => r.fingerprint),
    );
  }

  findingsOf(runId: string): Finding[] {
    return (
      this.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY seq').all(runId) as Record<
        string,
        string | null
      >[]
    ).map((r) => ({
      check: r['check_name'] as Finding['check'],
      objectType: r['object_type'] as Finding['objectType'],
      objectId: r['object_id'] ?? null,
      ownerId: r['owner_id'] ?? null,
      severity: r['severity'] as Finding['severity'],
      summary: r['summary']!,
      evidence: JSON.parse(r['evidence']!) as Record<string, unknown>,
    }));
  }

  /** Audit snapshots from `since` on, oldest first (one per owner per audited run; the last run of each day wins). */
  auditTrend(since: string): AuditRow[] {
    const rows = this.db
      .prepare(
        `SELECT a.* FROM audit_snapshots a JOIN runs r ON r.id = a.run_id
         WHERE a.as_of >= ? AND r.status = 'ok' ORDER BY a.as_of, r.started_at`,
      )
      .all(since) as Record<string, string | number>[];
    return rows.map((r) => ({
      runId: String(r['run_id']),
      asOf: String(r['as_of']),
      ownerId: String(r['owner_id']),
      openDeals: Number(r['open_deals']),
      staleDeals: Number(r['stale_deals']),
      notesLogged: Number(r['notes_logged']),
      activitiesLogged: Number(r['activities_logged']),
      findings: Number(r['findings']),
    }));
  }
}

/** hs_lastmodifieddate as search reports it, so sync can tell a re-read from a change. */
export function modifiedOf(r: { updatedAt: string; properties: Record<string, string | null> }): string {
  const raw = r.properties['hs_lastmodifieddate'] ?? r.properties['lastmodifieddate'];
  const t = raw ? (/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)) : Number.NaN;
  return Number.isNaN(t) ? r.updatedAt : new Date(t).toISOString();
}

/** The same problem on the same record across runs. */
export function findingFingerprint(f: Pick<Finding, 'check' | 'objectType' | 'objectId' | 'evidence'>): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the finding's evidence email, a string when present
  const extra = f.objectId === null ? String((f.evidence as { email?: unknown }).email ?? '') : '';
  return `${f.check}:${f.objectType}:${f.objectId ?? ''}:${extra}`;
}

export function messageKey(m: Pick<LeadMessage, 'campaignId' | 'leadId' | 'type' | 'time'>): string {
  return `${m.campaignId}:${m.leadId}:${m.type}:${m.time}`;
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

function toRun(r: Record<string, unknown>): RunRecord {
  return {
    id: String(r['id']),
    workflow: String(r['workflow']),
    driver: String(r['driver']),
    ownerId: (r['owner_id'] as string | null) ?? null,
    asOf: String(r['as_of']),
    startedAt: String(r['started_at']),
    finishedAt: (r['finished_at'] as string | null) ?? null,
    status: r['status'] as RunRecord['status'],
    durationMs: (r['duration_ms'] as number | null) ?? null,
  };
}

/** Whether a process with this id exists on this machine (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
