/** mis_advise: the RevOps advisor's report on one topic, as `mis advise <topic> --json` prints it. */
import { z } from 'zod';
import { ADVISE_TOPICS, advise } from '../../../advise/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';

/** Rows kept per list so a report stays well under the 20 KB bound (the CLI's --json has them all). */
const MAX_ROWS = 10;

export const inputSchema = () =>
  z.strictObject({
    topic: z
      .enum(ADVISE_TOPICS)
      .describe(
        'lifecycle (stages, handoff SLA), scoring (lead score, routing), pipeline (stage criteria, stuck deals, cleanup), metrics (per audience), hygiene (duplicates, missing fields, naming), out_of_scope (outside RevOps, e.g. writing emails)',
      ),
    request: z.string().max(500).optional().describe('the question as asked (only echoed back for out_of_scope)'),
  });

export const outputSchema = z.object({
  topic: z.enum(ADVISE_TOPICS),
  report: z
    .record(z.string(), z.unknown())
    .describe(
      "the advice report (zod schemas in src/advise): headline, the portal's figures, plan (priority order, with records by name and id), cannotTell (what the data cannot tell), links",
    ),
  truncated: z
    .boolean()
    .describe(`true when lists were cut to ${MAX_ROWS} rows (mis advise <topic> --json has them all)`),
});

function cap(value: unknown, cut: { any: boolean }): unknown {
  if (Array.isArray(value)) {
    if (value.length > MAX_ROWS) cut.any = true;
    return value.slice(0, MAX_ROWS).map((v) => cap(v, cut));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cap(v, cut)]));
  return value;
}

export const tool = () =>
  defineTool({
    name: 'mis_advise',
    title: 'RevOps advice from the portal’s numbers',
    description:
      "RevOps advice on one topic from this portal's own figures: a prioritised plan and what the data cannot tell.",
    inputSchema: inputSchema(),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const since = new Date(Date.parse(ctx.asOf) - 28 * 86_400_000).toISOString();
      const report = advise(ctx, args.topic, {
        storedAudit: state.auditTrend(since),
        ...(args.request ? { request: args.request } : {}),
      });
      const cut = { any: false };
      const capped = cap(report, cut) as Record<string, unknown>;
      return {
        result: { topic: args.topic, report: capped, truncated: cut.any },
        summary: `${args.topic}: ${report.headline}`,
      };
    },
  });
