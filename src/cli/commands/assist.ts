/** `mis brief`, `mis next`, `mis prep`, `mis remind`: what the AE gets back (AE-1, AE-5, AE-3, AE-6). */
import { z } from 'zod';
import {
  dealBrief,
  dealBriefSchema,
  findDeal,
  followUpReminders,
  meetingPrep,
  meetingPrepSchema,
  nextActions,
  nextActionSchema,
  overdueTasks,
  overdueTaskSchema,
  proposeReminders,
  reminderSchema,
  renderBrief,
  renderNextActions,
  renderPrep,
  renderReminders,
  saidByDeal,
} from '../../assist/index.js';
import { loadConfig } from '../../config/index.js';
import { isCrmWriter } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { openAnalysis, type AnalysisSession } from '../../session/index.js';
import { WriteService } from '../../writes/index.js';
import { intOption, isoOption, parse, type OptionSpec } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

const AS_OF = `  --as-of ISO   the 'now' (default: the dataset's asOf on the sandbox, else the clock)
  --json        one JSON document`;

export const BRIEF_HELP = `Usage: mis brief --deal ID|NAME [--as-of ISO] [--json]

A pre-call brief to read in a minute: the company and its people (who was last in touch, who has gone
quiet, single-threaded or not), where the deal stands (stage and for how long, amount, close date and its
pushes), the last touches in HubSpot and SmartLead, what the AE last said in an update, open risks,
what the stage still needs, the next best action and questions to ask.
  --deal        a deal id, or a word of the deal's or company's name that picks one deal
${AS_OF}`;

export const NEXT_HELP = `Usage: mis next [--owner NAME|EMAIL|ID] [--deal ID|NAME] [--top N] [--as-of ISO] [--json]

The next best action on each open deal, with its reason: reply to a waiting message, agree a new close date,
restart a quiet conversation, send the proposal after a demo, bring in a second person, book the next step,
confirm the PO. Deals that need an action first, then by money at risk (amount × stage probability).
  --top         how many deals to list (default 15; --json lists all)
${AS_OF}`;

export const PREP_HELP = `Usage: mis prep --owner NAME|EMAIL|ID [--date YYYY-MM-DD] [--as-of ISO] [--json]

Meeting prep: the AE's HubSpot meetings on the next working day (or --date), each with its deal's brief.
${AS_OF}`;

export const REMIND_HELP = `Usage: mis remind [--owner NAME|EMAIL|ID] [--propose] [--as-of ISO] [--json]

Follow-up reminders: a deal with nothing scheduled, a reply with no answer, a date promised in the AE's
update. Each is a HubSpot task (subject, due date, deal). Also lists the AE's overdue tasks.
  --propose     register the tasks as proposed CRM writes (once each); a person accepts them with one
                tap or \`mis writes approve\`, and they land in HubSpot's task queue
${AS_OF}`;

async function session(asOf: string | undefined, io: Io): Promise<AnalysisSession> {
  const s = await openAnalysis(loadConfig(), { asOf: isoOption('as-of', asOf), onProgress: (m) => io.progress(m) });
  io.done();
  return s;
}

function parseOrHelp<O extends OptionSpec>(name: string, argv: string[], options: O, help: string, io: Io) {
  const parsed = parse(name, argv, options, 0);
  if ((parsed.values as { help?: boolean }).help) {
    io.out(help);
    return null;
  }
  return parsed.values;
}

export async function briefCommand(argv: string[], io: Io): Promise<number> {
  const values = parseOrHelp(
    'brief',
    argv,
    { deal: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    BRIEF_HELP,
    io,
  );
  if (!values) return 0;
  if (!values.deal)
    throw new UsageError('brief needs --deal', 'Example: mis brief --deal "Acme rollout" (or a deal id).');
  const s = await session(values['as-of'], io);
  try {
    const deal = findDeal(s.ctx, values.deal);
    const brief = dealBrief(s.ctx, deal, { said: saidByDeal(s.state, s.ctx.asOf) });
    if (values.json) printJson(io, dealBriefSchema.parse(brief));
    else io.out(renderBrief(brief));
    return 0;
  } finally {
    await s.close();
  }
}

export const nextReportSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  actions: z.array(nextActionSchema),
});

