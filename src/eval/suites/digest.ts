/**
 * digest: today's AE digest (`mis digest --owner …`, src/notify) for every AE of each portal, checked by rules:
 * exactly one top action and it is the item with the most money at risk; at most 3 items at L3 or above; every
 * number in the rendered text comes from the digest model; the items' deals, owners, amounts and stages are the
 * portal's; no surveillance wording. Model-graded tone runs only with a key.
 */
import { z } from 'zod';
import { digestFor, renderText, type Digest } from '../../notify/index.js';
import { StateStore } from '../../state/index.js';
import type { PortalDataset } from '../../dataset/index.js';
import { readEvalJson } from '../paths.js';
import { rubricScorer } from '../scorers/model-graded.js';
import { listShort } from '../scorers/set-overlap.js';
import { noForbiddenPhrases } from '../scorers/text.js';
import { defineSuite, type EvalCase, type ScoreOutcome, type Scorer } from '../types.js';

const caseSchema = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  dataset: z.string().min(1),
});

export interface DigestCase extends EvalCase {
  dataset: string;
}

export interface DigestOutput {
  digests: Array<{ ownerId: string; digest: Digest; text: string }>;
  dataset: PortalDataset;
}

/** Wording that frames the digest as watching people rather than helping them (never allowed). */
export const SURVEILLANCE_PHRASES = [
  /\bwe (?:noticed|saw|caught|are watching|have been watching|monitor(?:ed)?)\b/i,
  /\b(?:watching|monitoring|tracking) (?:you|your)\b/i,
  /\byour manager (?:will be|has been|was) (?:told|notified|informed|alerted)\b/i,
  /\b(?:failed to|lazy|unacceptable|non-?complian(?:t|ce)|violation|negligen(?:t|ce)|reprimand)\b/i,
];

/** Digit groups as written ("₹15.2 L" → 15.2, "1,52,000" → 152000, "20 Nov 2026" → 20, 2026). */
export function digitGroups(text: string): string[] {
  return [...text.matchAll(/\d+(?:,\d+)*(?:\.\d+)?/g)].map((m) => {
    const n = m[0].replace(/,/g, '');
    return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
  });
}

/** Every digit group any value of the model holds (links, ids of nudges and the format tag are not sources). */
function modelDigits(d: Digest): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (key === 'links' || key === 'managerCc' || key === 'nudgeId' || key === 'format') return;
    if (typeof v === 'string') for (const g of digitGroups(v)) out.add(g);
    else if (typeof v === 'number') for (const g of digitGroups(String(v))) out.add(g);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(d, '');
  return out;
}

/** The rendered text without its one-tap links (their tokens are not numbers a person reads). */
function readable(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '');
}

function perDigest(
  name: string,
  description: string,
  threshold: number,
  rule: (d: { ownerId: string; digest: Digest; text: string }, output: DigestOutput) => string[] | null,
): Scorer<DigestCase, DigestOutput> {
  return {
    name,
    description,
    kind: 'deterministic',
    aggregate: 'mean',
    threshold,
    score({ output }): ScoreOutcome {
      const judged = output.digests.map((d) => ({ d, problems: rule(d, output) })).filter((x) => x.problems !== null);
      if (!judged.length) return { skipped: `not applicable: no digest in this case where ${name} applies` };
      const bad = judged.filter((x) => x.problems!.length);
      const score = 1 - bad.length / judged.length;
      return bad.length
        ? {
            pass: score >= threshold,
            score,
            reason: listShort(
              bad.map((x) => `owner ${x.d.ownerId}: ${x.problems!.join('; ')}`),
              2,
            ),
          }
        : { pass: true, score, reason: `${judged.length} digest(s) follow the rule` };
    },
  };
}

const oneTop = perDigest(
  'one_top_action',
  'exactly one top action, and it is the item with the most money at risk',
  1,
  ({ digest, text }) => {
    const problems: string[] = [];
    const tops = text.split('\n').filter((l) => l.trim() === 'TOP PRIORITY').length;
    if (tops !== 1) problems.push(`${tops} TOP PRIORITY sections`);
    const bigger = digest.more.filter((m) => m.moneyAtRisk > digest.top.moneyAtRisk);
    if (bigger.length)
      problems.push(`deal ${bigger[0]!.dealId} has more money at risk than the top item ${digest.top.dealId}`);
    return problems;
  },
);

