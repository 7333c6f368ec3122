/** The digest suite's rules bite: real digests pass; a number the model lacks, or surveillance wording, fails. */
import { afterAll, describe, expect, it } from 'vitest';
import { digestSuite, digitGroups, EVALS_DIR, ProductPool, type ScoreOutcome } from '../../src/eval/index.js';

const pool = new ProductPool(EVALS_DIR);
afterAll(() => pool.close());

const score = async (name: string, output: unknown): Promise<ScoreOutcome> =>
  digestSuite.scorers.find((s) => s.name === name)!.score({ case: { id: 'tidy', description: '' }, output });

describe('digest suite', () => {
  it('reads digit groups as written', () => {
    expect(digitGroups('₹15.20 L, 1,52,000 and 18 days on 20 Nov 2026')).toEqual([
      '15.2',
      '152000',
      '18',
      '20',
      '2026',
    ]);
  });

  it('passes the real digests and fails tampered text', { timeout: 30_000 }, async () => {
    const c = digestSuite.loadCases(EVALS_DIR).find((x) => x.id === 'tidy')!;
    const output = (await digestSuite.task(c, { driver: 'offline', evalsDir: EVALS_DIR, product: pool })) as {
      digests: Array<{ text: string }>;
    };
    expect(output.digests.length).toBeGreaterThan(0);
    expect(await score('numbers_traceable', output)).toMatchObject({ pass: true });
    expect(await score('one_top_action', output)).toMatchObject({ pass: true });
    const invented = {
      ...output,
      digests: output.digests.map((d, i) =>
        i === 0 ? { ...d, text: `${d.text}\nAlso: ₹97.3 L more is waiting.` } : d,
      ),
    };
    expect(await score('numbers_traceable', invented)).toMatchObject({
      pass: false,
      reason: expect.stringContaining('97.3'),
    });
    const watching = {
      ...output,
      digests: output.digests.map((d) => ({ ...d, text: `${d.text}\nWe noticed you failed to log your calls.` })),
    };
    expect(await score('no_surveillance_wording', watching)).toMatchObject({ pass: false });
    const twoTops = { ...output, digests: output.digests.map((d) => ({ ...d, text: `${d.text}\nTOP PRIORITY` })) };
    expect(await score('one_top_action', twoTops)).toMatchObject({ pass: false });
  });
});
