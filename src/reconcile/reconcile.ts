/**
 * Reconcile one AE update against the CRM: extract the mentions and their claims, match each to a deal,
 * compare, and measure coverage. Pure over an AnalysisContext: nothing here writes.
 */
import type { AnalysisContext } from '../analysis/index.js';
import { compareMention, type ClaimTally } from './compare.js';
import { coverageOf } from './coverage.js';
import { UpdateInputError } from './errors.js';
import { extractOffline } from './extract-offline.js';
import { decodeUpdate, updateIdOf } from './input.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { matchMentions } from './match.js';
import type { DateContext } from './parse/dates.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';
import {
  reconcileResultSchema,
  type Discrepancy,
  type Extraction,
  type ReconcileMention,
  type ReconcileResult,
} from './schema.js';

export interface Extractor {
  readonly name: 'offline' | 'claude';
  extract(text: string, opts: DateContext & { lexicon: Lexicon; vocabulary?: Vocabulary }): Promise<Extraction>;
}

export const offlineExtractor: Extractor = {
  name: 'offline',
  extract: async (text, opts) => extractOffline(text, opts),
};

export interface ReconcileOptions {
  ctx: AnalysisContext;
  ownerId: string;
  text: string;
  lexicon?: Lexicon;
  extractor?: Extractor;
  /** When the update was sent (default: the context's asOf). */
  receivedAt?: string;
  /** Discrepancies less sure than this go to `candidates` ("check"), never to proposals (default MIN_CONFIDENCE). */
  minConfidence?: number;
}

/**
 * The default --min-confidence. Chosen on an independently written development set: strong anchors (a name as
 * written, initials, an old deal name, "new" + a proper name) score 0.75 and up; a contact-only mention that nothing
 * else confirms, or a list item headed by an unknown name with no "new", scores 0.5-0.6.
 */
export const MIN_CONFIDENCE = 0.6;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** How sure one discrepancy is: the mention's match, times how plainly the claim was written. */
function confidenceOf(d: Discrepancy, m: { activities: Array<{ date: unknown }> }, matchConfidence: number): number {
  let claim = 1;
  if (d.type === 'unlogged_activity' && m.activities.every((a) => a.date === null)) claim = 0.8;
  if (d.type === 'stale_deal') claim = 0.9;
  return round2(Math.max(0, Math.min(1, matchConfidence * claim)));
}

export interface ReconcileOutcome {
  result: ReconcileResult;
  extraction: Extraction;
  updateId: string;
  text: string;
}

export async function reconcileUpdate(opts: ReconcileOptions): Promise<ReconcileOutcome> {
  const { ctx, ownerId } = opts;
  const text = decodeUpdate(opts.text);
  const owner = ctx.data.crm.owners.find((o) => o.id === ownerId);
  if (!owner) {
    throw new UpdateInputError(
      `no owner ${ownerId} in this portal`,
      `Use one of: ${ctx.data.crm.owners
        .filter((o) => !o.archived)
        .map((o) => `${o.id} (${o.email ?? o.name})`)
        .join(', ')}.`,
    );
  }
  const lexicon = opts.lexicon ?? buildLexicon({}, ctx.config.risk.competitors);
  const extractor = opts.extractor ?? offlineExtractor;
  const vocabulary = buildVocabulary(ctx, ownerId, lexicon);
  const extraction = await extractor.extract(text, { asOf: ctx.asOf, timezone: ctx.timezone, lexicon, vocabulary });
  if (extraction.mentions.length === 0) {
    throw new UpdateInputError(
      'found no deal mentions in the update',
      'Name each deal and what happened, one per line, e.g. "Forace grp: POC on, 15.2L, PO by 15th"; nothing was recorded.',
    );
  }
  const { matches, warnings } = matchMentions(ctx, ownerId, extraction.mentions, lexicon.products);
  // A piece with no name of its own and no company found in it is not a mention (a greeting, a sign-off).
  const kept = extraction.mentions
    .map((m, i) => ({ m, r: matches[i]! }))
    .filter(({ m, r }) => m.name !== null || r.dealId !== null || r.companyId !== null);
  if (kept.length === 0) {
    throw new UpdateInputError(
      'found no deal mentions in the update',
      'Name each deal and what happened, one per line, e.g. "Forace grp: POC on, 15.2L, PO by 15th"; nothing was recorded.',
    );
  }
  // Several names and none of them known, none called new in so many words: the wrong AE or the wrong portal, not a
  // list of new deals (one unknown name with stage words is one missing deal).
  const saysNew = (m: (typeof kept)[number]['m']) => m.newDeal && /\bnew\b/i.test(m.text);
  const unknown = (x: (typeof kept)[number]) => x.r.dealId === null && x.r.companyId === null;
  if (
    kept.every(({ m, r }) => r.dealId === null && r.companyId === null && !m.newDeal) ||
    (kept.length >= 2 && kept.every((x) => unknown(x) && !saysNew(x.m)))
  ) {
    const names = kept.map(({ m }) => m.name ?? m.text).slice(0, 6);
    throw new UpdateInputError(
      `none of the ${kept.length} companies in the update is in the CRM (${names.join(', ')})`,
      `Check that this is ${owner.name}'s update and the right portal (MIS_DATASET / HUBSPOT_ACCESS_TOKEN); new deals can be created in HubSpot first. Nothing was recorded.`,
    );
  }
  const receivedAt = opts.receivedAt ?? ctx.asOf;
  const minConfidence = opts.minConfidence ?? MIN_CONFIDENCE;
  const discrepancies: Discrepancy[] = [];
  const candidates: Discrepancy[] = [];
  const tallies: ClaimTally[] = [];
  const mentions: ReconcileMention[] = [];
  for (const { m, r } of kept) {
    const c = compareMention({ ctx, ownerId, lexicon, receivedAt }, m, r, owner.name);
    for (const d of c.discrepancies) {
      const confidence = confidenceOf(d, m, r.confidence);
      // Below the threshold: a thing to check, never a proposed change (and never a deal created from it).
      if (confidence < minConfidence) candidates.push({ ...d, confidence, proposedUpdates: [] });
      else discrepancies.push({ ...d, confidence });
    }
    tallies.push(c.tally);
    mentions.push({
      text: m.text,
      dealId: r.dealId,
      confidence: r.confidence,
      name: m.name,
      companyId: r.companyId,
      matchedName: r.matchedName,
      ...(r.note ? { note: r.note } : {}),
      claims: m,
    });
  }
  const updateId = updateIdOf(ownerId, text);
  const result = reconcileResultSchema.parse({
    owner: ownerId,
    asOf: ctx.asOf,
    mentions,
    discrepancies,
    coverage: coverageOf(tallies, mentions.filter((m) => m.dealId !== null).length, mentions.length),
    updateId,
    extractor: extractor.name,
    minConfidence,
    ...(candidates.length ? { candidates } : {}),
    ...(warnings.length || extraction.warnings?.length
      ? { warnings: [...(extraction.warnings ?? []), ...warnings] }
      : {}),
  });
  return { result, extraction, updateId, text };
}
