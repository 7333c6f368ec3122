/**
 * weekly-momentum: the weekly-report-generation workflow. On a small hand-built portal every number (moves per
 * category and per AE, the waterfall) must equal the values computed by hand; on every portal the narrative
 * (headline, highlights) may cite only real deals, and only deals that moved this week.
 */
import { z } from 'zod';
import { dealMomentumSchema, type DealMomentum } from '../../agent/index.js';
import { knownIds, runWorkflowOn } from '../product.js';
import { readEvalJson } from '../paths.js';
import { listShort } from '../scorers/set-overlap.js';
import { idsIn, onlyKnownIds } from '../scorers/text.js';
import { defineSuite, type EvalCase, type Scorer } from '../types.js';

const CATEGORIES = ['new', 'advanced', 'regressed', 'stalled', 'won', 'lost', 'pushed'] as const;
const LINES = ['start', 'created', 'reopened', 'increased', 'decreased', 'won', 'lost', 'end'] as const;

const countAmount = z.object({ count: z.number().int().nonnegative(), amount: z.number() });
const category = countAmount.extend({ dealIds: z.array(z.string()) });
const moves = z.object(
  Object.fromEntries(CATEGORIES.map((c) => [c, category])) as Record<(typeof CATEGORIES)[number], typeof category>,
);
export const expectedMomentumSchema = z.object({
  about: z.string(),
  team: moves,
  waterfall: z.object(
    Object.fromEntries(LINES.map((l) => [l, countAmount])) as Record<(typeof LINES)[number], typeof countAmount>,
  ),
  byOwner: z.record(z.string(), moves),
  /** Deals that must not appear anywhere (nothing happened to them this week). */
  absent: z.array(z.string()).default([]),
});
export type ExpectedMomentum = z.infer<typeof expectedMomentumSchema>;

const caseSchema = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  dataset: z.string().min(1),
  expected: z.string().optional(),
});

export interface MomentumCase extends EvalCase {
  dataset: string;
  expected: ExpectedMomentum | null;
}

export interface MomentumOutput {
  report: DealMomentum;
  knownIds: ReadonlySet<string>;
}

/** Every expected figure compared with the report's; the reason lists the first mismatches. */
export function compareMomentum(report: DealMomentum, want: ExpectedMomentum): { checked: number; wrong: string[] } {
  const wrong: string[] = [];
  let checked = 0;
  const eq = (path: string, got: unknown, exp: unknown) => {
    checked++;
    if (JSON.stringify(got) !== JSON.stringify(exp))
      wrong.push(`${path}: got ${JSON.stringify(got)}, want ${JSON.stringify(exp)}`);
  };
  const sameMoves = (path: string, got: DealMomentum['team'] | undefined, exp: z.infer<typeof moves>) => {
    for (const c of CATEGORIES) {
      eq(`${path}.${c}.count`, got?.[c].count ?? null, exp[c].count);
      eq(`${path}.${c}.amount`, got?.[c].amount ?? null, exp[c].amount);
      eq(`${path}.${c}.dealIds`, got ? [...got[c].dealIds].sort() : null, [...exp[c].dealIds].sort());
    }
  };
  sameMoves('team', report.team, want.team);
  for (const l of LINES) {
    eq(`waterfall.${l}.count`, report.waterfall[l].count, want.waterfall[l].count);
    eq(`waterfall.${l}.amount`, report.waterfall[l].amount, want.waterfall[l].amount);
  }
  for (const [owner, exp] of Object.entries(want.byOwner))
    sameMoves(
      `owner ${owner}`,
      report.byOwner.find((o) => o.ownerId === owner),
      exp,
    );
  const everywhere = new Set([
    ...CATEGORIES.flatMap((c) => report.team[c].dealIds),
    ...report.highlights.flatMap((h) => h.citations.map((x) => x.id)),
  ]);
  for (const id of want.absent) {
    checked++;
    if (everywhere.has(id)) wrong.push(`deal ${id} appears but nothing happened to it this week`);
  }
  return { checked, wrong };
}

const numbersExact: Scorer<MomentumCase, MomentumOutput> = {
  name: 'numbers_exact',
  description: 'every count, amount and deal list equals the hand-computed value',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }) {
    if (!c.expected) return { skipped: 'not applicable: no hand-computed values for this portal' };
    const { checked, wrong } = compareMomentum(output.report, c.expected);
    const score = 1 - wrong.length / checked;
    return {
      pass: wrong.length === 0,
      score,
      reason: wrong.length
        ? `${wrong.length} of ${checked} figures wrong: ${listShort(wrong, 3)}`
        : `all ${checked} figures match`,
    };
  },
};

const narrativeRealDeals: Scorer<MomentumCase, MomentumOutput> = {
  name: 'narrative_real_deals',
  description: 'headline and highlights cite only deals that exist and that moved this week',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    const r = output.report;
    const texts = [r.headline, ...r.highlights.map((h) => h.text)];
    const cited = r.highlights.flatMap((h) => h.citations.map((x) => x.id));
    const exists = onlyKnownIds(texts, cited, output.knownIds);
    if (!exists.pass) return exists;
    const moved = new Set([
      ...CATEGORIES.flatMap((c) => r.team[c].dealIds),
      ...r.byOwner.flatMap((o) => CATEGORIES.flatMap((c) => o[c].dealIds)),
    ]);
    const named = [...new Set([...texts.flatMap(idsIn), ...cited])];
    const still = named.filter((id) => !moved.has(id));
    if (still.length)
      return {
        pass: false,
        score: 1 - still.length / named.length,
        reason: `cites deals that did not move this week: ${listShort(still)}`,
      };
    return {
      pass: true,
      score: 1,
      reason: named.length ? `${named.length} deals cited, all real and all moved` : 'cites no deals',
    };
  },
};

const highlightsMatchCounts: Scorer<MomentumCase, MomentumOutput> = {
  name: 'highlights_match_counts',
  description: 'a highlight\'s "N deals …" equals the count of the category it cites',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    const r = output.report;
    const wrong: string[] = [];
    for (const h of r.highlights) {
      const n = Number(h.text.match(/^(\d+) deals?\b/)?.[1] ?? NaN);
      if (Number.isNaN(n)) continue;
      const ids = h.citations.map((x) => x.id);
      const cat = CATEGORIES.find(
        (c) => ids.length > 0 && ids.every((id) => r.team[c].dealIds.includes(id)) && r.team[c].count === n,
      );
      if (!cat) wrong.push(`"${h.text.slice(0, 50)}"`);
    }
    return wrong.length
      ? {
          pass: false,
          score: 1 - wrong.length / r.highlights.length,
          reason: `highlights whose count matches no category: ${listShort(wrong, 2)}`,
        }
      : { pass: true, score: 1, reason: `${r.highlights.length} highlights consistent with the numbers` };
  },
};

export const weeklyMomentum = defineSuite<MomentumCase, MomentumOutput>({
  name: 'weekly-momentum',
  description: 'weekly-report-generation workflow: numbers vs hand-computed values; narrative cites only real deals',
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'weekly-momentum/cases.json', z.array(caseSchema)).map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.hard ? { hard: true } : {}),
      dataset: c.dataset,
      expected: c.expected ? readEvalJson(evalsDir, `weekly-momentum/${c.expected}`, expectedMomentumSchema) : null,
    }));
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const run = await runWorkflowOn(session, 'weekly-report-generation', t.driver);
    return { report: dealMomentumSchema.parse(run.outcome.output), knownIds: knownIds(session.dataset) };
  },
  scorers: [numbersExact, narrativeRealDeals, highlightsMatchCounts],
});
