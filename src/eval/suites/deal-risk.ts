/**
 * deal-risk: the deal-risk-analysis workflow, run for each AE (and once for the team), on each eval portal; the
 * deals it flags and their signals against labels (the generator's risk plants, reviewed), per signal.
 * going_cold and smartlead_silence are not scored: no labels exist for them yet (see evals/README.md).
 */
import { z } from 'zod';
import { dealRiskReportSchema, type DealRiskReport } from '../../agent/index.js';
import { RISK_SIGNALS } from '../../analysis/risk/index.js';
import { knownIds, runWorkflowOn } from '../product.js';
import { readEvalJson } from '../paths.js';
import { listShort, setScore } from '../scorers/set-overlap.js';
import { onlyKnownIds } from '../scorers/text.js';
import { defineSuite, type EvalCase, type Scorer } from '../types.js';

type Signal = (typeof RISK_SIGNALS)[number];
export const SCORED_SIGNALS = [
  'close_date_pushed',
  'no_next_activity',
  'single_threaded',
  'competitor_mentioned',
  'amount_decreased',
  'stage_regression',
] as const satisfies readonly Signal[];

const caseSchema = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  hard: z.boolean().optional(),
  dataset: z.string().min(1),
  labels: z.string().min(1),
});
export const riskLabelsSchema = z.object({
  dataset: z.string(),
  asOf: z.string(),
  scoredSignals: z.array(z.enum(RISK_SIGNALS)),
  labels: z.array(
    z.object({
      signal: z.enum(RISK_SIGNALS),
      dealId: z.string(),
      source: z.enum(['planted', 'review']),
      note: z.string().optional(),
    }),
  ),
  dropped: z.array(z.object({ signal: z.enum(RISK_SIGNALS), dealId: z.string(), why: z.string() })),
  clean: z.array(z.object({ dealId: z.string(), note: z.string() })),
});

export interface RiskCase extends EvalCase {
  dataset: string;
  labels: z.infer<typeof riskLabelsSchema>;
}

export interface RiskOutput {
  /** signal|dealId for every factor of every deal the reports list. */
  flagged: Set<string>;
  reports: DealRiskReport[];
  /** Reports that list fewer deals than they count at risk (cut at 25). */
  truncated: string[];
  knownIds: ReadonlySet<string>;
}

const F1_THRESHOLD = 0.6;

function perSignal(signal: (typeof SCORED_SIGNALS)[number]): Scorer<RiskCase, RiskOutput> {
  return {
    name: `f1:${signal}`,
    description: `deals flagged with ${signal} against the labels`,
    kind: 'deterministic',
    aggregate: 'f1',
    threshold: F1_THRESHOLD,
    score({ case: c, output }) {
      const want = c.labels.labels.filter((l) => l.signal === signal).map((l) => l.dealId);
      const got = [...output.flagged].filter((k) => k.startsWith(`${signal}|`)).map((k) => k.slice(signal.length + 1));
      return setScore(want, got, F1_THRESHOLD);
    },
  };
}

const flaggedDeals: Scorer<RiskCase, RiskOutput> = {
  name: 'f1:deals',
  description: 'deals flagged with any scored signal against the deals labelled with one',
  kind: 'deterministic',
  aggregate: 'f1',
  threshold: 0.7,
  score({ case: c, output }) {
    const scored = new Set<string>(SCORED_SIGNALS);
    const want = new Set(c.labels.labels.filter((l) => scored.has(l.signal)).map((l) => l.dealId));
    const got = new Set([...output.flagged].filter((k) => scored.has(k.split('|')[0]!)).map((k) => k.split('|')[1]!));
    return setScore(want, got, 0.7);
  },
};

