/** `mis run <workflow>`: one workflow, offline or with Claude, recorded; and `mis start` (the daily check workflow). */
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { fitText } from '../../format/index.js';
import { printStartDigests } from '../../notify/index.js';
import {
  findWorkflow,
  loadWorkflows,
  modelConfig,
  OfflineDriver,
  openAgentSession,
  parseDriverChoice,
  runWorkflow,
  selectDriver,
  WorkflowError,
  type AgentSession,
  type RunOutcome,
  type Workflow,
} from '../../agent/index.js';
import { runChecks } from '../../analysis/checks/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';
import { checkCommand, recordCheckRun } from './check.js';

export const RUN_HELP = `Usage: mis run <workflow> [--owner ID|EMAIL] [--deal ID|NAME] [--driver offline|claude|auto] [--as-of ISO] [--json]
       mis run --list

Runs a workflow from workflows/ (or a path to a .md file) through the sales-mis MCP tools and records the run
(inputs, tool calls, output, token usage, duration) in the state store.
  --driver  offline: the workflow's declared steps, no model; claude: Claude with the workflow's tools
            (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, MIS_MODEL); auto (default): claude when a key is set
  --owner   one AE; a per-AE workflow without --owner runs for every active AE
  --deal    the deal a per-deal workflow is about (pre-call-brief)
  --json    {"run": {id, workflow, driver, model, turns, usage, toolCalls, durationMs}, "output": …}
  --list    the workflows with their schedules`;

export async function runCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('run', argv, {
    owner: { type: 'string' },
    deal: { type: 'string' },
    driver: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
    list: { type: 'boolean' },
  });
  if (values.help) {
    io.out(RUN_HELP);
    return 0;
  }
  if (values.list) {
    const all = loadWorkflows();
    if (values.json)
      printJson(
        io,
        all.map((w) => ({
          name: w.name,
          description: w.description,
          schedule: w.schedule,
          scope: w.scope,
          tools: w.tools,
          output: w.output,
        })),
      );
    else
      for (const w of all)
        io.out(`${w.name.padEnd(28)}${(w.schedule ?? 'on demand').padEnd(16)}${w.scope.padEnd(7)}${w.description}`);
    return 0;
  }
  const name = positionals[0];
  if (!name || positionals.length > 1) {
    io.out(RUN_HELP);
    return 2;
  }
  const workflow = findWorkflow(name);
  const driver = selectDriver(parseDriverChoice(values.driver), modelConfig());
  const agent = await openAgentSession({
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const owner = resolveOwner(agent.analysis.ctx.data.crm.owners, values.owner);
    const owners = owner ? [owner] : workflow.scope === 'owner' ? activeOwners(agent) : [undefined];
    const outcomes: RunOutcome[] = [];
    for (const o of owners) {
      const r = await runWorkflow({
        workflow,
        driver,
        client: agent.client,
        inputs: { owner: o, ...(values.deal ? { deal: values.deal } : {}) },
        asOf: agent.asOf,
        view: agent.view,
        state: agent.analysis.state,
      });
      outcomes.push(r);
      if (!values.json) {
        io.out(fitText(r.text));
        if (owners.length > 1) io.out('');
      }
      io.err(runLine(r));
    }
    if (values.json) {
      const docs = outcomes.map(runDocument);
      printJson(io, docs.length === 1 && workflow.scope === 'team' ? docs[0] : { runs: docs });
    }
    return 0;
  } finally {
    await agent.close();
  }
}

export const START_HELP = `Usage: mis start [--owner ID|EMAIL] [--as-of ISO] [--sync] [--json]

The main job (npm start): syncs when the cache is stale, runs the daily-compliance-check workflow with the
offline driver through the MCP tools, and prints each AE's five most important findings (new ones marked),
then each AE's digest for today as text (also written to <state>/outbox/ as HTML and Slack JSON; nothing sent).
The run is recorded, and the check is recorded as an audit point for \`mis audit\` and "new since".
--only/--all run \`mis check\` instead.`;

