/** `mis digest --owner ID`: today's digest for one AE (what was sent today, else what today's plan would send). */
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { digestFor, digestReportSchema, renderText } from '../../notify/index.js';
import { openAnalysis } from '../../session/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const DIGEST_HELP = `Usage: mis digest --owner ID|EMAIL [--as-of ISO] [--json]

Today's digest for one AE: the single top action (most money at risk, loss-framed), further items up to their
limit (3 at escalation level L3+), today's wins and the week so far against the KPI targets, with one-tap links.
Shows what \`mis notify\` recorded today, else what it would send (schedule and quiet hours ignored; nothing is
recorded). Never an empty digest: with nothing open it says so.
  --json   {ownerId, day, tier, responsiveness, due, reason, stored, digest, manager}: digest and manager are the
           digest model (format sales-mis/digest@1, zod schema digestSchema in src/notify/content/digest.ts) or null`;

export async function digestCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'digest',
    argv,
    { owner: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    0,
  );
  if (values.help) {
    io.out(DIGEST_HELP);
    return 0;
  }
  if (!values.owner)
    throw new UsageError(
      'digest: --owner is required',
      'Run `mis digest --owner <owner id or email>`; `mis profile` lists the AEs.',
    );
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const ownerId = resolveOwner(session.ctx.data.crm.owners, values.owner)!;
    const report = digestReportSchema.parse(digestFor(session, ownerId));
    if (values.json) {
      printJson(io, report);
      return 0;
    }
    if (!report.digest && !report.manager) {
      io.out(`No digest for ${ownerId} on ${report.day}: ${report.reason}.`);
      return 0;
    }
    if (report.digest) io.out(`Subject: ${report.digest.subject}\n\n${renderText(report.digest)}`);
    if (report.manager)
      io.out(
        `${report.digest ? '\n' : ''}To ${report.manager.recipient.name} (manager) · Subject: ${report.manager.subject}\n\n${renderText(report.manager)}`,
      );
    io.err(
      `${report.stored ? 'recorded today' : report.due ? 'due now: `mis notify` sends it' : `not sent now: ${report.reason}`} · tier ${report.tier}${report.responsiveness === null ? '' : ` (responsiveness ${report.responsiveness})`}`,
    );
    return 0;
  } finally {
    await session.close();
  }
}