const cleanDeals: Scorer<RiskCase, RiskOutput> = {
  name: 'clean_deals',
  description: 'deals labelled clean (a deal with no problem) get no risk factor',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ case: c, output }) {
    if (!c.labels.clean.length) return { skipped: 'not applicable: no deal labelled clean in this case' };
    const hit = c.labels.clean.filter((d) => [...output.flagged].some((k) => k.endsWith(`|${d.dealId}`)));
    return hit.length
      ? {
          pass: false,
          score: 1 - hit.length / c.labels.clean.length,
          reason: `risk factors on deals labelled clean: ${listShort([...output.flagged].filter((k) => hit.some((d) => k.endsWith(`|${d.dealId}`))))}`,
        }
      : { pass: true, score: 1, reason: `${c.labels.clean.length} clean deal(s), no factor` };
  },
};

const explained: Scorer<RiskCase, RiskOutput> = {
  name: 'factors_explained',
  description:
    'every factor states its evidence (a number, date or quote; for no next step, what is missing), and no report is cut off',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.95,
  score({ output }) {
    const unique = new Map(
      output.reports.flatMap((r) =>
        r.deals.flatMap((d) => d.factors.map((f) => [`${f.signal}|${d.dealId}`, { deal: d.dealId, f }] as const)),
      ),
    );
    const factors = [...unique.values()];
    // Evidence: a number, a date or a quote; an absence ("no future task or meeting") is its own evidence.
    const bare = factors.filter(
      ({ f }) =>
        !/\d|["“]/.test(f.explanation) &&
        !(f.signal === 'no_next_activity' && /\bno (future )?task|meeting/i.test(f.explanation)),
    );
    const problems = [
      ...(bare.length ? [`no evidence in ${listShort(bare.map((b) => `${b.f.signal} on ${b.deal}`))}`] : []),
      ...(output.truncated.length ? [`cut off: ${output.truncated.join(', ')}`] : []),
    ];
    const score = factors.length ? 1 - bare.length / factors.length : 1;
    return {
      pass: score >= 0.95 && !output.truncated.length,
      score: output.truncated.length ? Math.min(score, 0.5) : score,
      reason: problems.length ? problems.join('; ') : `${factors.length} factors, each with its evidence`,
    };
  },
};

const headlineIds: Scorer<RiskCase, RiskOutput> = {
  name: 'headline_ids_real',
  description: 'headlines and citations name only deals that exist',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 1,
  score({ output }) {
    return onlyKnownIds(
      output.reports.map((r) => r.headline),
      output.reports.flatMap((r) => r.citations.map((x) => x.id)),
      output.knownIds,
    );
  },
};

export const dealRisk = defineSuite<RiskCase, RiskOutput>({
  name: 'deal-risk',
  description: 'deal-risk-analysis workflow per AE: flagged deals and signals vs labels',
  loadCases(evalsDir) {
    return readEvalJson(evalsDir, 'deal-risk/cases.json', z.array(caseSchema)).map((c) => ({
      id: c.id,
      description: c.description,
      ...(c.hard ? { hard: true } : {}),
      dataset: c.dataset,
      labels: readEvalJson(evalsDir, `deal-risk/${c.labels}`, riskLabelsSchema),
    }));
  },
  async task(c, t) {
    const session = await t.product.session(c.dataset);
    const crm = session.ctx.data.crm;
    const owners = [...new Set(crm.deals.map((d) => d.ownerId).filter((o): o is string => o !== null))].sort();
    const reports: DealRiskReport[] = [];
    const truncated: string[] = [];
    // Per AE (each report lists at most 25 deals), then the team run the schedule makes.
    for (const owner of [...owners, undefined]) {
      const run = await runWorkflowOn(session, 'deal-risk-analysis', t.driver, owner ? { owner } : {});
      const report = dealRiskReportSchema.parse(run.outcome.output);
      reports.push(report);
      if (owner && report.atRisk > report.deals.length)
        truncated.push(`owner ${owner}: ${report.deals.length} of ${report.atRisk}`);
    }
    const flagged = new Set(
      reports.flatMap((r) => r.deals.flatMap((d) => d.factors.map((f) => `${f.signal}|${d.dealId}`))),
    );
    return { flagged, reports, truncated, knownIds: knownIds(session.dataset) };
  },
  scorers: [...SCORED_SIGNALS.map(perSignal), flaggedDeals, cleanDeals, explained, headlineIds],
});