/** `mis start`: the daily-compliance-check workflow, offline; `mis check` when the workflow cannot load. */
export async function startCommand(argv: string[], io: Io): Promise<number> {
  if (argv.some((a) => a === '--only' || a.startsWith('--only=') || a === '--all'))
    return checkCommand(argv, io, 'start');
  const { values } = parse(
    'start',
    argv,
    { owner: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, sync: { type: 'boolean' } },
    0,
  );
  if (values.help) {
    io.out(START_HELP);
    return 0;
  }
  let workflow: Workflow;
  try {
    workflow = findWorkflow('daily-compliance-check');
  } catch (e) {
    if (!(e instanceof WorkflowError)) throw e;
    io.err(`note: ${e.message}; running \`mis check\` instead`);
    return checkCommand(argv, io, 'start');
  }
  const agent = await openAgentSession({
    asOf: isoOption('as-of', values['as-of']),
    forceSync: Boolean(values.sync),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const owner = resolveOwner(agent.analysis.ctx.data.crm.owners, values.owner);
    const r = await runWorkflow({
      workflow,
      driver: new OfflineDriver(),
      client: agent.client,
      inputs: { owner },
      asOf: agent.asOf,
      view: { ...agent.view, rowsPerOwner: owner ? Infinity : 5 },
      state: agent.analysis.state,
    });
    if (!owner) recordCheckPoint(agent, r.runId);
    if (values.json) printJson(io, runDocument(r));
    else {
      io.out(fitText(r.text));
      // Then each AE's digest for today, as the notifier would send it (written to the outbox, nothing sent).
      printStartDigests(
        { ctx: agent.analysis.ctx, state: agent.analysis.state },
        (t) => io.out(fitText(t)),
        join(loadConfig().stateDir, 'outbox'),
      );
    }
    const s = agent.analysis.synced;
    if (s)
      io.err(`synced first (${s.kind}): ${s.hubspotRequests} HubSpot and ${s.smartleadRequests} SmartLead API calls`);
    io.err(runLine(r));
    return 0;
  } finally {
    await agent.close();
  }
}

/** The full check as an audit point (what `mis check` records), so trends and "new since" keep working. */
function recordCheckPoint(agent: AgentSession, workflowRunId: string): void {
  const { ctx, state } = agent.analysis;
  const started = Date.now();
  recordCheckRun(state, ctx, runChecks(ctx), { ownerId: null, only: null, startedMs: started, via: workflowRunId });
}

function activeOwners(agent: AgentSession): string[] {
  const withDeals = new Set(agent.analysis.ctx.data.crm.deals.map((d) => d.ownerId));
  return agent.analysis.ctx.data.crm.owners.filter((o) => !o.archived && withDeals.has(o.id)).map((o) => o.id);
}

export function runDocument(r: RunOutcome) {
  return {
    run: {
      id: r.runId,
      workflow: r.workflow,
      driver: r.driver,
      model: r.model,
      turns: r.turns,
      usage: r.usage,
      durationMs: r.durationMs,
      toolCalls: r.toolCalls.map((c) => ({
        tool: c.tool,
        args: c.args,
        ok: c.ok,
        ms: c.ms,
        ...(c.error ? { error: c.error } : {}),
      })),
    },
    output: r.output,
  };
}

export function runLine(r: RunOutcome): string {
  const tokens = r.usage
    ? ` · ${r.usage.inputTokens + r.usage.cacheReadInputTokens + r.usage.cacheCreationInputTokens} in / ${r.usage.outputTokens} out tokens`
    : '';
  return `run ${r.runId} · ${r.workflow} · ${r.driver}${r.model ? ` (${r.model})` : ''} · ${r.toolCalls.length} tool calls${tokens} · ${(r.durationMs / 1000).toFixed(1)} s`;
}
