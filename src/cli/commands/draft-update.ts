/** `mis draft-update`: next week's update for an AE, drafted from the CRM in the AE's usual shape. */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { buildLexicon, draftUpdate, DRAFT_STYLES, styleOf, type DraftStyle } from '../../reconcile/index.js';
import { openAnalysis } from '../../session/index.js';
import { competitorsOf } from '../../analysis/index.js';
import { aeUpdatesOf } from '../../state/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

export const DRAFT_UPDATE_HELP = `Usage: mis draft-update --owner ID|EMAIL [--style tidy|lines|sparse] [--out FILE] [--as-of ISO] [--json]

Drafts the AE's weekly update from the CRM — deals that moved, were touched this week or close within 30 days,
with stage, amount (₹ lakh/crore), close date, this week's calls and the next step — so the AE corrects it
instead of writing it. The shape follows the AE's last recorded update (mis reconcile) unless --style is given.
  --out   write the draft to FILE as well
  --json  {"owner","asOf","style","text","lines":[{dealId,text,why}]}`;

export async function draftUpdateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'draft-update',
    argv,
    {
      owner: { type: 'string' },
      style: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  if (values.help) {
    io.out(DRAFT_UPDATE_HELP);
    return 0;
  }
  if (!values.owner)
    throw new UsageError('draft-update: which AE? pass --owner ID|EMAIL', 'Run `mis draft-update --help`.');
  if (values.style !== undefined && !(DRAFT_STYLES as readonly string[]).includes(values.style))
    throw new UsageError(`--style must be one of ${DRAFT_STYLES.join(', ')}, got "${values.style}"`);
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const { ctx, state } = session;
    const ownerId = resolveOwner(ctx.data.crm.owners, values.owner)!;
    const previous =
      aeUpdatesOf(state, ownerId, 1)[0]?.text ??
      sandboxUpdate(session.conn.sandbox?.store.extensions().aeUpdates, ownerId);
    const style = (values.style as DraftStyle | undefined) ?? styleOf(previous);
    const draft = draftUpdate(ctx, ownerId, buildLexicon({}, competitorsOf(ctx)), { style });
    if (values.out) writeFileSync(values.out, `${draft.text}\n`);
    if (values.json) printJson(io, draft);
    else io.out(draft.text);
    return 0;
  } finally {
    await session.close();
  }
}

/** The demo dataset's update for this AE, if the sandbox carries one (for the AE's usual shape). */
function sandboxUpdate(updates: unknown, ownerId: string): string | undefined {
  if (!Array.isArray(updates)) return undefined;
  const hit = updates.find(
    (u): u is { ownerId: string; text: string } =>
      typeof u === 'object' &&
      u !== null &&
      (u as { ownerId?: unknown }).ownerId === ownerId &&
      typeof (u as { text?: unknown }).text === 'string',
  );
  return hit?.text;
}
