/** The runner's parts on small hand-made suites: aggregation, thresholds, skipping, baseline comparison, reports. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aggregate,
  BASELINE_FORMAT,
  compareWithBaseline,
  defineSuite,
  evalRunSchema,
  findingKey,
  noForbiddenPhrases,
  onlyKnownIds,
  prf,
  renderMarkdown,
  renderScorecard,
  rubricScorer,
  runEval,
  setScore,
  updatedBaseline,
  writeReports,
  type Baseline,
  type EvalCase,
  type Scorer,
} from '../../src/eval/index.js';

interface ToyCase extends EvalCase {
  want: string[];
  got: string[];
  fail?: boolean;
}

const overlapScorer: Scorer<ToyCase, string[]> = {
  name: 'f1:items',
  description: 'items found',
  kind: 'deterministic',
  aggregate: 'f1',
  threshold: 0.8,
  score: ({ case: c, output }) => setScore(c.want, output, 0.8),
};
const lengthScorer: Scorer<ToyCase, string[]> = {
  name: 'short',
  description: 'at most two items',
  kind: 'deterministic',
  aggregate: 'mean',
  threshold: 0.5,
  score: ({ output }) => ({
    pass: output.length <= 2,
    score: output.length <= 2 ? 1 : 0,
    reason: `${output.length} items`,
  }),
};

function toySuite(cases: ToyCase[]) {
  return defineSuite<ToyCase, string[]>({
    name: 'toy',
    description: 'a suite made for the test',
    loadCases: () => cases,
    async task(c) {
      if (c.fail) throw new Error('the product broke');
      return c.got;
    },
    scorers: [
      overlapScorer,
      lengthScorer,
      rubricScorer<ToyCase, string[]>({
        name: 'tone',
        description: 'tone',
        rubric: 'kind',
        threshold: 0.7,
        textOf: ({ output }) => output.join(' '),
        env: {},
      }),
    ],
  });
}

const noKey = { PATH: process.env['PATH'] ?? '' };
const dir = mkdtempSync(join(tmpdir(), 'mis-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scorers', () => {
  it('set overlap: precision, recall, F1 and a reason naming what was missed and extra', () => {
    const r = setScore(['a', 'b', 'c', 'd'], ['a', 'b', 'x'], 0.5);
    expect(r.counts).toEqual({ tp: 2, fp: 1, fn: 2 });
    expect(r.score).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 10);
    expect(r.pass).toBe(true);
    expect(r.reason).toContain('missed c, d');
    expect(r.reason).toContain('not labelled x');
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 2, fn: 0 }).f1).toBe(0);
  });

  it('ids in text must exist; forbidden phrases are found case-insensitively', () => {
    const known = new Set(['4000101']);
    expect(onlyKnownIds(['deal 4000101 moved'], ['4000101'], known).pass).toBe(true);
    const bad = onlyKnownIds(['deal 4000101 and deal 4999999'], [], known);
    expect(bad.pass).toBe(false);
    expect(bad.reason).toContain('4999999');
    expect(noForbiddenPhrases(['We are WATCHING your activity'], [/watching your/i]).pass).toBe(false);
    expect(noForbiddenPhrases(['Log the call with Ravi'], [/watching your/i]).pass).toBe(true);
  });

  it('a model-graded scorer without a key is skipped, not passed', async () => {
    const s = rubricScorer<ToyCase, string>({
      name: 'tone',
      description: 't',
      rubric: 'r',
      threshold: 0.7,
      textOf: ({ output }) => output,
      env: {},
    });
    expect(await s.score({ case: { id: 'x', description: 'x', want: [], got: [] }, output: 'hi' })).toEqual({
      skipped: expect.stringContaining('no key'),
    });
  });

  it('matches SmartLead findings by email and duplicates as unordered pairs', () => {
    expect(
      findingKey({ check: 'smartlead_unsynced', objectType: 'contact', objectId: '3001', email: ' A@B.example ' }),
    ).toBe(findingKey({ check: 'smartlead_unsynced', objectType: 'contact', objectId: null, email: 'a@b.example' }));
    expect(findingKey({ check: 'duplicate_company', objectType: 'company', objectId: '2', duplicateOf: '1' })).toBe(
      findingKey({ check: 'duplicate_company', objectType: 'company', objectId: '1', duplicateOf: '2' }),
    );
    expect(findingKey({ check: 'stale_deal', objectType: 'deal', objectId: '1' })).not.toBe(
      findingKey({ check: 'stale_deal', objectType: 'deal', objectId: '2' }),
    );
  });
});

describe('aggregation', () => {
  it('F1 is micro-averaged over the cases, not the mean of per-case F1', () => {
    const cases = [setScore(['a'], ['a'], 0.8), setScore(['b', 'c', 'd'], [], 0.8)].map((outcome) => ({
      error: null,
      outcome,
    }));
    const m = aggregate(overlapScorer, cases);
    // tp 1, fn 3: recall 0.25, precision 1 → F1 0.4 (the mean of per-case F1 would be 0.5)
    expect(m.value).toBe(0.4);
    expect(m.recall).toBe(0.25);
    expect(m.passed).toBe(1);
    expect(m.belowThreshold).toBe(true);
  });

  it('a metric skipped in every case has no value and is not below its threshold', () => {
    const m = aggregate(lengthScorer, [{ error: null, outcome: { skipped: 'skipped: no key' } }]);
    expect(m).toMatchObject({ value: null, skipped: 'skipped: no key', belowThreshold: false });
  });
});

describe('runEval on a toy suite', () => {
  const good: ToyCase[] = [
    { id: 'one', description: 'all found', want: ['a', 'b'], got: ['a', 'b'] },
    { id: 'two', description: 'nothing to find', want: [], got: [], hard: true },
  ];

  it('passes, shows the claude column as skipped without a key, and renders table, JSON and markdown', async () => {
    const run = await runEval({
      registry: [toySuite(good)],
      drivers: ['offline', 'claude'],
      baseline: null,
      env: noKey,
    });
    expect(evalRunSchema.parse(run)).toBeTruthy();
    expect(run.ok).toBe(true);
    const [offline, claude] = run.suites[0]!.drivers;
    expect(offline!.metrics.find((m) => m.scorer === 'f1:items')!.value).toBe(1);
    expect(offline!.metrics.find((m) => m.scorer === 'tone')!.skipped).toContain('no key');
    expect(claude!.skipped).toContain('no key');
    const text = renderScorecard(run);
    expect(text).toMatch(/f1:items\s+1\.00 \(P 1\.00 R 1\.00\)\s+2\/2/);
    expect(text).toContain('claude: skipped: no key');
    expect(text).toContain('baseline: none yet');
    const files = writeReports(dir, run);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(run)));
    expect(readFileSync(files.markdown, 'utf8')).toBe(renderMarkdown(run));
  });

  it('fails on a metric below its threshold and on a task error, naming the case', async () => {
    const run = await runEval({
      registry: [
        toySuite([
          ...good,
          { id: 'bad', description: 'misses', want: ['x', 'y', 'z'], got: ['q'] },
          { id: 'boom', description: 'throws', want: ['a'], got: [], fail: true },
        ]),
      ],
      baseline: null,
      env: noKey,
    });
    expect(run.ok).toBe(false);
    expect(run.failures.join('\n')).toContain('toy · offline · boom: the task failed: the product broke');
    expect(run.failures.join('\n')).toMatch(/f1:items 0\.00 is below its threshold 0\.8/);
    expect(renderScorecard(run)).toContain('bad · f1:items 0.00');
  });

  it('compares with the baseline: a drop beyond the tolerance fails, within it passes; --update-baseline accepts', async () => {
    const first = await runEval({ registry: [toySuite(good)], baseline: null, env: noKey });
    const base: Baseline = updatedBaseline(first.suites, null, first.startedAt);
    expect(base).toMatchObject({
      format: BASELINE_FORMAT,
      tolerance: 0.02,
      metrics: { toy: { offline: { 'f1:items': 1, short: 1 } } },
    });
    expect(base.metrics['toy']!['offline']).not.toHaveProperty('tone');
    // Within the tolerance: 0.99 recorded, 1.00 now → fine; then a real drop.
    const slightly = { ...base, metrics: { toy: { offline: { 'f1:items': 0.99, short: 1 } } } };
    expect(compareWithBaseline(first.suites, slightly).regressions).toEqual([]);
    const worse = await runEval({
      registry: [toySuite([good[0]!, { id: 'two', description: 'one missed', want: ['m', 'n'], got: ['m'] }])],
      baseline: base,
      env: noKey,
    });
    expect(worse.comparison.regressions).toEqual([
      { suite: 'toy', driver: 'offline', metric: 'f1:items', baseline: 1, current: 0.8571 },
    ]);
    expect(worse.ok).toBe(false);
    expect(renderScorecard(worse)).toContain('toy · offline · f1:items: 1.00 → 0.86');
    const accepted = updatedBaseline(worse.suites, base, worse.startedAt);
    expect(compareWithBaseline(worse.suites, accepted).regressions).toEqual([]);
  });

  it('a metric that disappeared is a regression; one never baselined is listed, not failed', () => {
    const base: Baseline = {
      format: BASELINE_FORMAT,
      tolerance: 0.02,
      updatedAt: 'x',
      metrics: { toy: { offline: { gone: 1 } } },
    };
    const suites = [
      {
        suite: 'toy',
        description: '',
        drivers: [
          {
            driver: 'offline' as const,
            skipped: null,
            ms: 0,
            cases: [],
            metrics: [aggregate(lengthScorer, [{ error: null, outcome: { pass: true, score: 1, reason: '' } }])],
          },
        ],
      },
    ];
    const c = compareWithBaseline(suites, base);
    expect(c.regressions).toEqual([{ suite: 'toy', driver: 'offline', metric: 'gone', baseline: 1, current: null }]);
    expect(c.unbaselined).toEqual([{ suite: 'toy', driver: 'offline', metric: 'short' }]);
  });
});