export async function nextCommand(argv: string[], io: Io): Promise<number> {
  const values = parseOrHelp(
    'next',
    argv,
    {
      owner: { type: 'string' },
      deal: { type: 'string' },
      top: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    },
    NEXT_HELP,
    io,
  );
  if (!values) return 0;
  const top = intOption('top', values.top, 15, 1);
  const s = await session(values['as-of'], io);
  try {
    const ownerId = resolveOwner(s.ctx.data.crm.owners, values.owner);
    const dealId = values.deal ? findDeal(s.ctx, values.deal).id : undefined;
    const actions = nextActions(s.ctx, { ...(ownerId ? { ownerId } : {}), ...(dealId ? { dealId } : {}) });
    if (values.json) printJson(io, nextReportSchema.parse({ asOf: s.ctx.asOf, currency: s.ctx.currency, actions }));
    else io.out(renderNextActions(actions, s.ctx.currency, top));
    return 0;
  } finally {
    await s.close();
  }
}

export async function prepCommand(argv: string[], io: Io): Promise<number> {
  const values = parseOrHelp(
    'prep',
    argv,
    { owner: { type: 'string' }, date: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    PREP_HELP,
    io,
  );
  if (!values) return 0;
  if (!values.owner)
    throw new UsageError('prep needs --owner', 'Example: mis prep --owner asha (first name, full name, email or id).');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new UsageError(`--date must be a day as YYYY-MM-DD, got "${values.date}"`);
  if (values.date !== undefined && Number.isNaN(Date.parse(`${values.date}T00:00:00Z`)))
    throw new UsageError(`--date ${values.date} is not a calendar day`);
  const s = await session(values['as-of'], io);
  try {
    const ownerId = resolveOwner(s.ctx.data.crm.owners, values.owner)!;
    const prep = meetingPrep(s.ctx, ownerId, {
      said: saidByDeal(s.state, s.ctx.asOf),
      ...(values.date ? { day: values.date } : {}),
    });
    if (values.json) printJson(io, meetingPrepSchema.parse(prep));
    else io.out(renderPrep(prep));
    return 0;
  } finally {
    await s.close();
  }
}

export const remindReportSchema = z.object({
  asOf: z.string(),
  reminders: z.array(reminderSchema),
  overdueTasks: z.array(overdueTaskSchema),
  proposed: z.array(z.object({ key: z.string(), writeId: z.string(), created: z.boolean() })).optional(),
});

export async function remindCommand(argv: string[], io: Io): Promise<number> {
  const values = parseOrHelp(
    'remind',
    argv,
    { owner: { type: 'string' }, propose: { type: 'boolean' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    REMIND_HELP,
    io,
  );
  if (!values) return 0;
  const config = loadConfig();
  const s = await session(values['as-of'], io);
  try {
    const ownerId = resolveOwner(s.ctx.data.crm.owners, values.owner);
    const reminders = followUpReminders(s.ctx, {
      ...(ownerId ? { ownerId } : {}),
      said: saidByDeal(s.state, s.ctx.asOf),
    });
    const overdue = ownerId
      ? overdueTasks(s.ctx, ownerId)
      : [...new Set(s.ctx.data.crm.owners.map((o) => o.id))].flatMap((id) => overdueTasks(s.ctx, id));
    let proposed: ReturnType<typeof proposeReminders> | undefined;
    if (values.propose) {
      const crm = s.conn.crm;
      if (!isCrmWriter(crm))
        throw new UsageError(
          'this connection cannot write to the CRM',
          'Check HUBSPOT_ACCESS_TOKEN has the write scopes (docs/writes.md).',
        );
      const owner = ownerId ? s.ctx.data.crm.owners.find((o) => o.id === ownerId) : undefined;
      proposed = proposeReminders(
        new WriteService({ crm, state: s.state, stateDir: config.stateDir }),
        reminders,
        owner?.email ?? 'mis remind',
      );
    }
    if (values.json)
      printJson(
        io,
        remindReportSchema.parse({
          asOf: s.ctx.asOf,
          reminders,
          overdueTasks: overdue,
          ...(proposed ? { proposed } : {}),
        }),
      );
    else {
      io.out(renderReminders(reminders, overdue, s.ctx.timezone, s.ctx.asOf));
      if (proposed) {
        const fresh = proposed.filter((p) => p.created).length;
        io.out(
          `\nProposed ${fresh} new task${fresh === 1 ? '' : 's'} (${proposed.length - fresh} already proposed). Accept with one tap from the digest, or: mis writes list`,
        );
      }
    }
    return 0;
  } finally {
    await s.close();
  }
}
