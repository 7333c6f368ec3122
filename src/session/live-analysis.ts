/**
 * An analysis session for a long-running server (`mis serve`): ready to be asked at once, whatever the cache
 * holds. The sync runs in a separate process (the server keeps answering while a large portal is read); until the
 * first one has finished, `current()` throws a FirstSyncRunning error that says how far it is; afterwards answers
 * come from the cache, with its age, while a background sync refreshes a stale one and the session is swapped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { loadTeamConfig, type Config, type TeamConfig } from '../config/index.js';
import { MisError } from '../errors/index.js';
import { StateStore } from '../state/index.js';
import { openAnalysis, type AnalysisSession } from './analysis-context.js';

export interface CacheAge {
  syncedAt: string;
  ageMinutes: number;
  stale: boolean;
  syncing: boolean;
  lastSyncError?: string;
}

export interface LiveAnalysisOptions {
  asOf?: string | undefined;
  teamConfig?: TeamConfig;
  /** Log lines for people (stderr). */
  onLog?: (message: string) => void;
  /** Called with each new session once it is published (the previous one is closed after this returns). */
  onSession?: (session: AnalysisSession) => void;
}

/** Said by every tool while the first sync of the portal runs. */
export class FirstSyncRunning extends MisError {
  constructor(progress: string | null, seconds: number) {
    super(
      'STATE',
      `The first sync of the portal is running (${seconds} s so far${progress ? `; ${progress}` : ''}); answers come from the cache once it has finished.`,
      {
        hint: 'Ask again in a minute. A large portal takes a few minutes the first time; later syncs only read what changed.',
      },
    );
  }
}

export class FirstSyncFailed extends MisError {
  constructor(message: string, hint: string | null) {
    super('STATE', `The first sync of the portal failed: ${message}`, {
      hint: hint ?? 'Run `mis sync` to see the problem, fix it, and restart the server.',
    });
  }
}

type SyncOutcome = { ok: true } | { ok: false; message: string; hint: string | null };

export class LiveAnalysis {
  private session: AnalysisSession | null = null;
  private sync: { startedAt: number; progress: string | null; child: ChildProcess; first: boolean } | null = null;
  private lastError: { message: string; hint: string | null } | null = null;
  private started: Promise<void> | null = null;
  private closed = false;
  private readonly team: TeamConfig;

  constructor(
    private readonly config: Config,
    private readonly opts: LiveAnalysisOptions = {},
  ) {
    this.team = opts.teamConfig ?? loadTeamConfig(process.env['MIS_CONFIG']);
  }

  /** Starts opening the cache (and syncing it) in the background; idempotent. Resolves once a session is ready or the first sync failed. */
  start(): Promise<void> {
    this.started ??= this.run().catch((e: unknown) => {
      this.lastError = {
        message: e instanceof MisError ? e.message : `unexpected: ${(e as Error)?.message ?? String(e)}`,
        hint: e instanceof MisError ? (e.hint ?? null) : null,
      };
      this.log(`sales-mis: could not open the cache: ${this.lastError.message}`);
    });
    return this.started;
  }

  /** The session to answer from and its cache's age; throws while the first sync runs (or after it failed). */
  current(): { session: AnalysisSession; cache: CacheAge } {
    const s = this.session;
    if (!s) {
      if (this.sync)
        throw new FirstSyncRunning(this.sync.progress, Math.round((Date.now() - this.sync.startedAt) / 1000));
      if (this.lastError) throw new FirstSyncFailed(this.lastError.message, this.lastError.hint);
      void this.start();
      throw new FirstSyncRunning('opening the cache', 0);
    }
    const syncedAt = s.syncedAt ?? s.ctx.data.crm.fetchedAt;
    const ageMs = Math.max(0, Date.now() - Date.parse(syncedAt));
    const cache: CacheAge = {
      syncedAt,
      ageMinutes: Math.floor(ageMs / 60_000),
      stale: ageMs > this.team.sync.freshnessMinutes * 60_000,
      syncing: this.sync !== null,
    };
    if (this.lastError) cache.lastSyncError = this.lastError.message;
    return { session: s, cache };
  }

