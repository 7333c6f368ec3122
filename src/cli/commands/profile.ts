/** `mis profile`: AE profiles — learned responsiveness and tier, channel, best time, notification settings. */
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { renderTable } from '../../format/index.js';
import { aeProfileSchema, applySettings, NotifyStore, planTeam, policyFor, SETTABLE_KEYS } from '../../notify/index.js';
import { openAnalysis } from '../../session/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';
import { z } from 'zod';

export const PROFILE_HELP = `Usage: mis profile [--owner ID|EMAIL] [--set key=value ...] [--json]

Shows each AE's profile: responsiveness (share of nudges acted on over the rolling window, 0–100; learned, not
set), the adaptive tier it puts them in, preferred channel, best time, time zone, action patterns, and the
notification settings. --set changes one AE's settings (repeatable):
  ${SETTABLE_KEYS.join(', ')}
  e.g. mis profile --owner 71217 --set preferredChannel=slack --set frequency=twice_weekly --set maxItems=1`;

const rowSchema = aeProfileSchema.extend({ name: z.string(), tier: z.string(), rule: z.string() });

export async function profileCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'profile',
    argv,
    {
      owner: { type: 'string' },
      set: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  if (values.help) {
    io.out(PROFILE_HELP);
    return 0;
  }
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx, state } = session;
    const store = new NotifyStore(state);
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    if (values.set?.length) {
      if (!ownerId)
        throw new UsageError('profile --set needs --owner', 'Run `mis profile --owner <id> --set key=value`.');
      store.saveProfile(applySettings(store.profile(ownerId), values.set), new Date().toISOString());
    }
    const names = new Map(ctx.data.crm.owners.map((o) => [o.id, o.name]));
    // The score as of now (read-only): the plan refreshes it from the window without recording anything.
    const plans = new Map(
      planTeam(session, { ...(ownerId ? { ownerId } : {}), preview: true }).map((p) => [p.ownerId, p]),
    );
    const ids = ownerId ? [ownerId] : [...plans.keys()];
    const rows = ids.map((id) => {
      const p = plans.get(id)?.profile ?? store.profile(id);
      const policy = policyFor(p);
      return rowSchema.parse({ ...p, name: names.get(id) ?? id, tier: policy.tier, rule: policy.rule });
    });
    if (values.json) {
      printJson(io, { profiles: rows });
      return 0;
    }
    io.out(
      renderTable(
        [
          'AE',
          'Responsiveness',
          'Tier',
          'Channel',
          'Best time',
          'Frequency',
          'Max items',
          'Escalate on day',
          'Patterns',
        ],
        rows.map((r) => [
          `${r.name} (${r.ownerId})`,
          r.responsiveness === null ? 'not scored' : `${r.responsiveness}%`,
          r.tier,
          r.preferredChannel,
          `${r.bestTime}${r.timezone ? ` ${r.timezone}` : ''}`,
          r.notification.frequency,
          String(r.notification.maxItems),
          String(r.notification.escalationThresholdDays),
          r.actionPatterns.join(', ') || '—',
        ]),
      ),
    );
    if (values.set?.length) io.err(`saved ${values.set.join(', ')} for ${ownerId}`);
    return 0;
  } finally {
    await session.close();
  }
}
