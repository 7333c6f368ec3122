/** `mis check`: the daily CRM hygiene check (docs/contracts.md §2), recorded so trends and "new since" work. */
import { randomUUID } from 'node:crypto';
import {
  auditSnapshot,
  CHECK_NAMES,
  recordName,
  type AnalysisContext,
  type CheckName,
  type CheckReport,
  type Finding,
} from '../../analysis/index.js';
import { runChecks } from '../../analysis/checks/index.js';
import { loadConfig } from '../../config/index.js';
import { fitText } from '../../format/index.js';
import { ownerHandle } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { renderFindings } from '../../analysis/text/index.js';
import { openAnalysis } from '../../session/index.js';
import { findingFingerprint, type StateStore } from '../../state/index.js';
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
  const { values } = parse(
    name,
    argv,
    {
      owner: { type: 'string' },
      only: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
      sync: { type: 'boolean' },
      all: { type: 'boolean' },
    },
    0,
  );
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((c) => !(CHECK_NAMES as readonly string[]).includes(c));
  if (unknown?.length)
    throw new UsageError(`unknown check ${unknown.join(', ')}`, `Checks: ${CHECK_NAMES.join(', ')}.`);
  const started = Date.now();
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    forceSync: Boolean(values.sync),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    const all = runChecks(ctx, only as CheckName[] | undefined);
    const findings = ownerId ? all.filter((f) => f.ownerId === ownerId) : all;
    const previous = state.previousRun('check', ctx.asOf);
    const before = previous ? state.findingFingerprints(previous.id) : new Set<string>();
    recordCheckRun(state, ctx, all, { ownerId: ownerId ?? null, only: only ?? null, startedMs: started });
    if (values.json) {
      const report: CheckReport = { asOf: ctx.asOf, findings };
      printJson(io, report);
    } else {
      const d = new Map(ctx.data.crm.deals.map((x) => [x.id, x.amount]));
      const owners = new Map(ctx.data.crm.owners.map((o) => [o.id, o.name]));
      io.out(
        fitText(
          renderFindings({
            asOf: ctx.asOf,
            timezone: ctx.timezone,
            currency: ctx.currency,
            findings,
            isNew: (f) => !before.has(findingFingerprint(f)),
            ownerName: (id) => (id ? (owners.get(id) ?? `Owner ${id}`) : 'Not owned (no HubSpot contact or owner)'),
            dealAmount: (id) => d.get(id) ?? null,
            recordName: (f) => recordName(ctx, f),
            previousRunAsOf: previous?.asOf ?? null,
            // One AE asked for: everything. The whole team: the most important rows each, the rest counted.
            maxRowsPerOwner: ownerId || values.all ? Infinity : name === 'start' ? 5 : 10,
            moreHint: (id) => (id ? `mis check --owner ${ownerHandle(ctx.data.crm.owners, id)}` : 'mis check --all'),
          }),
        ),
      );
      if (session.synced)
        io.err(
          `synced first (${session.synced.kind}): ${session.synced.hubspotRequests} HubSpot and ${session.synced.smartleadRequests} SmartLead API calls`,
        );
    }
    return 0;
  } finally {
    await session.close();
  }
}

/**
 * Records a check run: its findings (one owner's when `ownerId`), and for a full check (every check, every owner)
 * the audit snapshot that `mis audit` and "new since" read. `mis check` and `mis start` both record through here.
 */
export function recordCheckRun(
  state: StateStore,
  ctx: AnalysisContext,
  all: Finding[],
  opts: { ownerId: string | null; only: string[] | null; startedMs: number; via?: string },
): string {
  const { ownerId, only } = opts;
  const findings = ownerId ? all.filter((f) => f.ownerId === ownerId) : all;
  const partial = Boolean(ownerId || only);
  const id = randomUUID();
  state.recordRun(
    {
      id,
      workflow: partial ? 'check-partial' : 'check',
      driver: 'offline',
      ownerId,
      asOf: ctx.asOf,
      startedAt: new Date(opts.startedMs).toISOString(),
      finishedAt: new Date().toISOString(),
      status: 'ok',
      durationMs: Date.now() - opts.startedMs,
      inputs: { owner: ownerId, only, ...(opts.via ? { via: opts.via } : {}) },
      outputs: { findings: findings.length },
    },
    findings,
    partial ? [] : auditSnapshot(ctx, all),
  );
  return id;
}
