/**
 * The reconcile and ask suites on the committed data: their tasks run the real product path (reconcileUpdate;
 * `mis ask` over the product's MCP server), their scorers catch a missed or invented discrepancy, a refusal, an
 * answer that cites the wrong records; and a product change (stale threshold a week longer) makes the ask suite
 * regress against the baseline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { teamConfigSchema } from '../../src/config/index.js';
import {
  askSuite,
  citedRecords,
  EVALS_DIR,
  isSkipped,
  loadReconcileCases,
  ProductPool,
  reconcileSuite,
  runEval,
  type AskCase,
  type AskOutput,
  type ReconcileCase,
  type ReconcileOutput,
  type ScoreOutcome,
  type TaskContext,
} from '../../src/eval/index.js';

const env = { PATH: process.env['PATH'] ?? '' };
const pool = new ProductPool(EVALS_DIR);
afterAll(() => pool.close());
const ctx: TaskContext = { driver: 'offline', evalsDir: EVALS_DIR, product: pool };

async function scores(
  // eslint-disable-next-line @typescript-eslint/no-duplicate-type-constituents -- the two suites, named for the reader
  suite: typeof reconcileSuite | typeof askSuite,
  c: unknown,
  output: unknown,
): Promise<Map<string, ScoreOutcome>> {
  const out = new Map<string, ScoreOutcome>();
  for (const s of suite.scorers) out.set(s.name, await s.score({ case: c as never, output }));
  return out;
}
const outcome = (m: Map<string, ScoreOutcome>, name: string) => {
  const o = m.get(name)!;
  if (isSkipped(o)) throw new Error(`${name} skipped: ${o.skipped}`);
  return o;
};

describe('reconcile suite', () => {
  const cases = loadReconcileCases(EVALS_DIR);
  const byId = (id: string) => cases.find((c) => c.id === id)!;

  it("loads the hand-labelled snippets and each generated dataset's weekly updates", () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(cases.map((c) => c.datasetName))).toEqual(new Set(['demo', 'gen-s7-d60', 'gen-s2024-d160']));
    expect(cases.filter((c) => c.origin === 'generator').length).toBeGreaterThan(0);
    expect(
      cases
        .filter((c) => c.origin === 'generator')
        .some((c) => c.expected.some((e) => e.type === 'missing_deal' && e.dealId === null && e.name)),
    ).toBe(true);
  });

  it('counts a discrepancy the product missed, and one it invented, against its type', async () => {
    const c: ReconcileCase = byId('demo-04'); // stage_mismatch + close_date_mismatch on 4000332
    const out = (await reconcileSuite.task(c, ctx)) as ReconcileOutput;
    const right = await scores(reconcileSuite, c, out);
    expect(outcome(right, 'f1:overall')).toMatchObject({ pass: true, counts: { tp: 2, fp: 0, fn: 0 } });
    expect(right.get('f1:amount_mismatch')).toEqual({ skipped: expect.stringContaining('not applicable') });

    const missed = { ...out, discrepancies: out.discrepancies.filter((d) => d.type !== 'close_date_mismatch') };
    const m = await scores(reconcileSuite, c, missed);
    expect(outcome(m, 'f1:close_date_mismatch')).toMatchObject({
      pass: false,
      score: 0,
      counts: { tp: 0, fp: 0, fn: 1 },
    });
    expect(outcome(m, 'f1:close_date_mismatch').reason).toContain('missed close_date_mismatch 4000332');
    expect(outcome(m, 'f1:stage_mismatch').pass).toBe(true);

    const invented = {
      ...out,
      discrepancies: [...out.discrepancies, { ...out.discrepancies[0]!, type: 'stale_deal' as const }],
    };
    expect(outcome(await scores(reconcileSuite, c, invented), 'f1:stale_deal')).toMatchObject({
      pass: false,
      counts: { tp: 0, fp: 1, fn: 0 },
    });
  });

  it('scores a refused update with `reconciled`, not as a task error', async () => {
    // An update that names only companies the CRM does not have (made-up ones) is refused: the wrong AE or portal.
    const c = {
      ...byId('h-09'),
      id: 'refused',
      text: 'Zephyrine Quarries: demo done\nOrbelle Paints: proposal sent',
      expected: [],
    };
    const out = (await reconcileSuite.task(c, ctx)) as ReconcileOutput;
    expect(out.refused).toMatch(/none of the 2 companies/);
    const s = await scores(reconcileSuite, c, out);
    expect(outcome(s, 'reconciled')).toMatchObject({ pass: false, score: 0 });
    expect(outcome(s, 'f1:overall').pass).toBe(true); // labelled consistent: nothing was missed
  });
});

describe('ask suite', () => {
  const cases = askSuite.loadCases(EVALS_DIR) as AskCase[];
  const byId = (id: string) => cases.find((c) => c.id === id)!;

  it('has at least 12 questions, needs-a-model and hard ones among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.filter((c) => c.needsModel).length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => c.hard).length).toBeGreaterThanOrEqual(2);
  });

  it('a record is cited by a citation, its id in the text, or an owner named in full', async () => {
    const c = byId('coverage-tidy');
    const out = (await askSuite.task(c, ctx)) as AskOutput;
    expect(out.answer?.report).toBe('coverage');
    expect(out.answer?.citations).toEqual([]);
    expect(citedRecords(out, c.expected)).toEqual(new Set(['owner 71217', 'owner 71234']));
    const renamed = { ...out, answer: { ...out.answer!, answer: out.answer!.answer.replaceAll('Asha Rao', 'A. Rao') } };
    expect(outcome(await scores(askSuite, c, renamed), 'recall:expected')).toMatchObject({ pass: false, score: 0.5 });
  });

  it('offline "needs a model" passes only where the case expects it, and cites nothing', async () => {
    const out = (await askSuite.task(byId('needs-model-email-tidy'), ctx)) as AskOutput;
    expect(out.needsModel?.message).toMatch(/needs a model/);
    const s = await scores(askSuite, byId('needs-model-email-tidy'), out);
    expect(outcome(s, 'needs_model').pass).toBe(true);
    expect(outcome(s, 'ids_real').pass).toBe(true);
    expect(s.get('recall:expected')).toEqual({ skipped: expect.stringContaining('needs a model') });
    // The same refusal for a question the offline path should answer fails.
    expect(outcome(await scores(askSuite, byId('stale-smartlead-heavy'), out), 'needs_model').pass).toBe(false);
  });

  it('an invented id and a wrong record are caught', async () => {
    const c = byId('stale-mine-tidy');
    const out = (await askSuite.task(c, ctx)) as AskOutput;
    expect(outcome(await scores(askSuite, c, out), 'no_wrong_records').pass).toBe(true);
    const bad = {
      ...out,
      text: `${out.text}\nalso deal 4999999`,
      answer: { ...out.answer!, citations: [...out.answer!.citations, { type: 'deal' as const, id: '4000239' }] },
    };
    const s = await scores(askSuite, c, bad);
    expect(outcome(s, 'ids_real')).toMatchObject({ pass: false, reason: expect.stringContaining('4999999') });
    expect(outcome(s, 'no_wrong_records')).toMatchObject({
      pass: false,
      reason: expect.stringContaining('deal 4000239'),
    });
  });

  it(
    'a stale threshold a week longer makes the ask suite regress against the baseline',
    { timeout: 240_000 },
    async () => {
      const run = await runEval({
        suites: ['ask'],
        drivers: ['offline'],
        env,
        teamConfig: teamConfigSchema.parse({ stale: { defaultDays: 21 } }),
      });
      expect(run.ok).toBe(false);
      expect(run.comparison.regressions.length).toBeGreaterThan(0);
      // With 65 questions one stale miss moves the mean recall less than the tolerance; it still drops below 1.
      const recallMetric = run.suites[0]!.drivers[0]!.metrics.find((m) => m.scorer === 'recall:expected')!;
      expect(recallMetric.value).toBeLessThan(1);
      const edge = run.suites[0]!.drivers[0]!.cases.find((c) => c.caseId === 'stale-borderline-edge')!;
      const recall = edge.scores.find((s) => s.scorer === 'recall:expected')!.outcome;
      expect('reason' in recall && recall.reason).toContain('missed deal 4000116');
    },
  );
});
