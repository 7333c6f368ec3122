/**
 * People read names, not ids: on the demo portal, no line of the human reports shows a record id without the
 * record's name (the id may follow as a trailing reference), and at 80 columns no line is wider than 80 and no
 * word is cut. Runs the CLI in-process through main(argv, io).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePortal, demoDatasetPath } from '../../src/dataset/index.js';
import { runMain } from '../support/cli.js';
import { demoStateCopy } from '../support/demo-state.js';
import { bareIds, portalNames, widthProblems } from '../support/names-in-text.js';

const demo = parsePortal(JSON.parse(readFileSync(demoDatasetPath(), 'utf8')));
const names = portalNames(demo);
const env = () => ({
  MIS_STATE_DIR: demoStateCopy('mis-names-'),
  MIS_SANDBOX_LIMITS: 'off',
  MIS_SMARTLEAD_RPS: '200',
  COLUMNS: '80',
});

const METRICS =
  'funnel handoff sourced coverage velocity winloss forecast source attribution roi accounts cac ltv conversion attainment aging speed-to-lead lead-scores leaderboard budget channels mql-value';
const COMMANDS: string[][] = [
  ['start'],
  ['check'],
  ['check', '--all'],
  ['risk'],
  ['report', 'weekly'],
  ['scorecard'],
  ...METRICS.split(' ').map((m) => ['metrics', m]),
];

describe('human reports on the demo portal', () => {
  it('the checker itself finds a bare id and accepts a named one, also wrapped in a table cell', () => {
    const deal = demo.objects.deals[0]!;
    const name = String(deal.properties['dealname']);
    expect(bareIds(`Look at deal ${deal.id} today`, names)).toHaveLength(1);
    expect(bareIds(`Look at ${name} (deal ${deal.id}) today`, names)).toHaveLength(0);
    const words = name.split(' ');
    const half = Math.ceil(words.length / 2);
    const cell = `  high  ${words.slice(0, half).join(' ')}  ₹1 L\n        ${words.slice(half).join(' ')}\n        (${deal.id})`;
    expect(bareIds(cell, names)).toHaveLength(0);
    expect(widthProblems('x'.repeat(81), 80)).toHaveLength(1);
    expect(widthProblems('Control Towe…', 80)).toHaveLength(1);
  });

  for (const args of COMMANDS)
    it(`mis ${args.join(' ')}: names beside every id, nothing over 80 columns or cut`, async () => {
      const r = await runMain(args, env());
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).not.toBe('');
      const ids = bareIds(r.stdout, names).map(
        (p) => `line ${p.line}: ${p.kind} ${p.id} without "${p.expected[0]}": ${p.text}`,
      );
      expect(ids).toEqual([]);
      const width = widthProblems(r.stdout, 80).map((p) => `line ${p.line}: ${p.why}: ${p.text}`);
      expect(width).toEqual([]);
    }, 60_000);
});
