/** A sync killed mid-run leaves its sync_runs row `running`; the next start marks it failed, and a live one is left alone. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/index.js';
import { cleanEnv, runMis } from '../support/cli.js';

const CHILD = fileURLToPath(new URL('../../dist/session/sync-child.js', import.meta.url));

describe('interrupted syncs', () => {
  it('marks the run of a killed sync process failed on the next start', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mis-killed-'));
    const child = spawn(process.execPath, [CHILD], {
      env: cleanEnv({ MIS_STATE_DIR: stateDir }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Wait until the sync has recorded its run (it prints progress lines from then on), then kill it hard.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('HubSpot')) resolve();
      });
      child.on('close', () => reject(new Error('the sync finished before it could be killed')));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    let store = StateStore.open(stateDir);
    expect(store.lastSyncRun()?.status).toBe('running');
    store.close();
    const r = runMis(['sync'], { MIS_STATE_DIR: stateDir });
    expect(r.status, r.stderr).toBe(0);
    store = StateStore.open(stateDir);
    const rows = store.db.prepare('SELECT status, error FROM sync_runs ORDER BY id').all() as {
      status: string;
      error: string | null;
    }[];
    store.close();
    spawnSync('rm', ['-rf', stateDir]);
    expect(rows[0]).toMatchObject({ status: 'failed' });
    expect(rows[0]!.error).toMatch(/interrupted/);
    expect(rows.at(-1)).toMatchObject({ status: 'ok' });
  }, 180_000);

  it('leaves a run whose process is alive, and fails an old run with no process recorded', () => {
    const store = new StateStore(':memory:');
    const live = store.startSyncRun('full', new Date().toISOString());
    store.db
      .prepare("INSERT INTO sync_runs (kind, started_at, status) VALUES ('full', ?, 'running')")
      .run('2020-01-01T00:00:00.000Z');
    expect(store.failInterruptedSyncRuns()).toBe(1);
    const rows = store.db.prepare('SELECT id, status FROM sync_runs ORDER BY id').all() as {
      id: number;
      status: string;
    }[];
    expect(rows).toEqual([
      { id: live, status: 'running' },
      { id: live + 1, status: 'failed' },
    ]);
    store.close();
  });
});
