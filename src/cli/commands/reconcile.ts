/** `mis reconcile`: an AE's free-text update against the CRM (docs/contracts.md §2), with consent-based apply. */
import { randomUUID } from 'node:crypto';
import { openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { modelConfig } from '../../agent/index.js';
import { loadConfig } from '../../config/index.js';
import { isCrmWriter } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { terminalWidth, wrapText } from '../../format/index.js';
import {
  applyProposals,
  appliedFrom,
  buildLexicon,
  claudeExtractor,
  decodeUpdate,
  lexiconOverrideSchema,
  MAX_UPDATE_CHARS,
  reconcileUpdate,
  UpdateInputError,
  withoutApplied,
  type AppliedChange,
  type Extractor,
  type LexiconOverride,
} from '../../reconcile/index.js';
import {
  describeChange,
  differenceKind,
  renderApplied,
  renderReconciliation,
  type RenderContext,
} from '../../reconcile/render.js';
import { openAnalysis } from '../../session/index.js';
import { competitorsOf } from '../../analysis/index.js';
import { recordReconciliation } from '../../state/index.js';
import { WriteService } from '../../writes/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const RECONCILE_HELP = `Usage: mis reconcile --owner ID|EMAIL --update FILE [--as-of ISO] [--json]
                     [--apply [--yes] [--yes-stages] [--as NAME]] [--extractor offline|claude] [--lexicon FILE]

Reads an AE's free-text update (email or Slack text; FILE or - for stdin), matches each deal it mentions to the
CRM, and lists where the CRM disagrees — stage_mismatch, missing_deal, stale_deal, amount_mismatch,
close_date_mismatch, unlogged_activity, lost_not_closed — each with the AE's words and the changes that would
fix it. The update and the result are recorded: stage mismatches show up in the next \`mis check\`.
  --apply       apply the proposed changes through the audited write path (mis writes list); on a terminal
                each change is asked about; elsewhere --yes is required
  --yes         apply without asking — except stage changes, which need a person's yes on a terminal
  --yes-stages  with --yes: stage changes too (closing a deal as lost included)
  --as NAME     who approves (default: the login name)
  --extractor   offline (default without ANTHROPIC_API_KEY) or claude (default with it)
  --lexicon     a JSON file adding stage phrases, stage ids, products, competitors, festivals (docs/reconcile.md)
  --min-confidence  0-1 (default 0.6): less sure discrepancies are listed as "check" (candidates), never proposed
  --received-at when the update was sent (default: --as-of)
  --json        {"owner","asOf","mentions":[…],"discrepancies":[…],"coverage":{…}} (docs/contracts.md §2)`;

/** Reads the update without loading a huge file whole. */
function readUpdate(file: string): Uint8Array {
  if (file === '-') return readFileSync(0);
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new UsageError(
        `--update ${file} is a folder, not an update file`,
        "Pass the path of a text file with the AE's update (or - for stdin).",
      );
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read the update file ${file}`,
      "Pass the path of a text file with the AE's update (or - for stdin).",
    );
  }
  const limit = MAX_UPDATE_CHARS * 4 + 1;
  const buf = Buffer.alloc(Math.min(size, limit));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size > limit)
    throw new UpdateInputError(
      `the update file is ${size.toLocaleString('en')} bytes; an update is at most ${MAX_UPDATE_CHARS.toLocaleString('en')} characters`,
      "Reconcile one AE's weekly update at a time (split a long thread into the updates it contains).",
    );
  return buf;
}

function readLexicon(file: string | undefined): LexiconOverride {
  if (!file) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `cannot read the lexicon ${file}: ${(e as Error).message.split('\n')[0]}`,
      'Pass a JSON file (see docs/reconcile.md, "Lexicon").',
    );
  }
  const r = lexiconOverrideSchema.safeParse(raw);
  if (!r.success)
    throw new UsageError(
      `lexicon ${file}: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`,
      'Fix that field (docs/reconcile.md, "Lexicon").',
    );
  return r.data;
}

function pickExtractor(name: string | undefined): Extractor | undefined {
  const model = modelConfig();
  const key = model.apiKey;
  const want = name ?? (key ? 'claude' : 'offline');
  if (want === 'offline') return undefined;
  if (want !== 'claude') throw new UsageError(`--extractor must be offline or claude, got "${want}"`);
  if (!key)
    throw new UsageError(
      '--extractor claude needs ANTHROPIC_API_KEY',
      'Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a proxy), or use --extractor offline.',
    );
  return claudeExtractor({ apiKey: key, baseURL: model.baseURL, model: model.model });
}

function loginName(): string | undefined {
  try {
    return process.env['USER'] ?? process.env['USERNAME'] ?? userInfo().username;
  } catch {
    return undefined;
  }
}

export async function reconcileCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'reconcile',
    argv,
    {
      owner: { type: 'string' },
      update: { type: 'string' },
      'as-of': { type: 'string' },
      'received-at': { type: 'string' },
      json: { type: 'boolean' },
      apply: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      'yes-stages': { type: 'boolean' },
      as: { type: 'string' },
      extractor: { type: 'string' },
      'min-confidence': { type: 'string' },
      lexicon: { type: 'string' },
    },
    0,
  );
  if (values.help) {
    io.out(RECONCILE_HELP);
    return 0;
  }
  if (!values.owner) throw new UsageError('reconcile: which AE? pass --owner ID|EMAIL', 'Run `mis reconcile --help`.');
  if (!values.update)
    throw new UsageError('reconcile: which update? pass --update FILE (or - for stdin)', 'Run `mis reconcile --help`.');
  if (values['yes-stages'] && !values.yes)
    throw new UsageError(
      '--yes-stages only goes with --yes',
      'Add --yes, or leave both out to be asked on a terminal.',
    );
  // Everything about the input is checked before connecting: a bad update costs no sync and writes nothing.
  const text = decodeUpdate(
    readUpdate(values.update),
    values.update === '-' ? 'the update (stdin)' : `the update ${values.update}`,
  );
  const lexiconOverride = readLexicon(values.lexicon);
  const extractor = pickExtractor(values.extractor);
  const minRaw = values['min-confidence'];
  const minConfidence = minRaw === undefined ? undefined : Number(minRaw);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new UsageError(
      `--min-confidence ${minRaw}: not a number from 0 to 1`,
      'Pass e.g. --min-confidence 0.6 (the default); lower shows more, higher proposes less.',
    );
  }
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (values.apply && !values.yes && !interactive) {
    throw new UsageError(
      'reconcile --apply: not on a terminal, so no one can be asked',
      'Pass --yes to apply the non-stage changes (and --yes-stages for stage changes), or run on a terminal.',
    );
  }
  const config = loadConfig();
  const asOf = isoOption('as-of', values['as-of']);
  const receivedAtOption = isoOption('received-at', values['received-at']);
  const session = await openAnalysis(config, { asOf, onProgress: (m) => io.progress(m) });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner)!;
    const receivedAt = receivedAtOption ?? new Date(ctx.asOf).toISOString();
    const lexicon = buildLexicon(lexiconOverride, competitorsOf(ctx));
    const outcome = await reconcileUpdate({
      ctx,
      ownerId,
      text,
      lexicon,
      receivedAt,
      ...(extractor ? { extractor } : {}),
      ...(minConfidence !== undefined ? { minConfidence } : {}),
    });
    const crm = session.conn.crm;
    const writes = isCrmWriter(crm) ? new WriteService({ crm, state, stateDir: config.stateDir }) : null;
    const result = writes
      ? withoutApplied(outcome.result, appliedFrom(writes, outcome.updateId)).result
      : outcome.result;
    const owner = ctx.data.crm.owners.find((o) => o.id === ownerId)!;
    const labels = new Map(ctx.data.crm.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.label] as const)));
    const dealNames = new Map(ctx.data.crm.deals.map((d) => [d.id, d.name] as const));
    const companyNames = new Map(ctx.data.crm.companies.map((c) => [c.id, c.name] as const));
    const rc: RenderContext = {
      ownerName: owner.name,
      currency: ctx.currency,
      timezone: ctx.timezone,
      stageLabel: (id) => labels.get(id) ?? id,
      dealName: (id) => dealNames.get(id) ?? id,
      companyName: (id) => companyNames.get(id) ?? id,
    };

    let applied: AppliedChange[] | undefined;
    if (values.apply) {
      if (!writes)
        throw new UsageError(
          'this connection cannot write to the CRM',
          'Check HUBSPOT_ACCESS_TOKEN has the write scopes (docs/writes.md).',
        );
      if (!values.json) io.out(renderReconciliation(result, rc));
      const approver = (values.as ?? loginName() ?? '').trim();
      if (!approver) throw new UsageError('cannot tell who approves: pass --as NAME');
      applied = await applyProposals(
        result,
        { writes, actor: owner.email ?? `owner:${ownerId}`, approver, source: outcome.updateId },
        {
          yes: Boolean(values.yes),
          yesStages: Boolean(values['yes-stages']),
          ...(values.yes
            ? {}
            : {
                ask: (change, d, i, n) =>
                  ask(
                    io,
                    `[${i}/${n}] ${differenceKind(d.type)} · ${describeChange(change, rc)}\n      “${d.quote ?? d.mention}”`,
                  ),
              }),
        },
      );
    }
    const recorded = { ...result, ...(applied ? { applied } : {}) };
    recordReconciliation(
      state,
      {
        id: outcome.updateId,
        ownerId,
        receivedAt,
        source: values.update === '-' ? 'stdin' : 'file',
        text: outcome.text,
      },
      { id: randomUUID(), runAt: new Date().toISOString(), json: JSON.stringify(recorded) },
    );
    if (values.json) printJson(io, recorded);
    else {
      if (!applied) io.out(renderReconciliation(result, rc));
      else io.out(renderApplied(applied, rc));
      const stages = result.discrepancies.filter(
        (d) => d.type === 'stage_mismatch' || d.type === 'lost_not_closed',
      ).length;
      const recordedLine =
        `Recorded as ${outcome.updateId}${stages ? `; ${stages} stage mismatch${stages > 1 ? 'es' : ''} will show in the next \`mis check\`` : ''}.` +
        (!applied && result.discrepancies.some((d) => d.proposedUpdates.length)
          ? ` To apply: mis reconcile --owner ${owner.email ?? ownerId} --update ${values.update} --apply`
          : '');
      const width = terminalWidth();
      io.out(`\n${width ? wrapText(recordedLine, width).join('\n') : recordedLine}`);
    }
    return applied?.some((a) => a.status === 'failed') ? 1 : 0;
  } finally {
    await session.close();
  }
}

async function ask(io: Io, what: string): Promise<boolean> {
  io.err(what);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Apply this change to HubSpot? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