  /** Whether a session is ready. */
  get ready(): boolean {
    return this.session !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sync?.child.kill('SIGTERM');
    await this.started?.catch(() => {});
    const s = this.session;
    this.session = null;
    await s?.close();
  }

  private log(m: string): void {
    this.opts.onLog?.(m);
  }

  private async run(): Promise<void> {
    const probe = StateStore.open(this.config.stateDir);
    let hasCache: boolean;
    try {
      const marked = probe.failInterruptedSyncRuns();
      if (marked) this.log(`sales-mis: marked ${marked} interrupted sync run(s) as failed`);
      hasCache = Boolean(probe.getMeta('last_sync_at'));
    } finally {
      probe.close();
    }
    if (!hasCache && !(await this.firstSync())) return;
    if (this.closed) return;
    let s = await openAnalysis(this.config, { asOf: this.opts.asOf, noSync: true, teamConfig: this.team });
    if (s.sourceMatches === false) {
      // The cache holds another portal or dataset: never answer from it.
      await s.close();
      if (!(await this.firstSync())) return;
      s = await openAnalysis(this.config, { asOf: this.opts.asOf, noSync: true, teamConfig: this.team });
    }
    this.publish(s);
    if (this.current().cache.stale) void this.refresh();
  }

  private async firstSync(): Promise<boolean> {
    const r = await this.runSync(true);
    if (!r.ok) this.lastError = { message: r.message, hint: r.hint };
    return r.ok && !this.closed;
  }

  /** A background sync of a stale cache: answers keep coming from the old one until the new one is open. */
  private async refresh(): Promise<void> {
    const r = await this.runSync(false);
    if (this.closed) return;
    if (!r.ok) {
      this.lastError = { message: r.message, hint: r.hint };
      return;
    }
    this.lastError = null;
    this.publish(await openAnalysis(this.config, { asOf: this.opts.asOf, noSync: true, teamConfig: this.team }));
  }

  private publish(s: AnalysisSession): void {
    const old = this.session;
    this.session = s;
    this.opts.onSession?.(s);
    this.log(`sales-mis: answering from the cache synced ${s.syncedAt ?? s.ctx.data.crm.fetchedAt}`);
    if (old) void old.close();
  }

  private runSync(first: boolean): Promise<SyncOutcome> {
    const child = spawn(process.execPath, [syncChildPath()], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.sync = { startedAt: Date.now(), progress: null, child, first };
    this.log(`sales-mis: ${first ? 'first sync' : 'background sync'} started (process ${child.pid ?? '?'})`);
    let outcome: SyncOutcome | null = null;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as {
          progress?: string;
          ok?: unknown;
          error?: { message: string; hint: string | null };
        };
        if (msg.progress && this.sync) this.sync.progress = msg.progress;
        if (msg.ok) outcome = { ok: true };
        if (msg.error) outcome = { ok: false, message: msg.error.message, hint: msg.error.hint };
      } catch {
        // not ours: ignore
      }
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr.push(line);
      if (stderr.length > 20) stderr.shift();
    });
    return new Promise((resolve) => {
      child.on('error', (e) => {
        outcome ??= { ok: false, message: `could not start the sync process: ${e.message}`, hint: null };
      });
      child.on('close', (code, signal) => {
        this.sync = null;
        const r: SyncOutcome = outcome ?? {
          ok: false,
          message: `the sync process ended (${signal ?? `exit ${code}`}) without finishing${stderr.length ? `: ${stderr.at(-1)}` : ''}`,
          hint: null,
        };
        this.log(r.ok ? 'sales-mis: sync finished' : `sales-mis: sync failed: ${r.message}`);
        resolve(r);
      });
    });
  }
}

/** The compiled sync-child module (next to this one in dist/; from the sources, the built copy in dist/). */
function syncChildPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return fileURLToPath(new URL('./sync-child.js', import.meta.url));
  const built = fileURLToPath(new URL('../../dist/session/sync-child.js', import.meta.url));
  if (!existsSync(built))
    throw new MisError('STATE', 'the sync process module is not built', { hint: 'Run `npm run build` first.' });
  return built;
}
