/** `mis check`: the daily CRM hygiene check (contracts §2), recorded so trends and "new since" work. */
import { randomUUID } from 'node:crypto';
import { auditSnapshot, CHECK_NAMES, type CheckName, type CheckReport } from '../../analysis/index.js';
import { runChecks } from '../../analysis/checks/index.js';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { renderFindings } from '../../report/index.js';
import { openAnalysis } from '../../runtime/index.js';
import { findingFingerprint } from '../../state/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const CHECK_HELP = `Usage: mis check [--owner ID|EMAIL] [--only CHECK,...] [--as-of ISO] [--json] [--sync]

Runs the hygiene checks on the synced cache (syncing first when it is empty or stale) and records the run,
so later runs show what is new and \`mis audit\` shows the trend. Checks: ${CHECK_NAMES.join(', ')}.
  --owner   one AE (owner id or email); default all
  --only    a comma-separated subset of checks
  --as-of   the 'now' (default: the dataset's asOf on the sandbox, else the clock)
  --sync    sync before checking even if the cache is fresh
  --all     list every finding (by default each AE's 10 most important, the rest counted)
  --json    {"asOf", "findings": [{check, objectType, objectId, ownerId, severity, summary, evidence}]}`;

export async function checkCommand(argv: string[], io: Io, name = 'check'): Promise<number> {
  const { values } = parse(name, argv, { owner: { type: 'string' }, only: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, sync: { type: 'boolean' }, all: { type: 'boolean' } });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((c) => !(CHECK_NAMES as readonly string[]).includes(c));
  if (unknown?.length) throw new UsageError(`unknown check ${unknown.join(', ')}`, `Checks: ${CHECK_NAMES.join(', ')}.`);
  const started = Date.now();
  const session = await openAnalysis(loadConfig(), { asOf: isoOption('as-of', values['as-of']), forceSync: Boolean(values.sync), onProgress: (m) => io.progress(m) });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    const all = runChecks(ctx, only as CheckName[] | undefined);
    const findings = ownerId ? all.filter((f) => f.ownerId === ownerId) : all;
    const previous = state.previousRun('check', ctx.asOf);
    const before = previous ? state.findingFingerprints(previous.id) : new Set<string>();
    const runId = randomUUID();
    const finishedAt = new Date().toISOString();
    // Only a full check (every check, every owner) is an audit point for the trend.
    const audit = !ownerId && !only ? auditSnapshot(ctx, all) : [];
    state.recordRun(
      { id: runId, workflow: ownerId || only ? 'check-partial' : 'check', driver: 'offline', ownerId: ownerId ?? null, asOf: ctx.asOf, startedAt: new Date(started).toISOString(), finishedAt, status: 'ok', durationMs: Date.now() - started, inputs: { owner: ownerId ?? null, only: only ?? null }, outputs: { findings: findings.length } },
      findings,
      audit,
    );
    if (values.json) {
      const report: CheckReport = { asOf: ctx.asOf, findings };
      printJson(io, report);
    } else {
      const d = new Map(ctx.data.crm.deals.map((x) => [x.id, x.amount]));
      const owners = new Map(ctx.data.crm.owners.map((o) => [o.id, o.name]));
      io.out(
        renderFindings({
          asOf: ctx.asOf,
          timezone: ctx.timezone,
          currency: ctx.currency,
          findings,
          isNew: (f) => !before.has(findingFingerprint(f)),
          ownerName: (id) => (id ? owners.get(id) ?? `Owner ${id}` : 'Not owned (no HubSpot contact or owner)'),
          dealAmount: (id) => d.get(id) ?? null,
          previousRunAsOf: previous?.asOf ?? null,
          // One AE asked for: everything. The whole team: the most important rows each, the rest counted.
          maxRowsPerOwner: ownerId || values.all ? Infinity : name === 'start' ? 5 : 10,
          moreHint: (id) => (id ? `mis check --owner ${id}` : 'mis check --all'),
        }),
      );
      if (session.synced) io.err(`synced first (${session.synced.kind}): ${session.synced.hubspotRequests} HubSpot and ${session.synced.smartleadRequests} SmartLead API calls`);
    }
    return 0;
  } finally {
    await session.close();
  }
}
