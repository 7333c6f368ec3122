/** `mis risk`: open deals at risk (AE-4), most money at risk first, with every factor shown. */
import { z } from 'zod';
import { dealRisk, dealRiskSchema } from '../../analysis/risk/index.js';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { fitText, formatMoney, renderTable, terminalWidth } from '../../format/index.js';
import { openAnalysis } from '../../session/index.js';
import { intOption, isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const RISK_HELP = `Usage: mis risk [--owner ID|EMAIL] [--deal ID] [--top N] [--as-of ISO] [--json]

Open deals with risk signals — going cold against the stage's norm, close date pushed, no next step,
single-threaded above a size, competitor mentioned, amount down, stage regression, SmartLead silence —
sorted by money at risk (amount × stage probability), each signal explained with its evidence.
  --top   how many deals to list (default 15; --json lists all)`;

export const riskReportSchema = z.object({ asOf: z.string(), currency: z.string(), deals: z.array(dealRiskSchema) });

export async function riskCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'risk',
    argv,
    {
      owner: { type: 'string' },
      deal: { type: 'string' },
      top: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  if (values.help) {
    io.out(RISK_HELP);
    return 0;
  }
  const top = intOption('top', values.top, 15, 1);
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner);
    if (values.deal !== undefined) {
      const deal = ctx.data.crm.deals.find((d) => d.id === values.deal!.trim());
      if (!deal)
        throw new UsageError(
          `--deal ${values.deal}: no deal with that id in this portal`,
          'Pass a deal id as shown by `mis risk` or `mis check` (the number in brackets after the deal name).',
        );
      if (deal.archived) throw new UsageError(`--deal ${values.deal}: that deal is archived`, 'Pick an open deal.');
    }
    const deals = dealRisk(ctx, { ...(ownerId ? { ownerId } : {}), ...(values.deal ? { dealId: values.deal } : {}) });
    if (values.json) {
      printJson(io, riskReportSchema.parse({ asOf: ctx.asOf, currency: ctx.currency, deals }));
      return 0;
    }
    const risky = deals.filter((d) => d.signals.length).slice(0, top);
    io.out(
      fitText(
        `Deals at risk: ${deals.filter((d) => d.signals.length).length} of ${deals.length} open deals have a risk signal; the ${risky.length} with most money at risk:`,
      ),
    );
    const width = terminalWidth();
    // A terminal narrower than the table reads better as one short block per deal than as thin wrapped columns.
    if (width !== undefined && width < 140) {
      for (const d of risky)
        io.out(
          fitText(
            [
              '',
              `  ${d.dealName} (${d.dealId})`,
              `    ${d.ownerName} · ${d.stage} · ${formatMoney(d.amount, ctx.currency)}, ${formatMoney(d.amountAtRisk, ctx.currency)} at risk · score ${d.score ?? '—'}`,
              ...d.signals.map((s) => `    • ${s.explanation}`),
            ].join('\n'),
            width,
          ),
        );
      return 0;
    }
    io.out(
      renderTable(
        ['Deal', 'AE', 'Stage', 'Amount', 'At risk', 'Score', 'Why'],
        risky.map((d) => [
          `${d.dealName} (${d.dealId})`,
          d.ownerName,
          d.stage,
          formatMoney(d.amount, ctx.currency),
          formatMoney(d.amountAtRisk, ctx.currency),
          d.score ?? '—',
          d.signals.map((s) => s.explanation).join('; '),
        ]),
      ),
    );
    return 0;
  } finally {
    await session.close();
  }
}
