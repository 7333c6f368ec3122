/** `mis ask "question"`: Claude with read-only tools (citing record ids), or offline the matching report. */
import { ask, INTENTS, modelConfig, openAgentSession, parseDriverChoice, selectDriver } from '../../agent/index.js';
import { UsageError } from '../../errors/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const ASK_HELP = `Usage: mis ask "question" [--owner ID|EMAIL] [--driver offline|claude|auto] [--as-of ISO] [--json]

Answers a question about the pipeline. With ANTHROPIC_API_KEY (driver claude/auto) Claude answers using the
read-only MCP tools and cites the record ids. Offline, questions about these are answered with the matching
report; anything else says it needs a model (docs/ask.md):
${INTENTS.map((i) => `  - ${i.example}`).join('\n')}
  - deals by owner, amount, stage and period: "Rohit's deals over 20 lakh closing this quarter"
  - who has the most/least: "who has the most open deals above 50 lakh?"
  - pipeline health, forecast, and what an AE said in a stored update: "what did <AE> say about <company>?"
  - RevOps advice from the portal's numbers: "our pipeline is a mess", "set up lead scoring", "our crm is a
    disaster" (the same reports as mis advise; docs/advise.md)
  --json  {"kind": "answer", "question", "answer", "citations": [{type, id}], "report"}`;

export async function askCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('ask', argv, {
    owner: { type: 'string' },
    driver: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(ASK_HELP);
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question)
    throw new UsageError('ask: give the question in quotes', 'Example: mis ask "which deals are at risk?"');
  if (question.length > 2000) throw new UsageError('ask: the question is longer than 2,000 characters');
  const driver = selectDriver(parseDriverChoice(values.driver), modelConfig());
  const agent = await openAgentSession({
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const owner = resolveOwner(agent.analysis.ctx.data.crm.owners, values.owner);
    const r = await ask({
      question,
      driver,
      client: agent.client,
      owner,
      asOf: agent.asOf,
      view: agent.view,
      state: agent.analysis.state,
      fiscalYearStartMonth: agent.analysis.ctx.config.fiscalYearStartMonth,
    });
    if (values.json) printJson(io, r.answer);
    else io.out(r.text);
    io.err(
      `ask ${r.runId} · ${r.driver}${r.answer.report ? ` · report ${r.answer.report}` : ''} · ${r.toolCalls.length} tool calls`,
    );
    return 0;
  } finally {
    await agent.close();
  }
}
