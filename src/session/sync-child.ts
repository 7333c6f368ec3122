/**
 * A sync in its own process, for `mis serve`: the server keeps answering while the portal is read (a first sync of
 * a large portal takes minutes and, on the sandbox, loads the dataset in-process). Prints one JSON object per line
 * on stdout: `{"progress": "..."}` while it runs, then `{"ok": {...}}` or `{"error": {"message", "hint"}}`.
 */
import { loadConfig } from '../config/index.js';
import { MisError } from '../errors/index.js';
import { StateStore } from '../state/index.js';
import { sync } from '../sync/index.js';
import { connect } from './connect.js';

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<number> {
  const config = loadConfig();
  const onProgress = (m: string) => emit({ progress: m });
  const conn = await connect(config, { onProgress });
  const state = StateStore.open(config.stateDir);
  try {
    const r = await sync(conn, state, { onProgress });
    emit({
      ok: {
        kind: r.kind,
        durationMs: r.durationMs,
        syncedAt: r.syncedAt,
        hubspotRequests: r.hubspotRequests,
        smartleadRequests: r.smartleadRequests,
      },
    });
    return 0;
  } finally {
    state.close();
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof MisError ? e.message : `unexpected: ${(e as Error)?.message ?? String(e)}`;
    emit({ error: { message, hint: e instanceof MisError ? (e.hint ?? null) : null } });
    process.exit(1);
  },
);
