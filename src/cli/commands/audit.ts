/** `mis audit --weeks N`: HC-4, the compliance trend per AE. */
import { addDays, auditTrend, startOfWeek } from '../../analysis/index.js';
import { runChecks } from '../../analysis/checks/index.js';
import { loadConfig } from '../../config/index.js';
import { formatDate, renderTable } from '../../format/index.js';
import { openAnalysis } from '../../session/index.js';
import { intOption, isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const AUDIT_HELP = `Usage: mis audit [--weeks N] [--owner ID|EMAIL] [--as-of ISO] [--json]

The compliance trend per AE, week by week: open deals, stale deals and stale share, notes and activities
logged in the week, findings. A week uses the snapshot its last \`mis check\` stored; weeks with none are
reconstructed from the cache (marked "r": engagement counts are exact, stages are today's).
  --weeks   how many weeks back, this one included (default 4, at most 26)`;

export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'audit',
    argv,
    { weeks: { type: 'string' }, owner: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    0,
  );
  if (values.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  const weeks = Math.min(intOption('weeks', values.weeks, 4, 1), 26);
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    const since = new Date(startOfWeek(addDays(Date.parse(ctx.asOf), -7 * (weeks - 1)), ctx.timezone)).toISOString();
    const trend = auditTrend(ctx, weeks, state.auditTrend(since), (c) => runChecks(c));
    const shown = ownerId ? { ...trend, owners: trend.owners.filter((o) => o.ownerId === ownerId) } : trend;
    if (values.json) {
      printJson(io, shown);
      return 0;
    }
    io.out(
      `CRM compliance trend, ${weeks} weeks to ${formatDate(ctx.asOf, ctx.timezone)} (r = reconstructed from the cache)`,
    );
    for (const o of shown.owners) {
      io.out('');
      io.out(o.name);
      io.out(
        renderTable(
          ['Week of', 'Open', 'Stale', 'Stale share', 'Notes', 'Activities', 'Findings', ''],
          o.weeks.map((w) => [
            formatDate(w.weekStart, ctx.timezone),
            w.openDeals,
            w.staleDeals,
            w.staleShare === null ? '—' : `${Math.round(w.staleShare * 100)}%`,
            w.notesLogged,
            w.activitiesLogged,
            w.findings,
            w.source === 'reconstructed' ? 'r' : '',
          ]),
        ),
      );
    }
    return 0;
  } finally {
    await session.close();
  }
}
