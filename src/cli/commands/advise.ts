/** `mis advise <topic>`: the RevOps advisor — the team's own numbers, a prioritised plan, what the data can't tell. */
import { ADVISE_TOPICS, advise, renderAdvice, type AdviseTopic } from '../../advise/index.js';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { didYouMean } from '../../format/index.js';
import { openAnalysis } from '../../session/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';

const TOPICS = ADVISE_TOPICS.filter((t) => t !== 'out_of_scope');

export const ADVISE_HELP = `Usage: mis advise <topic> [--as-of ISO] [--json]

RevOps advice from this portal's own numbers: each topic is a short report with the figures, a plan in
order of impact, and what the data cannot tell.
  lifecycle   lifecycle stages as used today, conversion and time in each, stuck and skipped contacts,
              MQLs never worked, proposed definitions, the handoff SLA with today's compliance, and the
              HubSpot workflows that enforce it
  scoring     the fit + engagement lead score, MQL/SQL thresholds from past conversion, its lift,
              leads to call first, routing from each AE's load and response time
  pipeline    entry/exit criteria per stage, maximum days per stage (2× the median) with the deals over
              it, required fields and who misses them, conversion and velocity, cleanup by ₹
  metrics     the dashboard metrics per audience (marketing, sales, leadership) with today's values,
              and the ones the data can't support yet
  hygiene     duplicates, missing fields, naming variants and free-text fields, the one-time cleanup
              by impact, the ongoing checks and their trend
  --json      one JSON document (the zod schemas in src/advise)`;

export async function adviseCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('advise', argv, { 'as-of': { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    io.out(ADVISE_HELP);
    return 0;
  }
  const [topic, ...extra] = positionals;
  if (!topic) {
    io.out(ADVISE_HELP);
    return 2;
  }
  if (extra.length)
    throw new UsageError(
      `advise: one topic at a time (got "${positionals.join(' ')}")`,
      `Topics: ${TOPICS.join(', ')}.`,
    );
  if (!(TOPICS as readonly string[]).includes(topic))
    throw new UsageError(
      `unknown advice topic "${topic}".${didYouMean(topic, [...TOPICS])}`,
      `Topics: ${TOPICS.join(', ')}.`,
    );
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const since = new Date(Date.parse(session.ctx.asOf) - 28 * 86_400_000).toISOString();
    const report = advise(session.ctx, topic as AdviseTopic, { storedAudit: session.state.auditTrend(since) });
    if (values.json) printJson(io, report);
    else io.out(renderAdvice(report));
    return 0;
  } finally {
    await session.close();
  }
}