const l3Max = perDigest('l3_max_items', 'at L3 or above, at most 3 items in all', 1, ({ digest }) =>
  digest.level >= 3
    ? 1 + digest.more.length > 3
      ? [`${1 + digest.more.length} items at L${digest.level}`]
      : []
    : null,
);

const numbersTraceable = perDigest(
  'numbers_traceable',
  'every number in the text is in the digest model',
  1,
  ({ digest, text }) => {
    const known = modelDigits(digest);
    const unknown = [...new Set(digitGroups(readable(text)).filter((g) => !known.has(g)))];
    return unknown.length ? [`numbers not in the model: ${listShort(unknown)}`] : [];
  },
);

const factsMatch = perDigest(
  'facts_match_data',
  "each item's deal, owner, amount and stage are the portal's",
  1,
  ({ ownerId, digest }, output) => {
    const problems: string[] = [];
    const stages = new Map(
      output.dataset.pipelines.deals.flatMap((p) => p.stages.map((s) => [`${p.id}:${s.id}`, s.label] as const)),
    );
    for (const it of [digest.top, ...digest.more]) {
      const deal = output.dataset.objects.deals?.find((d) => d.id === it.dealId);
      if (!deal) {
        problems.push(`deal ${it.dealId} does not exist`);
        continue;
      }
      const p = deal.properties as Record<string, string | null | undefined>;
      if (p['hubspot_owner_id'] !== ownerId)
        problems.push(`deal ${it.dealId} belongs to ${p['hubspot_owner_id'] ?? 'nobody'}`);
      const amount = p['amount'] ? Number(p['amount']) : null;
      if (amount !== it.amount) problems.push(`deal ${it.dealId} amount ${it.amount}, the portal says ${amount}`);
      const stage = stages.get(`${p['pipeline']}:${p['dealstage']}`);
      if (stage !== it.stage) problems.push(`deal ${it.dealId} stage "${it.stage}", the portal says "${stage}"`);
      if (!it.headline.includes(it.name)) problems.push(`deal ${it.dealId}: the headline does not name ${it.name}`);
    }
    return problems;
  },
);

const noSurveillance: Scorer<DigestCase, DigestOutput> = {
  name: 'no_surveillance_wording',
  description: 'no wording that frames the digest as watching or blaming the AE',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    if (!output.digests.length) return { skipped: 'not applicable: no digest in this case' };
    return noForbiddenPhrases(
      output.digests.map((d) => readable(d.text)),
      SURVEILLANCE_PHRASES,
    );
  },
};

const tone = rubricScorer<DigestCase, DigestOutput>({
  name: 'tone',
  description: 'model-graded: helpful, specific, respectful; one clear action',
  rubric:
    'Score how well this daily sales digest helps the salesperson: it is respectful (never blaming or surveilling), specific (names the deal, the amount, the days), and makes one clear next action obvious. 1.0 = all three fully; 0.0 = blaming or vague with no clear action.',
  threshold: 0.7,
  textOf: ({ output }) =>
    output.digests
      .map((d) => readable(d.text))
      .slice(0, 3)
      .join('\n\n---\n\n'),
});

export const digestSuite = defineSuite<DigestCase, DigestOutput>({
  name: 'digest',
  description:
    "today's AE digest (src/notify) for every AE: one top action, ≤ 3 items at L3, numbers from the model, facts from the portal",
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'digest/cases.json', z.array(caseSchema)).map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.hard ? { hard: true } : {}),
      dataset: c.dataset,
    }));
  },
  async task(c, t) {
    // The digest is built by code (no driver); both driver columns run the same path.
    const session = await t.product.session(c.dataset);
    const state = new StateStore(':memory:');
    try {
      const owners = [
        ...new Set(
          (session.dataset.objects.deals ?? [])
            .map((d) => (d.properties as Record<string, string | null | undefined>)['hubspot_owner_id'])
            .filter((o): o is string => Boolean(o)),
        ),
      ].sort();
      const digests: DigestOutput['digests'] = [];
      for (const ownerId of owners) {
        const r = digestFor({ ctx: session.ctx, state }, ownerId);
        if (r.digest) digests.push({ ownerId, digest: r.digest, text: renderText(r.digest) });
      }
      return { digests, dataset: session.dataset };
    } finally {
      state.close();
    }
  },
  scorers: [oneTop, l3Max, numbersTraceable, factsMatch, noSurveillance, tone],
});
