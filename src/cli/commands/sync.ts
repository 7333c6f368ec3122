/** `mis sync [--full] [--json]`: pull the portal into the local cache and say what it cost. */
import { loadConfig } from '../../config/index.js';
import { connect } from '../../session/index.js';
import { StateStore } from '../../state/index.js';
import { sync } from '../../sync/index.js';
import { parse } from '../args.js';
import { printJson, type Io } from '../io.js';

export const SYNC_HELP = `Usage: mis sync [--full] [--json]

Pulls HubSpot (and SmartLead) into the cache in MIS_STATE_DIR/mis.db. The first sync reads everything;
later ones read only records modified since the last one (hs_lastmodifieddate windows, past HubSpot's
10,000-result search cap), drop archived records, and re-read owners and pipelines. Reports and checks
read the cache, so running them again costs no API calls. Commands that analyse sync by themselves when
the cache is empty or older than sync.freshnessMinutes (mis.config.json, default 60).
  --full   read everything again
  --json   print the result as JSON`;

const PLURAL: Record<string, string> = { company: 'companies', account: 'account details' };

function plural(n: number, kind: string): string {
  return `${n.toLocaleString('en-IN')} ${n === 1 ? kind : (PLURAL[kind] ?? `${kind}s`)}`;
}

export async function syncCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse('sync', argv, { full: { type: 'boolean' }, json: { type: 'boolean' } }, 0);
  if (values.help) {
    io.out(SYNC_HELP);
    return 0;
  }
  const config = loadConfig();
  const conn = await connect(config, { onProgress: (m) => io.progress(m) });
  const state = StateStore.open(config.stateDir);
  try {
    const r = await sync(conn, state, { full: Boolean(values.full), onProgress: (m) => io.progress(m) });
    io.done();
    if (values.json) printJson(io, { ...r, source: conn.source });
    else {
      const written =
        Object.entries(r.changes.written)
          .map(([k, v]) => plural(v, k))
          .join(', ') || 'nothing new';
      const removed = Object.entries(r.changes.removed)
        .map(([k, v]) => plural(v, k))
        .join(', ');
      io.out(
        `${r.kind} sync of ${conn.source} in ${(r.durationMs / 1000).toFixed(1)} s: ${written}${removed ? `; removed ${removed}` : ''}.`,
      );
      io.out(`API calls: ${r.hubspotRequests} HubSpot, ${r.smartleadRequests} SmartLead.`);
    }
    return 0;
  } finally {
    state.close();
    await conn.close();
  }
}
