/** `mis notify`: send the digests that are due (or write them to the outbox folder), and snooze / mute items. */
import { join } from 'node:path';
import { CHECK_NAMES } from '../../analysis/index.js';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { notifyReportSchema, notifyRun, NotifyStore, transportsFromConfig } from '../../notify/index.js';
import { openAnalysis } from '../../session/index.js';
import { intOption, isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const NOTIFY_HELP = `Usage: mis notify [--dry-run] [--owner ID|EMAIL] [--as-of ISO] [--json]
       mis notify snooze --owner ID --deal ID [--days N] [--reason TEXT]
       mis notify mute   --owner ID --deal ID --check CHECK [--reason TEXT]
       mis notify unmute --owner ID --deal ID [--check CHECK]

Sends each AE's digest when it is due: their frequency (adapted to how they respond), their best time, outside
quiet hours and weekends in their time zone, at most once a day, one nudge per deal per day. Items escalate
L1 → L4 per the ladder; at L4 (and for AEs who never respond) the manager is told that support is needed.
Every message is recorded in the outbox before it is sent and marked sent after: a rerun sends what is left.
  --dry-run   write the messages to <MIS_STATE_DIR>/outbox/ as .txt, .html and .slack.json; send and record nothing
  snooze      take a deal off the AE's digests for --days (default 7), with a reason
  mute        stop nudging one check on one deal (until unmute); checks: ${CHECK_NAMES.join(', ')}
Delivery: notify.smtp in mis.config.json (password in the variable notify.smtp.passwordEnv, default
MIS_SMTP_PASSWORD); Slack: MIS_SLACK_WEBHOOK_URL (an incoming-webhook URL).`;

export async function notifyCommand(argv: string[], io: Io): Promise<number> {
  const sub = argv[0] === 'snooze' || argv[0] === 'mute' || argv[0] === 'unmute' ? argv[0] : null;
  const { values } = parse(sub ? `notify ${sub}` : 'notify', sub ? argv.slice(1) : argv, {
    'dry-run': { type: 'boolean' },
    owner: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
    deal: { type: 'string' },
    days: { type: 'string' },
    reason: { type: 'string' },
    check: { type: 'string' },
  });
  if (values.help) {
    io.out(NOTIFY_HELP);
    return 0;
  }
  const config = loadConfig();
  const session = await openAnalysis(config, {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    if (sub) {
      if (!ownerId || !values.deal)
        throw new UsageError(
          `notify ${sub}: --owner and --deal are required`,
          `Run \`mis notify ${sub} --owner <id> --deal <deal id>\`.`,
        );
      const deal = ctx.data.crm.deals.find((d) => d.id === values.deal);
      if (!deal)
        throw new UsageError(
          `no deal ${values.deal} in this portal`,
          'Use a deal id from `mis digest` or `mis check`.',
        );
      const store = new NotifyStore(state);
      const key = `deal:${deal.id}`;
      const at = new Date().toISOString();
      if (sub === 'snooze') {
        const days = intOption('days', values.days, 7, 1);
        const until = new Date(Math.max(Date.parse(ctx.asOf), Date.now()) + days * 86_400_000).toISOString();
        store.snooze(ownerId, key, until, values.reason ?? null, at);
        io.out(
          `Snoozed ${deal.name} for ${ownerId} until ${until.slice(0, 10)}${values.reason ? ` (${values.reason})` : ''}.`,
        );
      } else if (sub === 'mute') {
        if (!values.check || !(CHECK_NAMES as readonly string[]).includes(values.check))
          throw new UsageError(`notify mute: --check must be one of ${CHECK_NAMES.join(', ')}`);
        store.mute(ownerId, key, values.check, values.reason ?? null, at);
        io.out(`Muted ${values.check} on ${deal.name} for ${ownerId}.`);
      } else {
        const n = store.unsuppress(ownerId, key, values.check ?? null, at);
        io.out(`Lifted ${n} snooze/mute ${n === 1 ? 'entry' : 'entries'} on ${deal.name}.`);
      }
      return 0;
    }
    const dryRun = Boolean(values['dry-run']);
    const transports = dryRun ? {} : transportsFromConfig(ctx.config.notify);
    try {
      const report = notifyReportSchema.parse(
        await notifyRun(session, { dryRun, ownerId, outboxDir: join(config.stateDir, 'outbox'), transports }),
      );
      if (values.json) {
        printJson(io, report);
        return report.delivery && report.delivery.failed.length ? 1 : 0;
      }
      for (const o of report.owners)
        io.out(
          `${o.name} (${o.ownerId}) · ${o.tier}${o.responsiveness === null ? '' : ` ${o.responsiveness}%`} · ${o.due ? (dryRun ? 'would send' : 'due') : 'not now'}: ${o.reason}`,
        );
      if (dryRun)
        io.out(
          `\nDry run: ${report.files.length} files written to ${join(config.stateDir, 'outbox')}; nothing sent or recorded.`,
        );
      else if (report.delivery) {
        const d = report.delivery;
        io.out(
          `\nSent ${d.sent.length}${d.failed.length ? `, failed ${d.failed.length} (kept in the outbox, retried next run)` : ''}${d.waiting.length ? `, waiting ${d.waiting.length}` : ''}.`,
        );
        for (const f of d.failed) io.err(`  ${f.id}: ${f.error}`);
      }
      return report.delivery && report.delivery.failed.length ? 1 : 0;
    } finally {
      for (const t of Object.values(transports)) t?.close?.();
    }
  } finally {
    await session.close();
  }
}
