/**
 * The demo portal synced once per run (test/support/demo-setup.ts) and copied into a fresh state folder per use,
 * so a test starts from a warm cache without syncing and no two tests share a folder.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    demoStateDir: string;
  }
}

/** A new state folder holding a copy of the synced demo portal (sandbox store + mis.db cache). */
export function demoStateCopy(prefix = 'mis-demo-'): string {
  const from = inject('demoStateDir');
  if (!from) throw new Error('no synced demo state: run the tests through vitest.config.ts (its globalSetup syncs it)');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true });
  return dir;
}
