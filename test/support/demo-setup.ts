/**
 * Global setup: syncs the committed demo portal once into a temp state folder, the way `mis sync` does, and hands
 * its path to the tests (`demoStateCopy()` copies it). Saves each test that reads the demo portal its own sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/index.js';
import { connect } from '../../src/session/index.js';
import { StateStore } from '../../src/state/index.js';
import { sync } from '../../src/sync/index.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'mis-demo-synced-'));
  const config = loadConfig(
    { PATH: process.env['PATH'], MIS_STATE_DIR: dir, MIS_SANDBOX_LIMITS: 'off', MIS_SMARTLEAD_RPS: '200' },
    process.cwd(),
  );
  const conn = await connect(config);
  const state = StateStore.open(config.stateDir);
  try {
    await sync(conn, state);
  } finally {
    state.close();
    await conn.close();
  }
  project.provide('demoStateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
